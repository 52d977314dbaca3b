from django.core import mail

from jalinan.core.audit import audit_log, diff, history_for, snapshot
from jalinan.core.models import AuditEntry, Notification
from jalinan.core.notifications import notify, preference_set
from jalinan.core.tasks import send_digests


def test_audit_records_field_changes(org_acme, officer):
    before = snapshot(org_acme)
    org_acme.city = "Kuantan"
    org_acme.save()
    audit_log(
        actor=officer, action="update", obj=org_acme, changes=diff(before, snapshot(org_acme))
    )
    entry = history_for(org_acme).get()
    assert entry.changes == {"city": ["", "Kuantan"]}
    assert entry.actor_repr == "officer@uni.test"


def test_notify_emails_immediately_and_only_once_with_dedupe_key(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(
            recipient=officer, kind="general", title="Memo expires", url="/x/", dedupe_key="k1"
        )
    assert n is not None
    assert len(mail.outbox) == 1
    assert "Memo expires" in mail.outbox[0].subject
    assert notify(recipient=officer, kind="general", title="Memo expires", dedupe_key="k1") is None
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert len(mail.outbox) == 1


def test_digest_preference_defers_email_to_the_daily_digest(officer):
    preference_set(user=officer, kind="general", delivery="digest")
    notify(recipient=officer, kind="general", title="One")
    notify(recipient=officer, kind="general", title="Two")
    assert mail.outbox == []
    assert send_digests() == 1
    assert len(mail.outbox) == 1
    assert "One" in mail.outbox[0].body and "Two" in mail.outbox[0].body
    assert send_digests() == 0  # nothing is sent twice


def test_off_preference_keeps_it_in_the_app_only(officer):
    preference_set(user=officer, kind="general", delivery="off")
    notify(recipient=officer, kind="general", title="Quiet")
    assert mail.outbox == []
    assert send_digests() == 0
    assert Notification.objects.filter(recipient=officer, title="Quiet").exists()


def test_audit_list_is_for_the_office_only(client_for, officer, outsider, academic, org_acme):
    audit_log(actor=officer, action="create", obj=org_acme)
    assert client_for(outsider).get("/core/audit/").status_code == 404
    assert client_for(academic).get("/core/audit/").status_code == 404
    resp = client_for(officer).get("/core/audit/")
    assert resp.status_code == 200
    assert "Acme Robotics" in resp.content.decode()
    assert AuditEntry.objects.count() >= 1


def test_send_digests_command_is_rerunnable(officer):
    from django.core.management import call_command

    preference_set(user=officer, kind="general", delivery="digest")
    notify(recipient=officer, kind="general", title="Digest me")
    call_command("send_digests")
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_history_names_fields_as_the_forms_do(client_for, officer, org_acme):
    """The History panel and the audit list show a field's label in the reader's language
    ("City", "Bandar"), not its column name; a key that is no field reads as words."""
    audit_log(
        actor=officer,
        action="update",
        obj=org_acme,
        changes={"city": ["", "Kuantan"], "lead_unit": [None, "KOE"], "other_names": [[], ["X"]]},
    )
    client = client_for(officer)
    page = client.get(org_acme.get_absolute_url()).content.decode()
    assert '<th scope="row" class="fw-normal text-body-secondary">City</th>' in page
    assert "Lead KCDIO</th>" in page
    assert ">Other names</th>" in page
    assert ">city</th>" not in page and ">lead_unit</th>" not in page
    audit = client.get("/core/audit/").content.decode()
    assert "<strong>City</strong>" in audit
    from django.utils import translation

    client.cookies["jalinan_language"] = "ms"
    try:
        malay = client.get(org_acme.get_absolute_url()).content.decode()
    finally:
        translation.activate("en")
    assert ">Bandar</th>" in malay and ">City</th>" not in malay
