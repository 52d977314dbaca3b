"""The memorandum a selection opened names the proposal it came from on its page, as a link,
for a reader who may see the proposal, and not for one who may not; the proposal's page
links back."""

import pytest

from jalinan.challenges.choices import ProposalStatus
from jalinan.challenges.services import reviews as svc


@pytest.fixture
def selected(challenge, expert_profile, academic, partner_user, make_proposal):
    proposal = make_proposal(challenge, academic, status=ProposalStatus.FINALIST)
    svc.proposal_select(proposal=proposal, by=partner_user)
    proposal.refresh_from_db()
    return proposal


def test_the_memorandum_page_links_the_proposal_its_reader_may_see(
    client_for, selected, officer, partner_user, academic, coordinator, outsider
):
    memo = selected.memorandum
    link = f'href="{selected.get_absolute_url()}"'
    for reader in (officer, partner_user, academic):
        body = client_for(reader).get(memo.get_absolute_url()).content.decode()
        assert 'data-panel="challenges.proposal"' in body and link in body
    # The engineering coordinator follows the unit's memorandum and may open the project,
    # but the proposal is only its team's, the partner's and OIL's.
    page = client_for(coordinator).get(memo.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert f'href="{selected.project.get_absolute_url()}"' in body
    assert link not in body and 'data-panel="challenges.proposal"' not in body
    assert client_for(outsider).get(memo.get_absolute_url()).status_code == 404


def test_the_proposal_page_links_back_to_its_memorandum(client_for, selected, partner_user):
    body = client_for(partner_user).get(selected.get_absolute_url()).content.decode()
    assert f'href="{selected.memorandum.get_absolute_url()}"' in body


def test_the_api_reads_the_links_from_the_relations(client, selected, officer):
    """``proposal_id`` and ``project_id`` keep their names in the memoranda API, read-only."""
    from jalinan.agreements.tests.test_api import bearer

    memo = selected.memorandum
    auth = bearer(officer)
    one = client.get(f"/api/v1/memoranda/{memo.pk}", **auth).json()
    assert (one["proposal_id"], one["project_id"]) == (selected.pk, selected.project_id)
    rows = client.get("/api/v1/memoranda/", **auth).json()["items"]
    row = next(r for r in rows if r["id"] == memo.pk)
    assert (row["proposal_id"], row["project_id"]) == (selected.pk, selected.project_id)
    # sent back in a patch, they change nothing: the proposal and the project name the memorandum
    patched = client.patch(
        f"/api/v1/memoranda/{memo.pk}",
        data={"version": one["version"], "project_id": None, "proposal_id": None},
        content_type="application/json",
        **auth,
    )
    assert patched.status_code == 200
    assert (patched.json()["proposal_id"], patched.json()["project_id"]) == (
        selected.pk,
        selected.project_id,
    )
