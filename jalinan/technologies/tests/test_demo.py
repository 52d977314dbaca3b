"""The demo's disclosures and IP portfolio (and what ``seed_transfer`` makes from them): every
status and decision, deadlines in the coming months, offers, a licence with shared payments,
and a second run that adds nothing."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from jalinan.accounts.models import User
from jalinan.technologies import selectors
from jalinan.technologies.choices import Decision, DisclosureStatus
from jalinan.technologies.deadlines import grace_period_end
from jalinan.technologies.models import (
    Deadline,
    Disclosure,
    Enquiry,
    Inventor,
    IPAsset,
    Licence,
    PublicDisclosure,
    RoyaltyPayment,
    Spinoff,
    Technology,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Disclosure,
    Inventor,
    PublicDisclosure,
    IPAsset,
    Deadline,
    Technology,
    Enquiry,
    Licence,
    RoyaltyPayment,
    Spinoff,
]


def _seed():
    # The foundation and this app only: the other apps' demos have their own tests.
    others = [app for app in settings.JALINAN_DOMAIN_APPS if app != "technologies"]
    call_command("seed_demo", academics=16, scale=0.15, skip=others, verbosity=0)


def _counts():
    return [m.objects.count() for m in MODELS]


@pytest.mark.slow
def test_demo_technologies(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _seed()
    first = _counts()
    today = timezone.localdate()
    logins = {u.email.split("@")[0]: u for u in User.objects.filter(email__contains="@demo.")}

    # Every status and every decision, each with its reasons.
    assert set(Disclosure.objects.values_list("status", flat=True)) == set(DisclosureStatus.values)
    decided = Disclosure.objects.filter(status=DisclosureStatus.DECIDED)
    assert set(decided.values_list("decision", flat=True)) == set(Decision.values)
    assert not decided.filter(decision_reasons="").exists()
    assert not decided.filter(decided_at__gt=timezone.now()).exists()
    for d in Disclosure.objects.prefetch_related("inventors"):
        assert sum(i.share for i in d.inventors.all()) == Decimal("100"), d.title

    # The demo academic owns a draft and a decided one; the IP committee has some to assess,
    # one of them made public inside the grace period.
    mine = selectors.disclosures.my_disclosures(logins["academic"])
    assert {"draft", "decided"} <= set(mine.values_list("status", flat=True))
    queue = selectors.disclosures.review_queue(logins["ipcommittee"])
    assert queue.exists()
    public = PublicDisclosure.objects.filter(disclosure__in=queue)
    assert any(grace_period_end(p.date) > today for p in public)

    # Assets only for "protect", with open deadlines in the coming months (and one overdue
    # at most a month); older ones marked done.
    assets = IPAsset.objects.all()
    assert not decided.filter(decision=Decision.PROTECT, assets__isnull=True).exists()
    assert set(assets.values_list("disclosure__decision", flat=True)) == {Decision.PROTECT}
    assert {"myipo", "pct"} <= set(assets.values_list("office", flat=True))
    upcoming = selectors.assets.upcoming_deadlines(logins["officer"], today=today, days=240)
    assert upcoming.filter(due_date__lte=today + datetime.timedelta(days=90)).exists()
    assert not upcoming.filter(due_date__lt=today - datetime.timedelta(days=31)).exists()
    assert IPAsset.objects.filter(disclosure__in=mine, deadlines__done_on__isnull=True).exists()

    # Offers, enquiries, a licence whose payments are shared to the cent.
    assert Technology.objects.filter(status="published", disclosure__isnull=False).exists()
    assert Enquiry.objects.exists()
    payment = RoyaltyPayment.objects.select_related("policy").first()
    assert payment is not None
    shared = payment.shares.aggregate(total=Sum("amount"))["total"]
    assert shared == payment.amount - (payment.costs if payment.policy.deduct_costs else 0)

    with django_capture_on_commit_callbacks(execute=True):
        _seed()
    assert _counts() == first
