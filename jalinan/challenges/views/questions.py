"""The question-and-answer thread on a challenge: asking the partner, and the answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.forms import errors_to_form

from ..forms.proposals import AnswerForm, QuestionForm
from ..permissions import (
    can_answer_question,
    can_ask_question,
    can_see_questions,
    get_challenge_for_user,
    get_question_for_user,
)
from ..services import questions as svc


@login_required
@require_POST
def question_ask(request, challenge_pk):
    user = request.user
    challenge = get_challenge_for_user(user, challenge_pk)
    if not can_see_questions(user, challenge):
        raise Http404
    if not can_ask_question(user, challenge):
        raise PermissionDenied
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            svc.question_ask(challenge=challenge, by=user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Your question was sent to the partner."))
            return redirect(challenge.get_absolute_url() + "#questions")
    return render(
        request, "challenges/proposals/question_form.html", {"challenge": challenge, "form": form}
    )


@login_required
@require_POST
def question_answer(request, pk):
    user = request.user
    question = get_question_for_user(user, pk)
    if not can_answer_question(user, question):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        svc.question_answer(question=question, by=user, answer=form.cleaned_data["answer"])
        messages.success(request, _("Your answer is on the thread; the experts were told."))
        return redirect(question.challenge.get_absolute_url() + "#questions")
    return render(
        request,
        "challenges/proposals/answer_form.html",
        {"challenge": question.challenge, "question": question, "form": form},
    )
