"""Demo data. The foundation (units, people, organisations) is made by ``seed_demo``; then each
domain app listed in ``settings.JALINAN_DOMAIN_APPS`` that has a ``demo`` module gets its
``seed(ctx)`` called, in that order, each in its own transaction.

Rules for an app's ``demo.seed(ctx)``:

- deterministic: draw only from ``ctx.rng("<app>")`` (same ``--seed``, same data);
- idempotent: look records up by a natural key before creating them, so that running
  ``seed_demo`` twice adds nothing (count both cases with ``ctx.count``);
- writes go through the app's services, so the audit log and notifications behave as in use;
- sizes are multiplied by ``ctx.scale`` (the tests seed at a small scale).

SDG classification requested while seeding is collected and done in batches once every app
has seeded. An app's demo module may also define ``finish(ctx)``, called after all the apps
have seeded (the sdgs app uses it to classify and decide tags like the office would).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    seed: int
    scale: float
    units: dict[str, Any]  # unit code -> Unit
    organisations: list[Any]  # partner organisations, in plan order
    logins: dict[str, Any]  # local part of the demo login e-mail ("officer", ...) -> User
    academics: list[Any]  # the generated academic staff (not the demo logins)
    stdout: Any = None
    counts: dict[str, list[int]] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """A random generator of one's own, fixed by the seed and ``name``."""
        return random.Random(f"{self.seed}:{name}")

    def n(self, full: int, minimum: int = 1) -> int:
        """``full`` scaled to this run, at least ``minimum``."""
        return max(minimum, round(full * self.scale))

    def count(self, key: str, created: bool) -> None:
        made, present = self.counts.setdefault(key, [0, 0])
        self.counts[key] = [made + bool(created), present + (not created)]
