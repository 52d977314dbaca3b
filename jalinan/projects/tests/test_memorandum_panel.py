"""A memorandum's page lists the projects run under it, each a link, for a reader who may see
them (``projects_for``), and not for one who may not; the project's page links back."""

import pytest

from jalinan.agreements.choices import Status
from jalinan.agreements.tests.factories import make_memo
from jalinan.projects.services import project_create


@pytest.fixture
def memo_and_project(academic, officer, unit_eng, org_acme, org_other):
    """An agreement with Acme and Other Sdn Bhd; a project under it with Acme only."""
    memo = make_memo(
        unit=unit_eng,
        pic=academic,
        parties=[org_acme, org_other],
        status=Status.ACTIVE,
        type_code="rca",
    )
    project = project_create(
        by=officer,
        title="Welding robots for Acme",
        kind="collaborative",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
        memorandum=memo,
        quiet=True,
    )
    return memo, project


def test_the_memorandum_page_links_the_projects_its_reader_may_see(
    client_for, memo_and_project, officer, partner_user, other_partner, outsider
):
    memo, project = memo_and_project
    link = f'href="{project.get_absolute_url()}"'
    for reader in (officer, partner_user):
        page = client_for(reader).get(memo.get_absolute_url())
        assert page.status_code == 200
        assert 'data-panel="projects.memorandum"' in page.content.decode()
        assert link in page.content.decode()
    # Other Sdn Bhd is a party to the memorandum but no partner in the project
    page = client_for(other_partner).get(memo.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert memo.title in body
    assert link not in body and project.title not in body
    assert client_for(outsider).get(memo.get_absolute_url()).status_code == 404


def test_the_project_page_links_back_to_its_memorandum(client_for, memo_and_project, officer):
    memo, project = memo_and_project
    page = client_for(officer).get(project.get_absolute_url())
    assert f'href="{memo.get_absolute_url()}"' in page.content.decode()


def test_staff_who_may_open_a_project_are_offered_one_under_the_memorandum(
    client_for, academic, unit_eng, org_acme, coordinator
):
    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status=Status.ACTIVE)
    offer = f"/projects/new/?memorandum={memo.pk}"
    body = client_for(coordinator).get(memo.get_absolute_url()).content.decode()
    assert offer in body and "No project runs under this memorandum yet." in body
