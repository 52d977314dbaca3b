"""Coordinators' views, graduates' outcomes and the employability figure, and the panels."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.placements import selectors, services

from .factories import make_profile, make_student, today


def test_students_still_needing_a_placement(
    coordinator, student, student2, profile, placement, unit_eng, mech
):
    # student holds a placement overlapping its period; student2 does not.
    names = [p.user.full_name for p in selectors.overview.students_needing_placement(coordinator)]
    assert names == ["Badrul Second"]
    past = make_student("past@uni.test", "Past Period", unit_eng)
    make_profile(
        past,
        mech,
        training_from=today() - timedelta(days=100),
        training_to=today() - timedelta(days=1),
    )
    assert "Past Period" not in [
        p.user.full_name for p in selectors.overview.students_needing_placement(coordinator)
    ]


def test_the_overview_is_limited_to_the_coordinators_units(
    client_for, coordinator, officer, unit_ict, ict_programme, student2
):
    other = make_student("ict@uni.test", "Ict Student", unit_ict)
    make_profile(other, ict_programme)
    assert (
        "Ict Student" not in client_for(coordinator).get("/placements/overview/").content.decode()
    )
    html = client_for(officer).get("/placements/overview/").content.decode()
    assert "Ict Student" in html and "Badrul Second" in html


def test_overdue_items(running_placement, coordinator, officer, academic):
    items = selectors.overview.overdue_items(coordinator)
    assert [(i.what, i.detail) for i in items] == [("logbook", [1, 2, 3, 4])]
    late = selectors.overview.overdue_items(
        coordinator, today=running_placement.ends_on + timedelta(days=10)
    )
    assert {i.what for i in late} == {"logbook", "midterm", "final"}
    assert (
        selectors.overview.overdue_items(academic) == []
    )  # a supervisor has the panel, not this view


def test_the_overdue_page_filters_and_exports(client_for, coordinator, running_placement):
    client = client_for(coordinator)
    html = client.get("/placements/overview/overdue/?what=logbook").content.decode()
    assert "Siti Student" in html and "1, 2, 3, 4" in html
    assert (
        "Siti Student"
        not in client.get("/placements/overview/overdue/?what=final").content.decode()
    )
    csv_text = client.get("/placements/overview/overdue/?export=csv").content.decode("utf-8-sig")
    assert "Siti Student" in csv_text and "weeks 1, 2, 3, 4" in csv_text


def outcome(student, by, **over):
    fields = {
        "graduated_on": date(2025, 8, 1),
        "status": "employed",
        "employer_organisation": None,
        "employer_name": "Somewhere Sdn. Bhd.",
        "job_title": "Engineer",
        "started_on": date(2025, 10, 1),
    }
    fields.update(over)
    return services.outcomes.outcome_record(student=student, by=by, **fields)


def test_outcomes_and_the_employability_figure(
    placement, student, student2, org_acme, coordinator, officer, management, unit_eng, mech
):
    first = outcome(student, student, employer_organisation=org_acme, employer_name="")
    assert first.within_six_months and first.with_placement_partner
    second = outcome(student2, coordinator, started_on=date(2026, 6, 1))
    assert not second.within_six_months and not second.with_placement_partner
    third_student = make_student("third@uni.test", "Third Grad", unit_eng)
    make_profile(third_student, mech)
    outcome(
        third_student,
        officer,
        status="further_study",
        employer_name="",
        started_on=date(2025, 9, 1),
    )
    for user in (officer, management, coordinator):
        figure = selectors.outcomes.employability(user=user)
        assert figure["graduates"] == 3 and figure["employable"] == 2 and figure["rate"] == 66.7
        assert figure["with_placement_partner"] == 1 and figure["partner_share"] == 100.0
    assert (
        selectors.outcomes.employability(user=officer, graduated_from=date(2026, 1, 1))["graduates"]
        == 0
    )
    assert selectors.outcomes.employability(user=student)["graduates"] == 0


def test_outcome_rules(student, partner_user, student2, profile):
    with pytest.raises(ValidationError):
        outcome(student, student, employer_name="")
    with pytest.raises(ValidationError):
        outcome(student, student, started_on=None)
    with pytest.raises(PermissionDenied):
        outcome(student2, student)  # another student's
    with pytest.raises(PermissionDenied):
        outcome(student, partner_user)
    assert (
        outcome(
            student, student, status="not_working", employer_name="x", started_on=None
        ).employer_name
        == ""
    )


def test_the_outcomes_page_shows_the_figure(
    client_for, officer, management, student, profile, org_acme
):
    outcome(student, student)
    html = client_for(officer).get("/placements/outcomes/").content.decode()
    assert (
        'data-testid="employability-rate"' in html and "100.0%" in html and "Siti Student" in html
    )
    html = client_for(management).get("/placements/outcomes/").content.decode()
    assert "100.0%" in html and "Siti Student" not in html  # the figure, not the rows


def test_the_graduate_records_their_own_outcome(client_for, student, profile, placement):
    resp = client_for(student).post(
        "/placements/outcomes/mine/",
        {
            "graduated_on": "2025-08-01",
            "status": "employed",
            "employer_organisation": placement.organisation_id,
            "started_on": "2025-09-01",
        },
    )
    assert resp.status_code == 302
    assert student.graduate_outcome.with_placement_partner


# -- panels -----------------------------------------------------------------------------------


def panel(client, key):
    html = client.get("/my-work/").content.decode()
    marker = f'data-panel="placements.{key}"'
    return html.split(marker, 1)[1] if marker in html else None


def test_each_role_has_its_panel(
    client_for,
    student,
    partner_user,
    coordinator,
    academic,
    officer,
    running_placement,
    student2,
    opening,
):
    from .factories import make_application

    make_application(opening, student2, consent=False)
    services.logbooks.logbook_entry_save(
        placement=running_placement, by=student, week=1, activities="x"
    )
    assert "Robotics intern" in panel(client_for(student), "student")
    assert "1 new application waiting" in panel(client_for(partner_user), "partner")
    assert "Badrul Second" in panel(client_for(coordinator), "coordinator")
    assert "1 week waiting for your review" in panel(client_for(academic), "academic")
    assert panel(client_for(officer), "office") is not None
    assert (
        panel(client_for(student), "partner") is None
        and panel(client_for(partner_user), "student") is None
    )


def test_the_partner_page_shows_openings_and_placements(
    client_for, officer, partner_user, other_partner, coordinator, running_placement, org_acme
):
    html = client_for(officer).get(f"/partners/{org_acme.pk}/").content.decode()
    assert (
        'data-panel="placements.partner"' in html
        and "Robotics intern" in html
        and "Siti Student" in html
    )
    html = client_for(partner_user).get(f"/partners/{org_acme.pk}/").content.decode()
    assert "Siti Student" in html


def test_navigation(client_for, student, coordinator, officer, outsider):
    assert 'href="/placements/"' in client_for(student).get("/my-work/").content.decode()
    html = client_for(coordinator).get("/my-work/").content.decode()
    assert 'href="/placements/overview/"' in html
    assert (
        'href="/placements/settings/rubric/"'
        in client_for(officer).get("/my-work/").content.decode()
    )
    assert 'href="/placements/"' not in client_for(outsider).get("/my-work/").content.decode()
