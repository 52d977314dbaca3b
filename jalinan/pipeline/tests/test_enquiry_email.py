"""The confirmation of a public enquiry goes to whatever address was typed: it carries our
fixed text and the reference, never the visitor's words (else anyone could mail anyone a
message of their own through the office)."""

import time

import pytest
from django.core import mail

from jalinan.core.antispam import form_token
from jalinan.pipeline.models import Opportunity

pytestmark = pytest.mark.django_db

BAIT = "Click here: http://evil.example/login"


def test_the_confirmation_echoes_nothing_the_visitor_typed(
    client, django_capture_on_commit_callbacks
):
    typed = {
        "title": f"Your account is locked. {BAIT}",
        "description": f"Dear customer, your salary is on hold. {BAIT} to release it.",
        "organisation_name": "Payroll Department http://evil.example",
        "contact_name": f"Victim {BAIT}",
        "contact_email": "victim@example.test",
        "consent": "on",
        "website": "",
        "ts": form_token(at=time.time() - 60),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/pipeline/enquire/", typed).status_code == 302
    opp = Opportunity.objects.get()
    (sent,) = [m for m in mail.outbox if m.to == ["victim@example.test"]]
    text = sent.subject + sent.body + "".join(str(a[0]) for a in sent.alternatives)
    assert opp.reference in sent.body and opp.reference in sent.subject
    assert "evil.example" not in text and "Click here" not in text
    assert "Victim" not in text and "Payroll" not in text
