"""Demo technology offers: first from the decided disclosures (protect or publish), then, to
reach ``ctx.n(40)``, from the stock wording credited to generated academics. Offers are found by
title, so a second run adds none."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .. import services
from ..models import Technology
from .data import FIELD_WORDS, STOCK


def _profile(user):
    from jalinan.experts.models import ExpertProfile

    return ExpertProfile.objects.filter(user=user).first()


def _public_wording(disclosure, rng) -> dict:
    """Non-confidential wording for an offer from a disclosure: its title, field and TRL, and
    stock public prose (never the disclosure's description, novelty or prior art)."""
    stock = rng.choice(STOCK)
    return {
        "title": disclosure.title,
        "tagline": stock[2],
        "field": stock[0],
        "problem": stock[3],
        "solution": stock[4],
        "advantages": stock[5],
        "applications": disclosure.applications[:500] or stock[6],
        "trl": disclosure.trl,
    }


def _ip_status(assets) -> str:
    granted = [a for a in assets if a.status == "granted"]
    if granted:
        office = granted[0].get_office_display() or "MyIPO"
        return f"{granted[0].get_kind_display()} granted ({office})"
    if assets:
        return f"{assets[0].get_kind_display()} pending"
    return "Know-how available for licensing"


def seed(ctx, rng, officer, disclosures, assets) -> list:
    """The published offers: made from the decided disclosures (with their IP assets),
    then from the stock wording; found by title on a second run."""
    target = ctx.n(40)
    by_title = {t.title: t for t in Technology.objects.all()}
    assets_of: dict[int, list] = {}
    for a in assets or []:
        if a.disclosure_id:
            assets_of.setdefault(a.disclosure_id, []).append(a)
    offers = []

    def publish(tech, days_ago: int):
        if tech.status != "published":
            tech = services.offers.technology_publish(technology=tech, by=officer)
            Technology.objects.filter(pk=tech.pk).update(
                published_at=timezone.now() - datetime.timedelta(days=days_ago)
            )
        return tech

    decided = [
        d
        for d in disclosures or []
        if d.status == "decided" and d.decision in ("protect", "publish")
    ]
    for d in decided[:target]:
        wording = _public_wording(d, rng)
        days_ago = rng.randint(5, 900)
        tech = by_title.get(d.title)
        if tech is None:
            linked = assets_of.get(d.pk, [])
            profiles = [p for p in (_profile(i.user) for i in d.inventors.exclude(user=None)) if p]
            tech = services.offers.technology_create(
                by=officer,
                disclosure=d,
                assets=linked,
                inventors=profiles,
                ip_status=_ip_status(linked),
                unit=d.unit,
                **wording,
            )
            ctx.count("technology offers", True)
        else:
            ctx.count("technology offers", False)
        offers.append(publish(tech, days_ago))
    staff = [u for u in ctx.academics if u.unit_id]
    i = 0
    while len(offers) < target and staff:
        field, title, tagline, problem, solution, advantages, applications = STOCK[i % len(STOCK)]
        if i >= len(STOCK):
            title = f"{title} ({FIELD_WORDS[field]} {i // len(STOCK) + 1})"
        i += 1
        inventor = staff[rng.randrange(len(staff))]
        trl = rng.randint(3, 8)
        days_ago = rng.randint(5, 900)
        tech = by_title.get(title)
        if tech is None:
            profile = _profile(inventor)
            tech = services.offers.technology_create(
                by=officer,
                title=title,
                tagline=tagline,
                field=field,
                problem=problem,
                solution=solution,
                advantages=advantages,
                applications=applications,
                trl=trl,
                ip_status="Know-how available for licensing",
                unit=inventor.unit,
                inventors=[profile] if profile else [],
            )
            ctx.count("technology offers", True)
        else:
            ctx.count("technology offers", False)
        offers.append(publish(tech, days_ago))
    return offers
