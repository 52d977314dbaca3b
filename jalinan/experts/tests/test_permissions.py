"""Who sees and edits which profile: pages and API alike."""

import pytest
from django.urls import reverse

from jalinan.core.models import AuditEntry
from jalinan.experts.models import ExpertProfile


def edit_data(**extra):
    data = {
        "department": "Mechanical Engineering",
        "position": "senior_lecturer",
        "keywords": "corrosion\ncoatings",
        "biography": "Corrosion and coatings.",
        "languages": "English\nMalay",
        "availability": "available",
        "orcid": "",
        "scopus_id": "",
        "google_scholar": "",
        "is_public": "on",
    }
    data.update(extra)
    return data


def test_owner_edits_own_profile(client_for, academic, profile):
    client = client_for(academic)
    r = client.post(reverse("experts:profile_edit", args=[profile.pk]), edit_data())
    assert r.status_code == 302
    profile.refresh_from_db()
    assert profile.keywords == ["corrosion", "coatings"] and profile.department
    assert AuditEntry.objects.filter(action="update", object_id=str(profile.pk)).exists()


def test_bad_orcid_is_shown_next_to_the_field_and_kept(client_for, academic, profile):
    r = client_for(academic).post(
        reverse("experts:profile_edit", args=[profile.pk]), edit_data(orcid="0000-0002-1825-0098")
    )
    assert r.status_code == 200
    assert "check digit" in r.content.decode()
    assert 'value="0000-0002-1825-0098"' in r.content.decode()


def test_coordinator_edits_their_units_profiles(client_for, coordinator, profile):
    r = client_for(coordinator).post(
        reverse("experts:profile_edit", args=[profile.pk]), edit_data()
    )
    assert r.status_code == 302


def test_coordinator_of_another_unit_is_refused(client_for, coordinator, private_profile):
    # the ICT profile is private: the engineering coordinator may not even see it
    url = reverse("experts:profile_edit", args=[private_profile.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_other_staff_see_public_profiles_but_may_not_edit(client_for, committee, profile):
    client = client_for(committee)
    assert client.get(reverse("experts:profile_detail", args=[profile.pk])).status_code == 200
    r = client.post(reverse("experts:profile_edit", args=[profile.pk]), edit_data())
    assert r.status_code == 403
    r = client.post(reverse("experts:publication_create", args=[profile.pk]), {"title": "x"})
    assert r.status_code == 403


def test_private_profiles_are_hidden(client_for, academic, officer, profile, private_profile):
    url = reverse("experts:profile_detail", args=[private_profile.pk])
    assert client_for(academic).get(url).status_code == 404
    assert client_for(officer).get(url).status_code == 200
    page = client_for(academic).get(reverse("experts:search")).content.decode()
    assert "Dr Ravi ICT" not in page and "Dr Amina Academic" in page


def test_outsider_gets_404_everywhere(client_for, outsider, profile):
    client = client_for(outsider)
    pub = profile.publications.first()
    for url in [
        reverse("experts:search"),
        reverse("experts:my_profile"),
        reverse("experts:profile_detail", args=[profile.pk]),
        reverse("experts:profile_edit", args=[profile.pk]),
        reverse("experts:profile_similar", args=[profile.pk]),
        reverse("experts:publication_create", args=[profile.pk]),
        reverse("experts:import_upload", args=[profile.pk]),
        reverse("experts:publication_edit", args=[pub.pk]),
        reverse("experts:import_template"),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("experts:publication_delete", args=[pub.pk])).status_code == 404
    assert client.get(reverse("experts:search"), {"q": "corrosion"}).status_code == 404


def test_partner_user_sees_only_public(client_for, partner_user, profile, private_profile):
    client = client_for(partner_user)
    assert client.get(reverse("experts:profile_detail", args=[profile.pk])).status_code == 200
    r = client.get(reverse("experts:profile_detail", args=[private_profile.pk]))
    assert r.status_code == 404


def test_my_profile_creates_one_for_an_academic(client_for, ip_committee):
    r = client_for(ip_committee).get(reverse("experts:my_profile"))
    assert r.status_code == 302
    assert ExpertProfile.objects.filter(user=ip_committee, is_public=False).count() == 1


def test_publication_delete_by_owner(client_for, academic, profile):
    pub = profile.publications.first()
    r = client_for(academic).post(reverse("experts:publication_delete", args=[pub.pk]))
    assert r.status_code == 302 and profile.publications.count() == 1


def test_duplicate_publication_is_refused_with_a_reason(client_for, academic, profile):
    r = client_for(academic).post(
        reverse("experts:publication_create", args=[profile.pk]),
        {"title": "Sacrificial Anode Design for Jetties.", "kind": "article"},
    )
    assert r.status_code == 200 and "already on the profile" in r.content.decode()


def test_list_page_queries_stay_flat(
    client_for, officer, profile, private_profile, django_assert_max_num_queries
):
    client = client_for(officer)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("experts:search")).status_code == 200


def test_export_lists_visible_profiles(client_for, academic, profile, private_profile):
    r = client_for(academic).get(reverse("experts:search"), {"export": "csv"})
    body = r.content.decode()
    assert r.status_code == 200 and "Dr Amina Academic" in body and "Dr Ravi" not in body


# -- the API ------------------------------------------------------------------------------------


@pytest.fixture
def api_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_api_same_permissions(api_for, academic, committee, outsider, profile, private_profile):
    base = "/api/v1/experts"
    c = api_for(committee)
    ids = [p["id"] for p in c.get(f"{base}/profiles").json()["items"]]
    assert profile.pk in ids and private_profile.pk not in ids
    assert c.get(f"{base}/profiles/{private_profile.pk}").status_code == 404
    r = c.patch(
        f"{base}/profiles/{profile.pk}", {"biography": "x"}, content_type="application/json"
    )
    assert r.status_code == 403
    c = api_for(academic)
    r = c.patch(
        f"{base}/profiles/{profile.pk}",
        {"availability": "limited"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["availability"] == "limited"
    r = c.patch(f"{base}/profiles/{profile.pk}", {"unit_id": None}, content_type="application/json")
    assert r.status_code == 403
    r = c.post(
        f"{base}/profiles/{profile.pk}/publications",
        {"title": "Microbially induced corrosion", "year": 2024},
        content_type="application/json",
    )
    assert r.status_code == 201
    c = api_for(outsider)
    assert c.get(f"{base}/profiles/{profile.pk}").status_code == 404
    assert (
        c.post(f"{base}/search", {"text": "corrosion"}, content_type="application/json").status_code
        == 404
    )
