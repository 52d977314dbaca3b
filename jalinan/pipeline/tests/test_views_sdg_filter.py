"""The pipeline's SDG filter, shared by the board, the list, its export and the API: only an
accepted tag for the goal brings an opportunity in."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType

from jalinan.pipeline.models import Opportunity
from jalinan.sdgs.models import SdgTag


def tag(opp, goal, status):
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(Opportunity),
        object_id=opp.pk,
        goal=goal,
        status=status,
    )


@pytest.fixture
def tagged(opp, other_opp):
    """The corrosion opportunity carries an accepted SDG 14; the kilns a suggested SDG 14 and
    a rejected SDG 12."""
    SdgTag.objects.all().delete()  # whatever the classifier suggested on saving
    tag(opp, 14, "accepted")
    tag(other_opp, 14, "suggested")
    tag(other_opp, 12, "rejected")


def titles(page: str) -> set[str]:
    return {t for t in ("Corrosion of offshore pipelines", "Timber drying kilns") if t in page}


@pytest.mark.parametrize("url", ["/pipeline/", "/pipeline/list/"])
def test_board_and_list_show_only_accepted_tags(client_for, officer, tagged, url):
    client = client_for(officer)
    assert titles(client.get(url).content.decode()) == {
        "Corrosion of offshore pipelines",
        "Timber drying kilns",
    }
    page = client.get(url, {"sdg": 14}).content.decode()
    assert titles(page) == {"Corrosion of offshore pipelines"}
    assert '<option value="14" selected>' in page
    assert titles(client.get(url, {"sdg": 12}).content.decode()) == set()


def test_export_and_api_share_the_filter(client_for, officer, tagged):
    client = client_for(officer)
    body = client.get("/pipeline/list/?sdg=14&export=csv").content.decode("utf-8-sig")
    assert [r[1] for r in csv.reader(io.StringIO(body))][1:] == ["Corrosion of offshore pipelines"]
    data = client.get("/api/v1/pipeline/", {"sdg": 14}).json()
    assert [o["title"] for o in data["items"]] == ["Corrosion of offshore pipelines"]
    assert client.get("/api/v1/pipeline/", {"sdg": 12}).json()["count"] == 0


def test_the_outsider_is_refused(client_for, outsider, tagged):
    assert client_for(outsider).get("/pipeline/list/?sdg=14").status_code == 404
