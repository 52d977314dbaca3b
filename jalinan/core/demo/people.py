"""The demo's people: a login for every role, two partner sign-ups awaiting approval, and the
generated academic staff. A demo step of core's own (see ``CoreConfig.ready``), run after the
partners' organisations (the partner login belongs to one) and before every other app's; it
fills ``ctx.logins`` and ``ctx.academics`` for them. People are looked up by e-mail, so a second
run adds nothing.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import (
    partner_signup_complete,
    signup_email_mark_verified,
    user_create,
)

from . import data

DEMO_PASSWORD = "jalinan-demo"  # noqa: S105 - documented in the README for the demo only
DOMAIN = "demo.iium.example"
DEMO_LOGINS = [
    # (e-mail, name, roles, unit code or None)
    (f"admin@{DOMAIN}", "Aisyah Binti Kamal", [Role.OIL_ADMIN], "oil"),
    (f"officer@{DOMAIN}", "Mohd Faiz Bin Othman", [Role.OIL_OFFICER], "oil"),
    (f"coordinator@{DOMAIN}", "Ts. Dr Nurul Huda Binti Salleh", [Role.COORDINATOR], "koe"),
    (f"academic@{DOMAIN}", "Dr Tan Wei Ming", [Role.ACADEMIC], "koe-mech"),
    (f"student@{DOMAIN}", "Ahmad Danial Bin Rosli", [Role.STUDENT], "koe"),
    (f"partner@{DOMAIN}", "Lim Mei Ling", [Role.PARTNER], None),
    (f"committee@{DOMAIN}", "Prof. Dr Hasan Basri Lubis", [Role.COMMITTEE, Role.ACADEMIC], "aikol"),
    (f"management@{DOMAIN}", "Prof. Dato' Dr Zulkifli Bin Hamid", [Role.MANAGEMENT], None),
    (f"legal@{DOMAIN}", "Puan Rohana Binti Idris", [Role.LEGAL], "ola"),
    (
        f"ipcommittee@{DOMAIN}",
        "Prof. Dr Azman Bin Hashim",
        [Role.IP_COMMITTEE, Role.ACADEMIC],
        "koe",
    ),
]


def seed(ctx) -> None:
    # A generator of its own (not ctx.rng): the one the demo has always drawn people from.
    rng = random.Random(ctx.seed + 2)
    units = ctx.units
    hashed = make_password(DEMO_PASSWORD)
    existing = set(User.objects.values_list("email", flat=True))
    partner_org = next(
        (o for o in ctx.organisations if o.legal_name.startswith("Pinang Semiconductor")), None
    )
    for email, name, roles, unit_code in DEMO_LOGINS:
        if email in existing:
            ctx.count("demo logins", False)
            continue
        user = user_create(
            email=email,
            full_name=name,
            password=None,
            roles=roles,
            unit=units.get(unit_code) if unit_code else None,
            organisation=partner_org if Role.PARTNER in roles else None,
            job_title={Role.PARTNER: "Talent Acquisition Lead"}.get(roles[0], ""),
            is_staff=Role.OIL_ADMIN in roles,
            is_superuser=Role.OIL_ADMIN in roles,
        )
        # One hash for every demo account: hashing 200 passwords would take a minute.
        User.objects.filter(pk=user.pk).update(password=hashed)
        ctx.count("demo logins", True)
    for email, name, org_name, job in data.PENDING_SIGNUPS:
        if email not in existing:
            user = user_create(email=email, full_name=name, password=None, roles=[])
            User.objects.filter(pk=user.pk).update(password=hashed)
            partner_signup_complete(
                user=User.objects.get(pk=user.pk),
                full_name=name,
                organisation_name=org_name,
                job_title=job,
            )
        # As if they had opened the confirmation link, so the demo shows them approvable
        # (also for a demo seeded before addresses had to be confirmed).
        user = User.objects.get(email=email)
        signup_email_mark_verified(user=user, by=user)
    names = _academic_names(rng, ctx.n_academics)
    for i, (title, position, full_name) in enumerate(names):
        email = f"staff{i + 1:03d}@{DOMAIN}"
        unit = units[rng.choice(data.ACADEMIC_UNITS)]
        if email in existing:
            ctx.count("academics", False)
            continue
        user = user_create(
            email=email,
            full_name=full_name,
            title=title,
            password=None,
            roles=[Role.ACADEMIC],
            unit=unit,
            job_title=position,
            staff_id=f"S{10000 + i}",
        )
        User.objects.filter(pk=user.pk).update(password=hashed)
        ctx.count("academics", True)
    ctx.logins = {
        u.email.split("@")[0]: u
        for u in User.objects.filter(email__in=[e for e, *_ in DEMO_LOGINS])
    }
    ctx.academics = list(
        User.objects.filter(email__startswith="staff", email__endswith=f"@{DOMAIN}")
        .select_related("unit")
        .order_by("email")
    )


def _academic_names(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    names: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while len(names) < n:
        pick = rng.random()
        if pick < 0.6:
            female = rng.random() < 0.5
            given = rng.choice(data.MALAY_GIVEN_F if female else data.MALAY_GIVEN_M)
            name = f"{given} {'Binti' if female else 'Bin'} {rng.choice(data.MALAY_FATHER)}"
        elif pick < 0.78:
            name = rng.choice(data.CHINESE)
        elif pick < 0.9:
            name = rng.choice(data.INDIAN)
        else:
            name = rng.choice(data.INTERNATIONAL)
        if name in seen:
            continue
        seen.add(name)
        title, position = rng.choice(data.TITLES)
        names.append((title, position, name))
    return names
