"""Two people editing one memorandum never silently overwrite each other."""

import pytest

from jalinan.agreements.models import Memorandum
from jalinan.agreements.services import StaleEdit, memorandum_update
from jalinan.core.models import AuditEntry


def form_data(memo, **changes):
    data = {
        "title": memo.title,
        "memo_type": memo.memo_type_id,
        "initiating_unit": memo.initiating_unit_id,
        "person_in_charge": memo.person_in_charge_id,
        "parties": [p.organisation_id for p in memo.parties.all()],
        "scope": memo.scope,
        "objectives": memo.objectives,
        "value_cash": str(memo.value_cash),
        "value_in_kind": str(memo.value_in_kind),
        "confidentiality": memo.confidentiality,
        "version": memo.version,
    }
    data.update(changes)
    return data


def test_a_stale_save_is_refused_by_the_service(memo, officer, academic):
    loaded = memo.version
    memorandum_update(memorandum=memo, by=officer, version=loaded, title="Officer's title")
    with pytest.raises(StaleEdit) as exc:
        memorandum_update(memorandum=memo, by=academic, version=loaded, scope="Academic's scope")
    memo.refresh_from_db()
    assert memo.title == "Officer's title" and memo.scope != "Academic's scope"
    assert [e.changes["title"][1] for e in exc.value.changes] == ["Officer's title"]
    assert memo.version == loaded + 1


def test_the_second_officer_sees_the_first_ones_change_and_keeps_what_they_typed(
    client_for, memo, officer, oil_admin
):
    first, second = client_for(officer), None
    loaded = form_data(memo)
    resp = first.post(f"/memoranda/{memo.pk}/edit/", {**loaded, "title": "Title by Omar"})
    assert resp.status_code == 302
    second = client_for(oil_admin)
    resp = second.post(
        f"/memoranda/{memo.pk}/edit/",
        {**loaded, "scope": "Scope typed by Aisyah", "title": memo.title},
    )
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "Someone else saved this memorandum" in page
    assert 'data-testid="edit-conflict"' in page
    assert officer.email in page and "Title by Omar" in page  # what the other person changed
    assert "Scope typed by Aisyah" in page  # what this person typed, kept
    memo.refresh_from_db()
    assert memo.title == "Title by Omar" and memo.scope != "Scope typed by Aisyah"
    # saving again, knowingly, goes through (the form now carries the current version)
    assert f'name="version" value="{memo.version}"' in page
    resp = second.post(
        f"/memoranda/{memo.pk}/edit/",
        {**form_data(memo), "scope": "Scope typed by Aisyah"},
    )
    assert resp.status_code == 302
    memo.refresh_from_db()
    assert (memo.title, memo.scope) == ("Title by Omar", "Scope typed by Aisyah")


def test_a_step_in_the_workflow_also_makes_an_open_form_stale(client_for, memo, academic):
    from jalinan.agreements.workflow import apply_transition

    loaded = form_data(memo)  # the form is opened...
    apply_transition(memorandum=memo, action="withdraw", by=academic)  # ...someone acts...
    Memorandum.objects.filter(pk=memo.pk).update(status="draft")  # (editable again)
    resp = client_for(academic).post(f"/memoranda/{memo.pk}/edit/", {**loaded, "title": "New"})
    assert "Someone else saved" in resp.content.decode()
    assert "Withdraw" in resp.content.decode()


def test_saving_nothing_new_writes_nothing(memo, officer):
    before = AuditEntry.objects.count()
    memorandum_update(memorandum=memo, by=officer, version=memo.version, title=memo.title)
    assert AuditEntry.objects.count() == before
    memo.refresh_from_db()
    assert memo.version == 1
