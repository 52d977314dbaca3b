"""Demo expert profiles: every demo academic (and the academic, committee and IP-committee
logins) gets a profile in their unit's field, with publications and projects written from
templates (``demo_data``), so that searches in the demo give sensible, explainable results.

Deterministic (``ctx.rng("experts")``), idempotent (a person with a profile is left alone),
and scaled by ``ctx.scale`` (publications per person).
"""

from __future__ import annotations

import time

from . import demo_data as d
from . import services
from .models import ExpertProfile

LOGINS = ("academic", "committee", "ipcommittee")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(template: str, **slots) -> str:
    extra = {f"{k[:1].upper()}{k[1:]}": _cap(v) for k, v in slots.items() if isinstance(v, str)}
    return template.format(**slots, **extra)


def _orcid(rng) -> str:
    digits = [rng.randint(0, 9) for _ in range(15)]
    digits[:4] = [0, 0, 0, 0]
    total = 0
    for ch in digits:
        total = (total + ch) * 2
    check = (12 - total % 11) % 11
    s = "".join(map(str, digits)) + ("X" if check == 10 else str(check))
    return "-".join(s[i : i + 4] for i in range(0, 16, 4))


def _field_for(user, rng) -> str:
    unit = user.unit
    while unit is not None:
        if unit.code in d.UNIT_FIELDS:
            return rng.choice(d.UNIT_FIELDS[unit.code])
        unit = unit.parent
    return rng.choice(sorted(d.FIELDS))


def _publication(rng, topic, year: int) -> dict:
    name, keywords, methods, applications = topic
    method, application = rng.choice(methods), rng.choice(applications)
    n, p = rng.choice([24, 60, 120, 350, 1200]), rng.choice([12, 18, 25, 30, 40])
    slots = {"topic": name, "method": method, "application": application}
    abstract = " ".join(
        [
            _fill(d.ABSTRACT[0], **slots),
            _fill(
                d.ABSTRACT[1],
                **slots,
                data=rng.choice(d.DATA).format(n=n),
                baseline=rng.choice(d.BASELINES),
            ),
            _fill(d.ABSTRACT[2], **slots, finding=rng.choice(d.FINDINGS).format(p=p)),
            _fill(
                d.ABSTRACT[3],
                **slots,
                audience=rng.choice(d.AUDIENCES),
                next=rng.choice(d.NEXT),
            ),
        ]
    )
    return {
        "title": _fill(rng.choice(d.TITLES), **slots),
        "abstract": abstract,
        "year": year,
        "venue": rng.choice(d.VENUES["default"]),
        "keywords": rng.sample(keywords, k=min(len(keywords), rng.randint(2, 3))),
        "kind": rng.choice(["article", "article", "article", "conference"]),
    }


def seed(ctx) -> None:
    rng = ctx.rng("experts")
    people = list(ctx.academics) + [ctx.logins[k] for k in LOGINS if k in ctx.logins]
    started = time.monotonic()
    have = set(ExpertProfile.objects.filter(user__in=people).values_list("user_id", flat=True))
    made_pubs = 0
    for user in people:
        # Draw for everyone, made or not, so that the same person always gets the same data.
        field = _field_for(user, rng)
        label, topics = d.FIELDS[field]
        mine = rng.sample(topics, k=min(len(topics), rng.randint(1, 2)))
        n_pubs = ctx.n(rng.randint(4, 9), minimum=2)
        years = sorted((rng.randint(2008, 2025) for _ in range(n_pubs)), reverse=True)
        pubs = [_publication(rng, rng.choice(mine), y) for y in years]
        keywords = []
        for t in mine:
            keywords += t[1]
        public = user.email.split("@")[0] in LOGINS or rng.random() < 0.85
        availability = rng.choices(["available", "limited", "unavailable"], [70, 22, 8])[0]
        bio = _fill(
            rng.choice(d.BIO),
            name=user.display_name,
            topics=" and ".join(t[0] for t in mine),
            application=rng.choice(mine[0][3]),
            field=label.lower(),
            pronoun="She" if " Binti " in user.full_name or " a/p " in user.full_name else "He",
        )
        projects = []
        for _ in range(rng.randint(0, 2)):
            t = rng.choice(mine)
            start = rng.randint(2012, 2024)
            projects.append(
                {
                    "title": _fill(
                        rng.choice(d.PROJECT_TITLES), topic=t[0], application=rng.choice(t[3])
                    ),
                    "description": f"{_cap(t[0])} with {rng.choice(t[2])}, for {rng.choice(t[3])}.",
                    "role": rng.choice(["Principal investigator", "Co-researcher", "Consultant"]),
                    "funder": rng.choice(d.FUNDERS),
                    "start_year": start,
                    "end_year": min(2026, start + rng.randint(1, 3)),
                }
            )
        orcid = _orcid(rng) if rng.random() < 0.6 else ""
        languages = rng.choice(d.LANGUAGES)
        if user.pk in have:
            ctx.count("expert profiles", False)
            continue
        profile = services.profile_create(
            user=user,
            by=None,
            department=user.unit.name if user.unit and user.unit.kind == "department" else label,
            keywords=keywords,
            biography=bio,
            languages=languages,
            availability=availability,
            orcid=orcid,
            is_public=public,
        )
        services.publications_import(profile=profile, by=None, rows=pubs, source="manual")
        for p in projects:
            services.profile_project_create(profile=profile, by=None, **p)
        made_pubs += len(pubs)
        ctx.count("expert profiles", True)
    if ctx.stdout is not None and made_pubs:
        ctx.stdout.write(
            f"experts: {made_pubs} publications written and indexed in "
            f"{time.monotonic() - started:.1f} s"
        )
