"""The REST API fuzzed with schemathesis as every role and anonymously, in a seeded world:
no server error, every status code documented, every body as its schema says, the right
content type. A bounded run here; ``make fuzz`` runs the same with a larger budget and prints
the figures (JALINAN_FUZZ_EXAMPLES generated requests per operation and role)."""

import collections
import json
import os

import pytest
from django.core.management import call_command

from jalinan.accounts.models import User
from jalinan.accounts.services import api_token_create
from jalinan.core.demo.people import DOMAIN

from .fuzzing import CHECK_NAMES, fuzz, load_schema, no_connection_cleanup

ROLES = ["officer", "admin", "coordinator", "academic", "student", "partner", None]
# JALINAN_FUZZ_ROLES=officer,anonymous: only these (while chasing one role's failures).
if os.environ.get("JALINAN_FUZZ_ROLES"):
    ROLES = [None if r == "anonymous" else r for r in os.environ["JALINAN_FUZZ_ROLES"].split(",")]
MAX_EXAMPLES = int(os.environ.get("JALINAN_FUZZ_EXAMPLES", "1"))
SEED = os.environ.get("JALINAN_FUZZ_SEED")
# JALINAN_FUZZ_ONLY=/experts/: only the operations whose "METHOD /path" contains this.
ONLY = os.environ.get("JALINAN_FUZZ_ONLY", "")


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", academics=8, scale=0.05, verbosity=0)


def _headers(role):
    if role is None:
        return {}
    user = User.objects.get(email=f"{role}@{DOMAIN}")
    _token, raw = api_token_create(user=user, name="fuzz", scopes={"*": "write"})
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.slow
def test_fuzz_every_operation_as_every_role(world):
    from jalinan.technologies.models import Technology

    with no_connection_cleanup():
        schema = load_schema()
        known = {"slug": list(Technology.objects.values_list("slug", flat=True)) or ["none"]}
        figures = {}
        for role in ROLES:
            report = fuzz(
                schema,
                headers=_headers(role),
                max_examples=MAX_EXAMPLES,
                seed=int(SEED) if SEED else None,
                only=ONLY,
                known=known,
            )
            figures[role or "anonymous"] = report.as_dict()
    failures = collections.Counter(dict.fromkeys(CHECK_NAMES, 0))
    for report in figures.values():
        failures.update(report["failures"])
    totals = {"requests": sum(f["requests"] for f in figures.values()), "failures": failures}
    figures = {"max_examples": MAX_EXAMPLES, **totals, "roles": figures}
    if os.environ.get("JALINAN_FUZZ_JSON"):
        with open(os.environ["JALINAN_FUZZ_JSON"], "w") as out:
            json.dump(figures, out, indent=1)
    assert sum(failures.values()) == 0, [
        e for f in figures["roles"].values() for e in f["examples"]
    ]
