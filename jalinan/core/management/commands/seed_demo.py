"""Load realistic, fictional demo data: IIUM's units, then every registered demo step in order
(the partner organisations and their contacts, people for every role, then each domain app's
records; see ``jalinan.core.demo``).

Deterministic (same --seed, same data) and idempotent (records are looked up by natural key —
unit code, e-mail, organisation registration number — so running it twice adds nothing).
Writes go through the services, so the audit log shows the demo's history like any other.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from jalinan.accounts.models import Unit
from jalinan.accounts.services import unit_create
from jalinan.core.demo import DemoContext, data
from jalinan.core.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from jalinan.core.institution import institution_update
from jalinan.core.registry import demo_steps


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
            help="leave out this demo step, named by its app (e.g. --skip experts)",
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
        steps = [(s.key, import_module(s.module)) for s in demo_steps() if s.key not in skip]
        ctx = DemoContext(seed=seed, scale=scale, n_academics=academics, stdout=self.stdout)
        with ExitStack() as stack:
            # Each step's around() holds the whole seeding (the sdgs app's collects the SDG
            # classification asked for and does it in batches when every step has seeded).
            for _key, module in steps:
                if hasattr(module, "around"):
                    stack.enter_context(module.around())
            with transaction.atomic():
                self._institution()
                ctx.units = self._units(ctx)
            for key, module in steps:
                step_started = time.monotonic()
                with transaction.atomic():
                    module.seed(ctx)
                if verbose:
                    self.stdout.write(f"{key}: {time.monotonic() - step_started:.1f} s")
            deferred_started = time.monotonic()
        if verbose:
            self.stdout.write(f"deferred work: {time.monotonic() - deferred_started:.1f} s")
        # Then each step may finish what needs every step's records (e.g. deciding SDG tags).
        for key, module in steps:
            if hasattr(module, "finish"):
                step_started = time.monotonic()
                with transaction.atomic():
                    module.finish(ctx)
                if verbose:
                    self.stdout.write(f"{key} (finish): {time.monotonic() - step_started:.1f} s")
        for key, (made, present) in ctx.counts.items():
            self.stdout.write(f"{key:15} {made:5} created, {present:5} already present")
        self.stdout.write(
            f"Seeded in {time.monotonic() - started:.1f} s. Demo logins "
            f"(password: {DEMO_PASSWORD}):"
        )
        for email, _name, roles, _unit in DEMO_LOGINS:
            self.stdout.write(f"  {email:34} {', '.join(roles)}")

    def _institution(self):
        from jalinan.core.models import InstitutionProfile

        if not InstitutionProfile.objects.filter(pk=1).exists():
            institution_update(by=None, **data.INSTITUTION)

    def _units(self, ctx: DemoContext) -> dict[str, Unit]:
        units = {u.code: u for u in Unit.objects.all()}
        for code, name, name_ms, kind, parent in data.UNITS:
            if code in units:
                ctx.count("units", False)
                continue
            units[code] = unit_create(
                by=None,
                code=code,
                name=name,
                name_ms=name_ms,
                kind=kind,
                parent=units.get(parent) if parent else None,
            )
            ctx.count("units", True)
        return units
