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


def make_corrosion_expert(user):
    """Dr Amina's public profile (corrosion) with two publications, through the services."""
    from jalinan.experts import services

    profile = services.profile_create(
        user=user,
        by=user,
        keywords=["corrosion", "cathodic protection", "pipelines"],
        biography="Materials engineer working on corrosion of offshore structures.",
        is_public=True,
    )
    services.publication_create(
        profile=profile,
        by=user,
        title="Pitting corrosion of carbon steel pipelines in tropical seawater",
        abstract="Two-year exposure tests at three offshore platforms in Terengganu.",
        year=2022,
        doi="10.1000/corr.2022.1",
    )
    services.publication_create(
        profile=profile,
        by=user,
        title="Sacrificial anode design for jetties",
        abstract="Cathodic protection of marine concrete piles.",
        year=2019,
    )
    return profile


def make_speech_expert(user, *, is_public=False):
    """Dr Ravi's profile (Malay speech recognition), private by default, through the services."""
    from jalinan.experts import services

    profile = services.profile_create(
        user=user,
        by=user,
        keywords=["speech recognition", "Malay language"],
        is_public=is_public,
    )
    services.publication_create(
        profile=profile,
        by=user,
        title="Deep learning for Malay speech recognition",
        abstract="Acoustic models trained on broadcast news in Bahasa Melayu.",
        year=2023,
    )
    return profile
