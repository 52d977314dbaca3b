"""Demo data for the partner registry: ~150 fictional organisations (with a few
near-duplicates, as offices really accumulate them) and their contacts.

Runs before the people are made (the partner demo login belongs to one of these
organisations) and fills ``ctx.organisations``, in plan order, for the apps that follow.
Organisations are looked up by registration number, so a second run adds nothing.
"""

from __future__ import annotations

import random

from jalinan.core.demo import data

from .models import Organisation
from .services import contact_create, organisation_create


def _registration(rng: random.Random, year: int) -> str:
    new = f"{year}01{rng.randint(0, 999999):06d}"
    old = f"{rng.randint(100000, 1499999)}-{rng.choice('ADHKMPTUVWX')}"
    return f"{new} ({old})"


def plan_organisations(seed: int) -> list[dict]:
    """The organisations to create, computed from the seed alone (no database)."""
    rng = random.Random(seed)
    states = list(data.STATE_WEIGHTS)
    weights = list(data.STATE_WEIGHTS.values())
    orgs: list[dict] = []

    def add(legal_name, org_type, division, size, country="MY", state="", city=""):
        slug = "".join(c for c in legal_name.lower() if c.isalnum())[:24]
        if country == "MY" and not state:
            state = rng.choices(states, weights)[0]
            city = rng.choice(data.CITIES[state])
        orgs.append(
            {
                "legal_name": legal_name,
                "org_type": org_type,
                "msic_division": division,
                "size": size,
                "country": country,
                "state": state,
                "city": city,
                "registration_number": _registration(rng, rng.randint(1975, 2024))
                if country == "MY" and org_type not in ("government", "ngo", "university")
                else f"REF-{country}-{len(orgs) + 1:04d}",
                "website": f"https://www.{slug}.example",
                "email": f"info@{slug}.example",
                "status": rng.choices(["active", "prospect", "inactive"], [78, 15, 7])[0],
                "is_vetted": rng.random() < 0.6,
            }
        )

    suffix = {"sme": "Sdn. Bhd.", "startup": "Sdn. Bhd.", "glc": "Berhad", "mnc": "Sdn. Bhd."}
    places = ["", " Nusantara", " Asia", " Global", " Technologies", " Industries", " Holdings"]
    for stem, org_type, division, size in data.ORG_STEMS:
        add(f"{stem} {suffix.get(org_type, 'Sdn. Bhd.')}", org_type, division, size)
    while len(orgs) < 110:
        stem, org_type, division, size = rng.choice(data.ORG_STEMS)
        name = f"{stem}{rng.choice(places[1:])} {suffix.get(org_type, 'Sdn. Bhd.')}"
        if any(o["legal_name"] == name for o in orgs):
            continue
        add(name, org_type, division, size)
    for name, division in data.GOV:
        add(name, "government", division, "large")
    for name, division in data.NGOS:
        add(name, "ngo", division, "small")
    for i, (name, division) in enumerate(data.UNIVERSITIES):
        country = ["MY", "SG", "TR", "ID", "SA"][i]
        add(name, "university", division, "large", country=country)
    for i, stem in enumerate(data.FOREIGN_STEMS):
        country, form = data.FOREIGN[i % len(data.FOREIGN)]
        legal = f"{form} {stem}" if form == "PT" else f"{stem} {form}"
        add(
            legal,
            rng.choice(["mnc", "sme"]),
            rng.choice(["26", "28", "72", "10", "35", "62"]),
            rng.choice(["large", "medium"]),
            country=country,
        )
    # Near-duplicates, as offices really accumulate them: case, suffix and typo variants.
    twins = [
        ("Petrokimia Timur Berhad", "PETROKIMIA TIMUR BHD"),
        ("Cyberjaya Cloud Systems Sdn. Bhd.", "Cyberjaya Cloud System Sdn Bhd"),
        ("Nusantara Halal Foods Sdn. Bhd.", "Nusantara Halal Food Sdn. Bhd."),
        ("Hijrah Robotics Sdn. Bhd.", "HIJRAH ROBOTICS SDN BHD"),
        ("Kuantan Port Logistics Sdn. Bhd.", "Kuantan Port Logistic (M) Sdn Bhd"),
    ]
    by_name = {o["legal_name"]: o for o in orgs}
    for original, twin in twins:
        src = by_name.get(original)
        if src:
            add(twin, src["org_type"], src["msic_division"], src["size"])
    return orgs


def seed(ctx) -> None:
    # Generators of their own (not ctx.rng): those the demo has always drawn these from.
    rng = random.Random(ctx.seed + 1)
    existing = {o.registration_number: o for o in Organisation.objects.all()}
    lead_units = [ctx.units[c] for c in ("koe", "kict", "kenms", "kaed", "kop", "inhart", "kos")]
    for spec in plan_organisations(ctx.seed):
        org = existing.get(spec["registration_number"])
        lead = rng.choice(lead_units) if rng.random() < 0.7 else None
        contacts = [
            (
                rng.choice(
                    data.CHINESE
                    + data.INDIAN
                    + data.INTERNATIONAL
                    + [
                        f"{g} Binti {f}"
                        for g in data.MALAY_GIVEN_F[:6]
                        for f in data.MALAY_FATHER[:3]
                    ]
                ),
                rng.choice(data.CONTACT_ROLES),
                rng.random() < 0.85,
                f"+60 1{rng.randint(0, 9)}-{rng.randint(200, 999)} {rng.randint(1000, 9999)}",
            )
            for _ in range(rng.randint(1, 3))
        ]
        if org is not None:
            ctx.count("organisations", False)
            ctx.organisations.append(org)
            continue
        org = organisation_create(by=None, lead_unit=lead, **spec)
        ctx.count("organisations", True)
        domain = spec["website"].split("www.")[1]
        for i, (name, role, consent, phone) in enumerate(contacts):
            local = name.lower().split(" ")[0].replace("'", "")
            contact_create(
                organisation=org,
                by=None,
                name=name,
                role=role,
                email=f"{local}.{i + 1}@{domain}",
                phone=phone,
                consent_to_contact=consent,
                is_primary=i == 0,
            )
            ctx.count("contacts", True)
        ctx.organisations.append(org)
