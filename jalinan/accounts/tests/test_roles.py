"""Who gives roles: only an OIL administrator changes a person's roles, nobody their own; an
officer invites with the ordinary roles only. The service refuses, so every path does."""

import pytest
from django.core.exceptions import ValidationError

from jalinan.accounts.models import Invitation, User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import invitation_create, user_set_roles
from jalinan.core.audit import history_for


def edit(client, person, roles, **extra):
    data = {
        "full_name": person.full_name,
        "approval_status": "approved",
        "is_active": "on",
        "roles": roles,
        **extra,
    }
    if person.unit_id:
        data["unit"] = person.unit_id
    return client.post(f"/accounts/people/{person.pk}/edit/", data)


def roles_of(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def role_history(user):
    return history_for(user).filter(action="update", changes__has_key="roles")


def test_officer_cannot_make_themselves_oil_admin(client_for, officer):
    resp = edit(client_for(officer), officer, ["oil_officer", "oil_admin", "legal"])
    assert resp.status_code == 200
    assert "You cannot change your own roles" in resp.content.decode()
    assert roles_of(officer) == {"oil_officer"}
    assert not role_history(officer).exists()


@pytest.mark.parametrize("role", ["oil_admin", "legal", "committee", "student"])
def test_officer_cannot_change_someone_elses_roles(client_for, officer, academic, role):
    resp = edit(client_for(officer), academic, ["academic", role], full_name="Renamed")
    assert resp.status_code == 200
    assert "Only an OIL administrator can change roles" in resp.content.decode()
    assert roles_of(academic) == {"academic"}
    assert User.objects.get(pk=academic.pk).full_name == "Dr Amina Academic"  # nothing saved
    assert not role_history(academic).exists()


def test_oil_admin_cannot_change_own_roles(client_for, oil_admin):
    client = client_for(oil_admin)
    page = client.get(f"/accounts/people/{oil_admin.pk}/edit/").content.decode()
    assert "You cannot change your own roles" in page  # shown read-only, with the reason
    resp = edit(client, oil_admin, ["oil_admin", "legal"])
    assert resp.status_code == 200 and "You cannot change your own roles" in resp.content.decode()
    assert roles_of(oil_admin) == {"oil_admin"}
    assert not role_history(oil_admin).exists()


def test_oil_admin_grants_legal_to_someone_else_with_audit(client_for, oil_admin, academic):
    resp = edit(client_for(oil_admin), academic, ["academic", "legal"])
    assert resp.status_code == 302
    assert roles_of(academic) == {"academic", "legal"}
    row = role_history(academic).get()
    assert row.actor == oil_admin and row.changes["roles"] == [["academic"], ["academic", "legal"]]


def test_the_service_refuses_every_caller_but_another_oil_admin(officer, oil_admin, academic):
    with pytest.raises(ValidationError):
        user_set_roles(user=officer, roles=[Role.OIL_ADMIN], by=officer)
    with pytest.raises(ValidationError):
        user_set_roles(user=academic, roles=[Role.ACADEMIC, Role.LEGAL], by=officer)
    with pytest.raises(ValidationError):
        user_set_roles(user=oil_admin, roles=[Role.OIL_ADMIN, Role.LEGAL], by=oil_admin)
    assert roles_of(officer) == {"oil_officer"} and roles_of(academic) == {"academic"}
    user_set_roles(user=academic, roles=[Role.ACADEMIC, Role.LEGAL], by=oil_admin)
    assert roles_of(academic) == {"academic", "legal"}


# -- invitations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["oil_admin", "oil_officer", "legal", "committee", "ip_committee", "management"]
)
def test_officer_cannot_invite_with_a_privileged_role(client_for, officer, role):
    resp = client_for(officer).post(
        "/accounts/invitations/", {"email": "x@uni.test", "full_name": "X", "roles": [role]}
    )
    assert resp.status_code == 200 and "not one of the available choices" in resp.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(ValidationError):
        invitation_create(by=officer, email="x@uni.test", full_name="X", roles=[role])
    assert not Invitation.objects.exists()


def test_officer_still_invites_with_ordinary_roles(client_for, officer, unit_eng):
    resp = client_for(officer).post(
        "/accounts/invitations/",
        {"email": "c@uni.test", "full_name": "C", "roles": ["coordinator"], "unit": unit_eng.pk},
    )
    assert resp.status_code == 302
    assert Invitation.objects.get().roles == ["coordinator"]


def test_oil_admin_invites_with_a_privileged_role(client_for, oil_admin):
    resp = client_for(oil_admin).post(
        "/accounts/invitations/", {"email": "l@uni.test", "full_name": "L", "roles": ["legal"]}
    )
    assert resp.status_code == 302
    assert Invitation.objects.get().roles == ["legal"]


def test_invitation_of_a_demoted_inviter_no_longer_grants_its_roles(client, oil_admin, officer):
    _inv, raw = invitation_create(by=oil_admin, email="m@uni.test", full_name="M", roles=["legal"])
    user_set_roles(user=oil_admin, roles=[Role.OIL_OFFICER], by=None)  # demoted since
    oil_admin._jalinan_roles = None
    pw = "a-long-passphrase-9"
    resp = client.post(
        f"/accounts/invitation/{raw}/", {"full_name": "M", "password1": pw, "password2": pw}
    )
    assert resp.status_code == 200 and "You may not give these roles" in resp.content.decode()
    assert not User.objects.filter(email="m@uni.test").exists()


# -- the admin site -----------------------------------------------------------------------------


def test_admin_site_does_not_change_roles(client, academic, unit_eng):
    from django.contrib.auth.models import Group

    from jalinan.accounts.services import user_create

    root = user_create(
        email="root@uni.test",
        full_name="Rosli Root",
        password="x-long-passphrase-9",
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(root)
    legal = Group.objects.get_or_create(name=Role.LEGAL)[0]
    form = {
        "email": academic.email,
        "full_name": academic.full_name,
        "language": "en",
        "unit": unit_eng.pk,
        "approval_status": "approved",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    resp = client.post(
        f"/admin/accounts/user/{academic.pk}/change/", {**form, "groups": [legal.pk]}
    )
    assert resp.status_code == 302
    assert roles_of(academic) == {"academic"}
    own = {**form, "email": root.email, "full_name": root.full_name, "unit": ""}
    client.post(f"/admin/accounts/user/{root.pk}/change/", own)  # without is_superuser
    root.refresh_from_db()
    assert root.is_superuser and root.is_staff
