"""Demo placements across three terms, with logbooks, supervisors' evaluations and
students' ratings."""

from __future__ import annotations

from jalinan.accounts.models import User

from .. import services
from ..choices import EvaluationStage
from ..models import Evaluation, Placement
from .planning import LEARNED, LOG_ACTIVITIES


def _supervisors(ctx) -> dict[int, list[User]]:
    """Academics by the kulliyyah above their department."""
    out: dict[int, list[User]] = {}
    for a in ctx.academics:
        unit = a.unit
        while unit is not None and unit.kind != "kulliyyah":
            unit = unit.parent
        if unit is not None:
            out.setdefault(unit.pk, []).append(a)
    return out


def seed_placements(ctx, rng, students, today) -> None:
    by_unit = _supervisors(ctx)
    fallback = ctx.academics or [ctx.logins.get("academic")]
    academic_login = ctx.logins.get("academic")
    officer = ctx.logins.get("officer")
    student_ids = {s.pk for s in students}
    quality: dict[int, int] = {}
    placements = (
        Placement.objects.filter(student_id__in=student_ids)
        .select_related("student__student_profile", "organisation")
        .order_by("pk")
    )
    given_academic = 0
    for p in placements:
        if p.academic_supervisor_id and p.industry_supervisor_email:
            ctx.count("placements", False)
            continue
        profile = p.student.student_profile
        pool = by_unit.get(profile.kulliyyah_id) or fallback
        supervisor = pool[rng.randrange(len(pool))]
        if (
            academic_login is not None
            and profile.kulliyyah_id == academic_login.unit.parent_id
            and p.ends_on >= today
            and given_academic < 8
        ):
            supervisor = academic_login
            given_academic += 1
        first = rng.choice(["Aminah", "Kumar", "Chen", "Farid", "Siew Lan", "Hafiz", "Rosli"])
        domain = (p.organisation.website.split("www.")[-1] or "partner.example").strip("/")
        placement = services.placements.placement_update(
            placement=p,
            by=officer,
            academic_supervisor=supervisor,
            industry_supervisor_name=f"{first} {rng.choice(['Ismail', 'Tan', 'Nair', 'Yusof'])}",
            industry_supervisor_email=f"{first.lower().replace(' ', '')}@{domain}",
            industry_supervisor_phone=f"+60 3-{rng.randint(2000, 9999)} {rng.randint(1000, 9999)}",
        )
        ctx.count("placements", True)
        _logbook(rng, placement, today)
        _evaluations(rng, placement, today, quality)
        if placement.ends_on < today and rng.random() < 0.85:
            q = quality.setdefault(placement.organisation_id, rng.choice([3, 4, 4, 5]))
            services.feedback.feedback_submit(
                placement=placement,
                by=placement.student,
                rating=max(1, min(5, q + rng.choice([-1, 0, 0, 1]))),
                supervision_rating=max(1, min(5, q + rng.choice([-1, 0, 1]))),
                learning_rating=max(1, min(5, q + rng.choice([0, 0, 1]))),
                would_recommend=q >= 4 or rng.random() < 0.3,
                comments=rng.choice(
                    [
                        "",
                        "Supportive supervisor.",
                        "Real responsibility from week one.",
                        "Too much admin work.",
                        "Learned a lot about quality systems.",
                    ]
                ),  # fmt: skip
            )


def _logbook(rng, placement, today) -> None:
    """Weeks written up to now (a few missing in running placements); the supervisor signs
    off all but the last weeks of a running placement, returning one now and then."""
    due = placement.weeks_due(today, 0)
    running = placement.ends_on >= today
    supervisor = placement.academic_supervisor
    returned = None
    for week in range(1, due + 1):
        if running and week == due - 1 and supervisor is not None:
            services.logbooks.logbook_review_all(placement=placement, by=supervisor)
        if running and week > due - 2 and rng.random() < 0.4:
            continue  # not written yet: overdue
        entry = services.logbooks.logbook_entry_save(
            placement=placement,
            by=placement.student,
            week=week,
            activities=rng.choice(LOG_ACTIVITIES),
            learning=rng.choice(LEARNED),
            hours=rng.choice([35, 40, 40, 42, 45]),
        )
        if running and supervisor and week < due - 1 and not returned and rng.random() < 0.15:
            returned = services.logbooks.logbook_entry_review(
                entry=entry, by=supervisor, approve=False, comment="Add what you learned."
            )
    if supervisor is not None and not running:
        services.logbooks.logbook_review_all(placement=placement, by=supervisor)


def _evaluations(rng, placement, today, quality) -> None:
    stages = []
    if placement.evaluation_due_on(EvaluationStage.MIDTERM) <= today:
        stages.append(EvaluationStage.MIDTERM)
    if placement.ends_on < today:
        stages.append(EvaluationStage.FINAL)
    for stage in stages:
        if Evaluation.objects.filter(placement=placement, stage=stage).exists():
            continue
        if stage == EvaluationStage.MIDTERM and placement.ends_on >= today and rng.random() < 0.25:
            continue  # the mid-term of a running placement not back yet
        link, _raw = services.evaluations.evaluation_link_issue(
            placement=placement, stage=stage, by=None
        )
        base = quality.setdefault(placement.organisation_id, rng.choice([3, 4, 4, 5]))
        services.evaluations.evaluation_submit(
            link=link,
            scores={
                c.pk: max(1, min(c.max_score, base + rng.choice([-1, 0, 0, 1])))
                for c in services.evaluations.rubric_for(stage)
            },
            evaluator_name=placement.industry_supervisor_name,
            strengths=rng.choice(["Reliable and curious.", "Strong technical basics.", ""]),
            improvements=rng.choice(["Speak up in meetings.", "Document the work.", ""]),
        )
