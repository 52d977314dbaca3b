"""Who could license this: the partner-interest index, the suggestions with their evidence and
reasons, the exclusions, what each user may see, and the card on the offer's page."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.challenges.services.challenges import (
    challenge_create,
    challenge_submit,
    challenge_update,
)
from jalinan.partners.models import Organisation
from jalinan.projects.services import project_create
from jalinan.technologies import licensees, services
from jalinan.technologies.licensees import index_all_partners, index_partner, suggest_licensees

BIOGAS = {
    "title": "Anaerobic digestion of palm oil mill effluent for biogas",
    "tagline": "Turns mill effluent into biogas and cuts methane emissions.",
    "field": "energy",
    "problem": "Palm oil mills discharge effluent whose open ponds release methane.",
    "solution": "A high-rate anaerobic digester that converts the effluent to biogas.",
    "trl": 5,
}


def _org(name, section="", division=""):
    return Organisation.objects.create(
        legal_name=name,
        org_type="sme",
        msic_section=section,
        msic_division=division,
        search_name=name.lower(),
    )


@pytest.fixture
def org_a(db):
    return _org("Sawit Hijau Mills Sdn Bhd", "C", "10")


@pytest.fixture
def org_b(db):
    return _org("Bank Rakyat Digital Bhd", "K")


@pytest.fixture
def org_c(db):
    return _org("Quiet Partner Sdn Bhd", "C")


@pytest.fixture
def challenge_a(org_a, officer):
    ch = challenge_create(
        by=officer,
        organisation=org_a,
        quiet=True,
        title="Biogas from palm oil mill effluent",
        problem_statement="Our mill's palm oil mill effluent ponds release methane; we want "
        "to capture it as biogas.",
        desired_outcome="A pilot plant turning the effluent into biogas for the boilers.",
    )
    return challenge_submit(challenge=ch, by=officer)


@pytest.fixture
def project_b(org_b, officer, academic, unit_eng):
    return project_create(
        by=officer,
        title="Mobile banking app",
        kind="consultancy",
        lead=academic,
        unit=unit_eng,
        organisations=[org_b],
        summary="A mobile banking app for rural customers, with offline payments.",
        start_date=datetime.date(2024, 3, 1),
        quiet=True,
    )


@pytest.fixture
def technology(officer, academic):
    from jalinan.experts.services import profile_create

    inventor = profile_create(user=academic, by=academic, is_public=True)
    return services.offers.technology_create(by=officer, inventors=[inventor], **BIOGAS)


@pytest.fixture
def world(challenge_a, project_b, org_c, technology):
    index_all_partners()
    return technology


def _orgs(suggestions):
    return [s.organisation for s in suggestions]


def _publish(tech, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.offers.technology_publish(technology=tech, by=officer)


def test_challenge_poster_comes_first_with_the_challenge_as_evidence(
    world, org_a, org_b, org_c, challenge_a
):
    found = suggest_licensees(world)
    assert found[0].organisation == org_a
    best = found[0]
    ev = best.evidence[0]
    assert ev.kind == "challenge"
    assert ev.url == challenge_a.get_absolute_url()
    assert {"biogas", "effluent", "palm", "mill"} <= set(ev.terms)
    assert best.reasons[0].startswith("Posted a challenge on “Biogas from palm oil mill effluent”")
    assert org_c not in _orgs(found)  # asked nothing
    if org_b in _orgs(found):  # a weak match at most
        assert found[_orgs(found).index(org_b)].score < best.score / 2


def test_index_holds_only_what_partners_asked(world, org_a, org_b, org_c):
    from jalinan import matching

    results = matching.search(licensees.COLLECTION, "mobile banking", k=10)
    assert results[0].entity_id == org_b.pk
    assert results[0].docs[0].kind == "project"
    ids = {r.entity_id for r in matching.search(licensees.COLLECTION, "biogas banking", k=10)}
    assert org_c.pk not in ids


def test_an_organisation_holding_a_licence_of_it_is_excluded(
    world, org_a, officer, django_capture_on_commit_callbacks
):
    tech = _publish(world, officer, django_capture_on_commit_callbacks)
    assert org_a in _orgs(suggest_licensees(tech))
    lic = services.licences.licence_create(
        by=officer, technology=tech, licensee=org_a, status="active"
    )
    assert org_a not in _orgs(suggest_licensees(tech))
    services.licences.licence_update(licence=lic, by=officer, status="terminated")
    assert org_a in _orgs(suggest_licensees(tech))  # no longer holds it


def test_inactive_organisations_are_left_out_and_leave_the_index(world, org_a):
    from jalinan import matching

    Organisation.objects.filter(pk=org_a.pk).update(status="inactive")
    assert org_a not in _orgs(suggest_licensees(world))
    index_partner(org_a.pk)
    assert org_a.pk not in {r.entity_id for r in matching.search(licensees.COLLECTION, "biogas")}


def test_sector_reason_names_licensees_of_similar_technologies(
    world, org_a, officer, django_capture_on_commit_callbacks
):
    before = suggest_licensees(world)[0]
    assert before.organisation == org_a
    assert before.sector_affinity == 0
    assert not any("sector" in r for r in before.reasons)

    similar = _publish(
        services.offers.technology_create(
            by=officer,
            title="Biogas digester for palm oil effluent",
            field="energy",
            problem="Effluent ponds of palm oil mills emit methane.",
            solution="A covered lagoon digester recovering biogas.",
        ),
        officer,
        django_capture_on_commit_callbacks,
    )
    licensee = _org("Tenaga Sawit Berhad", "C", "10")
    services.licences.licence_create(
        by=officer, technology=similar, licensee=licensee, status="active"
    )
    index_all_partners()

    after = {s.organisation: s for s in suggest_licensees(world)}
    a = after[org_a]
    assert a.sector_affinity > 0
    assert a.score > a.text_score
    assert "Works in sector C — Manufacturing, like 1 licensee of similar technologies" in a.reasons
    # The licensee of the similar technology is itself a candidate, its licence the evidence.
    assert after[licensee].evidence[0].kind == "licence"


def test_an_earlier_enquirer_is_marked_not_excluded(
    world, org_a, officer, django_capture_on_commit_callbacks
):
    tech = _publish(world, officer, django_capture_on_commit_callbacks)
    hassan = user_create(
        email="hassan@sawit.test",
        full_name="Hassan Sawit",
        password="x",
        roles=[Role.PARTNER],
        organisation=org_a,
    )
    services.enquiries.enquiry_submit(
        technology=tech,
        by=hassan,
        kind="interest",
        name="Hassan Sawit",
        email="hassan@sawit.test",
        organisation_name=org_a.legal_name,
        message="Could the digester treat the effluent of a 60-tonne mill?",
    )
    index_partner(org_a.pk)
    a = next(s for s in suggest_licensees(tech) if s.organisation == org_a)
    assert a.already_enquired
    assert a.reasons[0] == "Already enquired about this technology"
    assert "technology_enquiry" in {e.kind for e in a.evidence}


def test_evidence_a_user_may_not_open_is_not_shown(world, org_a, officer):
    ip_member = user_create(
        email="ipc@uni.test", full_name="Ida IP", password="x", roles=[Role.IP_COMMITTEE]
    )
    # The challenge awaits the office's review: only OIL (and its partner) may read it.
    assert org_a not in _orgs(suggest_licensees(world, user=ip_member))
    found = suggest_licensees(world, user=officer)
    assert found[0].organisation == org_a
    assert found[0].url == org_a.get_absolute_url()


def test_reindexing_embeds_only_changed_texts(world, org_a, challenge_a, officer):
    assert index_partner(org_a.pk)["changed"] == 0
    assert index_all_partners()["changed"] == 0
    challenge_update(challenge=challenge_a, by=officer, desired_outcome="A 1 MW biogas engine.")
    report = index_partner(org_a.pk)
    assert report["changed"] == 1
    assert report["embedded"] == 1


def test_since_pass_picks_up_recent_changes_only(world, org_b, officer, academic, unit_eng):
    late = _org("Late Comer Sdn Bhd", "D")
    project_create(
        by=officer,
        title="Biogas upgrading to biomethane",
        kind="contract",
        lead=academic,
        unit=unit_eng,
        organisations=[late],
        summary="Upgrading palm oil mill effluent biogas for the gas grid.",
        quiet=True,
    )
    since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    report = index_all_partners(since=since)
    assert report["changed"] == 1
    assert late in _orgs(suggest_licensees(world))


def test_daily_job_and_command(world, org_a):
    from jalinan.core.registry import daily_jobs

    job = next(j for j in daily_jobs() if j.key == licensees.JOB_KEY)  # registered at start
    assert job.run()["changed"] == 0
    from io import StringIO

    out = StringIO()
    call_command("index_partner_interests", "--org", str(org_a.pk), stdout=out)
    assert out.getvalue().startswith("organisations 1, changed 0, embedded 0, removed 0")


def test_card_renders_suggestions_with_highlights_and_an_empty_state(world, org_a):
    html = render_to_string(
        "technologies/_licensees.html", {"licensee_suggestions": suggest_licensees(world)}
    )
    assert "Who could license this" in html
    assert org_a.legal_name in html
    assert "<mark>effluent</mark>" in html
    assert "Posted a challenge on" in html
    empty = render_to_string("technologies/_licensees.html", {"licensee_suggestions": []})
    assert "No partner has yet asked about anything close to this technology." in empty
    assert org_a.legal_name not in empty


def test_queries_do_not_grow_with_the_number_of_suggestions(world, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            found = suggest_licensees(world, user=officer)
        return len(found), len(ctx)

    count()  # warm the engine's in-memory index
    few, queries = count()
    for i in range(4):
        org = _org(f"Mill {i} Sdn Bhd", "C")
        challenge_submit(
            challenge=challenge_create(
                by=officer,
                organisation=org,
                quiet=True,
                title=f"Palm oil mill effluent treatment {i}",
                problem_statement="Effluent ponds at our palm oil mill emit methane.",
                desired_outcome="Biogas for the boilers.",
            ),
            by=officer,
        )
    index_all_partners()
    count()
    many, more_queries = count()
    assert many == few + 4
    assert more_queries == queries


def _ip_member():
    return user_create(
        email="ipc2@uni.test", full_name="Ismail IP", password="x", roles=[Role.IP_COMMITTEE]
    )


def test_offer_page_shows_the_card_to_the_office(world, org_a, challenge_a, officer, client_for):
    page = client_for(officer).get(world.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Who could license this" in html
    assert org_a.legal_name in html
    assert challenge_a.get_absolute_url() in html


def test_offer_page_card_for_the_ip_committee_hides_what_it_may_not_read(world, org_a, client_for):
    page = client_for(_ip_member()).get(world.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Who could license this" in html
    assert org_a.legal_name not in html
    assert "No partner has yet asked about anything close to this technology." in html


def test_offer_page_has_no_card_for_an_inventor_and_is_404_for_the_outsider(
    world, academic, outsider, client_for
):
    page = client_for(academic).get(world.get_absolute_url())
    assert page.status_code == 200
    assert "Who could license this" not in page.content.decode()
    assert client_for(outsider).get(world.get_absolute_url()).status_code == 404
