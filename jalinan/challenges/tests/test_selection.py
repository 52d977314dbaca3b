"""Selecting a proposal: the others declined with feedback, a draft memorandum of the right
type, a project linked to it with the team, the pipeline linked."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from jalinan.challenges.choices import ChallengeStatus, IPExpectation, ProposalStatus
from jalinan.challenges.services import reviews as svc

from .factories import member_row


@pytest.fixture
def contest(challenge, expert_profile, academic, colleague, uninvited, make_proposal):
    """Three proposals to one challenge: finalist (academic + colleague), under assessment,
    and a draft that was never submitted."""
    chosen = make_proposal(
        challenge,
        academic,
        status=ProposalStatus.FINALIST,
        team=[
            member_row(colleague, contribution="Data analysis"),
            {"name": "Siti (MSc student)", "role": "student"},
        ],
    )
    other = make_proposal(
        challenge, colleague, status=ProposalStatus.ASSESSMENT, title="Speech-free anodes"
    )
    draft = make_proposal(challenge, uninvited, title="Unfinished idea")
    return chosen, other, draft


def test_selecting_declines_the_rest_and_opens_a_memorandum_and_a_project(
    challenge,
    contest,
    academic,
    colleague,
    partner_user,
    org_acme,
    unit_eng,
    capture,
    pipeline_opportunity,
):
    chosen, other, draft = contest
    opp = pipeline_opportunity(challenge)
    mail.outbox.clear()
    with capture():
        svc.proposal_select(proposal=chosen, by=partner_user)
    chosen.refresh_from_db()
    other.refresh_from_db()
    draft.refresh_from_db()
    challenge.refresh_from_db()
    assert chosen.status == ProposalStatus.SELECTED
    assert challenge.status == ChallengeStatus.AWARDED
    assert other.status == ProposalStatus.DECLINED and other.feedback_reasons == ["stronger"]
    assert draft.status == ProposalStatus.DRAFT  # never submitted, nothing to answer

    memo = chosen.memorandum
    assert memo.status == "draft" and memo.memo_type.code == "rca"
    assert [p.organisation for p in memo.parties.all()] == [org_acme]
    assert memo.value_cash == Decimal("250000.00") and memo.duration_months == 18
    assert memo.person_in_charge == academic and memo.initiating_unit == unit_eng
    assert list(memo.challenge_proposals.all()) == [chosen]

    project = chosen.project
    memo.refresh_from_db()
    assert project.memorandum == memo and list(memo.projects.all()) == [project]
    assert project.kind == "collaborative" and project.lead == academic
    assert list(project.organisations.all()) == [org_acme]
    team = {m.user_id: m.role for m in project.members.all() if m.user_id}
    assert team == {academic.pk: "lead", colleague.pk: "co_researcher"}
    assert any(m.name.startswith("Siti") and m.role == "student" for m in project.members.all())
    assert [m.title for m in project.milestones.all()] == ["Lab results", "Field trial"]
    assert project.funding.get().cash == Decimal("250000.00")

    opp.refresh_from_db()
    assert opp.memorandum_id == memo.pk and opp.project_id == project.pk

    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    assert any(to == academic.email and "selected" in s for to, s in subjects)
    declined_mail = [m for m in mail.outbox if other.title in m.subject]
    assert declined_mail and "Another proposal met the need better" in declined_mail[0].body
    # The selected team's colleague got both: the congratulation (on chosen) and the
    # decline (on their own proposal).
    assert {m.to[0] for m in mail.outbox if "selected" in m.subject} >= {
        academic.email,
        colleague.email,
    }


def test_contract_research_when_the_partner_owns_the_results(
    make_challenge, expert_profile, academic, partner_user, make_proposal
):
    challenge = make_challenge(ip_expectation=IPExpectation.PARTNER)
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    svc.proposal_select(proposal=p, by=partner_user)
    p.refresh_from_db()
    assert p.memorandum.memo_type.code == "cra" and p.project.kind == "contract"


def test_contract_research_when_the_budget_fits_the_partners_ceiling(
    make_challenge, expert_profile, academic, make_proposal
):
    fits = make_challenge(budget_max=Decimal("300000"))
    p = make_proposal(fits, academic)
    assert svc.memo_type_code_for(p) == "cra"
    over = make_challenge(budget_max=Decimal("100000"), title="Smaller budget")
    q = make_proposal(over, academic)
    assert svc.memo_type_code_for(q) == "rca"


def test_selection_is_all_or_nothing(challenge, contest, partner_user, academic, monkeypatch):
    from jalinan.agreements.models import Memorandum

    chosen, other, _draft = contest
    memoranda = Memorandum.objects.count()

    def broken(**kwargs):
        raise ValidationError("projects are down")

    monkeypatch.setattr("jalinan.projects.services.project_create", broken)
    with pytest.raises(ValidationError):
        svc.proposal_select(proposal=chosen, by=partner_user)
    chosen.refresh_from_db()
    other.refresh_from_db()
    challenge.refresh_from_db()
    assert chosen.status == ProposalStatus.FINALIST and chosen.memorandum_id is None
    assert other.status == ProposalStatus.ASSESSMENT
    assert challenge.status == ChallengeStatus.PUBLISHED
    assert Memorandum.objects.count() == memoranda


def test_nothing_more_to_select_once_awarded(challenge, contest, partner_user):
    chosen, other, _draft = contest
    svc.proposal_select(proposal=chosen, by=partner_user)
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.proposal_select(proposal=other, by=partner_user)
