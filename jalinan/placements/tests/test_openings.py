"""Posting openings: vetted partners publish, unvetted ones wait for an officer; SDG tags."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.placements import services
from jalinan.placements.choices import OpeningStatus
from jalinan.placements.selectors.openings import openings_for
from jalinan.sdgs.models import SdgTag
from jalinan.sdgs.registry import taggable_for
from jalinan.sdgs.selectors import filter_by_goal

from .factories import make_opening


def test_an_unvetted_partners_opening_waits_for_an_officer(partner_user, org_acme, officer):
    assert not org_acme.is_vetted
    opening = make_opening(org_acme, partner_user)
    assert opening.status == OpeningStatus.PENDING and opening.published_at is None
    assert Notification.objects.filter(
        recipient=officer, kind="placements.opening", title__contains="waiting for approval"
    ).exists()


def test_a_vetted_partner_publishes_at_once(partner_user, org_acme, officer):
    org_acme.is_vetted = True
    org_acme.save()
    opening = make_opening(org_acme, partner_user)
    assert opening.status == OpeningStatus.PUBLISHED and opening.published_at
    assert not Notification.objects.filter(recipient=officer).exists()


def test_an_officer_posting_for_a_partner_publishes(officer, org_acme):
    opening = make_opening(org_acme, officer)
    assert opening.status == OpeningStatus.PUBLISHED and opening.reviewed_by == officer


def test_a_partner_posts_only_for_its_own_organisation(partner_user, org_other):
    with pytest.raises(PermissionDenied):
        make_opening(org_other, partner_user)


def test_approval_publishes_and_tells_the_partner(partner_user, org_acme, officer):
    opening = make_opening(org_acme, partner_user)
    services.openings.opening_approve(opening=opening, by=officer, note="Welcome aboard")
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.PUBLISHED and opening.reviewed_by == officer
    assert Notification.objects.filter(
        recipient=partner_user, title="Your opening Robotics intern is published"
    ).exists()
    assert any(e.action == "transition" for e in history_for(opening))


def test_refusal_needs_a_reason_and_a_correction_goes_back(partner_user, org_acme, officer):
    opening = make_opening(org_acme, partner_user)
    with pytest.raises(ValidationError):
        services.openings.opening_reject(opening=opening, by=officer, note="  ")
    services.openings.opening_reject(opening=opening, by=officer, note="Give the allowance")
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.REJECTED and opening.review_note == "Give the allowance"
    assert Notification.objects.filter(recipient=partner_user, body="Give the allowance").exists()
    services.openings.opening_update(
        opening=opening, by=partner_user, title="Robotics intern (paid)"
    )
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.PENDING


def test_only_officers_review(partner_user, org_acme, coordinator):
    opening = make_opening(org_acme, partner_user)
    with pytest.raises(PermissionDenied):
        services.openings.opening_approve(opening=opening, by=partner_user)
    with pytest.raises(PermissionDenied):
        services.openings.opening_approve(opening=opening, by=coordinator)


def test_closed_openings_are_final(opening, officer):
    services.openings.opening_close(opening=opening, by=officer)
    with pytest.raises(ValidationError):
        services.openings.opening_update(opening=opening, by=officer, title="Changed")


def test_dates_are_checked(org_acme, officer):
    from .factories import today

    with pytest.raises(ValidationError) as exc:
        make_opening(org_acme, officer, ends_on=today())
    assert "ends_on" in exc.value.message_dict


def test_openings_carry_sdg_tags_and_ask_for_classification(
    opening, officer, django_capture_on_commit_callbacks, monkeypatch
):
    entry = taggable_for(opening)
    assert entry is not None
    text = entry.text(opening)
    assert "Robotics intern" in text and "pick-and-place" in text and "ROS" in text
    asked = []
    monkeypatch.setattr(
        "jalinan.placements.services.openings.sdg_request_classification",
        lambda obj: asked.append(obj.pk),
    )
    services.openings.opening_update(opening=opening, by=officer, places=3)
    assert asked == []  # the text did not change
    services.openings.opening_update(
        opening=opening, by=officer, description="Solar-powered robots."
    )
    assert asked == [opening.pk]
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(opening),
        object_id=opening.pk,
        goal=7,
        status=SdgTag.Status.ACCEPTED,
    )
    assert list(filter_by_goal(openings_for(officer), 7)) == [opening]
    assert list(filter_by_goal(openings_for(officer), 4)) == []
