"""Test data for people and units (factory-boy).

``UserFactory`` goes through ``accounts.services.user_create``, as every person of the tests
does: the roles become the person's groups and the creation is audited, as in use."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jalinan.accounts.models import Unit, User

PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"kull-{n}")
    name = factory.Sequence(lambda n: f"Kulliyyah number {n}")
    kind = Unit.Kind.KULLIYYAH


class UserFactory(DjangoModelFactory):
    """A person with ``roles`` (none by default: the outsider's lot), through the service."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@uni.test")
    full_name = factory.Sequence(lambda n: f"Person Number {n}")
    password = PASSWORD
    roles = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from jalinan.accounts.services import user_create

        return user_create(**kwargs)
