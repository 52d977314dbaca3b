"""Test data for expert profiles (factory-boy), and ``make_profile`` through the experts
services where a test needs the profile indexed for matching (as the services do on save)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UserFactory
from jalinan.experts.models import ExpertProfile, ProfileProject, Publication, normalise_title


class ExpertProfileFactory(DjangoModelFactory):
    """An academic's public profile, not indexed (``make_profile`` indexes)."""

    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    unit = factory.SelfAttribute("user.unit")
    keywords = factory.LazyFunction(lambda: ["corrosion", "cathodic protection"])
    biography = "Materials engineer working on corrosion of offshore structures."
    is_public = True


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = Publication

    profile = factory.SubFactory(ExpertProfileFactory)
    title = factory.Sequence(lambda n: f"Pitting corrosion of carbon steel, part {n}")
    norm_title = factory.LazyAttribute(lambda p: normalise_title(p.title)[:500])
    abstract = "Two-year exposure tests at three offshore platforms in Terengganu."
    year = 2022


class ProfileProjectFactory(DjangoModelFactory):
    class Meta:
        model = ProfileProject

    profile = factory.SubFactory(ExpertProfileFactory)
    title = factory.Sequence(lambda n: f"Cathodic protection survey {n}")


def make_profile(user, *, keywords, biography="", publications=(), is_public=True):
    """An expert profile through the experts services (so it is indexed for matching);
    ``publications``: (title, abstract, year) tuples."""
    from jalinan.experts import services

    profile = services.profile_create(
        user=user, by=user, keywords=list(keywords), biography=biography, is_public=is_public
    )
    for title, abstract, year in publications:
        services.publication_create(
            profile=profile, by=user, title=title, abstract=abstract, year=year
        )
    return profile
