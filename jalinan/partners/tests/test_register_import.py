"""The partners register on the shared import framework: the same checks as the partner
import, keyed by registration number or legal name, a second import changing nothing, and a
name that only resembles a registered one refused unless registration numbers tell them
apart."""

from __future__ import annotations

import pytest

from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.partners.models import Organisation

pytestmark = pytest.mark.django_db

HEADER = b"legal_name,registration_number,type,country,contact_name,contact_email\n"


def _import(body: bytes, by):
    report, _run = import_file(
        get_register("partners"), filename="partners.csv", content=HEADER + body, by=by
    )
    return report


def test_rows_are_created_then_unchanged_then_updated(officer):
    body = b"Kuantan Seaweed Works Sdn. Bhd.,201901000001,SME,MY,Aida,aida@ksw.example\n"
    assert _import(body, officer).counts["created"] == 1
    assert _import(body, officer).counts["unchanged"] == 1
    changed = body.replace(b"SME", b"startup")
    assert _import(changed, officer).counts["updated"] == 1
    org = Organisation.objects.get(legal_name="Kuantan Seaweed Works Sdn. Bhd.")
    assert org.org_type == "startup"
    assert [c.email for c in org.contacts.all()] == ["aida@ksw.example"]


def test_a_similar_name_is_refused_and_bad_values_named(officer, org_acme):
    body = b"Acme Robotic Sdn. Bhd.,,SME,MY,,\nBrand New Co,,spaceship,Atlantis,,\n"
    report = _import(body, officer)
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "looks like Acme Robotics Sdn. Bhd." in messages[2]
    assert "unknown type “spaceship”" in messages[3]
    assert "unknown country “Atlantis”" in messages[3]
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 2}
    assert Organisation.objects.count() == 1
