"""Test data for technology transfer: factory-boy factories for direct rows (a disclosure, an
IP asset, an offer, a licence standing in some status), and the texts and service-based
helpers the tests share (the services number records, compute deadlines, index offers and
write the audit rows)."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import PASSWORD, UserFactory
from jalinan.partners.tests.factories import OrganisationFactory
from jalinan.technologies import services
from jalinan.technologies.choices import AssetKind
from jalinan.technologies.models import Disclosure, Inventor, IPAsset, Licence, Technology

__all__ = ["PASSWORD"]  # the technologies tests sign in with it

DISCLOSURE_FIELDS = {
    "title": "Halal gelatin detection kit",
    "description": "A paper-strip immunoassay that tells porcine from bovine gelatin.",
    "novelty": "Detects porcine gelatin at 0.1% in processed food within ten minutes.",
    "prior_art": "PCR-based methods need a laboratory.",
    "funding_source": "FRGS",
    "trl": 4,
    "applications": "Halal certification, food factories.",
    "target_industries": "Food, halal certification",
}

# Words of the confidential disclosure (DISCLOSURE_FIELDS) that must never be public.
CONFIDENTIAL = [
    "paper-strip immunoassay",
    "0.1% in processed food",
    "PCR-based methods need a laboratory",
]

OFFER_FIELDS = {
    "title": "Rapid halal authentication test for food gelatin",
    "tagline": "Tells the animal source of gelatin on the factory floor.",
    "field": "halal",
    "problem": "Food makers and halal certifiers must verify the animal origin of gelatin, "
    "and laboratory tests take days.",
    "solution": "A portable test kit that gives a clear answer in minutes, with no lab.",
    "advantages": "Fast, cheap, usable by non-specialists.",
    "applications": "Halal certification, food manufacturing, import inspection.",
    "trl": 5,
    "ip_status": "Patent granted (MyIPO)",
}


def inventors_of(academic, student):
    """The inventors of ``disclosure_create``: the academic (60%) and the student (40%)."""
    return [
        {"user": academic, "share": Decimal("60")},
        {"user": student, "is_student": True, "share": Decimal("40")},
    ]


def make_offer(officer, title, problem, solution, **extra):
    """A published offer through the services (numbered, indexed, audited)."""
    tech = services.offers.technology_create(
        by=officer,
        title=title,
        problem=problem,
        solution=solution,
        trl=extra.pop("trl", 4),
        **extra,
    )
    return services.offers.technology_publish(technology=tech, by=officer)


class DisclosureFactory(DjangoModelFactory):
    """A draft disclosure row, without inventors (``InventorFactory``) or history."""

    class Meta:
        model = Disclosure

    reference = factory.Sequence(lambda n: f"IDF-TEST-{n:05d}")
    title = DISCLOSURE_FIELDS["title"]
    description = DISCLOSURE_FIELDS["description"]
    novelty = DISCLOSURE_FIELDS["novelty"]
    submitted_by = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    unit = factory.SelfAttribute("submitted_by.unit")


class InventorFactory(DjangoModelFactory):
    class Meta:
        model = Inventor

    disclosure = factory.SubFactory(DisclosureFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    share = Decimal("100")


class IPAssetFactory(DjangoModelFactory):
    """A patent application row (its deadlines are the services' to compute)."""

    class Meta:
        model = IPAsset

    reference = factory.Sequence(lambda n: f"IP-TEST-{n:05d}")
    kind = AssetKind.PATENT
    title = "Immunoassay strip for detecting porcine gelatin"


class TechnologyFactory(DjangoModelFactory):
    """An unpublished offer row, not indexed (``make_offer`` publishes through the services)."""

    class Meta:
        model = Technology

    reference = factory.Sequence(lambda n: f"TECH-TEST-{n:05d}")
    slug = factory.Sequence(lambda n: f"halal-gelatin-test-{n}")
    title = OFFER_FIELDS["title"]
    problem = OFFER_FIELDS["problem"]
    solution = OFFER_FIELDS["solution"]


class LicenceFactory(DjangoModelFactory):
    class Meta:
        model = Licence

    reference = factory.Sequence(lambda n: f"LIC-TEST-{n:05d}")
    technology = factory.SubFactory(TechnologyFactory)
    licensee = factory.SubFactory(OrganisationFactory)
    field_of_use = "Food testing"
    territory = "Malaysia"
