"""The organisation list's SDG filter: only an accepted tag for the goal brings an
organisation in, on the page and in its exports."""

import csv
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType

from jalinan.partners.models import Organisation
from jalinan.sdgs.models import SdgTag


def tag(org, goal, status):
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=org.pk,
        goal=goal,
        status=status,
    )


@pytest.fixture
def tagged(org_acme, org_other):
    """Acme carries an accepted SDG 9; Borneo Timber a suggested SDG 9 and a rejected SDG 15."""
    SdgTag.objects.all().delete()  # whatever the classifier suggested on saving
    tag(org_acme, 9, "accepted")
    tag(org_other, 9, "suggested")
    tag(org_other, 15, "rejected")


def names(page: str) -> set[str]:
    return {n for n in ("Acme Robotics", "Borneo Timber") if n in page}


def test_list_shows_only_accepted_tags(client_for, officer, tagged):
    client = client_for(officer)
    assert names(client.get("/partners/").content.decode()) == {"Acme Robotics", "Borneo Timber"}
    page = client.get("/partners/?sdg=9").content.decode()
    assert names(page) == {"Acme Robotics"}
    assert '<option value="9" selected>' in page
    assert names(client.get("/partners/?sdg=15").content.decode()) == set()
    partial = client.get("/partners/?sdg=9", HTTP_HX_REQUEST="true").content.decode()
    assert names(partial) == {"Acme Robotics"}


def test_exports_share_the_filter(client_for, officer, tagged):
    client = client_for(officer)
    body = client.get("/partners/?sdg=9&export=csv").content.decode("utf-8-sig")
    assert [r[1] for r in csv.reader(io.StringIO(body))][1:] == ["Acme Robotics Sdn. Bhd."]
    resp = client.get("/partners/?sdg=15&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert sheet.max_row == 1  # the headers only


def test_the_outsider_is_refused(client_for, outsider, tagged):
    assert client_for(outsider).get("/partners/?sdg=9").status_code == 404
