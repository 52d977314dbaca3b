"""Demo partner users, their openings (some waiting for approval, a few refused), and the
openings' links to Internship Agreements."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.choices import IN_FORCE

from .. import selectors, services
from ..choices import OpeningStatus
from ..models import Opening


def seed_partner_users(ctx, the_plan, orgs, partner_org, partner_login) -> dict[int, User]:
    """One person per posting organisation (the demo partner login for its own)."""
    wanted = sorted({o.org_index for o in the_plan.openings})
    by_org = {
        u.organisation_id: u
        for u in User.objects.filter(groups__name=Role.PARTNER, organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")
    }
    out: dict[int, User] = {}
    for k in wanted:
        org = orgs[k]
        if k == partner_org and partner_login is not None:
            out[k] = partner_login
            continue
        user = by_org.get(org.pk)
        ctx.count("partner users", user is None)
        if user is None:
            domain = (org.website.split("www.")[-1] or "partner.example").strip("/")
            user = user_create(
                email=f"talent{k:03d}@{domain}",
                full_name=f"Talent team, {org.legal_name}"[:200],
                password=None,
                roles=[Role.PARTNER],
                organisation=org,
                job_title="Talent acquisition",
            )
        out[k] = user
    return out


def seed_openings(
    ctx, the_plan, orgs, programmes, partners, officer, today
) -> list[Opening | None]:
    existing = {(o.organisation_id, o.title): o for o in Opening.objects.all()}
    out: list[Opening | None] = []
    for o in the_plan.openings:
        org = orgs[o.org_index]
        found = existing.get((org.pk, o.title))
        if found is not None:
            ctx.count("openings", False)
            out.append(found)
            continue
        poster = partners.get(o.org_index)
        if poster is None or org.status == "merged":
            out.append(None)
            continue
        try:
            opening = services.openings.opening_create(
                by=poster,
                organisation=org,
                programmes=[programmes[c] for c in o.programmes],
                kind=o.kind,
                title=o.title,
                description=o.description,
                skills=o.skills,
                min_year=o.years[0],
                max_year=o.years[1],
                work_mode=o.work_mode,
                state=org.state if o.work_mode != "remote" else "",
                city=org.city if o.work_mode != "remote" else "",
                starts_on=today + timedelta(days=o.start),
                ends_on=today + timedelta(days=o.start + o.weeks * 7 - 1),
                allowance_rm=Decimal(o.allowance) if o.allowance else None,
                places=o.places,
                deadline=today + timedelta(days=o.deadline),
            )
        except ValidationError:
            out.append(None)
            continue
        if opening.status == "pending" and officer is not None:
            if o.fate == "approve":
                services.openings.opening_approve(opening=opening, by=officer)
            elif o.fate == "reject":
                services.openings.opening_reject(
                    opening=opening,
                    by=officer,
                    note="Please state the monthly allowance and the supervisor's role.",
                )
        opening.refresh_from_db()
        ctx.count("openings", True)
        out.append(opening)
    return out


def link_memoranda(ctx, officer) -> None:
    """Open openings fall under their organisation's Internship Agreement in force, where the
    agreements demo made one (the newest, if several). Re-runs find them linked."""
    if officer is None:
        return
    agreement_of: dict[int, object] = {}
    in_force = selectors.openings.internship_agreements(officer).filter(status__in=IN_FORCE)
    for memo in in_force.prefetch_related("parties"):
        for party in memo.parties.all():
            agreement_of.setdefault(party.organisation_id, memo)
    openings = Opening.objects.filter(
        organisation_id__in=agreement_of,
        status__in=[OpeningStatus.PUBLISHED, OpeningStatus.PENDING],
    ).order_by("pk")
    for opening in openings:
        linked = opening.memorandum_id is not None
        ctx.count("memorandum links", not linked)
        if not linked:
            services.openings.opening_update(
                opening=opening, by=officer, memorandum=agreement_of[opening.organisation_id]
            )
