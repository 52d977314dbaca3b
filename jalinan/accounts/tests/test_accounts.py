import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD
from jalinan.accounts.models import ApiToken, Invitation, Unit, User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import (
    invitation_create,
    partner_signup_complete,
    signup_email_mark_verified,
)
from jalinan.core.audit import history_for
from jalinan.core.models import Notification, NotificationPreference

# -- profile, language, tokens ------------------------------------------------------------------


def test_profile_saves_details_and_language(client_for, academic):
    client = client_for(academic)
    resp = client.post(
        "/accounts/profile/",
        {
            "action": "profile",
            "full_name": "Dr Amina Binti Ali",
            "title": "Dr",
            "job_title": "Senior Lecturer",
            "phone": "+60 3 6421 0000",
            "language": "ms",
        },
    )
    assert resp.status_code == 302
    academic.refresh_from_db()
    assert academic.full_name == "Dr Amina Binti Ali" and academic.language == "ms"
    assert resp.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ms"
    assert history_for(academic).filter(action="update").exists()


def test_profile_form_errors_keep_input(client_for, academic):
    resp = client_for(academic).post(
        "/accounts/profile/",
        {"action": "profile", "full_name": "", "phone": "0123", "language": "xx"},
    )
    page = resp.content.decode()
    assert resp.status_code == 200 and "This field is required." in page
    assert 'value="0123"' in page


def test_language_switch_is_remembered(client_for, academic):
    client = client_for(academic)
    resp = client.post("/accounts/language/", {"language": "ms", "next": "/my-work/"})
    assert resp.status_code == 302 and resp["Location"] == "/my-work/"
    academic.refresh_from_db()
    assert academic.language == "ms"
    assert '<html lang="ms">' in client.get("/my-work/").content.decode()


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    resp = client.post("/accounts/language/", {"language": "xx", "next": "https://evil.test/"})
    assert resp["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in resp.cookies


def test_saved_language_applies_on_a_new_device(client, academic):
    academic.language = "ms"
    academic.save()
    client.force_login(academic)
    assert '<html lang="ms">' in client.get("/my-work/").content.decode()


def test_notification_preferences(client_for, academic):
    from jalinan.core.notifications import KINDS

    # The form lists every kind the apps register; keep the others at their defaults.
    defaults = {f"kind_{key}": kind.default for key, kind in KINDS.items()}
    client_for(academic).post(
        "/accounts/profile/",
        {**defaults, "action": "preferences", "kind_general": "digest", "kind_account": "off"},
    )
    prefs = dict(
        NotificationPreference.objects.filter(user=academic).values_list("kind", "delivery")
    )
    assert prefs["general"] == "digest" and prefs["account"] == "off"
    assert all(prefs[key] == kind.default for key, kind in KINDS.items() if key not in
               ("general", "account"))  # fmt: skip


def test_api_token_shown_once_works_and_can_be_revoked(client_for, client, academic):
    c = client_for(academic)
    c.post("/accounts/reauthenticate/", {"password": PASSWORD})  # a token needs a recent sign-in
    form = {"name": "script", "access": "read", "days": "90"}
    page = c.post("/accounts/profile/tokens/new/", form).content.decode()
    token = ApiToken.objects.get(user=academic)
    raw = page.split('class="user-select-all">')[1].split("<")[0]
    assert raw.startswith("jal_") and raw[:8] == token.hint
    assert raw not in c.get("/accounts/profile/").content.decode()  # never shown again
    c.logout()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/accounts/me", **auth).json()["email"] == academic.email
    client_for(academic).post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    client.logout()
    assert client.get("/api/v1/accounts/me", **auth).status_code == 401


def test_expired_token_is_refused(client, academic):
    raw, hashed = ApiToken.new_token()
    ApiToken.objects.create(
        user=academic,
        name="old",
        token_hash=hashed,
        hint=raw[:8],
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_someone_elses_token_cannot_be_revoked(client_for, academic, officer):
    raw, hashed = ApiToken.new_token()
    t = ApiToken.objects.create(user=academic, name="x", token_hash=hashed, hint=raw[:8])
    assert client_for(officer).post(f"/accounts/profile/tokens/{t.pk}/revoke/").status_code == 404


# -- invitations ------------------------------------------------------------------------------


def test_officer_invites_and_the_invitee_joins(
    client_for, client, officer, unit_eng, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resp = client_for(officer).post(
            "/accounts/invitations/",
            {
                "email": "New.Person@Uni.test",
                "full_name": "New Person",
                "roles": ["academic"],
                "unit": unit_eng.pk,
            },
        )
    assert resp.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@uni.test"]
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/invitation/" in w)
    path = link.split("127.0.0.1:8000")[1]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "new.person@uni.test" in page.content.decode()
    resp = client.post(
        path, {"full_name": "New Person", "password1": "short", "password2": "short"}
    )
    assert "too short" in resp.content.decode()
    resp = client.post(
        path,
        {
            "full_name": "New Person",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
    )
    assert resp.status_code == 302
    user = User.objects.get(email="new.person@uni.test")
    assert user.roles == {Role.ACADEMIC} and user.unit == unit_eng
    assert client.get(path).status_code == 410  # used once only


def test_expired_and_revoked_invitations_are_refused(client, officer):
    inv, raw = invitation_create(
        by=officer, email="late@uni.test", full_name="Late", roles=["student"]
    )
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    resp = client.get(f"/accounts/invitation/{raw}/")
    assert resp.status_code == 410 and "expired" in resp.content.decode()
    assert client.get("/accounts/invitation/not-a-token/").status_code == 404


def test_inviting_an_existing_account_is_refused_next_to_the_field(client_for, officer, academic):
    resp = client_for(officer).post(
        "/accounts/invitations/",
        {"email": academic.email, "full_name": "Again", "roles": ["academic"]},
    )
    assert "already has an account" in resp.content.decode()
    assert not Invitation.objects.exists()


def test_coordinator_invites_only_staff_and_students_to_own_unit(client_for, coordinator, unit_ict):
    client = client_for(coordinator)
    resp = client.post(
        "/accounts/invitations/", {"email": "x@uni.test", "full_name": "X", "roles": ["oil_admin"]}
    )
    assert "is not one of the available choices" in resp.content.decode()
    resp = client.post(
        "/accounts/invitations/",
        {"email": "x@uni.test", "full_name": "X", "roles": ["student"], "unit": unit_ict.pk},
    )
    assert "not one of the available choices" in resp.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "academic", "student", "partner_user"])
def test_office_pages_are_404_for_others(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    for url in [
        "/accounts/invitations/",
        "/accounts/approvals/",
        "/accounts/people/",
        "/accounts/units/new/",
        "/core/audit/",
        "/core/institution/",
    ]:
        assert client.get(url).status_code == 404, url


def test_unit_tree_visible_to_staff_not_outsiders(client_for, academic, outsider, unit_eng):
    assert (
        "Kulliyyah of Engineering" in client_for(academic).get("/accounts/units/").content.decode()
    )
    assert client_for(outsider).get("/accounts/units/").status_code == 404


# -- partner self-registration ------------------------------------------------------------------


def test_partner_signs_up_waits_and_is_approved(
    client, officer, org_acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            "/accounts/signup/",
            {
                "email": "ceo@newco.test",
                "password1": "a-long-passphrase-9",
                "password2": "a-long-passphrase-9",
                "full_name": "Nora CEO",
                "organisation_name": "Acme Robotics Sdn Bhd",
                "job_title": "CEO",
                "consent": "on",
            },
        )
    assert resp.status_code == 302
    user = User.objects.get(email="ceo@newco.test")
    assert user.approval_status == "pending" and user.roles == {Role.PARTNER}
    assert Notification.objects.filter(recipient=officer, kind="account").exists()
    # the address is confirmed through the link sent to it
    [sent] = [m for m in mail.outbox if m.to == ["ceo@newco.test"]]
    link = re.search(r"http\S+/accounts/confirm-email/\S+/", sent.body).group(0)
    assert client.post(link).status_code == 302
    client.force_login(user)
    page = client.get("/my-work/").content.decode()
    assert "waiting" in page.lower() or "check your details" in page
    assert client.get(f"/partners/{org_acme.pk}/").status_code == 404

    from django.test import Client

    office = Client()
    office.force_login(officer)
    page = office.get("/accounts/approvals/").content.decode()
    assert "Nora CEO" in page and "Acme Robotics Sdn. Bhd." in page  # suggested match
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            f"/accounts/approvals/{user.pk}/",
            {
                "decision": "approve",
                f"u{user.pk}-organisation": org_acme.pk,
                f"u{user.pk}-confirm_affiliation": "on",
            },
        )
    user.refresh_from_db()
    assert user.approval_status == "approved" and user.organisation == org_acme
    assert any("approved" in m.subject for m in mail.outbox)
    assert client.get(f"/partners/{org_acme.pk}/").status_code == 200


def test_signup_requires_consent_and_keeps_input(client, db):
    resp = client.post(
        "/accounts/signup/",
        {
            "email": "a@b.test",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
            "full_name": "Ahmad",
            "organisation_name": "Kopi Co",
        },
    )
    page = resp.content.decode()
    assert resp.status_code == 200 and "This field is required." in page
    assert 'value="Kopi Co"' in page and not User.objects.filter(email="a@b.test").exists()


def test_rejection_with_reason(client_for, officer, db):
    user = User.objects.create_user(email="spam@x.test", password="x", full_name="Spam")
    partner_signup_complete(user=user, full_name="Spam", organisation_name="Spam Co")
    client_for(officer).post(
        f"/accounts/approvals/{user.pk}/", {"decision": "reject", "reason": "Not a company"}
    )
    user.refresh_from_db()
    assert user.approval_status == "rejected"
    assert Notification.objects.get(recipient=user).body == "Not a company"


def test_approval_can_register_the_organisation(client_for, officer, db):
    user = User.objects.create_user(email="n@new.test", password="x", full_name="N")
    partner_signup_complete(user=user, full_name="N", organisation_name="Brand New Sdn Bhd")
    signup_email_mark_verified(user=user, by=user)
    client_for(officer).post(
        f"/accounts/approvals/{user.pk}/", {"decision": "approve", f"u{user.pk}-create_new": "on"}
    )
    user.refresh_from_db()
    assert user.organisation.legal_name == "Brand New Sdn Bhd"
    # A prospect of no known type, for the office to complete.
    assert (user.organisation.org_type, user.organisation.status) == ("other", "prospect")


# -- people and units -------------------------------------------------------------------------


def test_officer_edits_a_person_whose_roles_stay_read_only(client_for, officer, academic, unit_eng):
    client = client_for(officer)
    page = client.get(f"/accounts/people/{academic.pk}/edit/").content.decode()
    assert re.search(r'name="roles" value="academic"[^>]* disabled', page)
    resp = client.post(
        f"/accounts/people/{academic.pk}/edit/",
        # The browser sends no roles: the boxes are disabled.
        {
            "full_name": "Dr Amina Binti Ali",
            "unit": unit_eng.pk,
            "approval_status": "approved",
            "is_active": "on",
        },
    )
    assert resp.status_code == 302
    academic.refresh_from_db()
    assert academic.full_name == "Dr Amina Binti Ali" and academic.roles == {"academic"}
    assert not history_for(academic).filter(action="update", changes__has_key="roles").exists()


def test_people_list_search_and_export(client_for, officer, academic, student):
    client = client_for(officer)
    page = client.get("/accounts/people/?role=student").content.decode()
    assert "Siti Student" in page and "Amina" not in page
    csv = client.get("/accounts/people/?export=csv").content.decode("utf-8-sig")
    assert "academic@uni.test" in csv


def test_unit_cannot_sit_below_itself(client_for, officer, unit_eng):
    child = Unit.objects.create(code="mech", name="Mechanical", kind="department", parent=unit_eng)
    resp = client_for(officer).post(
        f"/accounts/units/{unit_eng.pk}/edit/",
        {
            "code": "koe",
            "name": "Kulliyyah of Engineering",
            "kind": "kulliyyah",
            "parent": child.pk,
            "is_active": "on",
        },
    )
    assert resp.status_code == 200 and "cannot sit below itself" in resp.content.decode()


def test_officer_creates_unit(client_for, officer):
    client_for(officer).post(
        "/accounts/units/new/",
        {"code": "inhart", "name": "INHART", "kind": "institute", "is_active": "on"},
    )
    assert Unit.objects.get(code="inhart").kind == "institute"


# -- login, throttling, two-factor, password reset ---------------------------------------------


def test_login_with_email(client, academic):
    resp = client.post("/accounts/login/", {"login": academic.email, "password": PASSWORD})
    assert resp.status_code == 302


def test_login_is_throttled_after_repeated_failures(client, academic):
    for _ in range(5):
        page = client.post("/accounts/login/", {"login": academic.email, "password": "wrong"})
        assert page.status_code == 200
    resp = client.post("/accounts/login/", {"login": academic.email, "password": PASSWORD})
    assert resp.status_code == 200
    assert "Too many failed login attempts" in resp.content.decode()


def test_totp_is_asked_after_the_password(client, officer):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(officer, generate_totp_secret())
    resp = client.post("/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert resp.status_code == 302 and "/2fa/authenticate" in resp["Location"]
    assert client.get("/my-work/").status_code == 302  # not signed in yet


def test_totp_setup_page_offers_a_secret_after_a_fresh_login(client, officer):
    client.post("/accounts/login/", {"login": officer.email, "password": PASSWORD})
    resp = client.get("/accounts/2fa/totp/activate/")
    assert resp.status_code == 200 and 'name="code"' in resp.content.decode()


def test_password_reset_sends_a_link(client, academic):
    client.post("/accounts/password/reset/", {"email": academic.email})
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body
