"""The SDG filter of expert search: only an accepted tag for the goal brings a profile in, on
the page (browsing and free-text search), in its export and in the API."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from jalinan.experts.models import ExpertProfile
from jalinan.sdgs.models import SdgTag

from .test_search import PROBLEM

URL = reverse("experts:search")


def tag(profile, goal, status):
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(ExpertProfile),
        object_id=profile.pk,
        goal=goal,
        status=status,
    )


@pytest.fixture
def tagged(profile, private_profile):
    """Dr Amina carries an accepted SDG 14; Dr Ravi a suggested and a rejected one."""
    SdgTag.objects.all().delete()  # whatever the classifier suggested on saving
    tag(profile, 14, "accepted")
    tag(private_profile, 14, "suggested")
    tag(private_profile, 9, "rejected")
    return profile, private_profile


def names(page: str) -> set[str]:
    return {n for n in ("Dr Amina Academic", "Dr Ravi ICT") if n in page}


def test_browse_and_search_show_only_accepted_tags(client_for, officer, tagged):
    client = client_for(officer)
    assert names(client.get(URL).content.decode()) == {"Dr Amina Academic", "Dr Ravi ICT"}
    page = client.get(URL, {"sdg": 14}).content.decode()
    assert names(page) == {"Dr Amina Academic"}
    assert '<option value="14" selected>' in page
    assert names(client.get(URL, {"sdg": 9}).content.decode()) == set()
    found = client.get(URL, {"q": PROBLEM, "sdg": 14}).content.decode()
    assert names(found) == {"Dr Amina Academic"}
    speech = {"q": "Malay speech recognition"}
    assert "Dr Ravi ICT" in client.get(URL, speech).content.decode()
    assert "Dr Ravi ICT" not in client.get(URL, {**speech, "sdg": 14}).content.decode()


def test_export_and_api_share_the_filter(client_for, officer, tagged):
    client = client_for(officer)
    body = client.get(URL, {"sdg": 14, "export": "csv"}).content.decode("utf-8-sig")
    assert [r[0] for r in csv.reader(io.StringIO(body))][1:] == ["Dr Amina Academic"]
    data = client.get("/api/v1/experts/profiles", {"sdg": 9}).json()
    assert data["count"] == 0
    data = client.get("/api/v1/experts/profiles", {"sdg": 14}).json()
    assert [p["name"] for p in data["items"]] == ["Dr Amina Academic"]


def test_the_outsider_is_refused(client_for, outsider, tagged):
    assert client_for(outsider).get(URL, {"sdg": 14}).status_code == 404
