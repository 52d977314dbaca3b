"""A profile's projects through the pages: added, shown, found by search, edited, removed and
audited; an outsider reaches none of it."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from jalinan.core.models import AuditEntry
from jalinan.core.testing import database_writes
from jalinan.experts import services
from jalinan.experts.models import ProfileProject
from jalinan.experts.selectors import experts_for_text


def project_data(**extra):
    data = {
        "title": "Geopolymer concrete for coastal jetties",
        "role": "Principal investigator",
        "funder": "Petronas",
        "start_year": "2021",
        "end_year": "2023",
        "description": "Palm oil fuel ash binders in seawater.",
    }
    data.update(extra)
    return data


def test_owner_adds_edits_and_removes_a_project(client_for, academic, officer, profile):
    client = client_for(academic)
    r = client.post(reverse("experts:profile_project_create", args=[profile.pk]), project_data())
    assert r.status_code == 302
    project = ProfileProject.objects.get(profile=profile)
    page = client.get(reverse("experts:profile_detail", args=[profile.pk])).content.decode()
    assert f'id="project-{project.pk}"' in page and "Geopolymer concrete" in page
    top = experts_for_text("geopolymer binder", officer)[0]
    assert top.profile == profile and any(e.kind == "project" for e in top.evidence)

    r = client.post(
        reverse("experts:profile_project_edit", args=[project.pk]),
        project_data(end_year="2019"),
    )
    assert r.status_code == 200 and "The end year is before the start year." in r.content.decode()
    r = client.post(
        reverse("experts:profile_project_edit", args=[project.pk]), project_data(end_year="2024")
    )
    assert r.status_code == 302
    project.refresh_from_db()
    assert project.end_year == 2024

    r = client.post(reverse("experts:profile_project_delete", args=[project.pk]))
    assert r.status_code == 302 and not profile.projects.exists()
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProfileProject), object_id=str(project.pk)
    )
    assert sorted(entries.values_list("action", flat=True)) == ["create", "delete", "update"]


def test_outsider_is_refused_and_writes_nothing(client_for, academic, outsider, profile):
    project = services.profile_project_create(
        profile=profile, by=academic, title="Cathodic protection audit"
    )
    client = client_for(outsider)
    urls = [
        reverse("experts:profile_project_create", args=[profile.pk]),
        reverse("experts:profile_project_edit", args=[project.pk]),
        reverse("experts:profile_project_delete", args=[project.pk]),
    ]
    for url in urls:
        with database_writes() as writes:
            assert client.post(url, project_data()).status_code == 404, url
        assert writes == [], url
