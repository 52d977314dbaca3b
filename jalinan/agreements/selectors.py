"""Reads of memoranda, each limited to what the user may see, and the health computation.

Health (engaged / at risk / dormant) is computed in the database for any number of memoranda at
once (:func:`with_health`, :func:`health_q`), from two columns the services keep: the later of
the memorandum's latest activity (logged in the engagement log) and its start date
(``engaged_since``), and the earliest due date of its open deliverables:

- dormant: no activity for ``JALINAN_MEMORANDUM_DORMANT_MONTHS`` (6) calendar months, counted
  to the day: a memorandum whose last activity was on 15 January is dormant from 15 July;
- at risk: no activity for ``JALINAN_MEMORANDUM_AT_RISK_MONTHS`` (3) months, or a deliverable
  overdue;
- engaged: otherwise.

Only memoranda in force (active, expiring) have a health; the others get an empty value.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role, has_role, is_partner_user, unit_ids
from jalinan.core.audit import history_for
from jalinan.partners.selectors import organisations_for

from .choices import (
    CONCLUDED,
    IN_FORCE,
    IN_PREPARATION,
    Confidentiality,
    Health,
    Status,
)
from .models import Deliverable, Document, Memorandum, Party, StatusChange, add_months
from .permissions import STAFF_READERS, can_view_confidential, reads_everything


def dormant_months() -> int:
    return settings.JALINAN_MEMORANDUM_DORMANT_MONTHS


def at_risk_months() -> int:
    return settings.JALINAN_MEMORANDUM_AT_RISK_MONTHS


def expiring_days() -> int:
    """How long before its end an active memorandum becomes "expiring"."""
    return settings.JALINAN_MEMORANDUM_EXPIRING_DAYS


def memoranda_for(user) -> QuerySet[Memorandum]:
    """The memoranda ``user`` may see (see :mod:`.permissions` for the rules)."""
    qs = Memorandum.objects.all()
    if reads_everything(user):
        return qs
    if has_role(user, *STAFF_READERS):
        visible = (
            Q(person_in_charge=user)
            | Q(created_by=user)
            | (Q(status__in=CONCLUDED) & ~Q(confidentiality=Confidentiality.CONFIDENTIAL))
        )
        if has_role(user, Role.COORDINATOR) and unit_ids(user):
            visible |= Q(initiating_unit_id__in=unit_ids(user))
        if is_partner_user(user):
            visible |= Q(pk__in=_party_memo_ids(user.organisation_id))
        return qs.filter(visible)
    if is_partner_user(user):
        return qs.filter(pk__in=_party_memo_ids(user.organisation_id))
    return qs.none()


def _party_memo_ids(organisation_id):
    return Party.objects.filter(organisation_id=organisation_id).values("memorandum_id")


def _cutoffs(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return add_months(today, -dormant_months()), add_months(today, -at_risk_months())


def health_q(health: str, *, today: datetime.date | None = None) -> Q:
    """The memoranda of one health state, as a filter on plain columns (uses the index on
    status and ``engaged_since``)."""
    dormant_cutoff, at_risk_cutoff = _cutoffs(today or timezone.localdate())
    today = today or timezone.localdate()
    dormant = Q(engaged_since__lte=dormant_cutoff)
    at_risk = Q(engaged_since__lte=at_risk_cutoff) | Q(next_deliverable_due__lt=today)
    in_force = Q(status__in=IN_FORCE)
    if health == Health.DORMANT:
        return in_force & dormant
    if health == Health.AT_RISK:
        return in_force & ~dormant & at_risk
    return in_force & ~dormant & ~at_risk


def with_health(qs: QuerySet[Memorandum], *, today: datetime.date | None = None) -> QuerySet:
    """``qs`` annotated with ``overdue`` (an open deliverable is past its due date) and
    ``health`` (a :class:`Health` value, or "" for memoranda not in force)."""
    today = today or timezone.localdate()
    dormant_cutoff, at_risk_cutoff = _cutoffs(today)
    return qs.annotate(
        overdue=Case(
            When(next_deliverable_due__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        health=Case(
            When(~Q(status__in=IN_FORCE), then=Value("")),
            When(engaged_since__lte=dormant_cutoff, then=Value(Health.DORMANT)),
            When(
                Q(engaged_since__lte=at_risk_cutoff) | Q(next_deliverable_due__lt=today),
                then=Value(Health.AT_RISK),
            ),
            default=Value(Health.ENGAGED),
            output_field=CharField(),
        ),
    )


def health_of(memo: Memorandum, *, today: datetime.date | None = None) -> str:
    return (
        with_health(Memorandum.objects.filter(pk=memo.pk), today=today)
        .values_list("health", flat=True)
        .first()
        or ""
    )


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "title": ("title", "pk"),
    "reference": ("reference", "pk"),
    "end": (F("end_date").asc(nulls_last=True), "pk"),
    "changed": ("-status_changed_at", "-pk"),
}
STATUS_GROUPS = {"in_force": IN_FORCE, "in_preparation": IN_PREPARATION}


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def filter_memoranda(
    qs: QuerySet[Memorandum], params: Mapping, *, user, today: datetime.date | None = None
) -> QuerySet[Memorandum]:
    """Apply the list filters (the page's and the API's): q, status, type, unit, partner,
    sector, country, expiring (days), health, sdg, mine, sort."""
    today = today or timezone.localdate()
    get = params.get
    q = (get("q") or "").strip()
    if q:
        orgs = organisations_for(user).filter(legal_name__icontains=q).values("pk")
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(reference__icontains=q)
            | Q(pk__in=Party.objects.filter(organisation_id__in=orgs).values("memorandum_id"))
        )
    status = get("status") or ""
    if status in STATUS_GROUPS:
        qs = qs.filter(status__in=STATUS_GROUPS[status])
    elif status in Status.values:
        qs = qs.filter(status=status)
    memo_type = _int(get("type"))
    if memo_type:
        qs = qs.filter(memo_type_id=memo_type)
    unit = _int(get("unit"))
    if unit:
        from jalinan.accounts.models import Unit

        unit_obj = Unit.objects.filter(pk=unit).first()
        qs = qs.filter(initiating_unit_id__in=unit_obj.descendant_ids() if unit_obj else [])
    partner = _int(get("partner"))
    if partner:
        qs = qs.filter(pk__in=_party_memo_ids(partner))
    sector = (get("sector") or "").strip().upper()[:1]
    country = (get("country") or "").strip().upper()[:2]
    if sector or country:
        orgs = organisations_for(user)
        if sector:
            orgs = orgs.filter(msic_section=sector)
        if country:
            orgs = orgs.filter(country=country)
        qs = qs.filter(
            pk__in=Party.objects.filter(organisation_id__in=orgs.values("pk")).values(
                "memorandum_id"
            )
        )
    expiring = _int(get("expiring"))
    if expiring is not None and expiring >= 0:
        qs = qs.filter(
            status__in=IN_FORCE,
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=expiring),
        )
    health = get("health") or ""
    if health in Health.values:
        qs = qs.filter(health_q(health, today=today))
    goal = _int(get("sdg"))
    if goal and 1 <= goal <= 17:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    if str(get("mine") or "") in ("1", "true", "True", "on"):
        qs = qs.filter(Q(person_in_charge=user) | Q(created_by=user))
    return qs.order_by(*SORTS.get(get("sort") or "", SORTS["newest"]))


def list_rows(qs: QuerySet[Memorandum], *, today=None) -> QuerySet[Memorandum]:
    """What a list page or export needs of each memorandum, in a fixed number of queries."""
    from django.db.models import Prefetch

    return (
        with_health(qs, today=today)
        .select_related("memo_type", "initiating_unit", "person_in_charge")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
    )


def documents_for(user, memo: Memorandum) -> QuerySet[Document]:
    qs = memo.documents.select_related("uploaded_by")
    if not can_view_confidential(user, memo):
        qs = qs.filter(is_confidential=False)
    return qs


def status_changes_for(memo: Memorandum) -> QuerySet[StatusChange]:
    return memo.status_changes.select_related("actor")


def changes_since(memo: Memorandum, version: int) -> list:
    """The audit entries of the writes made to ``memo`` after ``version`` (what someone else
    changed while this person was editing), oldest first."""
    out = []
    for entry in history_for(memo)[:200]:
        v = (entry.changes or {}).get("version")
        if isinstance(v, list) and v and isinstance(v[0], int) and v[0] >= version:
            out.append(entry)
    return list(reversed(out))


def coordinators_by_unit(unit_ids) -> dict[int, list]:
    """``{unit id: [coordinator, ...]}``, for the units given and (for each) the units above
    them, in two queries."""
    from jalinan.accounts.models import Unit

    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    chains = {}
    for uid in set(unit_ids):
        chain, current = [], uid
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        chains[uid] = chain
    wanted = {u for chain in chains.values() for u in chain}
    by_unit: dict[int, list] = {}
    for user in User.objects.filter(
        groups__name=Role.COORDINATOR, unit_id__in=wanted, is_active=True
    ).order_by("full_name"):
        by_unit.setdefault(user.unit_id, []).append(user)
    return {uid: [c for u in chain for c in by_unit.get(u, [])] for uid, chain in chains.items()}


def health_for(user, *, unit: int | None = None, health: str = "", today=None):
    """Dormant and at-risk memoranda ``user`` may follow, by KCDIO (the dormancy page).
    Coordinators see their own units only."""
    qs = memoranda_for(user).filter(status__in=IN_FORCE)
    if not reads_everything(user):
        qs = qs.filter(initiating_unit_id__in=unit_ids(user))
    if unit:
        qs = qs.filter(initiating_unit_id=unit)
    if health in (Health.DORMANT, Health.AT_RISK):
        wanted = health_q(health, today=today)
    else:
        wanted = health_q(Health.DORMANT, today=today) | health_q(Health.AT_RISK, today=today)
    return list_rows(qs.filter(wanted), today=today).order_by(
        "initiating_unit__name", "initiating_unit_id", "-health", "engaged_since", "pk"
    )


def health_summary(qs: QuerySet[Memorandum], *, today=None) -> dict[str, int]:
    """How many of ``qs`` are engaged, at risk and dormant (one query)."""
    rows = (
        with_health(qs.filter(status__in=IN_FORCE), today=today)
        .values("health")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out = {h: 0 for h in Health.values}
    for row in rows:
        out[row["health"]] = row["n"]
    return out


def awaiting_user(user) -> QuerySet[Memorandum]:
    """Memoranda whose next step is this person's (the "awaiting me" list)."""
    from jalinan.accounts.roles import is_oil

    q = Q(pk__in=[])
    if is_oil(user):
        q |= Q(
            status__in=[
                Status.SUBMITTED,
                Status.OIL_REVIEW,
                Status.AWAITING_UMC,
                Status.APPROVED,
                Status.SIGNED,
            ]
        )
    if has_role(user, Role.LEGAL):
        q |= Q(status=Status.LEGAL_REVIEW)
    if has_role(user, Role.COMMITTEE):
        q |= Q(status=Status.AWAITING_MCOM)
    mine = Q(person_in_charge=user) | Q(created_by=user)
    if has_role(user, Role.COORDINATOR) and unit_ids(user):
        mine |= Q(initiating_unit_id__in=unit_ids(user))
    if has_role(user, *STAFF_READERS) or reads_everything(user):
        q |= Q(status__in=[Status.DRAFT, Status.RETURNED]) & mine
    return (
        memoranda_for(user)
        .filter(q)
        .select_related("memo_type", "initiating_unit")
        .order_by("status_changed_at", "pk")
    )


def mcom_agenda(user) -> QuerySet[Memorandum]:
    """The items awaiting MCOM deliberation, oldest first, with their papers."""
    from django.db.models import Prefetch

    return (
        memoranda_for(user)
        .filter(status=Status.AWAITING_MCOM)
        .select_related("memo_type", "initiating_unit", "person_in_charge")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation")),
            Prefetch(
                "documents",
                queryset=Document.objects.order_by("kind", "-version"),
                to_attr="papers",
            ),
        )
        .order_by("status_changed_at", "pk")
    )


MCOM_ACTIONS = ("mcom_recommend", "mcom_defer", "mcom_reject")


def mcom_decisions(user, *, meeting_date: datetime.date) -> QuerySet[StatusChange]:
    """The decisions recorded for the MCOM meeting of ``meeting_date`` (the minutes)."""
    return (
        StatusChange.objects.filter(
            action__in=MCOM_ACTIONS,
            meeting_date=meeting_date,
            memorandum__in=memoranda_for(user),
        )
        .select_related("memorandum", "memorandum__memo_type", "actor")
        .order_by("created_at", "pk")
    )


def mcom_meeting_dates(user, limit: int = 12) -> list[datetime.date]:
    return list(
        StatusChange.objects.filter(
            action__in=MCOM_ACTIONS,
            meeting_date__isnull=False,
            memorandum__in=memoranda_for(user),
        )
        .values_list("meeting_date", flat=True)
        .distinct()
        .order_by("-meeting_date")[:limit]
    )


def memoranda_of_organisation(user, organisation_id: int) -> QuerySet[Memorandum]:
    """The memoranda ``user`` may see that the organisation is a party to."""
    return list_rows(memoranda_for(user).filter(pk__in=_party_memo_ids(organisation_id)))


def memorandum_choices(user, *, statuses=None) -> QuerySet[Memorandum]:
    """Memoranda to pick from (e.g. when logging an activity)."""
    qs = memoranda_for(user).only("pk", "reference", "title", "status")
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.order_by("reference")


def deliverable_choices(user, memorandum_ids) -> QuerySet[Deliverable]:
    return (
        Deliverable.objects.filter(
            memorandum_id__in=memorandum_ids, memorandum__in=memoranda_for(user)
        )
        .select_related("memorandum")
        .order_by("memorandum__reference", "due_date", "pk")
    )
