"""The demo data of offers, enquiries, licences and spin-offs: made through the services,
deterministic and idempotent."""

from decimal import Decimal

from jalinan.core.demo import DemoContext
from jalinan.technologies.demo import seed_transfer
from jalinan.technologies.models import Enquiry, Licence, RoyaltyPayment, Spinoff, Technology


def _ctx(officer, partner_user, academic, orgs):
    return DemoContext(
        seed=7,
        scale=0.2,
        units={},
        organisations=orgs,
        logins={"officer": officer, "partner": partner_user},
        academics=[academic],
    )


def test_seed_transfer_is_idempotent_and_shares_add_up(
    officer,
    partner_user,
    academic,
    academic_profile,
    org_acme,
    org_other,
    decided_disclosure,
    patent_asset,
    django_capture_on_commit_callbacks,
):
    ctx = _ctx(officer, partner_user, academic, [org_acme, org_other])
    with django_capture_on_commit_callbacks(execute=True):
        seed_transfer(ctx, [decided_disclosure], [patent_asset])
    counts = (
        Technology.objects.count(),
        Enquiry.objects.count(),
        Licence.objects.count(),
        Spinoff.objects.count(),
        RoyaltyPayment.objects.count(),
    )
    assert counts[0] == ctx.n(40) and counts[2] >= ctx.n(15) and counts[3] >= 1
    assert Technology.objects.filter(disclosure=decided_disclosure, status="published").exists()
    assert Licence.objects.filter(licensee=org_acme).exists()  # the partner login's company
    for p in RoyaltyPayment.objects.prefetch_related("shares", "policy"):
        distributable = p.amount - (p.costs if p.policy.deduct_costs else 0)
        assert sum((s.amount for s in p.shares.all()), Decimal(0)) == distributable
    for tech in Technology.objects.filter(disclosure=decided_disclosure):
        assert decided_disclosure.novelty not in tech.public_text
    with django_capture_on_commit_callbacks(execute=True):
        seed_transfer(
            _ctx(officer, partner_user, academic, [org_acme, org_other]),
            [decided_disclosure],
            [patent_asset],
        )
    assert counts == (
        Technology.objects.count(),
        Enquiry.objects.count(),
        Licence.objects.count(),
        Spinoff.objects.count(),
        RoyaltyPayment.objects.count(),
    )
