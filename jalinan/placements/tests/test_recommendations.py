"""Recommendations: a student's eligible openings ranked by fit, an opening's applicants
ranked by fit, each with the reasons, through the matching engine (the hashing stand-in)."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from jalinan import matching
from jalinan.placements import ranking, selectors, services

from .factories import make_application, make_opening, make_profile, make_student, today
from .test_api import BASE, bearer


@pytest.fixture
def data_opening(org_acme, officer, partner_user):
    return make_opening(
        org_acme,
        officer,
        title="Data analytics intern",
        description="Python data analysis and machine learning on our factory sensor data.",
        skills=["Python", "Machine learning"],
        deadline=today() + timedelta(days=40),
    )


@pytest.fixture
def civil_opening(org_acme, officer, partner_user):
    # The sooner deadline: first in the default order, second by fit.
    return make_opening(
        org_acme,
        officer,
        title="Structural design intern",
        description="Civil structural concrete design for bridges and viaducts.",
        skills=["AutoCAD", "Structural analysis"],
        deadline=today() + timedelta(days=20),
    )


@pytest.fixture
def learner(student, mech):
    return make_profile(student, mech, skills=["Python", "machine learning"], languages=[])


def ids(openings):
    return [o.pk for o in openings]


def api_get(client, path, user):
    return client.get(BASE + path, **bearer(user))


# -- the student ----------------------------------------------------------------------------


def test_the_best_fitting_opening_comes_first_with_its_reasons(
    student, learner, data_opening, civil_opening
):
    ranked = selectors.openings.recommended_openings(student, student)
    assert ids(ranked) == [data_opening.pk, civil_opening.pk]
    best = ranked[0].fit
    assert best.skills == ["Python", "machine learning"]
    assert best.score is not None and best.score > ranked[1].fit.score
    assert "data" not in best.skills and ranked[1].fit.skills == []
    # Without the ranking the sooner deadline came first.
    assert ids(selectors.openings.openings_for_student(student, student)) == [
        civil_opening.pk,
        data_opening.pk,
    ]


def test_matched_words_and_the_programme_are_reasons(
    student, mech, learner, org_acme, officer, partner_user
):
    opening = make_opening(
        org_acme,
        officer,
        programmes=[mech],
        title="Sensor analytics intern",
        description="Statistical learning for predictive maintenance.",
        skills=["SQL"],
    )
    fit = selectors.openings.recommended_openings(student, student)[0].fit
    assert selectors.openings.recommended_openings(student, student)[0].pk == opening.pk
    assert fit.skills == [] and fit.programme is True
    assert "learning" in fit.terms


def test_an_ineligible_opening_never_appears_even_when_it_fits_best(
    student, learner, data_opening, civil_opening, org_acme, officer, ict_programme
):
    perfect = make_opening(
        org_acme,
        officer,
        programmes=[ict_programme],  # not the student's programme
        title="Python machine learning intern",
        description="Python machine learning, Python data analysis, machine learning models.",
        skills=["Python", "Machine learning"],
    )
    ranked = selectors.openings.recommended_openings(student, student)
    assert perfect.pk not in ids(ranked) and ids(ranked) == [data_opening.pk, civil_opening.pk]
    # It is indexed (published): the engine would rank it first without the eligible set.
    assert matching.search(ranking.OPENINGS, ranking.profile_text(learner))[0].entity_id == (
        perfect.pk
    )


def test_unscored_openings_still_appear_after_the_ranked_ones(
    student, learner, data_opening, civil_opening, org_acme, officer
):
    late = make_opening(
        org_acme, officer, title="Web intern", description="Web pages.", skills=["HTML"]
    )
    matching.remove_entity(ranking.OPENINGS, late.pk)  # as if not indexed yet
    ranked = selectors.openings.recommended_openings(student, student, k=1)
    assert ids(ranked)[0] == data_opening.pk
    assert set(ids(ranked)) == {data_opening.pk, civil_opening.pk, late.pk}
    assert ranked[0].fit.score is not None and ranked[-1].fit.score is None


def test_a_profile_without_skills_keeps_the_default_order(
    client_for, student, mech, data_opening, civil_opening
):
    make_profile(student, mech, skills=[], languages=[])
    ranked = selectors.openings.recommended_openings(student, student)
    assert ids(ranked) == [civil_opening.pk, data_opening.pk]
    html = client_for(student).get("/placements/eligible/").content.decode()
    assert 'data-testid="add-skills"' in html and "Add your skills" in html


def test_nobody_else_gets_a_students_recommendations(
    student, learner, data_opening, partner_user, officer
):
    assert selectors.openings.recommended_openings(student, partner_user) == []
    assert ids(selectors.openings.recommended_openings(student, officer)) == [data_opening.pk]


def test_the_student_page_shows_recommended_openings_with_reasons(
    client_for, student, learner, data_opening, civil_opening
):
    html = client_for(student).get("/placements/eligible/").content.decode()
    assert "Recommended openings" in html and "Eligible openings" not in html
    assert html.index("Data analytics intern") < html.index("Structural design intern")
    card = html[html.index("Data analytics intern") : html.index("Structural design intern")]
    assert 'data-testid="fit-reasons"' in card and "Your skills it asks for:" in card
    assert ">Python</span>" in card
    # A search narrows the list, never widens it.
    html = client_for(student).get("/placements/eligible/?q=bridges").content.decode()
    assert "Structural design intern" in html and "Data analytics intern" not in html


def test_the_student_page_in_malay(client_for, student, learner, data_opening):
    client = client_for(student)
    client.cookies["jalinan_language"] = "ms"
    html = client.get("/placements/eligible/").content.decode()
    assert "Peluang yang disyorkan" in html and "Kemahiran anda yang diminta:" in html


def test_the_api_gives_the_ranking_and_reasons(
    client, student, learner, data_opening, civil_opening, ict_programme, org_acme, officer
):
    make_opening(org_acme, officer, programmes=[ict_programme], title="Not for you")
    body = api_get(client, "/openings/recommended", student).json()
    assert body["count"] == 2
    first, second = body["items"]
    assert first["id"] == data_opening.pk and first["title"] == "Data analytics intern"
    assert first["fit"]["skills"] == ["Python", "machine learning"]
    assert first["has_applied"] is False and second["id"] == civil_opening.pk


def test_the_recommendations_api_refuses_others(client, outsider, partner_user, officer, student):
    assert api_get(client, "/openings/recommended", outsider).status_code == 404
    assert api_get(client, "/openings/recommended", partner_user).status_code == 403
    resp = api_get(client, f"/openings/recommended?student_id={student.pk}", partner_user)
    assert resp.status_code == 404
    assert api_get(client, f"/openings/recommended?student_id={student.pk}", officer).json() == {
        "items": [],
        "count": 0,
    }


# -- keeping the index current ---------------------------------------------------------------


def found(collection, text):
    return [r.entity_id for r in matching.search(collection, text)]


def test_only_published_openings_are_indexed(org_acme, partner_user, officer):
    org_acme.is_vetted = False
    org_acme.save()
    pending = make_opening(org_acme, partner_user, title="Drone survey intern")
    assert pending.status == "pending" and found(ranking.OPENINGS, "drone survey") == []
    services.openings.opening_approve(opening=pending, by=officer)
    assert found(ranking.OPENINGS, "drone survey") == [pending.pk]
    services.openings.opening_close(opening=pending, by=officer)
    assert found(ranking.OPENINGS, "drone survey") == []


def test_deferred_indexing_indexes_each_record_once_at_the_end(org_acme, officer, partner_user):
    with ranking.indexing_deferred() as pending:
        opening = make_opening(org_acme, officer, title="Drone survey intern")
        services.openings.opening_update(opening=opening, by=officer, description="Aerial surveys.")
        assert found(ranking.OPENINGS, "drone survey") == []
        assert list(pending) == [("opening", opening.pk)]
    assert found(ranking.OPENINGS, "drone survey") == [opening.pk]
    assert matching.pending_count(ranking.OPENINGS) == 0  # embedded in the batch


def test_an_edited_profile_is_ranked_on_its_new_skills(
    student, learner, data_opening, civil_opening
):
    services.profiles.student_profile_save(
        user=student, by=student, skills=["Concrete design", "Structural analysis"]
    )
    ranked = selectors.openings.recommended_openings(student, student)
    assert ids(ranked) == [civil_opening.pk, data_opening.pk]
    assert ranked[0].fit.skills == ["Concrete design", "Structural analysis"]


def test_the_students_index_never_holds_the_cgpa(student, mech):
    make_profile(student, mech, cgpa="3.99", skills=["Python"], languages=["Malay"])
    [result] = matching.search(ranking.STUDENTS, "python malay engineering", evidence=5)
    assert result.entity_id == student.pk
    texts = " ".join(f"{d.title} {d.text}" for d in result.docs)
    assert "Python" in texts and "Malay" in texts and "Mechanical" in texts
    assert "3.99" not in texts and "3.99" not in str(result.meta)


def test_reindex_placements_rebuilds_the_index(student, learner, data_opening):
    matching.remove_entity(ranking.OPENINGS, data_opening.pk)
    matching.remove_entity(ranking.STUDENTS, student.pk)
    call_command("reindex_placements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(ranking.OPENINGS, "python data") == [data_opening.pk]
    assert found(ranking.STUDENTS, "python") == [student.pk]


# -- the partner ----------------------------------------------------------------------------


@pytest.fixture
def applicants(data_opening, unit_eng, mech):
    """Two applicants to the data opening: the civil engineer applied first."""
    civil = make_student("civil@uni.test", "Chong Civil", unit_eng)
    make_profile(civil, mech, skills=["AutoCAD", "Revit"], languages=[], consent=True)
    coder = make_student("coder@uni.test", "Aisyah Coder", unit_eng)
    make_profile(coder, mech, skills=["Python", "Machine learning"], languages=[], consent=True)
    first = make_application(data_opening, civil, consent=True)
    second = make_application(data_opening, coder, consent=True)
    return first, second


def test_the_better_fitting_applicant_comes_first_with_reasons(
    data_opening, applicants, partner_user, unit_eng, mech
):
    by_civil, by_coder = applicants
    # A perfect match who did not apply is never ranked for the partner.
    outsider_student = make_student("perfect@uni.test", "Perfect Match", unit_eng)
    make_profile(outsider_student, mech, skills=["Python", "Machine learning", "data analysis"])
    ranked = selectors.applications.ranked_applicants(data_opening, partner_user)
    assert [a.pk for a in ranked] == [by_coder.pk, by_civil.pk]
    assert ranked[0].fit.skills == ["Python", "Machine learning"]
    assert ranked[1].fit.skills == []
    by_date = selectors.applications.ranked_applicants(data_opening, partner_user, by_date=True)
    assert [a.pk for a in by_date] == [by_civil.pk, by_coder.pk]


def test_reasons_follow_what_the_student_shares(
    data_opening, partner_user, officer, unit_eng, mech
):
    shy = make_student("shy@uni.test", "Shy Student", unit_eng)
    make_profile(
        shy, mech, skills=["Python"], languages=[], consent=False, shared=["year"], cgpa="3.90"
    )
    make_application(data_opening, shy, consent=False)
    [row] = selectors.applications.ranked_applicants(data_opening, partner_user)
    assert row.fit.hidden and row.fit.skills == [] and row.fit.terms == []
    assert row.fit.score is not None  # still ranked: they applied to this opening
    [office_row] = selectors.applications.ranked_applicants(data_opening, officer)
    assert office_row.fit.skills == ["Python"] and not office_row.fit.hidden


def test_the_partner_page_ranks_applicants_with_a_date_toggle(
    client_for, data_opening, applicants, partner_user
):
    url = f"/placements/openings/{data_opening.pk}/"
    html = client_for(partner_user).get(url).content.decode()
    assert "Applicants ranked by fit" in html and "by date applied" in html
    assert html.index("Aisyah Coder") < html.index("Chong Civil")
    row = html[html.index("Aisyah Coder") : html.index("Chong Civil")]
    assert "Skills the opening asks for:" in row and ">Python</span>" in row
    assert "3.71" not in html  # CGPAs are not part of the ranking page
    html = client_for(partner_user).get(url + "?applicants=date").content.decode()
    assert "Applicants by date applied" in html
    assert html.index("Chong Civil") < html.index("Aisyah Coder")


def test_the_applicants_api_is_ranked_with_reasons(client, data_opening, applicants, partner_user):
    by_civil, by_coder = applicants
    items = api_get(client, f"/openings/{data_opening.pk}/applicants", partner_user).json()
    assert [a["id"] for a in items["items"]] == [by_coder.pk, by_civil.pk]
    first = items["items"][0]
    assert first["fit"]["skills"] == ["Python", "Machine learning"]
    assert first["student_name"] == "Aisyah Coder" and first["status"] == "submitted"
    items = api_get(client, f"/openings/{data_opening.pk}/applicants?sort=date", partner_user)
    assert [a["id"] for a in items.json()["items"]] == [by_civil.pk, by_coder.pk]


@pytest.mark.parametrize("who", ["outsider", "other_partner"])
def test_others_get_404_on_the_ranked_applicants(request, client, client_for, who, data_opening):
    user = request.getfixturevalue(who)
    assert api_get(client, f"/openings/{data_opening.pk}/applicants", user).status_code == 404
    page = client_for(user).get(f"/placements/openings/{data_opening.pk}/")
    assert page.status_code == 404


def test_the_ranked_pages_keep_their_queries_bounded(
    client_for, student, learner, data_opening, applicants, org_acme, officer, partner_user,
    unit_eng, mech, django_assert_max_num_queries,
):  # fmt: skip
    for i in range(5):
        make_opening(org_acme, officer, title=f"Opening {i}", skills=["Python", f"Skill {i}"])
        s = make_student(f"more{i}@uni.test", f"More Student {i}", unit_eng)
        make_profile(s, mech, skills=["Python"], consent=bool(i % 2), shared=["programme"])
        make_application(data_opening, s, consent=bool(i % 2))
    for user, url in [
        (student, "/placements/eligible/"),
        (partner_user, f"/placements/openings/{data_opening.pk}/"),
        (partner_user, f"/placements/openings/{data_opening.pk}/?applicants=date"),
    ]:
        client = client_for(user)
        client.get(url)
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200
