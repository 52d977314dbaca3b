"""Test data for engagement activities (factory-boy); ``activity_create`` where a test needs
the service's audit row and checks."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from jalinan.engagements.models import Activity


class ActivityFactory(DjangoModelFactory):
    """A meeting; ``organisations``, ``staff``, ``students`` (lists) fill its links."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Industry meeting {n}")
    activity_type = "meeting"
    date = datetime.date(2025, 3, 10)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if extracted:
            self.organisations.set(extracted)

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if extracted:
            self.staff.set(extracted)

    @factory.post_generation
    def students(self, create, extracted, **kwargs):
        if extracted:
            self.students.set(extracted)
