"""A challenge's opportunity never shows more than the challenge shows to its reader: the lead
KCDIO's coordinator follows the opportunity of a confidential challenge but reads neither its
title nor its text (page, export, API); the office reads both, from the challenge itself."""

import pytest

from jalinan.agreements.tests.test_api import bearer
from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.services import challenges as challenge_services
from jalinan.challenges.tests.factories import make_challenge
from jalinan.pipeline.selectors import opportunity_for_object

TITLE = "Membrane fouling at the Kuantan plant"
SECRET = "Our brine recovery ratio is 0.42 and falls every monsoon."


@pytest.fixture
def opportunity(org_acme, partner_user, unit_eng):
    challenge = make_challenge(
        organisation=org_acme,
        posted_by=partner_user,
        status=ChallengeStatus.DRAFT,
        visibility=Visibility.INVITED,
        unit=unit_eng,
        title=TITLE,
        problem_statement=SECRET,
        index=False,
    )
    challenge_services.challenge_submit(challenge=challenge, by=partner_user)
    opp = opportunity_for_object(challenge)
    assert opp is not None and opp.unit_id == unit_eng.pk
    return opp


def _everything(client, opp, headers=None) -> str:
    page = client.get(opp.get_absolute_url())
    assert page.status_code == 200
    export = client.get("/pipeline/list/", {"export": "csv"})
    assert export.status_code == 200
    api = client.get(f"/api/v1/pipeline/{opp.pk}", **(headers or {}))
    assert api.status_code == 200
    listing = client.get("/api/v1/pipeline/", **(headers or {}))
    return "\n".join(
        [
            page.content.decode(),
            export.content.decode("utf-8-sig"),
            api.content.decode(),
            listing.content.decode(),
            client.get("/pipeline/").content.decode(),
        ]
    )


def test_the_lead_units_coordinator_sees_the_opportunity_not_the_confidential_challenge(
    client_for, coordinator, opportunity
):
    text = _everything(client_for(coordinator), opportunity, bearer(coordinator))
    assert opportunity.reference in text  # they follow the opportunity
    assert TITLE not in text and SECRET not in text
    assert "Confidential challenge (restricted)" in text


def test_the_office_reads_the_challenge_through_the_opportunity(client_for, officer, opportunity):
    page = client_for(officer).get(opportunity.get_absolute_url()).content.decode()
    assert TITLE in page and SECRET in page
    assert "Confidential challenge (restricted)" not in page


def test_text_copied_before_is_cleared_by_the_migration(opportunity):
    """The data migration replaces what older code copied from a confidential challenge."""
    import importlib

    from django.apps import apps

    from jalinan.pipeline.models import Opportunity

    challenge = opportunity.source_object
    Opportunity.objects.filter(pk=opportunity.pk).update(title=TITLE, description=SECRET)
    kept = Opportunity.objects.create(
        reference="OPP-T-2", title="Officer's own", description="Call them in May.", source="direct"
    )
    migration = importlib.import_module("jalinan.pipeline.migrations.0002_source_text_not_copied")
    migration.forwards(apps, None)
    opportunity.refresh_from_db()
    assert opportunity.title == f"Industry challenge {challenge.reference}"
    assert opportunity.description == ""
    kept.refresh_from_db()
    assert (kept.title, kept.description) == ("Officer's own", "Call them in May.")
