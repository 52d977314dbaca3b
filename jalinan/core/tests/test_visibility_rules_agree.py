"""One visibility rule per model: the Python check (``can_view_x(user, x)``, used by detail
pages, downloads and the API's single records) and the queryset (``x_for(user)``, used by lists,
exports, reports, search and the API's lists) must say the same thing, for every kind of user,
on every record of a varied world (``world.py``).

``CASES`` pairs each ``can_view_*`` of every ``permissions*`` module (or module of a
``permissions`` package) with its queryset form, or exempts it with the reason; a new
``can_view_*`` without an entry fails ``test_every_can_view_has_a_case``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.contrib.auth.models import AnonymousUser

import jalinan
from jalinan.core.testing import assert_rule_agrees

from .world import visitors

pytestmark = pytest.mark.django_db


def _documents_for(user):
    from jalinan.agreements.models import Document
    from jalinan.agreements.selectors import documents_for, memoranda_for

    ids = [d.pk for m in memoranda_for(user) for d in documents_for(user, m)]
    return Document.objects.filter(pk__in=ids)


def _proposals_for(user):
    """The proposals a user meets on pages: their own (led or on the team) and those they
    review on the challenges they see."""
    from jalinan.challenges.models import Proposal
    from jalinan.challenges.selectors.challenges import challenges_for
    from jalinan.challenges.selectors.proposals import my_proposals, proposals_for_review

    ids = set(my_proposals(user).values_list("pk", flat=True))
    for challenge in challenges_for(user):
        ids |= set(proposals_for_review(user, challenge).values_list("pk", flat=True))
    return Proposal.objects.filter(pk__in=ids)


def _attachments_for(user):
    from jalinan.accounts.roles import is_staff_member
    from jalinan.engagements.models import Attachment
    from jalinan.engagements.selectors import activities_for

    qs = Attachment.objects.filter(activity__in=activities_for(user))
    return qs if is_staff_member(user) else qs.filter(is_internal=False)


def _contacts_check(user, contact):
    from jalinan.partners.permissions import can_view_contacts

    return can_view_contacts(user, contact.organisation)


def _q(dotted):
    """A queryset function by its dotted path (imported when the test runs)."""

    def call(user):
        module, name = dotted.rsplit(".", 1)
        return getattr(importlib.import_module(module), name)(user)

    return call


def _model(dotted):
    def objects():
        app, name = dotted.split(".")
        from django.apps import apps

        return apps.get_model(app, name)._default_manager.all()

    return objects


# "app.module.can_view_x" -> (check override or None, queryset of user, objects), or a reason.
CASES: dict[str, tuple | str] = {
    "agreements.permissions.can_view_memorandum": (
        None,
        _q("jalinan.agreements.selectors.memoranda_for"),
        _model("agreements.Memorandum"),
    ),
    "agreements.permissions.can_view_document": (
        None,
        _documents_for,
        _model("agreements.Document"),
    ),
    "agreements.permissions.can_view_confidential": (
        "A rule on the confidential documents of a memorandum the user already sees; its "
        "queryset form is the filter of documents_for, compared through can_view_document."
    ),
    "challenges.permissions.can_view_challenge": (
        None,
        _q("jalinan.challenges.selectors.challenges.challenges_for"),
        _model("challenges.Challenge"),
    ),
    "challenges.permissions.can_view_proposal": (
        None,
        _proposals_for,
        _model("challenges.Proposal"),
    ),
    "engagements.permissions.can_view_activity": (
        None,
        _q("jalinan.engagements.selectors.activities_for"),
        _model("engagements.Activity"),
    ),
    "engagements.permissions.can_view_attachment": (
        None,
        _attachments_for,
        _model("engagements.Attachment"),
    ),
    "experts.permissions.can_view_profile": (
        None,
        _q("jalinan.experts.selectors.profiles_for"),
        _model("experts.ExpertProfile"),
    ),
    "partners.permissions.can_view_organisation": (
        None,
        lambda user: __import__("jalinan.partners.selectors", fromlist=["x"]).organisations_for(
            user, include_merged=True
        ),
        _model("partners.Organisation"),
    ),
    "partners.permissions.can_view_contacts": (
        _contacts_check,
        _q("jalinan.partners.selectors.contacts_for"),
        _model("partners.Contact"),
    ),
    "pipeline.permissions.can_view_opportunity": (
        None,
        _q("jalinan.pipeline.selectors.opportunities_for"),
        _model("pipeline.Opportunity"),
    ),
    "placements.permissions.can_view_opening": (
        None,
        _q("jalinan.placements.selectors.openings.openings_for"),
        _model("placements.Opening"),
    ),
    "placements.permissions.can_view_profile": (
        None,
        _q("jalinan.placements.selectors.profiles.profiles_for"),
        _model("placements.StudentProfile"),
    ),
    "placements.permissions.can_view_application": (
        None,
        _q("jalinan.placements.selectors.applications.applications_for"),
        _model("placements.Application"),
    ),
    "placements.permissions.can_view_placement": (
        None,
        _q("jalinan.placements.selectors.placements.placements_for"),
        _model("placements.Placement"),
    ),
    "placements.permissions.can_view_outcome": (
        None,
        _q("jalinan.placements.selectors.outcomes.outcomes_for"),
        _model("placements.GraduateOutcome"),
    ),
    "placements.permissions.can_view_evaluations": (
        "A part of a placement page the user already sees (never the student's own); no "
        "list of its own."
    ),
    "placements.permissions.can_view_feedback": (
        "A part of a placement page the user already sees; partners see averages only; no "
        "list of its own."
    ),
    "projects.permissions.can_view_project": (
        None,
        _q("jalinan.projects.selectors.projects_for"),
        _model("projects.Project"),
    ),
    "sdgs.permissions.can_view_record": (
        "Delegates to the record type's own rule (register_taggable(can_view=..., "
        "visible=...)); each registered pair is compared by test_taggable_rules_agree."
    ),
    "technologies.permissions.disclosures.can_view_disclosure": (
        None,
        _q("jalinan.technologies.selectors.disclosures.disclosures_for"),
        _model("technologies.Disclosure"),
    ),
    "technologies.permissions.assets.can_view_asset": (
        None,
        _q("jalinan.technologies.selectors.assets.assets_for"),
        _model("technologies.IPAsset"),
    ),
    "technologies.permissions.offers.can_view_technology": (
        None,
        _q("jalinan.technologies.selectors.offers.technologies_for"),
        _model("technologies.Technology"),
    ),
    "technologies.permissions.licences.can_view_licence": (
        None,
        _q("jalinan.technologies.selectors.licences.licences_for"),
        _model("technologies.Licence"),
    ),
    "technologies.permissions.spinoffs.can_view_spinoff": (
        None,
        _q("jalinan.technologies.selectors.spinoffs.spinoffs_for"),
        _model("technologies.Spinoff"),
    ),
}


def _permission_modules(package):
    """An app's ``permissions*`` modules, and the modules of a ``permissions`` package."""
    for mod in pkgutil.iter_modules(package.__path__):
        if not mod.name.startswith("permissions"):
            continue
        module = importlib.import_module(f"{package.__name__}.{mod.name}")
        yield module
        if mod.ispkg:
            for sub in pkgutil.iter_modules(module.__path__):
                yield importlib.import_module(f"{module.__name__}.{sub.name}")


def _can_view_functions() -> dict[str, object]:
    """Every ``can_view_*`` defined in a ``permissions*`` module of a Jalinan app (or in a
    module of its ``permissions`` package), keyed by its dotted path after ``jalinan.``."""
    found = {}
    for app in pkgutil.iter_modules(jalinan.__path__):
        if not app.ispkg:
            continue
        package = importlib.import_module(f"jalinan.{app.name}")
        for module in _permission_modules(package):
            path = module.__name__.removeprefix("jalinan.")
            for name, fn in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("can_view_") and fn.__module__ == module.__name__:
                    found[f"{path}.{name}"] = fn
    return found


def test_every_can_view_has_a_case():
    found = set(_can_view_functions())
    assert found == set(CASES), (
        f"can_view_* without a case (pair it with its queryset or exempt it with a reason): "
        f"{sorted(found - set(CASES))}; stale cases: {sorted(set(CASES) - found)}"
    )


def _users(cast):
    users = visitors(cast)
    users["anonymous"] = AnonymousUser()
    users["gone_academic"] = cast["gone_academic"]
    return users


PAIRED = sorted(k for k, v in CASES.items() if isinstance(v, tuple))


def test_the_check_and_the_queryset_agree(cast, world):
    """Every pair at once (the world is built once): all disagreements in one message."""
    users = _users(cast)
    failures, compared = [], 0
    for key in PAIRED:
        check_override, queryset_for, objects = CASES[key]
        check = check_override or _can_view_functions()[key]
        objs = list(objects())
        assert len(objs) >= 2, f"{key}: the world needs more records of this kind"
        try:
            compared += assert_rule_agrees(check, queryset_for, users, objs)
        except AssertionError as exc:
            failures.append(f"{key}: {exc}")
    print(f"visibility rules: {len(PAIRED)} pairs, {compared} (user, record) pairs compared")
    assert not failures, "\n".join(failures)


def test_taggable_rules_agree(cast, world):
    """SDG tags show a record to whoever its app's ``can_view`` lets see it; the goal pages
    list records through ``visible``: the two must agree."""
    from jalinan.sdgs.registry import taggables

    compared = 0
    for entry in taggables():
        if entry.visible is None:
            continue
        objs = list(entry.model._default_manager.all())
        if objs:
            compared += assert_rule_agrees(entry.can_view, entry.visible, _users(cast), objs)
    assert compared
