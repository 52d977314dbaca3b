"""Licences: terms, the agreement, payments by year with their split, and who sees what."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jalinan.agreements.models import Memorandum
from jalinan.technologies import services


@pytest.fixture
def paid(licence, officer):
    return services.licences.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2025, 2, 1),
        amount=Decimal("1000.00"),
        kind="royalty",
        period_year=2024,
        reference="TT-778",
    )


def _html(client, url):
    r = client.get(url)
    return r.status_code, r.content.decode()


def test_officer_sees_terms_payments_and_the_split_adding_up(client_for, paid, licence, officer):
    status, html = _html(client_for(officer), licence.get_absolute_url())
    assert status == 200
    assert "Food testing" in html and "RM 1,000.00" in html
    assert "Kulliyyah of Engineering" in html and "300.00" in html  # the KCDIO and university
    shares = [s.amount for s in paid.shares.all()]
    assert sum(shares) == paid.amount


def test_licensee_sees_terms_and_payments_not_the_split(
    client_for, paid, licence, partner_user, academic
):
    status, html = _html(client_for(partner_user), licence.get_absolute_url())
    assert status == 200
    assert "Food testing" in html and "RM 1,000.00" in html
    assert academic.full_name not in html
    assert "Kulliyyah of Engineering" not in html


def test_inventor_sees_their_own_share_only(client_for, paid, licence, academic, student):
    status, html = _html(client_for(academic), licence.get_absolute_url())
    assert status == 200
    assert academic.full_name in html and "300.00" in html
    assert student.full_name not in html


def test_outsider_and_other_partner_get_404(
    client_for, paid, licence, outsider, other_partner, coordinator
):
    for user in (outsider, other_partner, coordinator):
        client = client_for(user)
        assert client.get(licence.get_absolute_url()).status_code == 404
        assert client.get(reverse("technologies:licence_list")).status_code == 404
        assert (
            client.get(reverse("technologies:payment_create", args=[licence.pk])).status_code == 404
        )


def test_licensee_cannot_record_payments(client_for, licence, partner_user):
    assert (
        client_for(partner_user)
        .get(reverse("technologies:payment_create", args=[licence.pk]))
        .status_code
        == 403
    )


def test_payment_form_records_and_splits(client_for, licence, officer):
    client = client_for(officer)
    url = reverse("technologies:payment_create", args=[licence.pk])
    data = {
        "kind": "royalty",
        "received_on": "2025-03-01",
        "period_year": "2024",
        "amount": "0.01",
        "costs": "0",
    }
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200 and "0.01" in preview.content.decode()
    assert not licence.payments.exists()
    assert client.post(url, data).status_code == 302
    payment = licence.payments.get()
    assert sum(s.amount for s in payment.shares.all()) == Decimal("0.01")


def test_payment_form_without_policy_links_to_the_policy_page(client_for, licence, oil_admin):
    from jalinan.technologies.models import RevenuePolicy

    RevenuePolicy.objects.all().delete()
    response = client_for(oil_admin).post(
        reverse("technologies:payment_create", args=[licence.pk]),
        {"kind": "royalty", "received_on": "2025-03-01", "period_year": "2024", "amount": "5"},
    )
    assert response.status_code == 200
    assert reverse("technologies:policy_list") in response.content.decode()
    assert not licence.payments.exists()


def test_lists_filter_and_export(client_for, paid, licence, officer, partner_user, other_partner):
    client = client_for(officer)
    assert licence.reference in client.get(reverse("technologies:licence_list")).content.decode()
    assert (
        licence.reference
        not in client.get(
            reverse("technologies:licence_list"), {"status": "expired"}
        ).content.decode()
    )
    assert (
        licence.reference
        in client.get(
            reverse("technologies:licence_list"), {"year": "2024", "exclusivity": "exclusive"}
        ).content.decode()
    )
    csv = client.get(reverse("technologies:licence_list"), {"export": "csv"}).content.decode()
    assert licence.reference in csv and "Acme" in csv
    pay_csv = client.get(reverse("technologies:payment_list"), {"export": "csv"}).content.decode()
    assert "TT-778" in pay_csv
    assert (
        licence.reference
        in client_for(partner_user).get(reverse("technologies:licence_list")).content.decode()
    )


def test_draft_the_lca_in_one_step_and_link(client_for, licence, officer, org_acme):
    client = client_for(officer)
    response = client.post(reverse("technologies:licence_draft_agreement", args=[licence.pk]))
    memo = Memorandum.objects.get()
    assert response["Location"] == memo.get_absolute_url()
    assert memo.memo_type.code == "lca" and memo.status == "draft"
    assert list(memo.parties.values_list("organisation", flat=True)) == [org_acme.pk]
    licence.refresh_from_db()
    assert licence.memorandum == memo
    client.post(reverse("technologies:licence_draft_agreement", args=[licence.pk]))
    assert Memorandum.objects.count() == 1


def test_link_refuses_a_memorandum_of_another_type(licence, officer, offer, org_acme):
    from django.core.exceptions import ValidationError

    enquiry = services.enquiries.enquiry_submit(
        technology=offer,
        kind="interest",
        name="A",
        email="a@acme.test",
        organisation_name=org_acme.legal_name,
        message="m",
    )
    nda = services.enquiries.enquiry_open_nda(enquiry=enquiry, by=officer)
    with pytest.raises(ValidationError):
        services.licences.licence_link_agreement(licence=licence, memorandum=nda, by=officer)


def test_policy_page(client_for, officer, oil_admin, outsider):
    url = reverse("technologies:policy_list")
    assert client_for(outsider).get(url).status_code == 404
    assert "Default policy" in client_for(officer).get(url).content.decode()
    assert client_for(officer).post(url, {}).status_code == 403
    response = client_for(oil_admin).post(
        url,
        {
            "name": "2026",
            "effective_from": "2026-01-01",
            "inventors_percent": "40",
            "units_percent": "30",
            "university_percent": "30",
        },
    )
    assert response.status_code == 302
    bad = client_for(oil_admin).post(
        url,
        {
            "name": "Bad",
            "effective_from": "2027-01-01",
            "inventors_percent": "40",
            "units_percent": "30",
            "university_percent": "40",
        },
    )
    assert bad.status_code == 200 and "must total 100" in bad.content.decode()
