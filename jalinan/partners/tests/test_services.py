import pytest
from django.core.exceptions import ValidationError

from jalinan.core.audit import history_for
from jalinan.core.models import AuditEntry
from jalinan.partners.models import Contact
from jalinan.partners.services import (
    contact_create,
    contact_delete,
    contact_update,
    organisation_create,
    organisation_merge,
    organisation_update,
)


def test_create_sets_normalised_name_and_writes_audit(officer):
    org = organisation_create(
        by=officer,
        legal_name="  Gombak Precision Sdn. Bhd. ",
        org_type="sme",
        other_names="GPE\n\nGombak Precision\nGPE",
    )
    assert org.legal_name == "Gombak Precision Sdn. Bhd."
    assert org.search_name == "gombak precision"
    assert org.other_names == ["GPE", "Gombak Precision"]
    entry = history_for(org).get()
    assert entry.action == "create" and entry.actor == officer
    assert entry.changes["legal_name"] == [None, "Gombak Precision Sdn. Bhd."]


def test_update_records_only_changed_fields(officer, org_acme):
    organisation_update(organisation=org_acme, by=officer, city="Kuantan", org_type="sme")
    entry = history_for(org_acme).first()
    assert entry.changes == {"city": ["", "Kuantan"]}


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"legal_name": "x" * 256}, "legal_name"),
        ({"org_type": "pirate"}, "org_type"),
        ({"msic_section": "Z"}, "msic_section"),
        ({"msic_section": "A", "msic_division": "62"}, "msic_division"),
        ({"email": "not-an-email"}, "email"),
        ({"country": "SG", "state": "SGR"}, "state"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(officer, fields, field):
    data = {"legal_name": "Valid Name", "org_type": "sme", **fields}
    with pytest.raises(ValidationError) as exc:
        organisation_create(by=officer, **data)
    assert field in exc.value.message_dict


def test_division_fills_its_section(officer):
    org = organisation_create(
        by=officer, legal_name="Code Works", org_type="sme", msic_division="62"
    )
    assert org.msic_section == "J"


def test_contact_changes_show_in_the_organisation_history(officer, org_acme):
    c = contact_create(organisation=org_acme, by=officer, name="Lim Wei", email="lim@acme.test")
    contact_update(contact=c, by=officer, role="Head of R&D")
    contact_delete(contact=c, by=officer)
    messages = [e.message for e in history_for(org_acme)]
    assert any("Lim Wei" in m for m in messages)
    assert AuditEntry.objects.filter(object_repr__contains="Lim Wei", action="delete").exists()
    assert not Contact.objects.exists()


def test_contact_rejects_malformed_email(officer, org_acme):
    with pytest.raises(ValidationError) as exc:
        contact_create(organisation=org_acme, by=officer, name="X", email="x@")
    assert "email" in exc.value.message_dict


def test_merge_moves_contacts_users_and_names(officer, org_acme, partner_user):
    dupe = organisation_create(
        by=officer,
        legal_name="ACME ROBOTICS BHD",
        org_type="sme",
        website="https://acme.example",
        other_names=["Acme"],
    )
    contact_create(organisation=dupe, by=officer, name="Ravi", email="ravi@acme.test")
    partner_user.organisation = dupe
    partner_user.save()
    survivor = organisation_merge(survivor=org_acme, duplicates=[dupe], by=officer)
    dupe.refresh_from_db()
    partner_user.refresh_from_db()
    assert dupe.status == "merged" and dupe.merged_into == survivor
    assert survivor.contacts.get().name == "Ravi"
    assert partner_user.organisation == survivor
    assert "ACME ROBOTICS BHD" in survivor.other_names and "Acme" in survivor.other_names
    assert survivor.website == "https://acme.example"  # blank field filled from the duplicate
    merge_entry = history_for(dupe).filter(action="merge").get()
    assert "1 contacts" in merge_entry.message and "1 users" in merge_entry.message
    assert history_for(survivor).filter(action="merge").exists()


def test_merge_refuses_self_and_already_merged(officer, org_acme, org_other):
    with pytest.raises(ValidationError):
        organisation_merge(survivor=org_acme, duplicates=[org_acme], by=officer)
    organisation_merge(survivor=org_acme, duplicates=[org_other], by=officer)
    with pytest.raises(ValidationError):
        organisation_merge(survivor=org_acme, duplicates=[org_other], by=officer)
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_other, by=officer, city="X")


def test_merge_leaves_one_party_row_per_memorandum(officer, academic, unit_eng, org_acme):
    from jalinan.agreements.models import Party, Signatory
    from jalinan.agreements.tests.factories import make_memo

    dupe = organisation_create(by=officer, legal_name="ACME ROBOTICS BHD", org_type="sme")
    both = make_memo(unit=unit_eng, pic=academic, parties=[org_acme, dupe])
    only_dupe = make_memo(unit=unit_eng, pic=academic, parties=[dupe], title="Dupe's own MoU")
    kept = Party.objects.get(memorandum=both, organisation=org_acme)
    folded = Party.objects.get(memorandum=both, organisation=dupe)
    # The surviving party row has no signatory for the partner; the folded one has.
    Signatory.objects.create(memorandum=both, party=folded, name="Ms Tan", title="CEO")
    Signatory.objects.create(memorandum=both, name="Prof. Rector", title="Rector")

    organisation_merge(survivor=org_acme, duplicates=[dupe], by=officer)

    assert list(both.parties.values_list("pk", "organisation")) == [(kept.pk, org_acme.pk)]
    assert list(only_dupe.parties.values_list("organisation", flat=True)) == [org_acme.pk]
    assert [(s.name, s.party_id) for s in both.signatories.order_by("name")] == [
        ("Ms Tan", kept.pk),
        ("Prof. Rector", None),
    ]
    assert not Party.objects.filter(organisation=dupe).exists()
    entry = history_for(dupe).filter(action="merge").get()
    assert entry.actor == officer and "2 parties" in entry.message
    assert "2 parties" in history_for(org_acme).filter(action="merge").get().message


def test_merge_keeps_the_survivors_signatory_and_drops_an_identical_one(
    officer, academic, unit_eng, org_acme, org_other
):
    from jalinan.agreements.models import Party, Signatory
    from jalinan.agreements.tests.factories import make_memo

    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme, org_other])
    kept = Party.objects.get(memorandum=memo, organisation=org_acme)
    folded = Party.objects.get(memorandum=memo, organisation=org_other)
    for party in (kept, folded):
        Signatory.objects.create(memorandum=memo, party=party, name="Ms Tan", title="CEO")
    Signatory.objects.create(memorandum=memo, party=folded, name="Mr Lee", title="CFO")

    organisation_merge(survivor=org_acme, duplicates=[org_other], by=officer)

    assert list(memo.parties.values_list("pk", flat=True)) == [kept.pk]
    assert sorted(memo.signatories.values_list("name", "party")) == [
        ("Mr Lee", kept.pk),
        ("Ms Tan", kept.pk),
    ]
