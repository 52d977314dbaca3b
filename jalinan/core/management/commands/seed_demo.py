"""Load realistic, fictional demo data: IIUM's units, people for every role, ~150 partner
organisations (with a few near-duplicates), contacts.

Deterministic (same --seed, same data) and idempotent (records are looked up by natural key —
unit code, e-mail, organisation registration number — so running it twice adds nothing).
Writes go through the services, so the audit log shows the demo's history like any other.
"""

from __future__ import annotations

import random
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import unit_create, user_create
from jalinan.core.demo import DemoContext, data
from jalinan.core.institution import institution_update
from jalinan.partners.models import Organisation
from jalinan.partners.services import contact_create, organisation_create
from jalinan.sdgs.services import deferred_classification

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


class Command(BaseCommand):
    help = "Load deterministic, fictional demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--academics", type=int, default=200)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply the size of each app's demo data (the tests use a small scale)",
        )
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            metavar="APP",
            help="do not seed this domain app (e.g. --skip experts)",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # Demo logins share one published password: never on a production database.
            raise CommandError(
                "seed_demo refuses to run with JALINAN_MODE=production: it creates demo "
                "accounts whose password is published. Seed a development or test database."
            )
        # The demo's notifications are kept in the application; their e-mails are not sent
        # (nor printed by the console backend).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._seed(**options)

    def _seed(self, *, seed: int, academics: int, scale: float, skip, **options):
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        self.counts: dict[str, list[int]] = {}
        # Records made while seeding are SDG-classified in one batch at the end (when every
        # app has seeded), not one by one.
        with deferred_classification(background=False):
            with transaction.atomic():
                self._institution()
                units = self._units()
                orgs = self._organisations(seed, units)
                self._people(seed, units, orgs, academics)
            if verbose:
                self.stdout.write(f"people and organisations: {time.monotonic() - started:.1f} s")
            ctx = DemoContext(
                seed=seed,
                scale=scale,
                units=units,
                organisations=orgs,
                logins={
                    u.email.split("@")[0]: u
                    for u in User.objects.filter(email__in=[e for e, *_ in DEMO_LOGINS])
                },
                academics=list(
                    User.objects.filter(email__startswith="staff", email__endswith=f"@{DOMAIN}")
                    .select_related("unit")
                    .order_by("email")
                ),
                stdout=self.stdout,
                counts=self.counts,
            )
            modules = []
            for app in settings.JALINAN_DOMAIN_APPS:
                if app in skip:
                    continue
                try:
                    modules.append((app, import_module(f"jalinan.{app}.demo")))
                except ModuleNotFoundError as exc:
                    if exc.name != f"jalinan.{app}.demo":
                        raise
            for app, module in modules:
                app_started = time.monotonic()
                with transaction.atomic():
                    module.seed(ctx)
                if verbose:
                    self.stdout.write(f"{app}: {time.monotonic() - app_started:.1f} s")
            batch_started = time.monotonic()
        if verbose:
            self.stdout.write(f"SDG classification: {time.monotonic() - batch_started:.1f} s")
        # Then each app may finish what needs every app's records (e.g. deciding SDG tags).
        for app, module in modules:
            if hasattr(module, "finish"):
                app_started = time.monotonic()
                with transaction.atomic():
                    module.finish(ctx)
                if verbose:
                    self.stdout.write(f"{app} (finish): {time.monotonic() - app_started:.1f} s")
        for key, (made, present) in self.counts.items():
            self.stdout.write(f"{key:15} {made:5} created, {present:5} already present")
        self.stdout.write(
            f"Seeded in {time.monotonic() - started:.1f} s. Demo logins "
            f"(password: {DEMO_PASSWORD}):"
        )
        for email, _name, roles, _unit in DEMO_LOGINS:
            self.stdout.write(f"  {email:34} {', '.join(roles)}")

    def _count(self, key: str, created: bool):
        made, present = self.counts.setdefault(key, [0, 0])
        self.counts[key] = [made + created, present + (not created)]

    def _institution(self):
        from jalinan.core.models import InstitutionProfile

        if not InstitutionProfile.objects.filter(pk=1).exists():
            institution_update(by=None, **data.INSTITUTION)

    def _units(self) -> dict[str, Unit]:
        units = {u.code: u for u in Unit.objects.all()}
        for code, name, name_ms, kind, parent in data.UNITS:
            if code in units:
                self._count("units", False)
                continue
            units[code] = unit_create(
                by=None,
                code=code,
                name=name,
                name_ms=name_ms,
                kind=kind,
                parent=units.get(parent) if parent else None,
            )
            self._count("units", True)
        return units

    def _organisations(self, seed: int, units) -> list[Organisation]:
        rng = random.Random(seed + 1)
        existing = {o.registration_number: o for o in Organisation.objects.all()}
        lead_units = [units[c] for c in ("koe", "kict", "kenms", "kaed", "kop", "inhart", "kos")]
        out = []
        for spec in plan_organisations(seed):
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
                self._count("organisations", False)
                out.append(org)
                continue
            org = organisation_create(by=None, lead_unit=lead, **spec)
            self._count("organisations", True)
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
                self._count("contacts", True)
            out.append(org)
        return out

    def _people(self, seed: int, units, orgs, academics: int):
        rng = random.Random(seed + 2)
        hashed = make_password(DEMO_PASSWORD)
        existing = set(User.objects.values_list("email", flat=True))
        partner_org = next(o for o in orgs if o.legal_name.startswith("Pinang Semiconductor"))
        for email, name, roles, unit_code in DEMO_LOGINS:
            if email in existing:
                self._count("demo logins", False)
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
            self._count("demo logins", True)
        from jalinan.accounts.services import partner_signup_complete, signup_email_mark_verified

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
        names = self._academic_names(rng, academics)
        for i, (title, position, full_name) in enumerate(names):
            email = f"staff{i + 1:03d}@{DOMAIN}"
            unit = units[rng.choice(data.ACADEMIC_UNITS)]
            if email in existing:
                self._count("academics", False)
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
            self._count("academics", True)

    @staticmethod
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
