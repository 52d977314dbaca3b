"""The question-and-answer thread: asked by those who may answer, answered by the partner or
the office, seen by every invitee, and each answer told to them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.challenges.permissions import can_see_questions
from jalinan.challenges.selectors.proposals import questions_for
from jalinan.challenges.services import questions as svc
from jalinan.core.models import AuditEntry, Notification

from . import factories


@pytest.fixture
def thread(confidential_challenge, expert_profile, speech_profile, academic, colleague):
    factories.invite(confidential_challenge, expert_profile)
    factories.invite(confidential_challenge, speech_profile)
    return confidential_challenge


def test_an_invitee_asks_the_partner_and_the_office_hear_it(
    thread, academic, partner_user, officer
):
    q = svc.question_ask(challenge=thread, by=academic, text="  Which steel grade?  ")
    assert q.text == "Which steel grade?" and q.answer == ""
    for user in (partner_user, officer):
        n = Notification.objects.get(recipient=user, kind=svc.KIND_QUESTION)
        assert n.body == "Which steel grade?" and n.url.endswith("#questions")
    assert AuditEntry.objects.filter(object_id=str(q.pk), action="create").exists()


def test_the_answer_is_seen_by_every_invitee_and_told_to_them(
    thread, academic, colleague, partner_user, uninvited, outsider, other_partner
):
    q = svc.question_ask(challenge=thread, by=academic, text="Which steel grade?")
    svc.question_answer(question=q, by=partner_user, answer="API 5L X52.")
    q.refresh_from_db()
    assert q.answered_by == partner_user and q.answered_at is not None
    for invitee in (academic, colleague):
        assert can_see_questions(invitee, thread)
        assert [x.answer for x in questions_for(invitee, thread)] == ["API 5L X52."]
        n = Notification.objects.get(recipient=invitee, kind=svc.KIND_QUESTION)
        assert "answered" in n.title and "API 5L X52." in n.body
    for user in (uninvited, outsider, other_partner):
        assert not can_see_questions(user, thread)
        assert list(questions_for(user, thread)) == []
        assert not Notification.objects.filter(recipient=user).exists()
    assert not Notification.objects.filter(recipient=partner_user, title__contains="answered")


def test_who_may_ask_and_answer(thread, academic, colleague, partner_user, officer, uninvited):
    with pytest.raises(PermissionDenied):
        svc.question_ask(challenge=thread, by=uninvited, text="May I?")
    with pytest.raises(PermissionDenied):
        svc.question_ask(challenge=thread, by=partner_user, text="Ourselves?")
    with pytest.raises(ValidationError):
        svc.question_ask(challenge=thread, by=academic, text="   ")
    q = svc.question_ask(challenge=thread, by=academic, text="Samples?")
    with pytest.raises(PermissionDenied):
        svc.question_answer(question=q, by=colleague, answer="I think so")
    with pytest.raises(ValidationError):
        svc.question_answer(question=q, by=officer, answer=" ")
    svc.question_answer(question=q, by=officer, answer="Yes, ten coupons.")
    q.refresh_from_db()
    assert q.answered_by == officer
