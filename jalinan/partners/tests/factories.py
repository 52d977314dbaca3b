"""Test data for partner organisations and their contacts (factory-boy)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jalinan.partners.dedupe import normalise_name
from jalinan.partners.models import Contact, Organisation


class OrganisationFactory(DjangoModelFactory):
    """A Malaysian SME; ``search_name`` as the services compute it from the legal name."""

    class Meta:
        model = Organisation

    legal_name = factory.Sequence(lambda n: f"Syarikat Ujian {n} Sdn. Bhd.")
    org_type = "sme"
    search_name = factory.LazyAttribute(lambda o: normalise_name(o.legal_name))


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact Person {n}")
    role = "Business development manager"
    email = factory.Sequence(lambda n: f"contact{n}@partner.test")
