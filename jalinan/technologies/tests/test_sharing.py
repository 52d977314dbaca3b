"""Revenue sharing: the parts always add up exactly to the payment."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from jalinan.technologies import services
from jalinan.technologies.models import RevenuePolicy
from jalinan.technologies.sharing import Beneficiary, largest_remainder, split_payment

D = Decimal
POLICY = SimpleNamespace(
    inventors_percent=D("50"), units_percent=D("20"), university_percent=D("30"), deduct_costs=False
)


def _unit(pk, name):
    class U:
        def __init__(self):
            self.pk = pk

        def __str__(self):
            return name

    return U()


A, B = _unit(1, "KOE"), _unit(2, "KICT")
THREE = [
    Beneficiary("Inventor One", D("33.33"), None, A),
    Beneficiary("Inventor Two", D("33.33"), None, A),
    Beneficiary("Inventor Three", D("33.34"), None, B),
]


def _by(shares):
    return {(s.party, s.name): s.amount for s in shares}


def test_thousand_ringgit_split_50_20_30_among_three_inventors_and_two_units():
    shares = split_payment(D("1000.00"), policy=POLICY, inventors=THREE, university_name="IIUM")
    got = _by(shares)
    assert got[("inventor", "Inventor One")] == D("166.65")
    assert got[("inventor", "Inventor Two")] == D("166.65")
    assert got[("inventor", "Inventor Three")] == D("166.70")
    assert got[("unit", "KOE")] == D("133.32")
    assert got[("unit", "KICT")] == D("66.68")
    assert got[("university", "IIUM")] == D("300.00")
    assert sum(s.amount for s in shares) == D("1000.00")
    assert all(s.amount == s.amount.quantize(D("0.01")) for s in shares)


def test_rounding_largest_remainder_is_exact_and_deterministic():
    equal = [Beneficiary(n, D(1), None, A) for n in ("P", "Q", "R")]
    shares = split_payment(D("100.00"), policy=POLICY, inventors=equal)
    inventors = [s.amount for s in shares if s.party == "inventor"]
    assert inventors == [D("16.67"), D("16.67"), D("16.66")]  # ties: the earlier first
    assert sum(s.amount for s in shares) == D("100.00")
    assert shares == split_payment(D("100.00"), policy=POLICY, inventors=equal)


def test_one_sen_goes_to_exactly_one_party():
    shares = split_payment(D("0.01"), policy=POLICY, inventors=THREE)
    assert sum(s.amount for s in shares) == D("0.01")
    assert [s.name for s in shares if s.amount] == ["Inventor Three"]


@pytest.mark.parametrize("amount", ["0.07", "1.00", "33.33", "999.99", "123456.78"])
def test_parts_always_add_up(amount):
    shares = split_payment(D(amount), policy=POLICY, inventors=THREE)
    assert sum(s.amount for s in shares) == D(amount)


def test_costs_deducted_first_when_the_policy_says_so():
    net = SimpleNamespace(**{**POLICY.__dict__, "deduct_costs": True})
    shares = split_payment(D("1000.00"), costs=D("100.00"), policy=net, inventors=THREE)
    assert sum(s.amount for s in shares) == D("900.00")
    assert _by(shares)[("university", "University")] == D("270.00")
    gross = split_payment(D("1000.00"), costs=D("100.00"), policy=POLICY, inventors=THREE)
    assert sum(s.amount for s in gross) == D("1000.00")


def test_inventor_without_unit_gives_their_unit_part_to_the_university():
    people = [Beneficiary("Staff", D("50"), None, A), Beneficiary("Outsider", D("50"), None, None)]
    got = _by(split_payment(D("1000.00"), policy=POLICY, inventors=people))
    assert got[("unit", "KOE")] == D("100.00")
    assert got[("university", "University")] == D("400.00")  # 300 + the outsider's 100
    nobody = split_payment(D("10"), policy=POLICY, inventors=[])
    assert [(s.party, s.amount) for s in nobody] == [("university", D("10.00"))]


def test_largest_remainder_helper():
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(largest_remainder(101, [D("33.33"), D("33.33"), D("33.34")])) == 101


# -- stored payments -------------------------------------------------------------------------


def test_payment_is_split_by_disclosure_shares_and_stored(licence, officer, academic, student):
    payment = services.licences.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2025, 3, 1),
        amount=D("1000.00"),
        kind="royalty",
        period_year=2024,
    )
    rows = list(payment.shares.all())
    assert sum(r.amount for r in rows) == D("1000.00")
    mine = {r.user_id: r.amount for r in rows if r.party == "inventor"}
    assert mine == {academic.pk: D("300.00"), student.pk: D("200.00")}  # 60% / 40% of 500
    assert {r.name: r.amount for r in rows if r.party == "unit"} == {
        "Kulliyyah of Engineering": D("200.00")
    }
    assert payment.policy.effective_from == datetime.date(2000, 1, 1)
    from jalinan.core.models import AuditEntry

    assert AuditEntry.objects.filter(object_id=str(payment.pk), action="create").exists()


def test_policy_in_force_on_the_date_is_used_and_old_shares_never_change(
    licence, officer, oil_admin
):
    new = services.licences.policy_create(
        by=oil_admin,
        name="2025 policy",
        effective_from=datetime.date(2025, 1, 1),
        inventors_percent=D("40"),
        units_percent=D("30"),
        university_percent=D("30"),
    )
    before = services.licences.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2024, 12, 31),
        amount=D("1000"),
        kind="royalty",
        period_year=2024,
    )
    after = services.licences.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2025, 1, 1),
        amount=D("1000"),
        kind="royalty",
        period_year=2024,
    )
    assert before.policy.effective_from == datetime.date(2000, 1, 1)
    assert after.policy == new
    inv = lambda p: sum(s.amount for s in p.shares.filter(party="inventor"))  # noqa: E731
    assert inv(before) == D("500.00") and inv(after) == D("400.00")
    # A policy added later, even one reaching back before the payment, rewrites nothing.
    services.licences.policy_create(
        by=oil_admin,
        name="Retroactive",
        effective_from=datetime.date(2024, 6, 1),
        inventors_percent=D("10"),
        units_percent=D("10"),
        university_percent=D("80"),
    )
    before.refresh_from_db()
    assert inv(before) == D("500.00")
    assert before.policy.effective_from == datetime.date(2000, 1, 1)


def test_no_policy_in_force_is_refused(licence, officer):
    RevenuePolicy.objects.all().delete()
    with pytest.raises(ValidationError) as exc:
        services.licences.payment_record(
            licence=licence,
            by=officer,
            received_on=datetime.date(2025, 1, 1),
            amount=D("10"),
            kind="royalty",
            period_year=2025,
        )
    assert "received_on" in exc.value.message_dict


def test_policy_must_total_100_and_only_admins_set_it(officer, oil_admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(ValidationError):
        services.licences.policy_create(
            by=oil_admin,
            name="Bad",
            effective_from=datetime.date(2026, 1, 1),
            inventors_percent=D("50"),
            units_percent=D("20"),
            university_percent=D("20"),
        )
    with pytest.raises(PermissionDenied):
        services.licences.policy_create(
            by=officer,
            name="Officer's",
            effective_from=datetime.date(2026, 1, 1),
            inventors_percent=D("50"),
            units_percent=D("20"),
            university_percent=D("30"),
        )
