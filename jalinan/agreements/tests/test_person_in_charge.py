"""Who is in charge of a memorandum is no way around its confidentiality: only OIL changes the
person in charge of an existing memorandum (page, API and service alike), and a person in charge
opens confidential documents only once OIL chose or confirmed them."""

import pytest
from django.core.exceptions import ValidationError

from jalinan.agreements.models import Memorandum, MemorandumType
from jalinan.agreements.services import memorandum_update
from jalinan.agreements.tests.factories import make_document, make_memo
from jalinan.agreements.tests.test_api import bearer
from jalinan.agreements.tests.test_locking import form_data
from jalinan.core.models import AuditEntry

REFUSED = "Only OIL may change the person in charge of a memorandum"


def updates(memo):
    return AuditEntry.objects.filter(object_id=str(memo.pk), action="update").count()


def test_a_coordinator_cannot_make_themselves_person_in_charge_on_the_page(
    client_for, coordinator, memo
):
    before = (memo.person_in_charge_id, memo.version, updates(memo))
    client = client_for(coordinator)
    assert client.get(f"/memoranda/{memo.pk}/edit/").status_code == 200  # their unit's draft
    resp = client.post(
        f"/memoranda/{memo.pk}/edit/", form_data(memo, person_in_charge=coordinator.pk)
    )
    assert resp.status_code == 200 and REFUSED in resp.content.decode()
    memo.refresh_from_db()
    assert (memo.person_in_charge_id, memo.version, updates(memo)) == before


def test_a_coordinator_cannot_make_themselves_person_in_charge_through_the_api(
    client, coordinator, memo
):
    before = (memo.person_in_charge_id, memo.version)
    resp = client.patch(
        f"/api/v1/memoranda/{memo.pk}",
        data={"version": memo.version, "person_in_charge_id": coordinator.pk},
        content_type="application/json",
        **bearer(coordinator),
    )
    assert resp.status_code == 422
    assert REFUSED in " ".join(resp.json()["errors"]["person_in_charge"])
    memo.refresh_from_db()
    assert (memo.person_in_charge_id, memo.version) == before
    # their other edits still go through, the person in charge untouched
    resp = client.patch(
        f"/api/v1/memoranda/{memo.pk}",
        data={"version": memo.version, "title": "Robotics lab, phase two"},
        content_type="application/json",
        **bearer(coordinator),
    )
    assert resp.status_code == 200
    assert resp.json()["person_in_charge_id"] == memo.person_in_charge_id


def test_the_service_refuses_anyone_but_oil(coordinator, memo):
    with pytest.raises(ValidationError) as exc:
        memorandum_update(
            memorandum=memo, by=coordinator, version=memo.version, person_in_charge=coordinator
        )
    assert REFUSED in str(exc.value)
    memo.refresh_from_db()
    assert memo.person_in_charge_id != coordinator.pk


def test_a_self_named_person_in_charge_opens_confidential_documents_once_oil_confirms(
    client, client_for, coordinator, officer, org_acme
):
    moa = MemorandumType.objects.get(code="moa")
    resp = client_for(coordinator).post(
        "/memoranda/new/",
        {
            "title": "Smart farming pilot",
            "memo_type": moa.pk,
            "initiating_unit": coordinator.unit_id,
            "person_in_charge": coordinator.pk,
            "parties": [org_acme.pk],
            "scope": "Sensors in paddy fields.",
            "value_cash": "0",
            "value_in_kind": "0",
            "confidentiality": "internal",
        },
    )
    assert resp.status_code == 302
    memo = Memorandum.objects.get(title="Smart farming pilot")
    assert memo.person_in_charge_id == coordinator.pk
    secret = make_document(memo, confidential=True, by=officer)
    page_url = f"/memoranda/documents/{secret.pk}/"
    api_url = f"/api/v1/memoranda/documents/{secret.pk}/download"
    coord = client_for(coordinator)
    assert coord.get(page_url).status_code == 404
    assert client.get(api_url, **bearer(coordinator)).status_code == 404
    detail = coord.get(memo.get_absolute_url()).content.decode()
    assert page_url not in detail and "not yet confirmed by OIL" in detail

    # an OIL officer assigns them (saving the form with them in charge)
    resp = client_for(officer).post(f"/memoranda/{memo.pk}/edit/", form_data(memo))
    assert resp.status_code == 302
    memo.refresh_from_db()
    assert memo.person_in_charge_assigned_by_id == officer.pk
    entry = AuditEntry.objects.filter(object_id=str(memo.pk), action="update").first()
    assert entry.actor == officer and "person_in_charge_assigned_by" in entry.changes
    assert client_for(coordinator).get(page_url).status_code == 200
    assert client.get(api_url, **bearer(coordinator)).status_code == 200
    detail = client_for(coordinator).get(memo.get_absolute_url()).content.decode()
    assert page_url in detail and "not yet confirmed by OIL" not in detail


def test_a_person_in_charge_chosen_by_oil_opens_confidential_documents(
    client_for, officer, academic, coordinator, unit_eng, org_acme
):
    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], created_by=officer)
    secret = make_document(memo, confidential=True, by=officer)
    assert client_for(academic).get(f"/memoranda/documents/{secret.pk}/").status_code == 200
    # the coordinator may not take over
    with pytest.raises(ValidationError):
        memorandum_update(
            memorandum=memo, by=coordinator, version=memo.version, person_in_charge=coordinator
        )
    # OIL hands it to someone else: the new person is confirmed, the old one loses access
    memorandum_update(
        memorandum=memo, by=officer, version=memo.version, person_in_charge=coordinator
    )
    assert client_for(academic).get(f"/memoranda/documents/{secret.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/memoranda/documents/{secret.pk}/").status_code == 200


def test_the_migration_fills_who_confirmed_and_who_submitted_from_the_history(
    officer, coordinator, academic, unit_eng, org_acme
):
    import importlib

    from django.apps import apps

    from jalinan.agreements.workflow import apply_transition

    by_oil = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], created_by=officer)
    self_named = make_memo(unit=unit_eng, pic=coordinator, parties=[org_acme])
    apply_transition(memorandum=self_named, action="submit", by=coordinator, quiet=True)
    Memorandum.objects.update(person_in_charge_assigned_by=None, submitted_by=None)
    migration = importlib.import_module(
        "jalinan.agreements.migrations.0005_backfill_pic_assigned_by_and_submitted_by"
    )
    migration.backfill(apps, None)
    by_oil.refresh_from_db()
    self_named.refresh_from_db()
    assert by_oil.person_in_charge_assigned_by_id == officer.pk
    assert self_named.person_in_charge_assigned_by_id is None
    assert (by_oil.submitted_by_id, self_named.submitted_by_id) == (None, coordinator.pk)
