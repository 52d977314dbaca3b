"""Signing in through OpenID Connect against a real provider on loopback (RSA-signed ID tokens,
JWKS, PKCE): the account is made from the claims and the mappings, and every forged, stale or
misdirected answer is refused with its reason and makes no account."""

from __future__ import annotations

import pytest

from jalinan.accounts.models import IdentityMapping, User
from jalinan.accounts.roles import Role
from jalinan.core.models import AuditEntry

from .conftest import oidc_sign_in, refusal

pytestmark = pytest.mark.django_db

AMINAH = {
    "sub": "u-1001",
    "email": "aminah@iium.test",
    "name": "Aminah Binti Omar",
    "affiliation": ["faculty", "member"],
    "department": "KOE",
    "employee_id": "S1001",
}


def test_first_sign_in_makes_the_account_with_mapped_role_and_unit(
    oidc_idp, browser_client, unit_eng
):
    oidc_idp.person = AMINAH
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 200
    user = User.objects.get(email="aminah@iium.test")
    assert user.roles == {Role.ACADEMIC}
    assert user.unit == unit_eng
    assert user.staff_id == "S1001"
    assert user.full_name == "Aminah Binti Omar"
    assert not user.has_usable_password()
    assert page.wsgi_request.user == user
    assert AuditEntry.objects.filter(object_id=str(user.pk), action="create").exists()
    assert user.socialaccount_set.get().uid == "u-1001"


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("bad_signature", "signature"),
        ("tampered", "signature"),
        ("expired", "expired"),
        ("wrong_audience", "audience"),
        ("stale_nonce", "replay"),
    ],
)
def test_a_forged_stale_or_misdirected_id_token_is_refused(oidc_idp, browser_client, fault, reason):
    oidc_idp.person = AMINAH
    oidc_idp.fault = fault
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 403
    assert refusal(page) == reason
    assert b"Nobody was signed in" in page.content
    assert not User.objects.filter(email="aminah@iium.test").exists()
    assert "_auth_user_id" not in browser_client.session


def test_the_same_callback_twice_is_refused_as_a_replay(oidc_idp, browser_client, client):
    oidc_idp.person = AMINAH
    page, callback = oidc_sign_in(browser_client)
    assert page.status_code == 200
    # The answer captured and played again, in the same browser or another one.
    for other in (browser_client, client):
        again = other.get(f"{callback.path}?{callback.query}", follow=True)
        assert again.status_code == 403
        assert refusal(again) == "replay"


def test_a_replayed_id_token_is_refused(oidc_idp, browser_client, client):
    oidc_idp.person = AMINAH
    first, _ = oidc_sign_in(browser_client)
    assert first.status_code == 200
    oidc_idp.fault = "replayed_token"
    page, _ = oidc_sign_in(client)
    assert page.status_code == 403
    assert refusal(page) == "replay"


def test_later_sign_ins_move_the_unit_and_keep_hand_given_roles(
    oidc_idp, browser_client, unit_eng, unit_ict
):
    oidc_idp.person = AMINAH
    oidc_sign_in(browser_client)
    user = User.objects.get(email="aminah@iium.test")
    from jalinan.accounts.services import user_set_roles

    user_set_roles(user=user, roles=[Role.ACADEMIC, Role.COMMITTEE])
    browser_client.post("/accounts/logout/")
    # She moved to the Kulliyyah of ICT and is now a student as well as staff.
    oidc_idp.person = {**AMINAH, "department": "kict", "affiliation": ["student"]}
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 200
    user = User.objects.get(pk=user.pk)
    assert user.unit == unit_ict
    assert user.roles == {Role.STUDENT, Role.COMMITTEE}
    changes = [e.changes for e in AuditEntry.objects.filter(object_id=str(user.pk))]
    assert any("unit" in c for c in changes)
    assert any(
        c.get("roles") == [["academic", "committee"], ["committee", "student"]] for c in changes
    )


def test_an_existing_invited_account_is_linked_by_its_address(oidc_idp, browser_client, academic):
    oidc_idp.person = {**AMINAH, "email": academic.email.upper()}
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 200
    assert page.wsgi_request.user == academic
    assert User.objects.filter(email__iexact=academic.email).count() == 1


def test_a_deactivated_account_does_not_get_back_in(oidc_idp, browser_client, academic):
    from jalinan.accounts.services import user_update

    user_update(user=academic, by=None, is_active=False)
    oidc_idp.person = {**AMINAH, "email": academic.email}
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 403
    assert refusal(page) == "inactive"
    assert "_auth_user_id" not in browser_client.session
    # Linked now or not, the next try is refused too.
    page, _ = oidc_sign_in(browser_client)
    assert refusal(page) == "inactive"


def test_an_affiliation_that_gives_no_role_makes_no_account(oidc_idp, browser_client):
    oidc_idp.person = {**AMINAH, "affiliation": ["alum"]}
    page, _ = oidc_sign_in(browser_client)
    assert refusal(page) == "no_role"
    assert not User.objects.filter(email="aminah@iium.test").exists()


def test_a_mapping_added_by_the_office_counts_at_the_next_sign_in(oidc_idp, browser_client):
    IdentityMapping.objects.create(kind="role", value="alum", role=Role.STUDENT)
    oidc_idp.person = {**AMINAH, "affiliation": "alum"}
    page, _ = oidc_sign_in(browser_client)
    assert page.status_code == 200
    assert User.objects.get(email="aminah@iium.test").roles == {Role.STUDENT}


def test_an_address_the_provider_has_not_verified_opens_no_account(
    oidc_idp, browser_client, oil_admin
):
    oidc_idp.person = {**AMINAH, "email": oil_admin.email, "email_verified": False}
    page, _ = oidc_sign_in(browser_client)
    assert refusal(page) == "no_email"
    assert "_auth_user_id" not in browser_client.session


def test_a_university_account_cannot_be_connected_by_hand(oidc_idp, browser_client, partner_user):
    browser_client.force_login(partner_user)
    oidc_idp.person = AMINAH
    start = browser_client.post("/accounts/oidc/university/login/", {"process": "connect"})
    import requests

    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    page = browser_client.get(back.removeprefix("http://testserver"), follow=True)
    assert refusal(page) == "connect"
    assert not partner_user.socialaccount_set.exists()
    assert not User.objects.filter(email="aminah@iium.test").exists()
