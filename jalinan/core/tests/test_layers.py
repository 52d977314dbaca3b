"""The lower layers know no domain app: ``core`` and ``accounts`` never import one (outside
their tests). A domain app joins them through ``core.registry`` from its ``AppConfig.ready()``
instead: menus, panels, daily jobs, demo steps, the partner directory."""

import ast
from pathlib import Path

from django.apps import apps

import jalinan

LOWER_LAYERS = ("core", "accounts")
# Not domain apps: the lower layers themselves, and ``api``, which assembles every app's router.
NOT_DOMAIN = {*LOWER_LAYERS, "api"}
ROOT = Path(jalinan.__file__).parent


def domain_apps() -> list[str]:
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if config.name.startswith("jalinan.") and config.name.split(".")[1] not in NOT_DOMAIN
    )


def imported_names(source: str, package: str) -> list[tuple[int, str]]:
    """What a module of ``package`` with this source imports (relative imports resolved, and
    ``from a import b`` counted as importing ``a`` and ``a.b``), with the line of each."""
    parts = package.split(".")
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.append((node.lineno, module))
            out += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return out


def within(name: str, apps_: list[str]) -> bool:
    return any(name == app or name.startswith(app + ".") for app in apps_)


def test_core_and_accounts_import_no_domain_app():
    domain = domain_apps()
    assert {"jalinan.partners", "jalinan.sdgs", "jalinan.portal"} <= set(domain)
    found: dict[str, str] = {}  # "path:line" -> the first domain module imported there
    for layer in LOWER_LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "tests" in relative.parts:
                continue
            package = ".".join(["jalinan", *relative.parts[:-1]])
            for line, name in imported_names(path.read_text(), package):
                if within(name, domain):
                    found.setdefault(f"jalinan/{relative}:{line}", name)
    assert found == {}, "core and accounts must not import a domain app:\n" + "\n".join(
        f"{where}: {name}" for where, name in found.items()
    )


def test_the_check_sees_every_way_of_importing():
    source = "\n".join(
        [
            "import jalinan.partners.models",
            "from jalinan.sdgs.services import deferred_classification",
            "from jalinan import reports",
            "from ... import placements",
            "from . import data",
            "from jalinan.accounts.roles import is_oil",
            "def later():",
            "    from ...experts import selectors",
        ]
    )
    names = [name for _line, name in imported_names(source, "jalinan.core.demo")]
    caught = {app for app in domain_apps() if any(within(name, [app]) for name in names)}
    assert caught == {
        "jalinan.partners",
        "jalinan.sdgs",
        "jalinan.reports",
        "jalinan.placements",
        "jalinan.experts",
    }
    assert "jalinan.core.demo.data" in names
