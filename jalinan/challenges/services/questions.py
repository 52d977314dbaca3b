"""The question-and-answer thread of a challenge: those who may answer it ask the partner, the
partner (or OIL) answers, and everyone on the thread hears it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from ..models import Challenge, ProposalMember, Question
from ..permissions import can_answer_challenge
from .proposals import reviewers, tell

# The notification kind of this module (registered in ``apps.ChallengesConfig.ready``).
KIND_QUESTION = "challenges.question"


def answerers(challenge: Challenge) -> list:
    """Who hears an answer: the invited experts, the proposal teams and those who asked."""
    from jalinan.accounts.models import User

    ids = set(challenge.invitations.values_list("expert__user_id", flat=True))
    ids |= set(challenge.proposals.values_list("lead_id", flat=True))
    ids |= set(
        ProposalMember.objects.filter(
            proposal__challenge=challenge, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    ids |= set(
        challenge.questions.filter(asked_by__isnull=False).values_list("asked_by_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


@transaction.atomic
def question_ask(*, challenge: Challenge, by, text: str, at=None) -> Question:
    """Ask the partner a question about ``challenge`` (those who may answer it); the partner
    and OIL are told. Everyone on the thread sees the question and its answer."""
    if not can_answer_challenge(by, challenge):
        raise PermissionDenied(_("You may not ask about this challenge."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    question = Question(challenge=challenge, text=text, asked_by=by, asked_at=at or timezone.now())
    question.full_clean()
    question.save()
    audit_log(actor=by, action="create", obj=question, changes=diff({}, snapshot(question)))
    tell(
        reviewers(challenge),
        by=by,
        kind=KIND_QUESTION,
        title=_("A question about “%(c)s”") % {"c": challenge.title},
        body=text,
        url=challenge.get_absolute_url() + "#questions",
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, by, answer: str, at=None) -> Question:
    """The partner (or OIL) answers; everyone who may answer the challenge hears it: the
    invited experts, the proposal teams and those who asked."""
    from ..permissions import can_answer_question

    current = Question.objects.select_for_update().select_related("challenge").get(pk=question.pk)
    if not can_answer_question(by, current):
        raise PermissionDenied(_("You may not answer questions on this challenge."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    before = snapshot(current)
    current.answer = answer
    current.answered_by = by
    current.answered_at = at or timezone.now()
    current.full_clean()
    current.save()
    audit_log(actor=by, action="answer", obj=current, changes=diff(before, snapshot(current)))
    challenge = current.challenge
    tell(
        answerers(challenge),
        by=by,
        kind=KIND_QUESTION,
        title=_("A question about “%(c)s” was answered") % {"c": challenge.title},
        body=f"{current.text}\n\n{answer}",
        url=challenge.get_absolute_url() + "#questions",
    )
    if question is not current:
        question.refresh_from_db()
    return current
