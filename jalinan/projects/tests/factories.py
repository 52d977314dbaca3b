"""Test data for collaborative projects: factory-boy factories for direct rows (a project and
its team, funding, milestones, outputs and income), and ``project_create`` where a test needs
the service's reference, audit rows and notifications."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UserFactory
from jalinan.projects.models import (
    Funding,
    IncomeRecord,
    Milestone,
    Output,
    Project,
    ProjectMember,
)


class ProjectFactory(DjangoModelFactory):
    """A contract research project led by an academic; ``organisations`` (a list) are its
    partners."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PRJ-TEST-{n:05d}")
    title = "Robotic welding cell"
    kind = "contract"
    lead = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    unit = factory.SelfAttribute("lead.unit")
    summary = "Automated welding for automotive parts."

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if extracted:
            self.organisations.set(extracted)


class ProjectMemberFactory(DjangoModelFactory):
    class Meta:
        model = ProjectMember

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    role = "co_researcher"


class FundingFactory(DjangoModelFactory):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    year = 2025
    cash = Decimal("50000")


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = "Cell design"
    due_date = datetime.date(2025, 6, 30)


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = Output

    project = factory.SubFactory(ProjectFactory)
    kind = "prototype"
    title = "Welding cell prototype"


class IncomeRecordFactory(DjangoModelFactory):
    class Meta:
        model = IncomeRecord

    project = factory.SubFactory(ProjectFactory)
    received_on = datetime.date(2025, 3, 1)
    amount = Decimal("25000.00")
