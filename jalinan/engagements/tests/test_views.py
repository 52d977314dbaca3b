"""The engagement log's pages: who sees what, filters, export, calendar, attachments, and the
partner page's whole history."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jalinan.engagements.models import Activity, Attachment
from jalinan.engagements.services import activity_create, attachment_add


@pytest.fixture
def files(activity, academic):
    internal = attachment_add(
        activity=activity,
        by=academic,
        upload=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"),
        is_internal=True,
    )
    shared = attachment_add(
        activity=activity,
        by=academic,
        upload=SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n...."),
        is_internal=False,
    )
    return internal, shared


def urls(activity, internal, shared):
    return [
        "/engagements/",
        "/engagements/?export=csv",
        "/engagements/calendar/",
        "/engagements/new/",
        f"/engagements/{activity.pk}/",
        f"/engagements/{activity.pk}/edit/",
        f"/engagements/{activity.pk}/attachments/new/",
        f"/engagements/attachments/{internal.pk}/",
        f"/engagements/attachments/{shared.pk}/",
    ]


def test_the_outsider_gets_404_everywhere(client_for, outsider, activity, files):
    client = client_for(outsider)
    for url in urls(activity, *files):
        assert client.get(url).status_code == 404, url
    for url in [
        f"/engagements/{activity.pk}/delete/",
        f"/engagements/attachments/{files[0].pk}/delete/",
    ]:
        assert client.post(url).status_code == 404, url
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_anonymous_is_sent_to_login(client, activity, files):
    for url in urls(activity, *files):
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize("who", ["management", "committee", "legal", "coordinator", "officer"])
def test_staff_read_everything(request, client_for, who, activity, files):
    client = client_for(request.getfixturevalue(who))
    assert "Plant visit to Acme" in client.get("/engagements/").content.decode()
    page = client.get(f"/engagements/{activity.pk}/").content.decode()
    assert "Siti Student" in page and "minutes.pdf" in page
    assert client.get(f"/engagements/attachments/{files[0].pk}/").status_code == 200


@pytest.mark.parametrize("who", ["management", "committee", "legal", "ip_committee"])
def test_readers_may_not_change(request, client_for, who, activity, files):
    client = client_for(request.getfixturevalue(who))
    assert client.get(f"/engagements/{activity.pk}/edit/").status_code == 403
    assert client.get(f"/engagements/{activity.pk}/attachments/new/").status_code == 403
    assert client.post(f"/engagements/{activity.pk}/delete/").status_code == 403


def test_partner_users_see_their_organisations_activities_only(
    client_for, partner_user, other_partner, activity, files
):
    client = client_for(partner_user)
    page = client.get(f"/engagements/{activity.pk}/").content.decode()
    assert "Plant visit to Acme" in page and "photo.png" in page
    assert "minutes.pdf" not in page and "Siti Student" not in page
    assert client.get(f"/engagements/attachments/{files[0].pk}/").status_code == 404
    assert client.get(f"/engagements/attachments/{files[1].pk}/").status_code == 200
    assert client.get("/engagements/new/").status_code == 403
    assert client.get(f"/engagements/{activity.pk}/edit/").status_code == 403
    other = client_for(other_partner)
    assert "Plant visit" not in other.get("/engagements/").content.decode()
    assert other.get(f"/engagements/{activity.pk}/").status_code == 404


def test_students_see_what_they_took_part_in(client_for, student, activity, academic, org_acme):
    activity_create(
        by=academic,
        title="Closed meeting",
        activity_type="meeting",
        date=datetime.date(2025, 3, 11),
        organisations=[org_acme],
    )
    page = client_for(student).get("/engagements/").content.decode()
    assert "Plant visit to Acme" in page and "Closed meeting" not in page


def test_log_an_activity_from_a_memorandum(client_for, academic, active_memo, org_acme):
    client = client_for(academic)
    form = client.get(f"/engagements/new/?memorandum={active_memo.pk}").content.decode()
    assert f'value="{org_acme.pk}" selected' in form
    resp = client.post(
        "/engagements/new/",
        {
            "title": "CEO@Faculty: Acme's CTO",
            "activity_type": "ceo_faculty",
            "date": datetime.date.today().isoformat(),
            "organisations": [org_acme.pk],
            "memoranda": [active_memo.pk],
            "outcome": "Forty students attended.",
        },
    )
    assert resp.status_code == 302
    active_memo.refresh_from_db()
    assert active_memo.last_activity_on == datetime.date.today()
    detail = client.get(f"/memoranda/{active_memo.pk}/").content.decode()
    assert "CEO@Faculty: Acme" in detail


def test_filters_export_and_calendar(client_for, officer, activity, academic, org_other):
    activity_create(
        by=academic,
        title="Borneo training",
        activity_type="training",
        date=datetime.date(2025, 4, 2),
        organisations=[org_other],
    )
    client = client_for(officer)
    page = client.get("/engagements/?type=training").content.decode()
    assert "Borneo training" in page and "Plant visit" not in page
    page = client.get(f"/engagements/?partner={org_other.pk}").content.decode()
    assert "Borneo training" in page and "Plant visit" not in page
    page = client.get("/engagements/?from=2025-04-01&q=borneo").content.decode()
    assert "Borneo training" in page and "Plant visit" not in page
    rows = list(
        csv.reader(io.StringIO(client.get("/engagements/?export=csv").content.decode("utf-8-sig")))
    )
    assert [r[2] for r in rows[1:]] == ["Borneo training", "Plant visit to Acme"]
    cal = client.get("/engagements/calendar/?month=2025-03").content.decode()
    assert 'data-date="2025-03-10"' in cal and "Plant visit to Acme" in cal
    assert "Borneo training" not in cal
    assert "Borneo training" in client.get("/engagements/calendar/?month=2025-04").content.decode()


def test_attachments_are_checked(client_for, academic, activity):
    client = client_for(academic)
    resp = client.post(
        f"/engagements/{activity.pk}/attachments/new/",
        {"upload": SimpleUploadedFile("x.html", b"<html>")},
    )
    assert "Only these file types are accepted" in resp.content.decode()
    resp = client.post(
        f"/engagements/{activity.pk}/attachments/new/",
        {"upload": SimpleUploadedFile("x.pdf", b"not a pdf")},
    )
    assert "not a real PDF file" in resp.content.decode()
    assert not Attachment.objects.exists()


def test_the_partner_page_shows_the_whole_history(client_for, officer, activity, org_acme):
    page = client_for(officer).get(f"/partners/{org_acme.pk}/").content.decode()
    assert 'data-panel="engagements.activities"' in page and "Plant visit to Acme" in page
    assert 'data-panel="agreements.memoranda"' in page
    assert "Joint robotics laboratory" in page


def test_my_work_lists_my_activities(client_for, academic, org_acme):
    activity_create(
        by=academic,
        title="Upcoming panel",
        activity_type="advisory_panel",
        date=datetime.date.today() + datetime.timedelta(days=5),
        organisations=[org_acme],
        staff=[academic],
    )
    page = client_for(academic).get("/my-work/").content.decode()
    assert "Upcoming panel" in page and "upcoming" in page


def test_partner_export_and_sdg_filter(
    client_for, partner_user, officer, activity, academic, org_other
):
    from django.contrib.contenttypes.models import ContentType

    from jalinan.sdgs.models import SdgTag

    other = activity_create(
        by=academic,
        title="Borneo meeting",
        activity_type="meeting",
        date=datetime.date(2025, 4, 2),
        organisations=[org_other],
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client_for(partner_user).get("/engagements/?export=csv").content.decode("utf-8-sig")
            )
        )
    )
    assert [r[2] for r in rows[1:]] == ["Plant visit to Acme"]
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=other.pk,
        goal=4,
        status="accepted",
    )
    page = client_for(officer).get("/engagements/?sdg=4").content.decode()
    assert "Borneo meeting" in page and "Plant visit" not in page
