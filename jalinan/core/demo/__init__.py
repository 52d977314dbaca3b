"""Demo data. ``seed_demo`` makes the institution and its units, then runs each registered demo
step (``core.registry.register_demo_step``) in order, each in its own transaction: the
partners' organisations, the people (``core.demo.people``), then the domain apps' steps.

Rules for a step's ``seed(ctx)``:

- deterministic: draw only from ``ctx.rng("<app>")`` (same ``--seed``, same data);
- idempotent: look records up by a natural key before creating them, so that running
  ``seed_demo`` twice adds nothing (count both cases with ``ctx.count``);
- writes go through the app's services, so the audit log and notifications behave as in use;
- sizes are multiplied by ``ctx.scale`` (the tests seed at a small scale).

A step's module may also define ``finish(ctx)``, called after every step has seeded (the sdgs
app uses it to classify and decide tags like the office would), and ``around()``, a context
manager the whole seeding runs inside (the sdgs app's collects the SDG classification asked
for while seeding and does it in batches once every step has seeded).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    seed: int
    scale: float
    units: dict[str, Any] = field(default_factory=dict)  # unit code -> Unit
    # Filled by the steps that make them, for the steps that follow:
    organisations: list[Any] = field(default_factory=list)  # partner organisations, plan order
    logins: dict[str, Any] = field(default_factory=dict)  # "officer", ... -> the demo login
    academics: list[Any] = field(default_factory=list)  # generated academic staff (no logins)
    n_academics: int = 200  # how many academic staff the people step makes (--academics)
    stdout: Any = None
    counts: dict[str, list[int]] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """A random generator of one's own, fixed by the seed and ``name``."""
        return random.Random(f"{self.seed}:{name}")

    def n(self, full: int, minimum: int = 1) -> int:
        """``full`` scaled to this run, at least ``minimum``."""
        return max(minimum, round(full * self.scale))

    def count(self, key: str, created: bool) -> None:
        made, present = self.counts.setdefault(key, [0, 0])
        self.counts[key] = [made + bool(created), present + (not created)]
