"""The people sync page (upload → preview → confirm → report) and the identity mappings page:
OIL administrators only; the preview writes nothing; every change is audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalinan.accounts.models import IdentityMapping, User
from jalinan.accounts.provisioning import sync_people
from jalinan.core.models import AuditEntry
from jalinan.core.testing import database_writes

pytestmark = pytest.mark.django_db

HEADER = ["staff_number", "email", "name", "unit", "position", "category"]
AMINAH = ["S1", "aminah@uni.test", "Aminah Yusof", "koe", "Lecturer", "faculty"]
BADRUL = ["S2", "badrul@uni.test", "Badrul Hisham", "koe", "Lecturer", "faculty"]
BAD = ["S3", "nope", "Bad Address", "koe", "Lecturer", "faculty"]


def upload(*rows, name="hr.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


@pytest.mark.parametrize("who", ["officer", "coordinator", "academic", "student", "outsider"])
def test_only_an_oil_administrator_reaches_the_pages(request, client_for, who, unit_eng):
    client = client_for(request.getfixturevalue(who))
    mapping = IdentityMapping.objects.create(kind="unit", value="k-07", unit=unit_eng)
    for url in (
        reverse("accounts:people_sync"),
        reverse("accounts:mapping_list"),
        reverse("accounts:mapping_create"),
        reverse("accounts:mapping_update", args=[mapping.pk]),
    ):
        assert client.get(url).status_code == 404
    with database_writes() as writes:
        response = client.post(reverse("accounts:mapping_delete", args=[mapping.pk]))
    assert response.status_code == 404 and writes == []


def test_upload_preview_confirm_report(client_for, oil_admin, unit_eng):
    client = client_for(oil_admin)
    page = client.get(reverse("accounts:people_sync"))
    assert "Identity mappings" in page.content.decode()
    response = client.post(reverse("accounts:people_sync"), {"staff": upload(AMINAH, BAD)})
    assert response.status_code == 302
    preview_url = response["Location"]
    with database_writes() as writes:
        preview = client.get(preview_url)
    assert writes == []
    html = preview.content.decode()
    assert "People sync preview" in html and "aminah@uni.test" in html
    assert "New account" in html and "bad e-mail address" in html
    assert not User.objects.filter(email="aminah@uni.test").exists()

    response = client.post(preview_url)
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert "People sync finished" in report and "aminah@uni.test" in report
    aminah = User.objects.get(email="aminah@uni.test")
    assert aminah.unit == unit_eng
    assert AuditEntry.objects.filter(object_id=str(aminah.pk), actor=oil_admin).exists()
    assert AuditEntry.objects.filter(action="import", message__startswith="People sync").exists()

    download = client.get(response["Location"] + "&download=csv")
    text = download.content.decode()
    assert "aminah@uni.test" in text and "bad e-mail address" in text


def test_the_same_file_again_says_there_is_nothing_to_change(client_for, oil_admin, unit_eng):
    sync_people(staff=("hr.csv", upload(AMINAH).read()))
    client = client_for(oil_admin)
    response = client.post(reverse("accounts:people_sync"), {"staff": upload(AMINAH)})
    html = client.get(response["Location"]).content.decode()
    assert "Nothing to change" in html and "Apply these changes" not in html


def test_a_truncated_file_needs_a_confirmation_to_deactivate(
    client_for, oil_admin, unit_eng, settings
):
    settings.JALINAN_SYNC_MAX_DEACTIVATION_PERCENT = 10
    sync_people(staff=("hr.csv", upload(AMINAH, BADRUL).read()))
    client = client_for(oil_admin)
    response = client.post(reverse("accounts:people_sync"), {"staff": upload(AMINAH)})
    preview_url = response["Location"]
    html = client.get(preview_url).content.decode()
    assert "nobody is deactivated" in html and "allow_mass_deactivation" in html
    client.post(preview_url)
    assert User.objects.get(email="badrul@uni.test").is_active

    response = client.post(reverse("accounts:people_sync"), {"staff": upload(AMINAH)})
    client.post(response["Location"], {"allow_mass_deactivation": "on"})
    assert not User.objects.get(email="badrul@uni.test").is_active


def test_the_form_asks_for_at_least_one_file(client_for, oil_admin):
    response = client_for(oil_admin).post(reverse("accounts:people_sync"), {})
    assert "Choose the HR export, the student-records export or both." in response.content.decode()


def test_a_preview_belongs_to_whoever_uploaded_it(client_for, oil_admin, unit_eng):
    from jalinan.accounts.roles import Role
    from jalinan.accounts.services import user_create

    client = client_for(oil_admin)
    response = client.post(reverse("accounts:people_sync"), {"staff": upload(AMINAH)})
    other = user_create(email="admin2@uni.test", full_name="Other Admin", roles=[Role.OIL_ADMIN])
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404


def test_mappings_are_added_changed_and_removed_with_errors_beside_the_field(
    client_for, oil_admin, unit_eng, unit_ict
):
    client = client_for(oil_admin)
    response = client.post(reverse("accounts:mapping_create"), {"kind": "unit", "value": "K-07"})
    assert response.status_code == 200
    assert "Choose the KCDIO unit this code stands for." in response.content.decode()
    response = client.post(
        reverse("accounts:mapping_create"), {"kind": "unit", "value": "K-07", "unit": unit_eng.pk}
    )
    assert response.status_code == 302
    mapping = IdentityMapping.objects.get(kind="unit", value="k-07")
    assert mapping.unit == unit_eng
    response = client.post(
        reverse("accounts:mapping_create"), {"kind": "unit", "value": "k-07", "unit": unit_ict.pk}
    )
    assert "This value is already mapped." in response.content.decode()
    client.post(
        reverse("accounts:mapping_update", args=[mapping.pk]),
        {"kind": "unit", "value": "k-07", "unit": unit_ict.pk},
    )
    mapping.refresh_from_db()
    assert mapping.unit == unit_ict
    listing = client.get(reverse("accounts:mapping_list")).content.decode()
    assert "k-07" in listing and unit_ict.name in listing
    client.post(reverse("accounts:mapping_delete", args=[mapping.pk]))
    assert not IdentityMapping.objects.filter(pk=mapping.pk).exists()
    actions = set(
        AuditEntry.objects.filter(object_id=str(mapping.pk), actor=oil_admin).values_list(
            "action", flat=True
        )
    )
    assert actions == {"create", "update", "delete"}


def test_a_persons_page_says_the_sync_keeps_their_account(client_for, oil_admin, unit_eng):
    sync_people(staff=("hr.csv", upload(AMINAH).read()))
    aminah = User.objects.get(email="aminah@uni.test")
    page = client_for(oil_admin).get(reverse("accounts:user_update", args=[aminah.pk]))
    assert "Kept up to date by the people sync from the HR (staff) export" in page.content.decode()
