"""Fuzzing the REST API with schemathesis: generated requests for every operation of the
OpenAPI document, sent through the WSGI application as each role, each checked for server
errors, undocumented status codes, bodies that break the response schema and wrong content
types. Used by the bounded test in ``tests/test_fuzz.py`` and by ``make fuzz`` (a larger
budget, JSON figures on stdout)."""

from __future__ import annotations

import collections
from contextlib import contextmanager
from dataclasses import dataclass, field

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SCHEMA_PATH = "/api/v1/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]
CHECK_NAMES = [check.__name__ for check in CHECKS]


class _Rollback(Exception):
    """Raised inside a case's savepoint so that every case starts from the same world."""


@dataclass
class Report:
    """What one role's run found: requests sent, failures by check, the first examples."""

    requests: int = 0
    statuses: collections.Counter = field(default_factory=collections.Counter)
    failures: collections.Counter = field(default_factory=collections.Counter)
    examples: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "statuses": dict(sorted(self.statuses.items())),
            # Every check named, with any other kind of failure after them.
            "failures": {**dict.fromkeys(CHECK_NAMES, 0), **self.failures},
            "examples": sorted(self.examples.values()),
        }


@contextmanager
def no_connection_cleanup():
    """Requests sent through the WSGI application without the per-request connection clean-up,
    as Django's test client does: ``close_old_connections`` would close the test's connection
    inside its transaction on PostgreSQL (an in-memory SQLite database is never closed)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def load_schema():
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, get_wsgi_application())


def _check_name(failure: Failure) -> str:
    names = [name for name in failure.checks if name in CHECK_NAMES]
    return names[0] if names else type(failure).__name__


# Most generated ids name no row: half the cases take a small id (or a known value) instead,
# so that reads and writes by id meet the seeded records too, not only their 404.
SMALL_IDS = st.integers(min_value=1, max_value=40)


def _cases(operation, known: dict):
    generated = operation.as_strategy()

    @st.composite
    def cases(draw):
        case = draw(generated)
        if case.path_parameters and draw(st.booleans()):
            for name, value in case.path_parameters.items():
                if name in known:
                    case.path_parameters[name] = draw(st.sampled_from(known[name]))
                elif isinstance(value, int):
                    case.path_parameters[name] = draw(SMALL_IDS)
        return case

    return cases()


def fuzz_operation(
    operation, *, headers: dict, report: Report, max_examples: int, seed=None, known=None
):
    """Send up to ``max_examples`` generated requests to one operation; failures go to
    ``report`` instead of raising, so one run counts them all. ``known``: path parameter
    name -> values that name real records (slugs)."""

    def run(case):
        with transaction.atomic():
            try:
                # A case's writes are rolled back: every request sees the seeded world.
                response = case.call(headers=headers)
                report.requests += 1
                report.statuses[response.status_code] += 1
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except FailureGroup as group:
                    for failure in group.exceptions:
                        name = _check_name(failure)
                        report.failures[name] += 1
                        key = (name, operation.label, response.status_code)
                        report.examples.setdefault(
                            key,
                            f"{name}: {operation.label} -> {response.status_code} "
                            f"{failure.title} | {_request_summary(case)} | "
                            f"{' '.join(failure.message.split())[:400]}",
                        )
                raise _Rollback
            except _Rollback:
                pass

    test = given(case=_cases(operation, known or {}))(run)
    test = hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(test)
    if seed is not None:
        from hypothesis import seed as hypothesis_seed

        test = hypothesis_seed(seed)(test)
    test()


def _request_summary(case) -> str:
    parts = []
    for name in ("path_parameters", "query", "body"):
        value = getattr(case, name, None)
        if value not in (None, {}, []) and type(value).__name__ != "NotSet":
            parts.append(f"{name}={str(value)[:160]}")
    return " ".join(parts)


def fuzz(
    schema, *, headers: dict, max_examples: int, seed=None, only: str = "", known=None
) -> Report:
    """Every operation of ``schema`` (those whose label contains ``only``) as the caller
    ``headers`` authenticate."""
    report = Report()
    for result in schema.get_all_operations():
        operation = result.ok()
        if only not in operation.label:
            continue
        fuzz_operation(
            operation,
            headers=headers,
            report=report,
            max_examples=max_examples,
            seed=seed,
            known=known,
        )
    return report
