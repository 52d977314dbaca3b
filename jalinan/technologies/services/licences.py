"""Every write to licences (with their Licensing & Commercialisation Agreement), royalty
payments shared by the revenue sharing policy in force, and the policies. Validated, atomic,
audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil_admin
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from .. import sharing
from ..models import Enquiry, Licence, RevenuePolicy, RevenueShare, RoyaltyPayment, Technology
from ..selectors.licences import policy_in_force
from .common import (
    apply_fields,
    initiating_unit,
    memorandum_type,
    person_in_charge,
    require_oil,
    save_with_reference,
    user_or_none,
)

LICENCE_FIELDS = {
    "exclusivity",
    "field_of_use",
    "territory",
    "upfront_fee",
    "royalty_rate",
    "milestones",
    "start_date",
    "end_date",
    "status",
    "memorandum",
    "licensee",
    "office_reference",
}


POLICY_FIELDS = {
    "name",
    "effective_from",
    "inventors_percent",
    "units_percent",
    "university_percent",
    "deduct_costs",
}


def _advance_enquiries(licence: Licence, *, by) -> None:
    """A licence with its Licensing & Commercialisation Agreement: the pipeline opportunities
    of the licensee's enquiries about that technology reach the agreement stage, linked to it."""
    from jalinan.pipeline.services import opportunity_link

    if not licence.memorandum_id:
        return
    enquiries = Enquiry.objects.filter(
        technology_id=licence.technology_id,
        organisation_id=licence.licensee_id,
        opportunity__isnull=False,
    ).select_related("opportunity")
    for enquiry in enquiries:
        if enquiry.opportunity.memorandum_id in (None, licence.memorandum_id):
            opportunity_link(opportunity=enquiry.opportunity, by=by, memorandum=licence.memorandum)


def _check_lca(memorandum) -> None:
    if memorandum is not None and memorandum.memo_type.code != "lca":
        raise ValidationError(
            {"memorandum": _("Link a Licensing & Commercialisation Agreement (type LCA).")}
        )


@transaction.atomic
def licence_create(
    *, by, technology: Technology, licensee, imported: bool = False, **fields
) -> Licence:
    """Record a licence of ``technology`` to ``licensee`` (OIL); ``imported`` says, in its
    history, that it came from the office's earlier register."""
    require_oil(by)
    licence = Licence(technology=technology, licensee=licensee, created_by=user_or_none(by))
    apply_fields(licence, fields, LICENCE_FIELDS - {"licensee"})
    _check_lca(licence.memorandum)
    licence.reference = "LIC-0000-0000"
    licence.full_clean(exclude=["reference"])
    if licence.start_date and licence.end_date and licence.end_date <= licence.start_date:
        raise ValidationError({"end_date": _("The end date must come after the start date.")})
    save_with_reference(licence, "LIC")
    audit_log(
        actor=by,
        action="create",
        obj=licence,
        changes=diff({}, snapshot(licence)),
        message=_("Imported from the office's register") if imported else "",
    )
    _advance_enquiries(licence, by=by)
    return licence


@transaction.atomic
def licence_update(*, licence: Licence, by, **fields) -> Licence:
    require_oil(by)
    current = Licence.objects.select_for_update().get(pk=licence.pk)
    before = snapshot(current)
    apply_fields(current, fields, LICENCE_FIELDS)
    _check_lca(current.memorandum)
    current.full_clean()
    if current.start_date and current.end_date and current.end_date <= current.start_date:
        raise ValidationError({"end_date": _("The end date must come after the start date.")})
    current.save()
    changes = diff(before, snapshot(current))
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    if "memorandum" in changes:
        _advance_enquiries(current, by=by)
    if licence is not current:
        licence.refresh_from_db()
    return current


def licence_import(
    *, by, office_reference: str, technology: Technology, licensee, **fields
) -> tuple[Licence, str]:
    """Bring in (or bring up to date) a licence of the office's earlier register, keyed by
    the office's own reference: ``("created" | "updated" | "unchanged")``. Its status is taken
    as the register gives it; the history says it was imported. The licensed technology of a
    licence already imported is not changed."""
    office_reference = (office_reference or "").strip()
    if not office_reference:
        raise ValidationError({"office_reference": _("Give the office's licence reference.")})
    licence = Licence.objects.filter(office_reference=office_reference).first()
    if licence is None:
        created = licence_create(
            by=by,
            technology=technology,
            licensee=licensee,
            office_reference=office_reference,
            imported=True,
            **fields,
        )
        return created, "created"
    if licence.technology_id != technology.pk:
        raise ValidationError(
            _(
                "The licence %(ref)s is of “%(tech)s”: an import does not change the licensed "
                "technology."
            )
            % {"ref": office_reference, "tech": licence.technology.title}
        )
    wanted = {**fields, "licensee": licensee}
    if all(
        (getattr(licence, f"{k}_id") if k in ("licensee", "memorandum") else getattr(licence, k))
        == getattr(v, "pk", v)
        for k, v in wanted.items()
    ):
        return licence, "unchanged"
    return licence_update(licence=licence, by=by, **wanted), "updated"


def licence_link_agreement(*, licence: Licence, memorandum, by) -> Licence:
    """Link the Licensing & Commercialisation Agreement (a memorandum of type LCA)."""
    if memorandum is None:
        raise ValidationError({"memorandum": _("Choose the agreement.")})
    return licence_update(licence=licence, by=by, memorandum=memorandum)


@transaction.atomic
def licence_draft_agreement(*, licence: Licence, by):
    """In one step, a draft Licensing & Commercialisation Agreement with the licensee, from
    the licence's terms, linked to the licence. Calling it again returns the one linked."""
    from jalinan.agreements.services import memorandum_create

    require_oil(by)
    licence = (
        Licence.objects.select_for_update(of=("self",))
        .select_related("technology", "licensee")
        .get(pk=licence.pk)
    )
    if licence.memorandum_id:
        return licence.memorandum
    tech = licence.technology
    terms = [
        _("Exclusivity: %(x)s.") % {"x": licence.get_exclusivity_display()},
        _("Field of use: %(x)s.") % {"x": licence.field_of_use} if licence.field_of_use else "",
        _("Territory: %(x)s.") % {"x": licence.territory} if licence.territory else "",
        _("Upfront fee: RM %(x)s.") % {"x": licence.upfront_fee},
        _("Royalty: %(x)s%% of net sales.") % {"x": licence.royalty_rate},
        licence.milestones,
    ]
    memo = memorandum_create(
        by=by,
        parties=[licence.licensee],
        memo_type=memorandum_type("lca"),
        title=(
            _("LCA: %(tech)s with %(org)s")
            % {"tech": tech.title, "org": licence.licensee.legal_name}
        )[:300],
        scope=_("Licence %(ref)s of %(tech)s (%(tref)s).")
        % {"ref": licence.reference, "tech": tech.title, "tref": tech.reference},
        financial_terms="\n".join(t for t in terms if t),
        value_cash=licence.upfront_fee or Decimal("0"),
        start_date=licence.start_date,
        end_date=licence.end_date,
        initiating_unit=initiating_unit(tech, by),
        person_in_charge=person_in_charge(tech, by),
        confidentiality="confidential",
    )
    licence.memorandum = memo
    licence.save(update_fields=["memorandum"])
    audit_log(actor=by, action="update", obj=licence, changes={"memorandum": [None, str(memo)]})
    _advance_enquiries(licence, by=by)
    return memo


def beneficiaries(technology: Technology) -> list[sharing.Beneficiary]:
    """The inventors among whom a payment is shared: the disclosure's inventors by their
    contribution shares; without a disclosure (or one with no inventors), the offer's shown
    inventors in equal parts. An inventor's KCDIO is the one recorded on the inventorship,
    else their own."""
    out = []
    if technology.disclosure_id:
        for inv in technology.disclosure.inventors.select_related("user__unit", "unit"):
            unit = inv.unit or (inv.user.unit if inv.user_id else None)
            out.append(sharing.Beneficiary(str(inv), Decimal(inv.share or 0), inv.user, unit))
    if not out:
        for profile in technology.inventors.select_related("user__unit", "unit"):
            unit = profile.unit or profile.user.unit
            out.append(sharing.Beneficiary(profile.name, Decimal(1), profile.user, unit))
    return out


def preview_split(*, licence: Licence, amount, costs=0, on: datetime.date):
    """The split a payment would get (for the form's preview); None with no policy."""
    policy = policy_in_force(on)
    if policy is None:
        return None
    return sharing.split_payment(
        amount,
        costs=costs,
        policy=policy,
        inventors=beneficiaries(licence.technology),
        university_name=_university_name(),
    )


def _university_name() -> str:
    from jalinan.core.institution import get_institution

    inst = get_institution()
    return inst.short_name or inst.name


@transaction.atomic
def payment_record(
    *,
    licence: Licence,
    by,
    received_on: datetime.date,
    amount,
    kind: str,
    period_year: int,
    costs=0,
    reference: str = "",
    quiet: bool = False,
) -> RoyaltyPayment:
    """Record income under a licence and share it by the policy in force on ``received_on``
    (the newest whose ``effective_from`` is on or before it). The shares are stored, so a
    later policy never rewrites what was paid out. Unless ``quiet`` (a payment of the office's
    earlier register), each inventor with a share is told."""
    require_oil(by)
    policy = policy_in_force(received_on) if received_on else None
    if received_on and policy is None:
        raise ValidationError(
            {
                "received_on": _(
                    "No revenue sharing policy is in force on %(date)s: an OIL administrator "
                    "must set one first."
                )
                % {"date": received_on.isoformat()}
            }
        )
    payment = RoyaltyPayment(
        licence=licence,
        kind=kind,
        received_on=received_on,
        period_year=period_year,
        amount=Decimal(amount),
        costs=Decimal(costs or 0),
        policy=policy,
        reference=(reference or "").strip(),
        recorded_by=user_or_none(by),
    )
    payment.full_clean()
    if payment.costs < 0:
        raise ValidationError({"costs": _("Costs cannot be negative.")})
    if policy.deduct_costs and payment.costs > payment.amount:
        raise ValidationError({"costs": _("The costs cannot be more than the payment.")})
    payment.save()
    shares = sharing.split_payment(
        payment.amount,
        costs=payment.costs,
        policy=policy,
        inventors=beneficiaries(licence.technology),
        university_name=_university_name(),
    )
    RevenueShare.objects.bulk_create(
        [
            RevenueShare(
                payment=payment,
                party=s.party,
                user=s.user,
                unit=s.unit,
                name=s.name[:200],
                amount=s.amount,
            )
            for s in shares
        ]
    )
    audit_log(
        actor=by,
        action="create",
        obj=payment,
        changes={
            **diff({}, snapshot(payment)),
            "shares": [None, [f"{s.name}: {s.amount}" for s in shares]],
        },
    )
    audit_log(
        actor=by,
        action="update",
        obj=licence,
        changes={"payments": [None, f"{payment.get_kind_display()} RM {payment.amount}"]},
        message=_("Payment recorded") if not quiet else _("Payment imported"),
    )
    if quiet:
        return payment
    for s in shares:
        if s.user is not None and s.amount > 0:
            notify(
                recipient=s.user,
                kind="technologies.royalty",
                title=_("Your share of a payment for %(tech)s: RM %(amount)s")
                % {"tech": licence.technology.title, "amount": s.amount},
                url=licence.get_absolute_url(),
            )
    return payment


PAYMENT_KEYS = ("kind", "received_on", "period_year", "amount", "costs")


def payment_import(*, licence: Licence, by, reference: str, **fields) -> tuple[RoyaltyPayment, str]:
    """Bring in a payment of the office's earlier register, keyed by its payment reference
    (the receipt) under ``licence``: recorded and shared by :func:`payment_record` as one
    entered on the page, nobody told; ``("created" | "unchanged")``. A payment already recorded
    is never changed (its shares were paid out): one that differs is refused."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the payment's reference.")})
    existing = licence.payments.filter(reference=reference).first()
    if existing is None:
        payment = payment_record(licence=licence, by=by, reference=reference, quiet=True, **fields)
        return payment, "created"
    wanted = {"costs": Decimal(0), **fields}
    differ = [k for k in PAYMENT_KEYS if k in wanted and getattr(existing, k) != (wanted[k] or 0)]
    if differ:
        raise ValidationError(
            _(
                "The payment %(ref)s of this licence is already recorded with another "
                "%(fields)s: a recorded payment is not changed (its shares were paid out)."
            )
            % {"ref": reference, "fields": ", ".join(differ)}
        )
    return existing, "unchanged"


@transaction.atomic
def policy_create(*, by, **fields) -> RevenuePolicy:
    """A new revenue sharing policy, in force from its date (OIL administrators). Earlier
    payments keep the shares they were given."""
    if by is not None and not is_oil_admin(by):
        raise PermissionDenied(_("Only an OIL administrator may set the policy."))
    policy = RevenuePolicy()
    apply_fields(policy, fields, POLICY_FIELDS)
    policy.full_clean()
    policy.save()
    audit_log(actor=by, action="create", obj=policy, changes=diff({}, snapshot(policy)))
    return policy
