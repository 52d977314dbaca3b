"""Revenue sharing: how one licensing payment is split among the inventors, their KCDIOs and
the university by a :class:`~.models.RevenuePolicy`.

The rules, in order:

1. The distributable amount is the payment, less its recorded IP and legal costs when the
   policy says ``deduct_costs`` (the costs line is then shown apart, not as a share).
2. It is cut into three pots by the policy's percentages (inventors, KCDIOs, university).
3. The inventors' pot is split by each inventor's contribution (``Inventor.share`` on the
   technology's disclosure; equal parts when no shares are recorded).
4. The KCDIOs' pot is split in the same proportions, grouped by each inventor's KCDIO. The
   part of an inventor who has no KCDIO (someone from outside, a student with no unit
   recorded) goes to the university: there is no KCDIO to receive it.
5. With no inventor at all, the inventors' and KCDIOs' pots go to the university too.

Every amount is a Decimal to the sen (0.01). Each cut uses the largest-remainder method
(every part rounded down to the sen, then the sen left over go one each to the parts with the
largest remainders; ties go to the earlier part), so the parts add up *exactly* to what is
cut, and the same input always gives the same split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

SEN = Decimal("0.01")


@dataclass(frozen=True)
class Beneficiary:
    """An inventor as the split sees them: a name, who they are (if a user), their KCDIO (if
    any) and their weight (contribution share; any positive number)."""

    name: str
    weight: Decimal
    user: Any = None
    unit: Any = None


@dataclass(frozen=True)
class Share:
    """One line of a split: ``party`` is one of :class:`~.choices.ShareParty`'s values."""

    party: str
    name: str
    amount: Decimal
    user: Any = None
    unit: Any = None


def to_sen(value) -> int:
    """A money amount in whole sen (rounding half up)."""
    return int((Decimal(value) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def largest_remainder(total_sen: int, weights: Sequence[Fraction | Decimal | int]) -> list[int]:
    """Split ``total_sen`` whole sen in proportion to ``weights``, so that the parts add up to
    ``total_sen`` exactly. Zero total weight gives everything to nobody (all zeros) unless
    there is a single part."""
    if not weights:
        return []
    ws = [Fraction(w) for w in weights]
    if any(w < 0 for w in ws):
        raise ValueError("Weights cannot be negative")
    total_w = sum(ws)
    if total_w == 0:
        return [0] * len(ws)
    exact = [Fraction(total_sen) * w / total_w for w in ws]
    floors = [e.numerator // e.denominator for e in exact]
    left = total_sen - sum(floors)
    # Largest remainder first; on a tie, the earlier part (stable and deterministic).
    order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def distributable(amount, *, costs, policy) -> Decimal:
    """What is shared: the payment, net of its costs when the policy deducts them (never
    below zero)."""
    amount = Decimal(amount)
    if policy.deduct_costs:
        return max(Decimal("0"), amount - Decimal(costs or 0)).quantize(SEN)
    return amount.quantize(SEN)


def _sen_to_money(sen: int) -> Decimal:
    return (Decimal(sen) / 100).quantize(SEN)


def split_payment(
    amount, *, costs=0, policy, inventors: Sequence[Beneficiary], university_name: str = ""
) -> list[Share]:
    """The shares of one payment (see the module's docstring for the rules). The returned
    amounts add up exactly to :func:`distributable`."""
    from django.utils.translation import gettext as _

    from .choices import ShareParty

    university_name = university_name or _("University")
    total = to_sen(distributable(amount, costs=costs, policy=policy))
    inv_pot, unit_pot, uni_pot = largest_remainder(
        total, [policy.inventors_percent, policy.units_percent, policy.university_percent]
    )
    people = [b for b in inventors if Decimal(b.weight) > 0]
    if inventors and not people:  # shares recorded as zero: equal parts
        people = [Beneficiary(b.name, Decimal(1), b.user, b.unit) for b in inventors]
    shares: list[Share] = []
    if not people:
        return [Share(ShareParty.UNIVERSITY, university_name, _sen_to_money(total))]
    weights = [Decimal(b.weight) for b in people]
    for b, sen in zip(people, largest_remainder(inv_pot, weights), strict=True):
        shares.append(Share(ShareParty.INVENTOR, b.name, _sen_to_money(sen), b.user, None))
    # KCDIOs: one group per unit, in the order its first inventor comes; no unit = university.
    groups: dict[Any, list] = {}
    for b, w in zip(people, weights, strict=True):
        key = getattr(b.unit, "pk", None)
        groups.setdefault(key, [b.unit, Decimal(0)])[1] += w
    keys = list(groups)
    to_university = 0
    for key, sen in zip(
        keys, largest_remainder(unit_pot, [groups[k][1] for k in keys]), strict=True
    ):
        unit = groups[key][0]
        if key is None:
            to_university += sen
            continue
        shares.append(Share(ShareParty.UNIT, str(unit), _sen_to_money(sen), None, unit))
    shares.append(
        Share(ShareParty.UNIVERSITY, university_name, _sen_to_money(uni_pot + to_university))
    )
    return shares
