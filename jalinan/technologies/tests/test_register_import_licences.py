"""The licences and royalty payments registers: licences keyed by the office's own reference
(kept as the licence's office reference, beside its LIC-… one), the technology named by title
or reference or through an IP asset it carries, the licensee matched to the partner registry;
payments keyed by their receipt, shared by the policy like a payment entered on the page, and
nobody told. A second import of the same files changes nothing; a dry run writes nothing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from jalinan.core.audit import AuditEntry
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.core.models import ImportRun, Notification
from jalinan.partners.models import Organisation
from jalinan.technologies.models import Licence, RevenueShare, RoyaltyPayment

pytestmark = pytest.mark.django_db

LICENCES = (
    b"reference,technology,ip_asset,licensee,exclusivity,field_of_use,territory,upfront_fee,"
    b"royalty_rate,status,start_date,end_date\n"
    b"OIL/LIC/2020/003,Rapid halal authentication test for food gelatin,,"
    b"Acme Robotics Sdn. Bhd.,exclusive,Food testing,Malaysia,20000,3.5,active,"
    b"2020-07-01,2030-06-30\n"
    b"OIL/LIC/2022/011,,PI 2021001234,Gelatin Capsule Works Sdn. Bhd.,Non-exclusive,"
    b"Pharmaceutical capsules,ASEAN,RM 5000,2,expired,01/01/2022,31/12/2023\n"
)

PAYMENTS = (
    b"reference,licence,kind,received_on,period_year,amount,costs\n"
    b"OR/2020/0701,OIL/LIC/2020/003,upfront,2020-07-15,2020,20000,\n"
    b'OR/2021/0330,OIL/LIC/2020/003,royalty,2021-03-30,2020,"1,000.00",\n'
    b"OR/2022/0415,OIL/LIC/2022/011,Royalty,2023-04-15,2022,250,\n"
)


def _import(key, content, by, **kwargs):
    report, _run = import_file(
        get_register(key), filename=f"{key}.csv", content=content, by=by, **kwargs
    )
    return report


def _said(report) -> dict[int, str]:
    return {r.line: " ".join(r.messages) for r in report.rows if r.outcome == "rejected"}


@pytest.fixture
def imported(offer, officer, org_acme):
    licences = _import("licences", LICENCES, officer)
    payments = _import("royalty_payments", PAYMENTS, officer)
    return licences, payments


def test_good_files_show_on_the_licence_pages(imported, client_for, officer, academic, offer):
    licences, payments = imported
    assert licences.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert payments.counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    new_org = licences.rows[1].notes
    assert new_org == [
        "new organisation “Gelatin Capsule Works Sdn. Bhd.” is added to the registry"
    ]

    first = Licence.objects.get(office_reference="OIL/LIC/2020/003")
    assert first.reference.startswith("LIC-")  # Jalinan's own, beside the office's
    assert licences.rows[0].url == first.get_absolute_url()
    client = client_for(officer)
    page = client.get(first.get_absolute_url()).content.decode()
    for shown in (
        "Office reference",
        "OIL/LIC/2020/003",
        offer.title,
        "Acme Robotics Sdn. Bhd.",
        "Exclusive",
        "Food testing",
        "Malaysia",
        "20,000.00",
        "3.50%",
        "1 Jul 2020",
        "30 Jun 2030",
        "OR/2020/0701",
        "OR/2021/0330",
        "Imported from the office&#x27;s register",
        "Payment imported",
    ):
        assert shown in page, shown
    # the royalty of RM 1,000 shared by the default policy as on the page: inventors 50%
    # (the academic 60% of it, the student 40%), their KCDIO 20%, the university 30%
    royalty = RoyaltyPayment.objects.get(reference="OR/2021/0330")
    assert royalty.policy is not None
    shares = {(s.party, s.name): s.amount for s in royalty.shares.all()}
    assert shares[("inventor", str(academic.full_name))] == Decimal("300.00")
    assert sum(shares.values()) == Decimal("1000.00")
    assert not Notification.objects.filter(kind="technologies.royalty").exists()

    second = Licence.objects.get(office_reference="OIL/LIC/2022/011")
    assert second.technology == offer  # through the IP asset it carries
    assert second.licensee.legal_name == "Gelatin Capsule Works Sdn. Bhd."
    assert (second.exclusivity, second.status) == ("non_exclusive", "expired")
    assert second.upfront_fee == Decimal("5000.00")

    listing = client.get(reverse("technologies:licence_list"), {"q": "OIL/LIC/2022"})
    text = listing.content.decode()
    assert "OIL/LIC/2022/011" in text and second.reference in text
    assert "OIL/LIC/2020/003" not in text


def test_reimport_reports_every_row_unchanged_and_changes_nothing(imported, officer):
    audit = AuditEntry.objects.count()
    counts = (Licence.objects.count(), RoyaltyPayment.objects.count(), RevenueShare.objects.count())
    orgs = Organisation.objects.count()
    licences = _import("licences", LICENCES, officer)
    payments = _import("royalty_payments", PAYMENTS, officer)
    assert [r.outcome for r in licences.rows] == ["unchanged"] * 2
    assert [r.outcome for r in payments.rows] == ["unchanged"] * 3
    assert (
        Licence.objects.count(),
        RoyaltyPayment.objects.count(),
        RevenueShare.objects.count(),
    ) == counts
    assert Organisation.objects.count() == orgs
    # only the two import runs are audited
    assert AuditEntry.objects.count() == audit + 2


def test_a_changed_row_updates_the_licence_and_a_changed_payment_is_refused(imported, officer):
    licences = _import("licences", LICENCES.replace(b",active,", b",terminated,"), officer)
    assert [r.outcome for r in licences.rows] == ["updated", "unchanged"]
    assert Licence.objects.get(office_reference="OIL/LIC/2020/003").status == "terminated"

    payments = _import("royalty_payments", PAYMENTS.replace(b",250,", b",260,"), officer)
    assert [r.outcome for r in payments.rows] == ["unchanged", "unchanged", "rejected"]
    assert "already recorded with another amount" in _said(payments)[4]
    assert RoyaltyPayment.objects.get(reference="OR/2022/0415").amount == Decimal("250.00")


def test_bad_rows_each_get_a_clear_message(offer, officer):
    from jalinan.core.registry import partner_directory

    for name in ("Pelangi Cold Chain Sdn. Bhd.", "Pelangi Cold Chains Sdn. Bhd."):
        partner_directory().create(by=officer, legal_name=name)
    tech, pelangi = offer.reference, "Pelangi Cold Chain Sdn. Bhd."  # by its reference
    licences = _import(
        "licences",
        (
            "reference,technology,licensee,status,start_date,end_date\n"
            f"L1,{tech},{pelangi},active,2021-01-01,\n"
            f"L2,Quantum durian peeler,{pelangi},active,2021-01-01,\n"
            f"L3,{tech},Pelangi Kold Chain,active,2021-01-01,\n"
            f"L4,{tech},{pelangi},active,31/02/2021,\n"
            f"L1,{tech},{pelangi},active,2021-01-01,\n"
            f"L6,{tech},{pelangi},active,2022-01-01,2021-01-01\n"
            f"L7,,{pelangi},active,2021-01-01,\n"
        ).encode(),
        officer,
    )
    said = _said(licences)
    assert [r.outcome for r in licences.rows][0] == "created"
    assert (
        "technology: no technology with the reference or title “Quantum durian peeler”" in said[3]
    )
    assert "matches 2 organisations" in said[4]
    assert "Pelangi Cold Chain Sdn. Bhd." in said[4] and "Pelangi Cold Chains Sdn. Bhd." in said[4]
    assert "start_date: “31/02/2021” is not a date" in said[5]
    assert "reference “L1” is also on row 2" in said[6]
    assert "The end date must come after the start date." in said[7]
    assert "technology: give the technology, or the IP asset it carries" in said[8]
    assert list(Licence.objects.values_list("office_reference", flat=True)) == ["L1"]
    assert not Organisation.objects.filter(legal_name="Pelangi Kold Chain").exists()

    payments = _import(
        "royalty_payments",
        (
            b"reference,licence,kind,received_on,period_year,amount\n"
            b"R1,L1,royalty,2022-03-01,2021,100\n"
            b"R2,L9,royalty,2022-03-01,2021,100\n"
            b"R3,L1,royalty,1 March,2021,100\n"
            b"R4,L1,royalty,2022-03-01,2021,lots\n"
            b"R1,L1,royalty,2022-03-01,2021,100\n"
        ),
        officer,
    )
    said = _said(payments)
    assert "licence: no licence with the reference “L9” (import the licences first)" in said[3]
    assert "received_on: “1 March” is not a date" in said[4]
    assert "amount: “lots” is not an amount" in said[5]
    assert "reference “R1” is also on row 2" in said[6]
    assert list(RoyaltyPayment.objects.values_list("reference", flat=True)) == ["R1"]


def test_an_ip_asset_of_another_technology_is_refused(offer, officer, org_acme):
    from jalinan.technologies.tests.factories import make_offer

    other = make_offer(officer, "Durian ripeness sensor", "Fruit falls.", "A sensor.")
    report = _import(
        "licences",
        (
            "reference,technology,ip_asset,licensee,status\n"
            f"L1,{other.reference},PI 2021001234,Acme Robotics Sdn. Bhd.,active\n"
            "L2,,PI 0000000,Acme Robotics Sdn. Bhd.,active\n"
        ).encode(),
        officer,
    )
    said = _said(report)
    assert "does not carry the IP asset “PI 2021001234”" in said[2]
    assert "no technology carries an IP asset with the application number “PI 0000000”" in said[3]
    assert not Licence.objects.exists()


def test_dry_run_writes_nothing(offer, officer, org_acme, tmp_path, capsys):
    path = tmp_path / "licences.csv"
    path.write_bytes(LICENCES)
    orgs = Organisation.objects.count()
    call_command(
        "import_register", "licences", str(path), "--dry-run", "--json", "--by", officer.email
    )
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True
    assert report["counts"]["created"] == 2
    assert not Licence.objects.exists()
    assert Organisation.objects.count() == orgs
    assert not ImportRun.objects.exists()


def test_list_shows_the_registers(capsys):
    call_command("import_register", "--list")
    keys = capsys.readouterr().out.split()
    assert "licences" in keys and "royalty_payments" in keys
