"""Spin-offs: each is a partner organisation; its page and the organisation's panel."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalinan.partners.models import Organisation
from jalinan.technologies import services


@pytest.fixture
def spinoff(officer, licence, academic):
    return services.spinoffs.spinoff_create(
        by=officer,
        organisation_fields={"legal_name": "HalalCheck Technologies Sdn Bhd"},
        founders=[academic],
        equity_percent="10.00",
        licence=licence,
        status="active",
    )


def test_spinoff_creates_the_startup_organisation(spinoff):
    org = Organisation.objects.get(legal_name="HalalCheck Technologies Sdn Bhd")
    assert org.org_type == "startup" and spinoff.organisation == org
    from jalinan.core.models import AuditEntry

    assert AuditEntry.objects.filter(object_id=str(spinoff.pk), action="create").exists()


def test_same_name_twice_is_refused(spinoff, officer):
    with pytest.raises(ValidationError):
        services.spinoffs.spinoff_create(
            by=officer, organisation_fields={"legal_name": "HalalCheck Technologies Sdn. Bhd."}
        )
    with pytest.raises(ValidationError):
        services.spinoffs.spinoff_create(by=officer, organisation=spinoff.organisation)


def test_pages_and_permissions(client_for, spinoff, officer, academic, outsider, partner_user):
    assert (
        "HalalCheck"
        in client_for(officer).get(reverse("technologies:spinoff_list")).content.decode()
    )
    assert client_for(academic).get(spinoff.get_absolute_url()).status_code == 200  # a founder
    for user in (outsider, partner_user):
        assert client_for(user).get(spinoff.get_absolute_url()).status_code == 404
        assert client_for(user).get(reverse("technologies:spinoff_list")).status_code == 404
    csv = (
        client_for(officer)
        .get(reverse("technologies:spinoff_list"), {"export": "csv"})
        .content.decode()
    )
    assert "HalalCheck" in csv and spinoff.licence.reference in csv


def test_form_registers_a_new_company(client_for, officer):
    response = client_for(officer).post(
        reverse("technologies:spinoff_create"),
        {"new_company": "Drone Agro Sdn Bhd", "equity_percent": "5", "status": "forming"},
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(legal_name="Drone Agro Sdn Bhd", org_type="startup").exists()


def test_organisation_page_says_it_is_a_spinoff(client_for, spinoff, officer):
    html = client_for(officer).get(spinoff.organisation.get_absolute_url()).content.decode()
    assert "University spin-off" in html and spinoff.licence.reference in html


def test_merging_a_duplicate_of_the_startup_moves_the_spinoff(client_for, spinoff, officer):
    from jalinan.partners.services import organisation_merge

    startup = spinoff.organisation
    survivor = Organisation.objects.create(
        legal_name="HalalCheck Tech (registered name)",
        search_name="halalcheck tech",
        org_type="startup",
    )
    organisation_merge(survivor=survivor, duplicates=[startup], by=officer)
    spinoff.refresh_from_db()
    assert spinoff.organisation == survivor
    page = client_for(officer).get(reverse("partners:organisation_detail", args=[survivor.pk]))
    html = page.content.decode()
    assert "University spin-off" in html and spinoff.get_absolute_url() in html


def test_two_spinoffs_are_not_merged_into_one_organisation(spinoff, officer):
    from jalinan.partners.services import organisation_merge

    other = services.spinoffs.spinoff_create(
        by=officer, organisation_fields={"legal_name": "Kelulut Labs Sdn Bhd"}, status="active"
    )
    with pytest.raises(ValidationError, match="only one"):
        organisation_merge(
            survivor=spinoff.organisation, duplicates=[other.organisation], by=officer
        )
    other.refresh_from_db()
    assert other.organisation.legal_name == "Kelulut Labs Sdn Bhd"
    assert other.organisation.status != "merged"
