"""Test data for SDG tags (factory-boy): a tag on any record (``record=``), accepted by
default with the classifier's evidence."""

from __future__ import annotations

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from jalinan.partners.tests.factories import OrganisationFactory
from jalinan.sdgs.models import SdgTag


class SdgTagFactory(DjangoModelFactory):
    """SDG ``goal`` (17 by default) on ``record`` (a new organisation unless given); a tag
    decided by someone needs ``decided_by`` and ``decided_at`` too."""

    class Meta:
        model = SdgTag

    class Params:
        record = factory.SubFactory(OrganisationFactory)

    content_type = factory.LazyAttribute(lambda t: ContentType.objects.get_for_model(t.record))
    object_id = factory.SelfAttribute("record.pk")
    goal = 17
    status = SdgTag.Status.ACCEPTED
    confidence = 0.87
    evidence = factory.LazyAttribute(
        lambda t: {"targets": [{"code": f"{t.goal}.1", "text": "", "score": 0.6}], "terms": []}
    )
