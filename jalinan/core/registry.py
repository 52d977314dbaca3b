"""Extension points through which each app joins the shared pages without editing them.

An app registers, from its ``AppConfig.ready()``:

- **navigation items** (:func:`register_nav`): a link in the main menu or the *Office* menu,
  shown to the users a predicate admits;
- **panels** (:func:`register_panel`): a card on a shared page ("my_work" for the personal
  page, "partner_detail" for an organisation's page, "home" for the public front page,
  "project_detail" for a project's page, "opportunity_detail" for a pipeline item's,
  "memorandum_detail" for a memorandum's), whose context comes from a function that returns
  ``None`` when the panel has nothing for this user;
- **daily jobs** (:func:`register_daily_job`): work that ``manage.py run_daily`` (cron) and the
  Celery beat schedule run once a day. Each job must be idempotent: running it twice sends and
  writes nothing twice;
- **demo steps** (:func:`register_demo_step`): the app's part of ``manage.py seed_demo``;
- **the partner directory** (:func:`register_partner_directory`): what the partner sign-up and
  its approval (in ``accounts``) ask of the registry of organisations.

Shared pages render these in ``order`` and never know which apps exist; ``core`` and
``accounts`` import no domain app (``core/tests/test_layers.py`` fails if one does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

MENUS = ("main", "office")
SLOTS = (
    "my_work",
    "partner_detail",
    "home",
    "project_detail",
    "opportunity_detail",
    "memorandum_detail",
)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any  # a lazy translation
    url_name: str
    visible: Callable[[Any], bool]
    menu: str = "main"
    order: int = 100
    icon: str = ""


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100
    # Width on large screens, in Bootstrap columns (12 = full width).
    width: int = 6


@dataclass(frozen=True)
class DailyJob:
    key: str
    run: Callable[[], Any]
    description: str = ""
    order: int = 100


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, dict[str, Panel]] = {slot: {} for slot in SLOTS}
_JOBS: dict[str, DailyJob] = {}


def register_nav(
    key: str,
    *,
    label,
    url_name: str,
    visible: Callable[[Any], bool],
    menu: str = "main",
    order: int = 100,
    icon: str = "",
) -> NavItem:
    if menu not in MENUS:
        raise ValueError(f"Unknown menu {menu!r}; use one of {MENUS}")
    item = NavItem(key, label, url_name, visible, menu, order, icon)
    _NAV[key] = item
    return item


def nav_for(user, menu: str = "main") -> list[NavItem]:
    """The menu items ``user`` may see, in order. A failing predicate hides its item."""
    out = []
    for item in sorted(_NAV.values(), key=lambda i: (i.order, i.key)):
        if item.menu != menu:
            continue
        try:
            if item.visible(user):
                out.append(item)
        except Exception:  # noqa: BLE001 - one app's bug must not take the menu down
            log.exception("Navigation predicate %s failed", item.key)
    return out


def register_panel(
    slot: str,
    key: str,
    *,
    template: str,
    context: Callable[..., dict | None],
    order: int = 100,
    width: int = 6,
) -> Panel:
    """``context(request, obj)`` returns the panel's template context, or None to hide it."""
    if slot not in _PANELS:
        raise ValueError(f"Unknown panel slot {slot!r}; use one of {SLOTS}")
    panel = Panel(key, template, context, order, width)
    _PANELS[slot][key] = panel
    return panel


def panels_for(slot: str, request, obj=None) -> list[tuple[Panel, dict]]:
    """The panels of ``slot`` with something to show, each with its context."""
    out = []
    for panel in sorted(_PANELS[slot].values(), key=lambda p: (p.order, p.key)):
        ctx = panel.context(request, obj)
        if ctx is not None:
            out.append((panel, ctx))
    return out


def register_daily_job(key: str, run: Callable[[], Any], *, description: str = "", order=100):
    job = DailyJob(key, run, description, order)
    _JOBS[key] = job
    return job


def daily_jobs() -> list[DailyJob]:
    return sorted(_JOBS.values(), key=lambda j: (j.order, j.key))


# -- page benchmarks ---------------------------------------------------------------------------
# ``manage.py benchmark_pages --json`` (make bench) runs each registered benchmark against a
# throw-away database of its own making and prints what it returns. Timings live here, never
# in tests.


@dataclass(frozen=True)
class Benchmark:
    key: str
    run: Callable[..., dict]  # run(size: float) -> dict of measured figures
    description: str = ""


_BENCHMARKS: dict[str, Benchmark] = {}


def register_benchmark(key: str, run: Callable[..., dict], *, description: str = "") -> Benchmark:
    bench = Benchmark(key, run, description)
    _BENCHMARKS[key] = bench
    return bench


def benchmarks() -> list[Benchmark]:
    return sorted(_BENCHMARKS.values(), key=lambda b: b.key)


# -- demo data ---------------------------------------------------------------------------------
# ``manage.py seed_demo`` makes the institution and its units, then runs every registered step
# in ``order``, each in its own transaction. A step is a module, imported only when seeding (see
# jalinan/core/demo for the rules it follows), with ``seed(ctx)`` and, optionally,
# ``finish(ctx)`` (run once every step has seeded) and ``around()`` (a context manager the whole
# seeding runs inside).


@dataclass(frozen=True)
class DemoStep:
    key: str  # the app label: ``seed_demo --skip <key>`` leaves the step out
    module: str  # dotted path of the step's module
    order: int = 100


_DEMO_STEPS: dict[str, DemoStep] = {}


def register_demo_step(key: str, module: str, *, order: int = 100) -> DemoStep:
    step = DemoStep(key, module, order)
    _DEMO_STEPS[key] = step
    return step


def demo_steps() -> list[DemoStep]:
    return sorted(_DEMO_STEPS.values(), key=lambda s: (s.order, s.key))


# -- partner directory -------------------------------------------------------------------------
# A partner user belongs to an organisation of the partner registry. ``accounts`` offers the
# organisations to link an invitation or a sign-up to, shows an officer the registry's likely
# matches for the name a person gave, and registers a new organisation on approval, all through
# the one directory the registry's app registers.


@dataclass(frozen=True)
class PartnerDirectory:
    linkable: Callable[[], Any]  # () -> the queryset of organisations a user may belong to
    # (legal_name=, threshold=) -> likely matches, best first, each with an ``organisation``
    find_duplicates: Callable[..., list]
    create: Callable[..., Any]  # (by=, legal_name=) -> a new organisation, for a sign-up


_partner_directory: PartnerDirectory | None = None


def register_partner_directory(
    *, linkable: Callable[[], Any], find_duplicates: Callable[..., list], create: Callable[..., Any]
) -> PartnerDirectory:
    global _partner_directory
    _partner_directory = PartnerDirectory(linkable, find_duplicates, create)
    return _partner_directory


def partner_directory() -> PartnerDirectory:
    if _partner_directory is None:
        raise LookupError("No partner directory is registered (the partners app registers one).")
    return _partner_directory
