"""Demo data for placements: programmes, ~400 students with profiles, partner users who post
~150 openings (some waiting for approval, a few refused), applications in every state, ~200
placements across three terms (finished, in progress, coming) with logbooks, supervisors'
evaluations and students' ratings, and graduates' outcomes. The published openings and the
profiles are indexed for the recommendations once each, in batches, at the end.

Deterministic (everything is planned from ``ctx.rng("placements")`` before the database is
read) and idempotent (students by e-mail, openings by organisation and title, applications by
opening and student, the rest through them). Dates are relative to the day it runs. Writes go
through the services; the demo's notifications are marked e-mailed so that seeding sends no
mail.
"""

from __future__ import annotations

import time

from django.utils import timezone

from jalinan.core.models import Notification

from .. import ranking, services
from .applications import seed_applications
from .logins import seed_demo_logins
from .openings import link_memoranda, seed_openings, seed_partner_users
from .outcomes import seed_outcomes
from .placements import seed_placements
from .planning import plan
from .students import seed_programmes, seed_students


def seed(ctx) -> None:
    started = timezone.now()
    today = timezone.localdate()
    rng = ctx.rng("placements-detail")
    officer = ctx.logins.get("officer")
    orgs = ctx.organisations
    partner_login = ctx.logins.get("partner")
    partner_org = next(
        (k for k, o in enumerate(orgs) if partner_login and o.pk == partner_login.organisation_id),
        0,
    )
    the_plan = plan(ctx.seed, ctx.scale, len(orgs), partner_org)
    # Only the demo logins are told about what happens here (see services.common.quietly). Each
    # opening and profile is indexed for the recommendations once, at the end (the services
    # ask at every save), with whatever an earlier seed left out of the index.
    with (
        services.common.quietly(except_for=list(ctx.logins.values())),
        ranking.indexing_deferred() as to_index,
    ):
        _seed(ctx, the_plan, rng, orgs, partner_org, partner_login, officer, today)
        ranking.reindex_all()
        indexing = time.monotonic()
    if ctx.stdout is not None and to_index:
        ctx.stdout.write(
            f"placements: {len(to_index)} openings and profiles indexed for the "
            f"recommendations in {time.monotonic() - indexing:.1f} s"
        )
    # Their notifications stay in the app: mark them e-mailed so that seeding sends no mail.
    Notification.objects.filter(
        kind__startswith="placements.", created_at__gte=started, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())


def _seed(ctx, the_plan, rng, orgs, partner_org, partner_login, officer, today) -> None:
    programmes = seed_programmes(ctx)
    students = seed_students(ctx, the_plan, programmes, today)
    partners = seed_partner_users(ctx, the_plan, orgs, partner_org, partner_login)
    openings = seed_openings(ctx, the_plan, orgs, programmes, partners, officer, today)
    seed_applications(ctx, the_plan, students, openings, partners, officer, today)
    seed_placements(ctx, rng, students, today)
    seed_demo_logins(ctx, programmes, orgs, partner_org, partners, officer, today)
    link_memoranda(ctx, officer)
    seed_outcomes(ctx, ctx.rng("placements-outcomes"), the_plan, students, today)
