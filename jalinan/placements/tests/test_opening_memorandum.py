"""An opening's linked memorandum: only an Internship Agreement its organisation is a party to,
set by the office only, shown to those who may see that memorandum."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.agreements.choices import Status
from jalinan.agreements.permissions import can_view_memorandum
from jalinan.agreements.tests.factories import make_memo
from jalinan.core.audit import history_for
from jalinan.placements import services
from jalinan.placements.forms import OpeningForm
from jalinan.placements.models import Opening

from .factories import make_opening
from .test_api import BASE, bearer


@pytest.fixture
def ia_acme(unit_eng, academic, org_acme):
    return make_memo(
        unit=unit_eng,
        pic=academic,
        parties=[org_acme],
        type_code="ia",
        status=Status.ACTIVE,
        title="Industrial training at Acme",
    )


@pytest.fixture
def old_ia_acme(unit_eng, academic, org_acme):
    return make_memo(
        unit=unit_eng,
        pic=academic,
        parties=[org_acme],
        type_code="ia",
        status=Status.EXPIRED,
        title="Earlier industrial training at Acme",
    )


@pytest.fixture
def moa_acme(unit_eng, academic, org_acme):
    return make_memo(
        unit=unit_eng, pic=academic, parties=[org_acme], type_code="moa", status=Status.ACTIVE
    )


@pytest.fixture
def ia_other(unit_eng, academic, org_other):
    return make_memo(
        unit=unit_eng,
        pic=academic,
        parties=[org_other],
        type_code="ia",
        status=Status.ACTIVE,
        title="Industrial training at Borneo Timber",
    )


def link(opening, by, memorandum):
    return services.openings.opening_update(opening=opening, by=by, memorandum=memorandum)


# -- the service ------------------------------------------------------------------------------


def test_an_internship_agreement_with_the_partner_is_linked(opening, officer, ia_acme):
    opening = link(opening, officer, ia_acme)
    opening.refresh_from_db()
    assert opening.memorandum == ia_acme
    assert ia_acme.placement_openings.get() == opening
    entry = history_for(opening)[0]
    assert entry.changes["memorandum"] == [None, str(ia_acme)]
    # Unlinked again on request.
    assert link(opening, officer, None).memorandum is None


def test_an_officer_may_link_when_posting(officer, org_acme, ia_acme):
    opening = make_opening(org_acme, officer, memorandum=ia_acme)
    assert Opening.objects.get(pk=opening.pk).memorandum_id == ia_acme.pk


def test_a_memorandum_of_another_type_is_refused(opening, officer, moa_acme):
    with pytest.raises(ValidationError) as exc:
        link(opening, officer, moa_acme)
    message = " ".join(exc.value.message_dict["memorandum"])
    assert "Internship Agreement" in message and moa_acme.reference in message
    assert Opening.objects.get(pk=opening.pk).memorandum_id is None


def test_another_organisations_agreement_is_refused(opening, officer, ia_other):
    with pytest.raises(ValidationError) as exc:
        link(opening, officer, ia_other)
    assert exc.value.message_dict["memorandum"] == [
        f"Acme Robotics Sdn. Bhd. is not a party to {ia_other.reference}."
    ]


def test_a_withdrawn_agreement_is_refused(opening, officer, unit_eng, academic, org_acme):
    memo = make_memo(
        unit=unit_eng, pic=academic, parties=[org_acme], type_code="ia", status=Status.WITHDRAWN
    )
    with pytest.raises(ValidationError) as exc:
        link(opening, officer, memo)
    assert "memorandum" in exc.value.message_dict


def test_only_the_office_links(partner_user, org_acme, ia_acme):
    opening = make_opening(org_acme, partner_user)
    with pytest.raises(PermissionDenied):
        link(opening, partner_user, ia_acme)
    with pytest.raises(PermissionDenied):
        make_opening(org_acme, partner_user, title="Other", memorandum=ia_acme)


def test_a_partner_edit_keeps_the_offices_link(opening, officer, partner_user, ia_acme):
    link(opening, officer, ia_acme)
    services.openings.opening_update(opening=opening, by=partner_user, title="Robotics intern (2)")
    assert Opening.objects.get(pk=opening.pk).memorandum_id == ia_acme.pk


# -- the form ---------------------------------------------------------------------------------


def test_the_form_offers_the_partners_internship_agreements_in_force_first(
    opening, officer, ia_acme, old_ia_acme, moa_acme, ia_other
):
    field = OpeningForm(instance=opening, office=True, user=officer).fields["memorandum"]
    assert list(field.queryset) == [ia_acme, old_ia_acme]
    labels = [label for _value, label in field.choices][1:]
    assert labels == [
        f"{ia_acme.reference} Industrial training at Acme",
        f"{old_ia_acme.reference} Earlier industrial training at Acme (Expired)",
    ]


def test_a_new_openings_form_names_the_parties(officer, ia_acme, moa_acme, ia_other):
    field = OpeningForm(office=True, user=officer, organisations=None).fields["memorandum"]
    labels = {label for _value, label in field.choices}
    assert f"{ia_acme.reference} Industrial training at Acme — Acme Robotics Sdn. Bhd." in labels
    assert any(ia_other.reference in label for label in labels)
    assert not any(moa_acme.reference in label for label in labels)


def test_partners_have_no_memorandum_field(opening, partner_user):
    form = OpeningForm(instance=opening, office=False, user=partner_user)
    assert "memorandum" not in form.fields


def test_the_officer_links_on_the_edit_page(client_for, officer, opening, ia_acme, moa_acme):
    client = client_for(officer)
    page = client.get(f"/placements/openings/{opening.pk}/edit/").content.decode()
    assert ia_acme.reference in page and moa_acme.reference not in page
    data = {
        "kind": opening.kind,
        "title": opening.title,
        "description": opening.description,
        "skills": "Python, ROS",
        "work_mode": opening.work_mode,
        "state": opening.state,
        "starts_on": opening.starts_on.isoformat(),
        "ends_on": opening.ends_on.isoformat(),
        "places": opening.places,
        "deadline": opening.deadline.isoformat(),
        "memorandum": ia_acme.pk,
    }
    resp = client.post(f"/placements/openings/{opening.pk}/edit/", data)
    assert resp.status_code == 302
    assert Opening.objects.get(pk=opening.pk).memorandum == ia_acme


def test_the_new_opening_page_shows_the_refusal_next_to_the_field(
    client_for, officer, org_acme, ia_other
):
    data = {
        "organisation": org_acme.pk,
        "kind": "internship",
        "title": "Linked intern",
        "description": "With an agreement.",
        "work_mode": "remote",
        "starts_on": "2099-01-01",
        "ends_on": "2099-03-01",
        "places": 1,
        "deadline": "2098-12-01",
        "memorandum": ia_other.pk,
    }
    resp = client_for(officer).post("/placements/openings/new/", data)
    html = resp.content.decode()
    assert resp.status_code == 200 and 'id="id_memorandum_error"' in html
    assert f"is not a party to {ia_other.reference}" in html
    assert not Opening.objects.filter(title="Linked intern").exists()


# -- the opening's page -----------------------------------------------------------------------


def test_the_page_shows_the_memorandum_to_those_who_may_see_it(
    client_for, opening, officer, student, partner_user, outsider, ia_acme
):
    link(opening, officer, ia_acme)
    url = f"/placements/openings/{opening.pk}/"
    href = f'href="{ia_acme.get_absolute_url()}"'
    html = client_for(officer).get(url).content.decode()
    assert href in html and f"{ia_acme.reference} Industrial training at Acme" in html
    for user in (student, partner_user):
        resp = client_for(user).get(url)
        html = resp.content.decode()
        assert resp.status_code == 200
        if can_view_memorandum(user, ia_acme):
            assert href in html, user
        else:
            assert ia_acme.reference not in html and "Linked memorandum" not in html, user
    # The student may not see the agreement; the partner, a party to it, may.
    assert not can_view_memorandum(student, ia_acme)
    assert can_view_memorandum(partner_user, ia_acme)
    assert client_for(outsider).get(url).status_code == 404


# -- the API ----------------------------------------------------------------------------------


def test_the_api_gives_the_id_and_the_reference_when_visible(
    client, opening, officer, student, ia_acme
):
    link(opening, officer, ia_acme)
    body = client.get(f"{BASE}/openings/{opening.pk}", **bearer(officer)).json()
    assert body["memorandum_id"] == ia_acme.pk
    assert body["memorandum_reference"] == ia_acme.reference
    body = client.get(f"{BASE}/openings/{opening.pk}", **bearer(student)).json()
    assert body["memorandum_id"] == ia_acme.pk and body["memorandum_reference"] is None
    items = client.get(f"{BASE}/openings", **bearer(officer)).json()["items"]
    assert items[0]["memorandum_reference"] == ia_acme.reference
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["OpeningOut"]
    assert {"memorandum_id", "memorandum_reference"} <= set(schema["properties"])


def test_the_api_links_and_refuses_like_the_pages(
    client, opening, officer, partner_user, ia_acme, moa_acme, ia_other
):
    def patch(user, memorandum_id):
        return client.patch(
            f"{BASE}/openings/{opening.pk}",
            {"memorandum_id": memorandum_id},
            content_type="application/json",
            **bearer(user),
        )

    for bad in (moa_acme.pk, ia_other.pk):
        resp = patch(officer, bad)
        assert resp.status_code == 422 and "memorandum" in resp.json()["errors"]
    resp = patch(officer, 999999)
    assert resp.status_code == 422 and "memorandum_id" in resp.json()["errors"]
    resp = patch(officer, ia_acme.pk)
    assert resp.status_code == 200 and resp.json()["memorandum_reference"] == ia_acme.reference
    # A partner's value is ignored, as on the form.
    resp = patch(partner_user, None)
    assert resp.status_code == 200 and resp.json()["memorandum_id"] == ia_acme.pk
