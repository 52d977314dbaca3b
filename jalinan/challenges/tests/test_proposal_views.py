"""The proposal pages: the form, the detail, the Q&A on the challenge's page, the review board,
its export, and refusals (404 for whoever may not see)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jalinan.challenges.choices import ProposalStatus
from jalinan.challenges.models import Proposal

from . import factories


def _form_data(**over):
    data = {
        "title": "Graphene anodes",
        "approach": "Lab tests, then a field trial.",
        "trl_start": "3",
        "trl_end": "6",
        "duration_months": "18",
        "budget": "120000",
        "partner_provides": "Platform access",
        "team-TOTAL_FORMS": "2",
        "team-INITIAL_FORMS": "0",
        "team-0-user": "",
        "team-0-name": "Siti (MSc student)",
        "team-0-role": "student",
        "team-0-contribution": "Lab work",
        "team-1-user": "",
        "team-1-name": "",
        "team-1-role": "co_researcher",
        "team-1-contribution": "",
        "ms-TOTAL_FORMS": "2",
        "ms-INITIAL_FORMS": "0",
        "ms-0-title": "Lab results",
        "ms-0-month": "6",
        "ms-1-title": "",
        "ms-1-month": "",
    }
    data.update(over)
    return data


def test_write_save_a_draft_then_submit(
    client_for, challenge, expert_profile, academic, colleague, partner_user
):
    c = client_for(academic)
    url = reverse("challenges:proposal_create", args=[challenge.pk])
    page = c.get(url)
    assert page.status_code == 200
    assert "days left" in page.content.decode()
    resp = c.post(url, _form_data(**{"team-1-user": str(colleague.pk)}, save="1"))
    p = Proposal.objects.get()
    assert resp.status_code == 302 and resp["Location"] == p.get_absolute_url()
    assert p.status == ProposalStatus.DRAFT
    assert [str(m) for m in p.members.all()] == [
        "Dr Amina Academic",
        "Siti (MSc student)",
        "Dr Ravi ICT",
    ]
    # The partner does not see the draft, not even on the challenge's page.
    assert client_for(partner_user).get(p.get_absolute_url()).status_code == 404
    c = client_for(academic)
    edit = reverse("challenges:proposal_update", args=[p.pk])
    assert "Graphene anodes" in c.get(edit).content.decode()
    resp = c.post(edit, _form_data(title="Graphene anodes v2", submit="1"))
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED and p.title == "Graphene anodes v2"
    # The emptied row removed Dr Ravi; the rows as typed are the team.
    assert [str(m) for m in p.members.all()] == ["Dr Amina Academic", "Siti (MSc student)"]
    page = client_for(partner_user).get(p.get_absolute_url())
    assert page.status_code == 200 and "Graphene anodes v2" in page.content.decode()


def test_errors_sit_next_to_the_fields_and_nothing_typed_is_lost(
    client_for, challenge, expert_profile, academic
):
    c = client_for(academic)
    url = reverse("challenges:proposal_create", args=[challenge.pk])
    resp = c.post(
        url,
        _form_data(
            trl_start="6", trl_end="3", **{"ms-0-month": "", "team-1-role": "student"}, submit="1"
        ),
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "The TRL at the end cannot be below the TRL now." in body
    assert "Say in which month." in body
    assert "Lab tests, then a field trial." in body and "Siti (MSc student)" in body
    assert not Proposal.objects.exists()


def test_submission_without_milestone_shows_the_error_and_keeps_the_form(
    client_for, challenge, expert_profile, academic
):
    c = client_for(academic)
    url = reverse("challenges:proposal_create", args=[challenge.pk])
    resp = c.post(url, _form_data(**{"ms-0-title": "", "ms-0-month": ""}, submit="1"))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Give at least one milestone before submitting." in body
    assert "Graphene anodes" in body
    assert not Proposal.objects.exists()


def test_submission_after_the_deadline_is_refused_with_a_message(
    client_for, challenge, expert_profile, academic, make_proposal
):
    p = make_proposal(challenge, academic)
    challenge.proposal_deadline = timezone.localdate() - datetime.timedelta(days=1)
    challenge.save()
    c = client_for(academic)
    resp = c.post(
        reverse("challenges:proposal_update", args=[p.pk]), _form_data(submit="1"), follow=False
    )
    assert resp.status_code == 200
    assert "The deadline for proposals to this challenge passed on" in resp.content.decode()
    p.refresh_from_db()
    assert p.status == ProposalStatus.DRAFT and p.title != "Graphene anodes"
    resp = c.post(reverse("challenges:proposal_submit", args=[p.pk]), follow=True)
    assert "passed on" in resp.content.decode()


def test_uninvited_and_outsider_get_404_on_a_confidential_challenges_proposals(
    client_for,
    confidential_challenge,
    expert_profile,
    academic,
    uninvited,
    outsider,
    other_partner,
    make_proposal,
):
    factories.invite(confidential_challenge, expert_profile)
    p = make_proposal(confidential_challenge, academic, status=ProposalStatus.SUBMITTED)
    urls = [
        reverse("challenges:proposal_create", args=[confidential_challenge.pk]),
        reverse("challenges:review_board", args=[confidential_challenge.pk]),
        p.get_absolute_url(),
        reverse("challenges:proposal_update", args=[p.pk]),
        reverse("challenges:review_decline", args=[p.pk]),
        reverse("challenges:review_select", args=[p.pk]),
    ]
    posts = [
        reverse("challenges:question_ask", args=[confidential_challenge.pk]),
        reverse("challenges:review_advance", args=[p.pk]),
        reverse("challenges:review_score", args=[p.pk]),
        reverse("challenges:proposal_withdraw", args=[p.pk]),
    ]
    for user in (uninvited, outsider, other_partner):
        c = client_for(user)
        for url in urls:
            assert c.get(url).status_code == 404, (user, url)
        for url in posts:
            assert c.post(url, {"text": "x", "stage": "screen", "score": "3"}).status_code == 404
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED


def test_another_academic_gets_404_on_a_proposal_of_an_open_challenge(
    client_for, challenge, expert_profile, academic, uninvited, outsider, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    for user in (uninvited, outsider):
        assert client_for(user).get(p.get_absolute_url()).status_code == 404
        assert (
            client_for(user)
            .get(reverse("challenges:review_board", args=[challenge.pk]))
            .status_code
            == 404
        )


def test_the_challenge_page_shows_the_thread_and_your_proposal(
    client_for,
    confidential_challenge,
    expert_profile,
    speech_profile,
    academic,
    colleague,
    partner_user,
    make_proposal,
):
    from jalinan.challenges.services import questions as svc

    factories.invite(confidential_challenge, expert_profile)
    factories.invite(confidential_challenge, speech_profile)
    q = svc.question_ask(challenge=confidential_challenge, by=academic, text="Which grade?")
    p = make_proposal(confidential_challenge, academic)
    url = confidential_challenge.get_absolute_url()
    body = client_for(colleague).get(url).content.decode()
    assert "Which grade?" in body and "Write a proposal" in body and p.title not in body
    body = client_for(academic).get(url).content.decode()
    assert p.title in body and "Continue the draft" in body
    c = client_for(partner_user)
    body = c.get(url).content.decode()
    assert "Which grade?" in body and reverse("challenges:review_board", args=[p.challenge_id])
    assert p.title not in body  # a draft
    resp = c.post(reverse("challenges:question_answer", args=[q.pk]), {"answer": "X52."})
    assert resp.status_code == 302
    assert "X52." in client_for(colleague).get(url).content.decode()


def test_ask_from_the_page(client_for, challenge, expert_profile, academic, partner_user):
    c = client_for(academic)
    resp = c.post(reverse("challenges:question_ask", args=[challenge.pk]), {"text": ""})
    assert resp.status_code == 200 and "This field is required." in resp.content.decode()
    resp = c.post(reverse("challenges:question_ask", args=[challenge.pk]), {"text": "Budget?"})
    assert resp.status_code == 302 and challenge.questions.get().text == "Budget?"
    resp = client_for(partner_user).post(
        reverse("challenges:question_ask", args=[challenge.pk]), {"text": "x"}
    )
    assert resp.status_code == 403


def test_review_board_score_advance_decline_and_export(
    client_for,
    challenge,
    expert_profile,
    academic,
    colleague,
    partner_user,
    make_proposal,
    django_capture_on_commit_callbacks,
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    q = make_proposal(challenge, colleague, status=ProposalStatus.SUBMITTED, title="Other idea")
    c = client_for(partner_user)
    board = reverse("challenges:review_board", args=[challenge.pk])
    body = c.get(board).content.decode()
    assert p.title in body and "Other idea" in body
    resp = c.post(
        reverse("challenges:review_score", args=[p.pk]),
        {"stage": "screen", "score": "4", "reasons": ["fit"], "comments": "Good", "next": "board"},
    )
    assert resp.status_code == 302 and resp["Location"] == board
    assert p.reviews.get().score == 4
    c.post(reverse("challenges:review_advance", args=[p.pk]), {"next": "board"})
    p.refresh_from_db()
    assert p.status == ProposalStatus.ASSESSMENT
    decline = reverse("challenges:review_decline", args=[q.pk])
    resp = c.post(decline, {"comments": "Sorry"})
    assert resp.status_code == 200
    assert "Choose at least one reason: the proposers hear it." in resp.content.decode()
    assert "Sorry" in resp.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(decline, {"reasons": ["timeline", "team"], "comments": "Sorry"})
    assert resp.status_code == 302
    q.refresh_from_db()
    assert q.status == ProposalStatus.DECLINED
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert "Timeline does not fit ours" in mail.outbox[0].body
    export = c.get(board + "?export=csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = export.content.decode("utf-8-sig")
    assert "Average score" in text and p.title in text and "4.0" in text
    assert c.get(board + "?export=xlsx").status_code == 200
    # The team sees its status and feedback, not the scores.
    body = client_for(colleague).get(q.get_absolute_url()).content.decode()
    assert "Timeline does not fit ours" in body and "Average score" not in body


def test_select_page_confirms_then_opens_memorandum_and_project(
    client_for, challenge, expert_profile, academic, partner_user, officer, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.FINALIST)
    c = client_for(partner_user)
    url = reverse("challenges:review_select", args=[p.pk])
    body = c.get(url).content.decode()
    assert "a draft memorandum" in body.lower() or "draft research collaboration" in body
    resp = c.post(url, {"memo_type_code": ""})
    assert resp.status_code == 200 and "Tick the box to confirm." in resp.content.decode()
    p.refresh_from_db()
    assert p.status == ProposalStatus.FINALIST
    resp = c.post(url, {"memo_type_code": "cra", "confirm": "on"})
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.status == ProposalStatus.SELECTED and p.memorandum.memo_type.code == "cra"
    body = client_for(academic).get(p.get_absolute_url()).content.decode()
    assert p.memorandum.reference in body


def test_my_work_panel(
    client_for, challenge, expert_profile, academic, partner_user, make_proposal
):
    make_proposal(challenge, academic, title="My draft idea")
    other = make_proposal(
        challenge.__class__.objects.create(
            reference="CH-X-1",
            title="Second",
            organisation=challenge.organisation,
            problem_statement="p",
            desired_outcome="d",
            status="published",
            proposal_deadline=challenge.proposal_deadline,
        ),
        academic,
        status=ProposalStatus.SUBMITTED,
        title="Under review idea",
    )
    from django.test import RequestFactory

    from jalinan.challenges.panels import my_proposals_panel

    request = RequestFactory().get("/")
    request.user = academic
    ctx = my_proposals_panel(request)
    assert [p.title for p in ctx["drafts"]] == ["My draft idea"]
    assert [p.title for p in ctx["under_review"]] == ["Under review idea"]
    request.user = partner_user
    ctx = my_proposals_panel(request)
    assert [(c.pk, n) for c, n in ctx["to_review"]] == [(other.challenge_id, 1)]
    page = client_for(partner_user).get(reverse("portal:my_work"))
    assert page.status_code == 200 and "Awaiting your review" in page.content.decode()


@pytest.mark.parametrize("name", ["proposal_detail", "proposal_update", "review_decline"])
def test_missing_proposal_is_404(client_for, officer, name):
    assert client_for(officer).get(reverse(f"challenges:{name}", args=[99999])).status_code == 404


def test_pages_speak_malay(
    client_for, challenge, expert_profile, academic, partner_user, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    c = client_for(academic)
    c.cookies["jalinan_language"] = "ms"
    body = c.get(p.get_absolute_url()).content.decode()
    assert "Pendekatan" in body and "Pasukan" in body
    c = client_for(partner_user)
    c.cookies["jalinan_language"] = "ms"
    body = c.get(reverse("challenges:review_board", args=[challenge.pk])).content.decode()
    assert "Papan semakan" in body and "Lulus saringan" in body


def test_the_review_board_does_not_grow_queries_with_proposals(
    client_for,
    challenge,
    expert_profile,
    academic,
    colleague,
    uninvited,
    partner_user,
    make_proposal,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for(partner_user)
    url = reverse("challenges:review_board", args=[challenge.pk])
    make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    c.get(url)
    with CaptureQueriesContext(connection) as one:
        c.get(url)
    make_proposal(challenge, colleague, status=ProposalStatus.ASSESSMENT)
    make_proposal(challenge, uninvited, status=ProposalStatus.FINALIST)
    with CaptureQueriesContext(connection) as three:
        c.get(url)
    assert len(three) == len(one)
