"""Every write to spin-off companies (OIL): validated, atomic, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from ..models import Spinoff
from .common import apply_fields, require_oil

SPINOFF_FIELDS = {
    "other_founders",
    "incorporated_on",
    "equity_percent",
    "licence",
    "status",
    "notes",
}


@transaction.atomic
def spinoff_create(
    *, by, organisation=None, organisation_fields: dict | None = None, founders=(), **fields
) -> Spinoff:
    """A spin-off company (OIL). Without ``organisation``, its partner organisation is
    registered first (type startup) from ``organisation_fields``; an organisation already
    registered under the same name is refused, so that it can be chosen instead."""
    from jalinan.partners.dedupe import find_duplicates
    from jalinan.partners.services import organisation_create

    require_oil(by)
    if organisation is None:
        org_fields = dict(organisation_fields or {})
        name = (org_fields.get("legal_name") or "").strip()
        if not name:
            raise ValidationError({"legal_name": _("Give the company's name.")})
        same = [
            d for d in find_duplicates(legal_name=name, limit=1, threshold=92) if d.score >= 100
        ]
        if same:
            raise ValidationError(
                {
                    "legal_name": _(
                        "%(name)s is already a partner organisation: choose it instead."
                    )
                    % {"name": same[0].organisation.legal_name}
                }
            )
        org_fields.setdefault("org_type", "startup")
        organisation = organisation_create(by=by, **org_fields)
    elif Spinoff.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a spin-off.")})
    spinoff = Spinoff(organisation=organisation)
    apply_fields(spinoff, fields, SPINOFF_FIELDS)
    spinoff.full_clean()
    spinoff.save()
    spinoff.founders.set(list(founders))
    audit_log(
        actor=by,
        action="create",
        obj=spinoff,
        changes={**diff({}, snapshot(spinoff)), "founders": [None, [str(f) for f in founders]]},
    )
    return spinoff


@transaction.atomic
def spinoff_update(*, spinoff: Spinoff, by, founders=None, **fields) -> Spinoff:
    require_oil(by)
    current = Spinoff.objects.select_for_update().get(pk=spinoff.pk)
    before = snapshot(current)
    before_founders = sorted(str(f) for f in current.founders.all())
    apply_fields(current, fields, SPINOFF_FIELDS)
    current.full_clean()
    current.save()
    if founders is not None:
        current.founders.set(list(founders))
    changes = diff(before, snapshot(current))
    after_founders = sorted(str(f) for f in current.founders.all())
    if after_founders != before_founders:
        changes["founders"] = [before_founders, after_founders]
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    return current
