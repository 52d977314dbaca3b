"""Who sees and changes which project, on the pages and in the API."""

from jalinan.agreements.tests.test_api import bearer
from jalinan.projects.permissions import can_change_project, can_create_project, can_view_project
from jalinan.projects.selectors import projects_for


def _user(email, roles, **extra):
    from jalinan.accounts.services import user_create

    return user_create(
        email=email, full_name=email.split("@")[0], password="x-pass-word-1", roles=roles, **extra
    )


def test_who_sees_and_changes(
    project,
    officer,
    management,
    committee,
    coordinator,
    academic,
    student,
    partner_user,
    other_partner,
    outsider,
    unit_ict,
):
    stranger_academic = _user("stranger@uni.test", ["academic"], unit=unit_ict)
    other_student = _user("other.student@uni.test", ["student"], unit=unit_ict)
    ict_coordinator = _user("ict.coord@uni.test", ["coordinator"], unit=unit_ict)
    see = {
        officer: True,
        management: True,
        committee: True,
        coordinator: True,
        academic: True,
        stranger_academic: True,
        student: True,
        partner_user: True,
        other_partner: False,
        other_student: False,
        outsider: False,
    }
    for user, expected in see.items():
        assert can_view_project(user, project) is expected, user
        assert projects_for(user).filter(pk=project.pk).exists() is expected, user
    change = {
        officer: True,
        coordinator: True,
        academic: True,
        management: False,
        committee: False,
        stranger_academic: False,
        ict_coordinator: False,
        student: False,
        partner_user: False,
        outsider: False,
    }
    for user, expected in change.items():
        assert can_change_project(user, project) is expected, user
    assert can_create_project(academic) and can_create_project(coordinator)
    assert can_create_project(officer)
    assert not any(can_create_project(u) for u in (student, partner_user, management, outsider))


def test_a_co_researcher_on_the_team_may_change_it(project, officer, unit_ict):
    from jalinan.projects.services import member_add

    colleague = _user("colleague@uni.test", ["academic"], unit=unit_ict)
    assert not can_change_project(colleague, project)
    member_add(project=project, by=officer, user=colleague, role="co_researcher", quiet=True)
    project = type(project).objects.get(pk=project.pk)
    assert can_change_project(colleague, project)


def test_outsider_and_other_partner_get_404_everywhere(
    client_for, project, outsider, other_partner, client
):
    for user in (outsider, other_partner):
        c = client_for(user)
        for url in (
            f"/projects/{project.pk}/",
            f"/projects/{project.pk}/edit/",
        ):
            assert c.get(url).status_code == 404, (user, url)
        assert c.post(f"/projects/{project.pk}/status/", {"status": "completed"}).status_code == 404
        assert c.post(f"/projects/{project.pk}/income/", {"i-amount": "1"}).status_code == 404
        headers = bearer(user)
        assert client.get(f"/api/v1/projects/{project.pk}", **headers).status_code == 404
        resp = client.patch(
            f"/api/v1/projects/{project.pk}",
            data={"title": "X"},
            content_type="application/json",
            **headers,
        )
        assert resp.status_code == 404
        assert client.get("/api/v1/projects/", **headers).json()["count"] == 0
    assert client_for(outsider).get("/projects/").status_code == 404
    assert client_for(outsider).get("/projects/new/").status_code == 404
    project.refresh_from_db()
    assert project.status == "active"


def test_readers_are_refused_changes_with_403(
    client_for, project, management, partner_user, student
):
    for user in (management, partner_user, student):
        c = client_for(user)
        assert c.get(f"/projects/{project.pk}/").status_code == 200
        assert c.get(f"/projects/{project.pk}/edit/").status_code == 403
        assert c.post(f"/projects/{project.pk}/status/", {"status": "completed"}).status_code == 403
    assert client_for(partner_user).get("/projects/new/").status_code == 403
