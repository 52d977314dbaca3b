import csv
import io

import openpyxl
import pytest

from jalinan.partners.models import Organisation
from jalinan.partners.services import contact_create, organisation_create


@pytest.fixture
def acme_contact(org_acme, officer):
    return contact_create(
        organisation=org_acme,
        by=officer,
        name="Lim Wei",
        email="lim@acme.test",
        consent_to_contact=True,
    )


def detail(pk):
    return f"/partners/{pk}/"


# -- who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["officer", "oil_admin", "management", "committee", "coordinator", "academic"]
)
def test_staff_roles_see_list_and_detail(request, client_for, who, org_acme, org_other):
    client = client_for(request.getfixturevalue(who))
    page = client.get("/partners/").content.decode()
    assert "Acme Robotics" in page and "Borneo Timber" in page
    assert client.get(detail(org_acme.pk)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "student"])
def test_outsider_and_student_get_404_everywhere(request, client_for, who, org_acme, acme_contact):
    client = client_for(request.getfixturevalue(who))
    for url in [
        "/partners/",
        detail(org_acme.pk),
        f"/partners/{org_acme.pk}/edit/",
        "/partners/new/",
        f"/partners/{org_acme.pk}/merge/",
        f"/partners/{org_acme.pk}/contacts/new/",
        f"/partners/contacts/{acme_contact.pk}/edit/",
        "/partners/?export=csv",
        "/partners/check-duplicates/?legal_name=Acme",
        "/partners/import/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/partners/contacts/{acme_contact.pk}/delete/").status_code == 404
    assert client.post(f"/partners/{org_acme.pk}/vet/").status_code == 404


def test_anonymous_is_sent_to_login(client, org_acme):
    resp = client.get(detail(org_acme.pk))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_partner_user_sees_only_its_own_organisation(
    client_for, partner_user, org_acme, org_other, acme_contact
):
    client = client_for(partner_user)
    page = client.get("/partners/").content.decode()
    assert "Acme Robotics" in page and "Borneo Timber" not in page
    assert client.get(detail(org_other.pk)).status_code == 404
    resp = client.get(detail(org_acme.pk))
    assert "Lim Wei" in resp.content.decode()


def test_pending_partner_user_sees_nothing(client_for, partner_user, org_acme):
    partner_user.approval_status = "pending"
    partner_user.save()
    assert client_for(partner_user).get(detail(org_acme.pk)).status_code == 404


def test_academic_does_not_see_contacts(client_for, academic, org_acme, acme_contact):
    page = client_for(academic).get(detail(org_acme.pk)).content.decode()
    assert "Acme Robotics" in page and "Lim Wei" not in page and "lim@acme.test" not in page


def test_coordinator_and_management_see_contacts(
    client_for, coordinator, management, org_acme, acme_contact
):
    for user in (coordinator, management):
        client_for(user)
        assert "lim@acme.test" in client_for(user).get(detail(org_acme.pk)).content.decode()


# -- changes ---------------------------------------------------------------------------------


def form_data(**over):
    data = {
        "legal_name": "Gombak Precision Engineering Sdn. Bhd.",
        "org_type": "sme",
        "country": "MY",
        "state": "SGR",
        "status": "active",
        "other_names": "GPE",
    }
    data.update(over)
    return data


def test_officer_creates_an_organisation_with_audit(client_for, officer):
    resp = client_for(officer).post("/partners/new/", form_data())
    org = Organisation.objects.get(legal_name="Gombak Precision Engineering Sdn. Bhd.")
    assert resp.status_code == 302 and resp["Location"] == detail(org.pk)
    assert org.other_names == ["GPE"] and org.created_by == officer
    page = client_for(officer).get(detail(org.pk)).content.decode()
    assert "History" in page and "Created" in page


def test_duplicate_warning_then_save_anyway(client_for, officer, org_acme):
    client = client_for(officer)
    resp = client.post("/partners/new/", form_data(legal_name="ACME ROBOTICS BHD"))
    page = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-testid="duplicate-warning"' in page and "Acme Robotics Sdn. Bhd." in page
    assert 'value="ACME ROBOTICS BHD"' in page  # what was typed is kept
    assert Organisation.objects.count() == 1
    resp = client.post(
        "/partners/new/", form_data(legal_name="ACME ROBOTICS BHD", confirm_not_duplicate="on")
    )
    assert resp.status_code == 302 and Organisation.objects.count() == 2


def test_live_duplicate_check(client_for, officer, org_acme):
    page = client_for(officer).get("/partners/check-duplicates/?legal_name=Acme+Robotic+Sdn+Bhd")
    assert "Acme Robotics Sdn. Bhd." in page.content.decode()


def test_form_errors_are_shown_next_to_fields_and_input_kept(client_for, officer):
    resp = client_for(officer).post(
        "/partners/new/",
        form_data(
            legal_name="Kedai Kopi " + "x" * 260,
            msic_section="A",
            msic_division="62",
            website="not a url",
            city="Gombak",
        ),
    )
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "at most 255 characters" in page
    assert "Division 62 belongs to section J" in page
    assert 'value="Gombak"' in page
    assert Organisation.objects.count() == 0


def test_coordinator_creates_for_own_unit_and_cannot_edit_other_units(
    client_for, coordinator, unit_eng, unit_ict, officer
):
    client = client_for(coordinator)
    resp = client.post("/partners/new/", form_data(lead_unit=unit_ict.pk))
    org = Organisation.objects.get()
    assert resp.status_code == 302 and org.lead_unit == unit_eng
    assert client.get(f"/partners/{org.pk}/edit/").status_code == 200
    other = organisation_create(
        by=officer, legal_name="ICT Partner", org_type="sme", lead_unit=unit_ict
    )
    assert client.get(f"/partners/{other.pk}/edit/").status_code == 403
    assert client.post(f"/partners/{other.pk}/edit/", form_data()).status_code == 403


@pytest.mark.parametrize("who", ["management", "academic", "committee"])
def test_read_only_roles_cannot_change(request, client_for, who, org_acme, acme_contact):
    client = client_for(request.getfixturevalue(who))
    assert client.get(f"/partners/{org_acme.pk}/edit/").status_code == 403
    assert client.get("/partners/new/").status_code == 403
    assert client.post(f"/partners/{org_acme.pk}/vet/").status_code == 403
    assert client.get(f"/partners/{org_acme.pk}/merge/").status_code == 403


def test_partner_user_edits_own_organisation_but_not_office_fields(
    client_for, partner_user, org_acme, org_other
):
    client = client_for(partner_user)
    resp = client.post(
        f"/partners/{org_acme.pk}/edit/",
        form_data(
            legal_name="Acme Robotics Sdn. Bhd.",
            city="Cyberjaya",
            is_vetted="on",
            status="inactive",
        ),
    )
    assert resp.status_code == 302
    org_acme.refresh_from_db()
    assert org_acme.city == "Cyberjaya" and not org_acme.is_vetted and org_acme.status == "active"
    from jalinan.core.audit import history_for

    assert history_for(org_acme).first().changes["city"] == ["", "Cyberjaya"]
    assert client.get(f"/partners/{org_other.pk}/edit/").status_code == 404


def test_partner_user_manages_own_contacts(client_for, partner_user, org_acme, acme_contact):
    client = client_for(partner_user)
    resp = client.post(
        f"/partners/{org_acme.pk}/contacts/new/",
        {"name": "Nur Aina", "email": "bad@", "role": "HR"},
    )
    assert resp.status_code == 200 and "Enter a valid email address." in resp.content.decode()
    resp = client.post(
        f"/partners/{org_acme.pk}/contacts/new/",
        {"name": "Nur Aina", "email": "aina@acme.test", "role": "HR"},
    )
    assert resp.status_code == 302 and org_acme.contacts.count() == 2
    resp = client.post(f"/partners/contacts/{acme_contact.pk}/delete/")
    assert resp.status_code == 302 and org_acme.contacts.count() == 1


def test_merge_flow(client_for, officer, org_acme):
    dupe = organisation_create(by=officer, legal_name="ACME ROBOTICS BHD", org_type="sme")
    client = client_for(officer)
    page = client.get(f"/partners/{org_acme.pk}/merge/").content.decode()
    assert "ACME ROBOTICS BHD" in page and "suggested" in page
    confirm = client.post(f"/partners/{org_acme.pk}/merge/", {"duplicates": [dupe.pk]})
    assert "Merge now" in confirm.content.decode()
    resp = client.post(f"/partners/{org_acme.pk}/merge/", {"duplicates": [dupe.pk], "confirm": "1"})
    assert resp.status_code == 302
    dupe.refresh_from_db()
    assert dupe.status == "merged"
    # the merged record is gone from lists and answers 404 to non-office readers
    assert "1 organisation<" in client.get("/partners/").content.decode()


def test_vetting(client_for, officer, org_acme):
    client_for(officer).post(f"/partners/{org_acme.pk}/vet/", {"vetted": "1"})
    org_acme.refresh_from_db()
    assert org_acme.is_vetted


# -- list features ---------------------------------------------------------------------------


def test_search_filters_and_pagination(client_for, officer):
    for i in range(30):
        organisation_create(
            by=officer,
            legal_name=f"Syarikat {i:02d}",
            org_type="sme",
            state="JHR" if i % 2 else "SGR",
        )
    client = client_for(officer)
    page = client.get("/partners/?q=Syarikat 07").content.decode()
    assert "Syarikat 07" in page and "Syarikat 08" not in page
    page = client.get("/partners/?state=JHR").content.decode()
    assert "15 organisations" in page
    page1 = client.get("/partners/").content.decode()
    assert "Page 1 of 2" in page1
    assert "Syarikat 29" in client.get("/partners/?page=2").content.decode()


def test_list_query_count_is_bounded(client_for, officer, django_assert_max_num_queries):
    for i in range(30):
        organisation_create(by=officer, legal_name=f"Firma {i}", org_type="sme")
    client = client_for(officer)
    with django_assert_max_num_queries(15):
        client.get("/partners/")


def test_export_csv_and_xlsx_contain_only_visible_rows(
    client_for, officer, partner_user, org_acme, org_other, acme_contact
):
    resp = client_for(officer).get("/partners/?export=csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][1] == "Legal name" and len(rows) == 3
    resp = client_for(partner_user).get("/partners/?export=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["Acme Robotics Sdn. Bhd."]


def test_export_hides_contacts_from_academics(client_for, academic, org_acme, acme_contact):
    resp = client_for(academic).get("/partners/?export=csv")
    assert "lim@acme.test" not in resp.content.decode("utf-8-sig")
