"""Every app's kpis.py registers what it counts in its register(), which the reports app calls
once when Django starts; importing the module registers nothing."""

import ast
import inspect
from importlib import import_module

import pytest
from django.apps import apps
from django.utils.module_loading import module_has_submodule

from jalinan.reports import registry

MODULES = [
    import_module(f"{config.name}.kpis")
    for config in apps.get_app_configs()
    if module_has_submodule(config.module, "kpis")
]
TABLES = ("_FIGURES", "_CHARTS", "_TRENDS", "_PARTS", "_SDG_SOURCES")


def test_the_apps_that_count_have_a_kpis_module():
    names = {m.__name__.split(".")[1] for m in MODULES}
    assert names >= {
        "agreements",
        "challenges",
        "engagements",
        "experts",
        "partners",
        "pipeline",
        "placements",
        "projects",
        "reports",
        "technologies",
    }


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_a_kpis_module_only_defines_things_at_import(module):
    tree = ast.parse(inspect.getsource(module))
    body = tree.body[1:] if ast.get_docstring(tree) else tree.body
    allowed = (
        ast.Import,
        ast.ImportFrom,
        ast.FunctionDef,
        ast.Assign,
        ast.AnnAssign,
        ast.ClassDef,
    )
    assert [type(node).__name__ for node in body if not isinstance(node, allowed)] == []
    assert callable(module.register)


def test_register_registers_what_the_dashboard_shows(monkeypatch):
    live = {name: dict(getattr(registry, name)) for name in TABLES}
    for name in TABLES:
        monkeypatch.setattr(registry, name, {})
    monkeypatch.setattr(registry, "_SECTIONS", dict(registry._SECTIONS))
    for module in MODULES:
        module.register()
    for name in TABLES:
        assert set(getattr(registry, name)) == set(live[name]), name
    assert "pipeline.opened" in live["_FIGURES"]
    assert "technologies.technologies" in live["_SDG_SOURCES"]
