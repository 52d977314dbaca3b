"""Every app's test factories (``jalinan/<app>/tests/factories.py``) build a valid row with
their defaults alone, and a second one beside it (their sequences keep unique fields apart):
a factory left behind by a model change fails here, not in the test that next reaches for it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from factory.django import DjangoModelFactory

import jalinan

pytestmark = pytest.mark.django_db


def _factories() -> dict[str, type[DjangoModelFactory]]:
    out = {}
    for path in sorted(Path(jalinan.__file__).parent.glob("*/tests/factories.py")):
        module = importlib.import_module(f"jalinan.{path.parent.parent.name}.tests.factories")
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and value.__module__ == module.__name__
            ):
                out[f"{path.parent.parent.name}.{name}"] = value
    return out


FACTORIES = _factories()


def test_every_app_with_models_has_factories():
    apps_with_factories = {name.split(".")[0] for name in FACTORIES}
    assert {
        "accounts",
        "agreements",
        "challenges",
        "engagements",
        "experts",
        "partners",
        "pipeline",
        "placements",
        "projects",
        "sdgs",
        "technologies",
    } <= apps_with_factories


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_a_factory_builds_valid_rows_with_its_defaults(name):
    factory_class = FACTORIES[name]
    model = factory_class._meta.model
    first, second = factory_class(), factory_class()
    assert first.pk and second.pk and first.pk != second.pk
    assert model._default_manager.filter(pk__in=[first.pk, second.pk]).count() == 2
    for row in (first, second):
        row.full_clean(validate_unique=True)
