"""The memorandum workflow as data: which action moves a memorandum from which status to which,
who may take it, what it needs, and who is told. :func:`apply_transition` is the only code that
changes a memorandum's status.

    draft -> submitted -> OIL review (may return for changes) -> legal review (may return)
      -> awaiting MCOM -> MCOM decision (recommend / defer / reject, with minutes)
      -> awaiting UMC -> approved or rejected -> signed -> active -> expiring (by date)
      -> expired, renewed (opens a linked successor draft) or terminated (with a reason)

Types that skip the committee go from legal review straight to "approved, awaiting signature".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import User
from jalinan.accounts.roles import OIL_ROLES, Role, has_role, is_oil
from jalinan.core.audit import audit_log
from jalinan.core.notifications import notify

from .choices import Status
from .models import Memorandum, StatusChange
from .permissions import is_initiator

S = Status
RELATION_FIELDS = [
    "memo_type",
    "initiating_unit",
    "person_in_charge",
    "person_in_charge_assigned_by",
    "created_by",
    "submitted_by",
    "renews",
]
NOTIFY_KIND = "agreements.workflow"


class TransitionError(ValidationError):
    """The move is impossible now (wrong status, something missing): say why."""


class TransitionNotPermitted(PermissionDenied):
    """The person may see the memorandum but not take this step."""


# -- who may act -------------------------------------------------------------------------------

ACTORS: dict[str, tuple[Any, Callable[[Any, Memorandum], bool]]] = {
    "oil": (_("OIL officers"), lambda user, m: is_oil(user)),
    "legal": (_("the legal adviser"), lambda user, m: has_role(user, Role.LEGAL)),
    "committee": (_("MCOM members"), lambda user, m: has_role(user, Role.COMMITTEE)),
    "initiator": (
        _("its person in charge, its creator or its KCDIO's coordinator"),
        lambda user, m: is_initiator(user, m),
    ),
    "system": (_("the daily job"), lambda user, m: user is None),
}


# -- guards: what must be true of the memorandum -----------------------------------------------


def _has_parties(m: Memorandum) -> str | None:
    if not m.parties.exists():
        return gettext("Add at least one partner organisation as a party first.")
    return None


def _goes_to_committee(m: Memorandum) -> str | None:
    if not m.memo_type.needs_committee:
        return gettext("A %(type)s does not go to MCOM: clear it for signing instead.") % {
            "type": m.memo_type.name
        }
    return None


def _skips_committee(m: Memorandum) -> str | None:
    if m.memo_type.needs_committee:
        return gettext("A %(type)s must go to MCOM and UMC first.") % {"type": m.memo_type.name}
    return None


def _signatories_complete(m: Memorandum) -> str | None:
    signatories = list(m.signatories.all())
    if not any(s.party_id is None for s in signatories):
        return gettext("Record the university's signatory first.")
    signed_for = {s.party_id for s in signatories}
    missing = [
        str(p.organisation)
        for p in m.parties.select_related("organisation")
        if p.pk not in signed_for
    ]
    if missing:
        return gettext("Record a signatory for %(parties)s first.") % {
            "parties": ", ".join(missing)
        }
    return None


def _dates_set(m: Memorandum) -> str | None:
    if not m.start_date or not m.end_date:
        return gettext("Set the start date and the end date (or a duration) first.")
    return None


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    actors: tuple[str, ...]
    comment: bool = False  # a comment (minutes, reason) is required
    fields: tuple[str, ...] = ()  # more input this step needs
    guard: Callable[[Memorandum], str | None] | None = None
    notify: tuple[str, ...] = ()  # who is told: oil, legal, committee, initiator, coordinator
    style: str = "primary"

    @property
    def label(self):
        return ACTION_LABELS[self.action]

    @property
    def message(self):
        return ACTION_MESSAGES.get(self.action, "")


ACTION_LABELS = {
    "submit": _("Submit to OIL"),
    "resubmit": _("Resubmit to OIL"),
    "start_review": _("Start OIL review"),
    "return_changes": _("Return for changes"),
    "send_to_legal": _("Send to legal review"),
    "legal_return": _("Return for changes (legal)"),
    "send_to_mcom": _("Send to MCOM"),
    "clear_for_signing": _("Clear for signing"),
    "mcom_recommend": _("MCOM: recommend"),
    "mcom_defer": _("MCOM: defer"),
    "mcom_reject": _("MCOM: reject"),
    "umc_approve": _("Record UMC approval"),
    "umc_reject": _("Record UMC rejection"),
    "record_signing": _("Record signing"),
    "activate": _("Activate"),
    "mark_expiring": _("Mark as expiring"),
    "expire": _("Mark as expired"),
    "renew": _("Renew"),
    "terminate": _("Terminate"),
    "withdraw": _("Withdraw"),
    "create": _("Created"),
    "import": _("Imported from the office's register"),
}

# What the people told read: "%(memo)s" is the reference and title.
ACTION_MESSAGES = {
    "submit": _("%(memo)s was submitted and awaits OIL review"),
    "resubmit": _("%(memo)s was resubmitted and awaits OIL review"),
    "start_review": _("OIL started reviewing %(memo)s"),
    "return_changes": _("%(memo)s was returned for changes by OIL"),
    "send_to_legal": _("%(memo)s awaits legal review"),
    "legal_return": _("%(memo)s was returned for changes by the legal adviser"),
    "send_to_mcom": _("%(memo)s awaits MCOM deliberation"),
    "clear_for_signing": _("%(memo)s was cleared for signing"),
    "mcom_recommend": _("MCOM recommended %(memo)s: record the UMC decision"),
    "mcom_defer": _("MCOM deferred %(memo)s"),
    "mcom_reject": _("MCOM rejected %(memo)s"),
    "umc_approve": _("UMC approved %(memo)s: it can be signed"),
    "umc_reject": _("UMC rejected %(memo)s"),
    "record_signing": _("%(memo)s was signed"),
    "activate": _("%(memo)s is now active"),
    "renew": _("%(memo)s is being renewed: a successor draft was opened"),
    "terminate": _("%(memo)s was terminated"),
    "withdraw": _("%(memo)s was withdrawn"),
}

PREPARING = (S.DRAFT, S.SUBMITTED, S.RETURNED)

TRANSITIONS: list[Transition] = [
    Transition(S.DRAFT, "submit", S.SUBMITTED, ("initiator",), guard=_has_parties, notify=("oil",)),
    Transition(
        S.RETURNED, "resubmit", S.SUBMITTED, ("initiator",), guard=_has_parties, notify=("oil",)
    ),
    Transition(S.SUBMITTED, "start_review", S.OIL_REVIEW, ("oil",), notify=("initiator",)),
    Transition(
        S.OIL_REVIEW,
        "return_changes",
        S.RETURNED,
        ("oil",),
        comment=True,
        notify=("initiator", "coordinator"),
        style="warning",
    ),
    Transition(S.OIL_REVIEW, "send_to_legal", S.LEGAL_REVIEW, ("oil",), notify=("legal",)),
    Transition(
        S.LEGAL_REVIEW,
        "legal_return",
        S.RETURNED,
        ("legal",),
        comment=True,
        notify=("initiator", "coordinator", "oil"),
        style="warning",
    ),
    Transition(
        S.LEGAL_REVIEW,
        "send_to_mcom",
        S.AWAITING_MCOM,
        ("legal",),
        guard=_goes_to_committee,
        notify=("committee", "oil"),
    ),
    Transition(
        S.LEGAL_REVIEW,
        "clear_for_signing",
        S.APPROVED,
        ("legal",),
        guard=_skips_committee,
        notify=("oil", "initiator"),
    ),
    Transition(
        S.AWAITING_MCOM,
        "mcom_recommend",
        S.AWAITING_UMC,
        ("committee", "oil"),
        comment=True,
        fields=("meeting_date",),
        notify=("oil", "initiator"),
    ),
    Transition(
        S.AWAITING_MCOM,
        "mcom_defer",
        S.AWAITING_MCOM,
        ("committee", "oil"),
        comment=True,
        fields=("meeting_date",),
        notify=("initiator", "oil"),
        style="warning",
    ),
    Transition(
        S.AWAITING_MCOM,
        "mcom_reject",
        S.REJECTED,
        ("committee", "oil"),
        comment=True,
        fields=("meeting_date",),
        notify=("initiator", "coordinator", "oil"),
        style="danger",
    ),
    Transition(
        S.AWAITING_UMC,
        "umc_approve",
        S.APPROVED,
        ("oil",),
        fields=("meeting_date", "reference"),
        notify=("initiator", "coordinator"),
    ),
    Transition(
        S.AWAITING_UMC,
        "umc_reject",
        S.REJECTED,
        ("oil",),
        comment=True,
        fields=("meeting_date", "reference"),
        notify=("initiator", "coordinator"),
        style="danger",
    ),
    Transition(
        S.APPROVED,
        "record_signing",
        S.SIGNED,
        ("oil",),
        fields=("signed_on", "signed_copy"),
        guard=_signatories_complete,
        notify=("initiator", "coordinator"),
    ),
    Transition(
        S.SIGNED,
        "activate",
        S.ACTIVE,
        ("oil",),
        guard=_dates_set,
        notify=("initiator", "coordinator"),
    ),
    Transition(S.ACTIVE, "mark_expiring", S.EXPIRING, ("system",)),
    Transition(S.ACTIVE, "expire", S.EXPIRED, ("system",)),
    Transition(S.EXPIRING, "expire", S.EXPIRED, ("system",)),
    *[
        Transition(
            source,
            "renew",
            S.RENEWED,
            ("initiator", "oil"),
            notify=("oil", "initiator", "coordinator"),
        )
        for source in (S.ACTIVE, S.EXPIRING, S.EXPIRED)
    ],
    *[
        Transition(
            source,
            "terminate",
            S.TERMINATED,
            ("oil",),
            comment=True,
            notify=("initiator", "coordinator"),
            style="danger",
        )
        for source in (S.ACTIVE, S.EXPIRING)
    ],
    *[
        Transition(
            source,
            "withdraw",
            S.WITHDRAWN,
            ("initiator", "oil"),
            notify=("oil", "initiator"),
            style="secondary",
        )
        for source in PREPARING
    ],
]

# The legal and committee decisions (MCOM, and UMC as OIL records it): never taken by the person
# who submitted the memorandum (separation of duties).
DECISIONS = frozenset(
    {
        "legal_return",
        "send_to_mcom",
        "clear_for_signing",
        "mcom_recommend",
        "mcom_defer",
        "mcom_reject",
        "umc_approve",
        "umc_reject",
    }
)
SUBMISSIONS = ("submit", "resubmit")

_BY_KEY = {(t.source, t.action): t for t in TRANSITIONS}
ACTIONS = sorted({t.action for t in TRANSITIONS})


def action_label(action: str):
    return ACTION_LABELS.get(action, action)


def transition_for(memo: Memorandum, action: str) -> Transition | None:
    return _BY_KEY.get((memo.status, action))


def may_take(user, memo: Memorandum, t: Transition) -> bool:
    return any(ACTORS[a][1](user, memo) for a in t.actors)


def own_submission(user, memo: Memorandum, t: Transition) -> str | None:
    """Why ``user`` may not take the decision ``t``: they submitted the memorandum."""
    if t.action in DECISIONS and memo.submitted_by_id is not None:
        if getattr(user, "pk", None) == memo.submitted_by_id:
            return gettext(
                "You submitted this memorandum, so its legal or committee decision must be "
                "recorded by someone else."
            )
    return None


def transitions_for(user, memo: Memorandum) -> list[tuple[Transition, str | None]]:
    """The steps ``user`` may take now, each with what still stops it (or None)."""
    out = []
    for t in TRANSITIONS:
        if t.source != memo.status or "system" in t.actors or not may_take(user, memo, t):
            continue
        out.append((t, own_submission(user, memo, t) or (t.guard(memo) if t.guard else None)))
    return out


def who_may(t: Transition) -> str:
    return gettext(" or ").join(str(ACTORS[a][0]) for a in t.actors)


# -- applying one ------------------------------------------------------------------------------


@dataclass
class Applied:
    memorandum: Memorandum
    change: StatusChange
    successor: Memorandum | None = None
    notified: list = field(default_factory=list)


def check_transition(user, memo: Memorandum, action: str) -> Transition:
    """The transition ``action`` from the memorandum's status, if ``user`` may take it;
    otherwise a clear refusal."""
    if action not in ACTION_LABELS or action in ("create", "import"):
        raise TransitionError(gettext("Unknown action “%(action)s”.") % {"action": action})
    t = transition_for(memo, action)
    if t is None:
        raise TransitionError(
            gettext("“%(action)s” is not possible while the memorandum is %(status)s.")
            % {"action": action_label(action), "status": Status(memo.status).label}
        )
    if not may_take(user, memo, t):
        raise TransitionNotPermitted(
            gettext("Only %(who)s may take the step “%(action)s” at this stage.")
            % {"who": who_may(t), "action": t.label}
        )
    problem = own_submission(user, memo, t)
    if problem:
        raise TransitionNotPermitted(problem)
    return t


@transaction.atomic
def apply_transition(
    *,
    memorandum: Memorandum,
    action: str,
    by,
    comment: str = "",
    meeting_date: datetime.date | None = None,
    reference: str = "",
    signed_on: datetime.date | None = None,
    start_date: datetime.date | None = None,
    signed_copy=None,
    signed_copy_confidential: bool = True,
    at: datetime.datetime | None = None,
    quiet: bool = False,
) -> Applied:
    """Take one step of the workflow: check it, change the status, write the history row and
    the audit entry, and tell the next owner.

    ``at`` records a step taken earlier (demo data, imports); ``quiet`` tells nobody (the same).
    """
    memo = Memorandum.objects.select_for_update().select_related("memo_type").get(pk=memorandum.pk)
    t = check_transition(by, memo, action)
    comment = (comment or "").strip()
    reference = (reference or "").strip()
    errors: dict[str, str] = {}
    if t.comment and not comment:
        errors["comment"] = gettext("A comment is required for this step.")
    if "meeting_date" in t.fields and not meeting_date:
        errors["meeting_date"] = gettext("Give the date of the meeting.")
    if "reference" in t.fields and not reference:
        errors["reference"] = gettext("Give the reference of the decision.")
    if "signed_on" in t.fields and not signed_on:
        errors["signed_on"] = gettext("Give the date of signing.")
    if (
        "signed_copy" in t.fields
        and signed_copy is None
        and not memo.documents.filter(kind="signed").exists()
    ):
        errors["signed_copy"] = gettext("Upload the signed copy.")
    if errors:
        raise TransitionError(errors)
    if t.guard:
        problem = t.guard(memo)
        if problem:
            raise TransitionError(problem)

    when = at or timezone.now()
    before_status, before_version = memo.status, memo.version
    changes: dict[str, list] = {"status": [before_status, t.target]}
    successor = None
    if action in ("umc_approve", "umc_reject"):
        memo.umc_date, memo.umc_reference = meeting_date, reference
        changes["umc_date"] = [None, str(meeting_date)]
        changes["umc_reference"] = [None, reference]
    elif action == "record_signing":
        from .services import document_add

        if signed_copy is not None:
            try:
                document_add(
                    memorandum=memo,
                    by=by,
                    kind="signed",
                    upload=signed_copy,
                    is_confidential=signed_copy_confidential,
                    at=at,
                )
            except ValidationError as exc:
                raise TransitionError({"signed_copy": exc.messages}) from exc
        memo.signed_on = signed_on
        if start_date or not memo.start_date:
            memo.start_date = start_date or signed_on
        if memo.duration_months and (start_date or not memo.end_date):
            memo.end_date = None  # recomputed from the duration by clean()
        changes["signed_on"] = [None, str(signed_on)]
    elif action == "terminate":
        memo.terminated_on = timezone.localdate(when)
        memo.termination_reason = comment
        changes["termination_reason"] = [None, comment]
    elif action in SUBMISSIONS:
        submitter = by if getattr(by, "pk", None) else None
        if memo.submitted_by_id != getattr(submitter, "pk", None):
            changes["submitted_by"] = [
                str(memo.submitted_by) if memo.submitted_by_id else None,
                str(submitter) if submitter else None,
            ]
        memo.submitted_by = submitter
    memo.status = t.target
    memo.status_changed_at = when
    memo.version = before_version + 1
    memo.derive_engaged_since()
    # A step changes status and dates only: its relations and reference were checked when
    # they were set, so they are not queried again here.
    memo.full_clean(exclude=RELATION_FIELDS, validate_unique=False, validate_constraints=False)
    memo.save()
    changes["version"] = [before_version, memo.version]
    change = StatusChange.objects.create(
        memorandum=memo,
        action=action,
        from_status=before_status,
        to_status=t.target,
        actor=by if getattr(by, "pk", None) else None,
        comment=comment,
        meeting_date=meeting_date if "meeting_date" in t.fields else None,
        reference=reference,
        created_at=when,
    )
    audit_log(
        actor=by,
        action="transition",
        obj=memo,
        changes=changes,
        message=f"{t.label}: {comment}" if comment else str(t.label),
    )
    if action == "renew":
        from .services import memorandum_open_renewal

        successor = memorandum_open_renewal(memorandum=memo, by=by, at=at)
    applied = Applied(memorandum=memo, change=change, successor=successor)
    if not quiet and t.notify:
        applied.notified = _notify(t, memo, by, comment)
    if memorandum is not memo:  # the caller's copy shows the new state too
        for f in Memorandum._meta.concrete_fields:
            setattr(memorandum, f.attname, getattr(memo, f.attname))
    return applied


@dataclass(frozen=True)
class PastStep:
    """One step taken before it was recorded here (a register kept before Jalinan)."""

    action: str
    by: Any
    at: datetime.datetime
    comment: str = ""
    meeting_date: datetime.date | None = None
    reference: str = ""
    signed_on: datetime.date | None = None


@transaction.atomic
def record_history(*, memorandum: Memorandum, steps: list[PastStep], by=None) -> Memorandum:
    """Record steps already taken, in order, in one go: each must be a move the table allows
    from the status reached, by someone who may take it, with the comment and dates it needs
    (the checks on documents and signatories are not replayed). Writes the history rows, the
    step's own fields (UMC decision, signing, termination), one audit entry; tells nobody.

    Used to bring in memoranda from an earlier register, and by the demo data.
    """
    memo = Memorandum.objects.select_for_update().select_related("memo_type").get(pk=memorandum.pk)
    first_status, version = memo.status, memo.version
    first_submitter = memo.submitted_by
    rows, labels = [], []
    for step in steps:
        t = check_transition(step.by, memo, step.action)
        missing = [
            name
            for name, needed, given in [
                ("comment", t.comment, step.comment),
                ("meeting_date", "meeting_date" in t.fields, step.meeting_date),
                ("reference", "reference" in t.fields, step.reference),
                ("signed_on", "signed_on" in t.fields, step.signed_on),
            ]
            if needed and not given
        ]
        if missing:
            raise TransitionError(
                gettext("%(action)s needs: %(fields)s.")
                % {"action": t.label, "fields": ", ".join(missing)}
            )
        if step.action in ("umc_approve", "umc_reject"):
            memo.umc_date, memo.umc_reference = step.meeting_date, step.reference
        elif step.action == "record_signing":
            memo.signed_on = step.signed_on
            memo.start_date = memo.start_date or step.signed_on
        elif step.action == "terminate":
            memo.terminated_on = timezone.localdate(step.at)
            memo.termination_reason = step.comment
        elif step.action in SUBMISSIONS:
            memo.submitted_by = step.by if getattr(step.by, "pk", None) else None
        rows.append(
            StatusChange(
                memorandum=memo,
                action=step.action,
                from_status=memo.status,
                to_status=t.target,
                actor=step.by if getattr(step.by, "pk", None) else None,
                comment=step.comment,
                meeting_date=step.meeting_date if "meeting_date" in t.fields else None,
                reference=step.reference,
                created_at=step.at,
            )
        )
        labels.append(str(t.label))
        memo.status = t.target
        memo.status_changed_at = step.at
    if not rows:
        return memo
    memo.version = version + 1
    memo.derive_engaged_since()
    memo.full_clean(exclude=RELATION_FIELDS, validate_unique=False, validate_constraints=False)
    memo.save()
    StatusChange.objects.bulk_create(rows)
    changes = {"status": [first_status, memo.status], "version": [version, memo.version]}
    if memo.submitted_by_id != getattr(first_submitter, "pk", None):
        changes["submitted_by"] = [
            str(first_submitter) if first_submitter else None,
            str(memo.submitted_by) if memo.submitted_by_id else None,
        ]
    audit_log(
        actor=by,
        action="transition",
        obj=memo,
        changes=changes,
        message=gettext("Recorded earlier steps: %(steps)s") % {"steps": ", ".join(labels)},
    )
    if memorandum is not memo:
        for f in Memorandum._meta.concrete_fields:
            setattr(memorandum, f.attname, getattr(memo, f.attname))
    return memo


def recipients(keys, memo: Memorandum, actor=None) -> list:
    """The people behind the notify keys of a transition, without the one who acted."""
    users: dict[int, Any] = {}

    def add(qs):
        for u in qs:
            users[u.pk] = u

    for key in keys:
        if key == "oil":
            add(User.objects.filter(groups__name__in=OIL_ROLES, is_active=True).distinct())
        elif key == "legal":
            add(User.objects.filter(groups__name=Role.LEGAL, is_active=True))
        elif key == "committee":
            add(User.objects.filter(groups__name=Role.COMMITTEE, is_active=True))
        elif key == "initiator":
            add(u for u in (memo.person_in_charge, memo.created_by) if u is not None)
        elif key == "coordinator":
            add(coordinators_of(memo.initiating_unit))
    if actor is not None and getattr(actor, "pk", None) in users:
        del users[actor.pk]
    return [u for u in users.values() if u.is_active]


def coordinators_of(unit) -> list:
    """The coordinators of ``unit`` and of the units above it."""
    ids, current, seen = [], unit, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        ids.append(current.pk)
        current = current.parent
    return list(User.objects.filter(groups__name=Role.COORDINATOR, unit_id__in=ids, is_active=True))


def _notify(t: Transition, memo: Memorandum, by, comment: str) -> list:
    sent = []
    for user in recipients(t.notify, memo, by):
        with override(user.language):
            title = t.message % {"memo": f"{memo.reference} {memo.title}"}
        n = notify(
            recipient=user,
            kind=NOTIFY_KIND,
            title=title,
            body=comment,
            url=memo.get_absolute_url(),
        )
        if n is not None:
            sent.append(n)
    return sent
