"""The weekly reminder of SDG suggestions awaiting a decision."""

from jalinan.core.models import Notification
from jalinan.sdgs.jobs import remind_office_of_suggestions
from jalinan.sdgs.services import sdg_apply_classification


def test_the_office_is_reminded_once_a_week(
    fake_classifier, org_acme, officer, oil_admin, academic, outsider
):
    assert remind_office_of_suggestions() == 0  # nothing awaiting: nobody told
    org_acme.description = "solar factory"
    sdg_apply_classification(obj=org_acme)
    assert remind_office_of_suggestions() == 2
    assert remind_office_of_suggestions() == 0  # same week: not again
    told = Notification.objects.filter(dedupe_key__startswith="sdgs-review-")
    assert sorted(n.recipient.email for n in told) == [oil_admin.email, officer.email]
    assert told.first().title == "2 SDG suggestions await a decision"
    assert told.first().url == "/sdgs/review/"
