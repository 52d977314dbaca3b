"""The people sync: accounts kept up to date from the university's HR and student-records
exports (``manage.py sync_people``, *Office → People sync*).

Each export is one *source*. A row creates the person's account or updates it (name, e-mail,
unit, position, roles, status, and what the domain apps add: a student's programme and year, an
academic's expert profile); a person the sync manages (``User.provisioned_from``) who is no
longer in their source's file is deactivated, never deleted, and their records stay. A file
that would deactivate more than ``JALINAN_SYNC_MAX_DEACTIVATION_PERCENT`` of the people it
manages deactivates nobody unless the caller allows it: a truncated export must not lock the
university out. Running the same files again changes nothing.

Units and roles come from the identity mappings (:mod:`jalinan.accounts.mapping`), read once
per run: a department code → a KCDIO unit, a category (affiliation) → roles. Only the roles the
mappings can give are replaced; those an OIL administrator gave by hand stay. Every write goes
through the accounts services, so every change has its audit row.

Domain apps join through :func:`register_sync_hook` from their ``AppConfig.ready()`` (this
module imports none of them): placements gives students their programme and year, experts
creates the profile of an academic who has none.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.tabular import Formula, ImportFileError, normalise_header, read_rows

from . import mapping
from .models import Provisioning, Unit, User
from .roles import Role

STAFF = "staff"
# Account fields whose length the sync checks, with the column they come from.
LENGTH_CHECKED = (
    ("email", "email"),
    ("full_name", "name"),
    ("staff_id", "number"),
    ("title", "title"),
    ("job_title", "position"),
)
STUDENTS = "students"

# Values of the optional status column (case ignored); an empty cell is active.
ACTIVE_WORDS = {"", "active", "aktif", "yes", "y", "1", "true", "current", "enrolled"}
INACTIVE_WORDS = {
    "inactive",
    "tidak aktif",
    "no",
    "n",
    "0",
    "false",
    "left",
    "resigned",
    "retired",
    "terminated",
    "deceased",
    "graduated",
    "withdrawn",
    "dismissed",
    "suspended",
}


@dataclass(frozen=True)
class Source:
    """One export: its key, the marker its accounts carry, its columns (our names)."""

    key: str
    provisioning: str
    number: str  # the field holding the staff or matric number
    fields: tuple[str, ...]
    required: tuple[str, ...]
    setting: str  # the setting that maps our field names onto the export's headers
    default_category: str
    label: Any


SOURCES = {
    STAFF: Source(
        STAFF,
        Provisioning.HR,
        "staff_number",
        ("staff_number", "email", "name", "title", "unit", "position", "category", "status"),
        ("staff_number", "email", "name"),
        "JALINAN_SYNC_STAFF_COLUMNS",
        "staff",
        gettext_lazy("staff (HR)"),
    ),
    STUDENTS: Source(
        STUDENTS,
        Provisioning.STUDENT_RECORDS,
        "matric_number",
        ("matric_number", "email", "name", "unit", "programme", "year", "category", "status"),
        ("matric_number", "email", "name"),
        "JALINAN_SYNC_STUDENT_COLUMNS",
        "student",
        gettext_lazy("students (student records)"),
    ),
}


# -- hooks: what domain apps add ----------------------------------------------------------------


class SyncHook:
    """A domain app's part of one source's sync, made fresh for each run (load what you need
    once in ``__init__``). Every method has a default that does nothing."""

    #: columns the hook needs (refused without them)
    required: tuple[str, ...] = ()

    def check(self, values: dict[str, str]) -> tuple[list[str], dict[str, Any]]:
        """Errors of a row (rejecting it), and defaults for the account (``unit_id``)."""
        return [], {}

    def changes(
        self, user_id: int | None, values: dict[str, str], roles: set[str]
    ) -> list[tuple[str, Any, Any]]:
        """What applying the row would change, as ``(label, old, new)``; ``user_id`` is None
        for a new account, ``roles`` the roles it will have."""
        return []

    def apply(self, items: list[tuple[User, dict[str, str], set[str]]], *, by) -> None:
        """Make those changes for every ``(user, values, roles)`` of the run at once (in
        bulk: 20,000 rows must take seconds), with an audit entry for each change."""

    def deactivated(self, users: list[User], *, by) -> None:
        """These accounts were deactivated (e.g. take their profiles out of search)."""

    def finish(self) -> None:
        """After the sync's transaction: slow follow-up work (search indexing), which should
        go to the background (``transaction.on_commit`` + a task)."""


@dataclass(frozen=True)
class _HookEntry:
    key: str
    source: str
    factory: Callable[[], SyncHook]


_HOOKS: dict[str, _HookEntry] = {}


def register_sync_hook(key: str, factory: Callable[[], SyncHook], *, source: str) -> None:
    """Join the sync of ``source`` (``"staff"`` or ``"students"``): ``factory()`` gives the
    :class:`SyncHook` of one run. Called from an ``AppConfig.ready()``."""
    if source not in SOURCES:
        raise ValueError(f"Unknown sync source {source!r}; use one of {sorted(SOURCES)}")
    _HOOKS[key] = _HookEntry(key, source, factory)


def _hooks_for(source: str) -> list[SyncHook]:
    return [e.factory() for e in sorted(_HOOKS.values(), key=lambda e: e.key) if e.source == source]


# -- the report ---------------------------------------------------------------------------------


@dataclass
class RowResult:
    """What the sync did (or, in a preview, would do) with one row or one absent person."""

    line: int | None  # None: a person no longer in the file
    number: str
    email: str
    name: str
    action: str  # create, update, unchanged, deactivate, held, skipped, rejected
    changes: list = field(default_factory=list)  # [label, old, new]
    errors: list = field(default_factory=list)
    user_id: int | None = None


@dataclass
class SourceReport:
    source: str
    filename: str
    error: str = ""  # the whole file was refused
    rows: list[RowResult] = field(default_factory=list)
    managed: int = 0  # active accounts this source managed before the run
    held: int = 0  # deactivations held back by the safety stop

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.action for r in self.rows))

    @property
    def label(self) -> str:
        return str(SOURCES[self.source].label)


@dataclass
class SyncReport:
    sources: list[SourceReport]
    dry_run: bool
    allow_mass_deactivation: bool = False
    # Time the hooks' follow-up took (search indexing: in-process when no worker runs).
    follow_up_seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        total: Counter = Counter()
        for s in self.sources:
            total.update(s.counts)
        return dict(total)

    @property
    def changed(self) -> bool:
        """Whether anything was (or would be) written."""
        return any(
            r.action in {"create", "update", "deactivate"} for s in self.sources for r in s.rows
        )

    @property
    def held(self) -> int:
        return sum(s.held for s in self.sources)

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> SyncReport:
        data = json.loads(text)
        sources = []
        for s in data["sources"]:
            rows = [RowResult(**r) for r in s.pop("rows")]
            sources.append(SourceReport(**s, rows=rows))
        return cls(
            sources=sources,
            dry_run=data["dry_run"],
            allow_mass_deactivation=data.get("allow_mass_deactivation", False),
            follow_up_seconds=data.get("follow_up_seconds", 0.0),
        )


# -- reading a file -----------------------------------------------------------------------------


def column_names(source: Source) -> dict[str, str]:
    """Our field → the export's header (normalised as the file's header is)."""
    configured = getattr(settings, source.setting)
    return {f: normalise_header([configured.get(f) or f])[0] for f in source.fields}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read(source: Source, filename: str, content: bytes, required: Iterable[str]):
    """The rows of an export as ``(line, {field: text}, formula_fields)``."""
    rows = read_rows(
        filename,
        content,
        max_rows=settings.JALINAN_SYNC_MAX_ROWS,
        max_bytes=settings.JALINAN_SYNC_MAX_BYTES,
    )
    header = normalise_header(rows[0])
    names = column_names(source)
    missing = [f for f in required if names[f] not in header]
    if missing:
        raise ImportFileError(
            _("Missing required column(s): %(cols)s. Columns found: %(found)s.")
            % {
                "cols": ", ".join(f if names[f] == f else f"{f} (“{names[f]}”)" for f in missing),
                "found": ", ".join(h for h in header if h)[:500],
            }
        )
    index = {f: header.index(names[f]) for f in source.fields if names[f] in header}
    out = []
    for i, row in enumerate(rows[1:]):
        values, formulas = {}, []
        for f, col in index.items():
            cell = row[col] if col < len(row) else None
            if isinstance(cell, Formula):
                formulas.append(f)
                cell = None
            values[f] = _cell(cell)
        out.append((i + 2, values, formulas))
    return index, out


# -- planning -----------------------------------------------------------------------------------


@dataclass
class _Op:
    result: RowResult
    user: User | None = None
    fields: dict = field(default_factory=dict)
    roles: set | None = None  # None: leave the roles alone
    final_roles: set = field(default_factory=set)  # the roles the account ends with
    values: dict = field(default_factory=dict)
    hooks: list = field(default_factory=list)


class _Directory:
    """Every account, its roles and the mappings, read once for the whole run."""

    def __init__(self):
        self.users = list(
            User.objects.only(
                "id",
                "email",
                "full_name",
                "title",
                "job_title",
                "staff_id",
                "unit_id",
                "is_active",
                "provisioned_from",
                "deprovisioned_at",
            )
        )
        self.by_email = {u.email.lower(): u for u in self.users}
        self.by_number = {
            (u.provisioned_from, u.staff_id.strip().lower()): u
            for u in self.users
            if u.provisioned_from and u.staff_id
        }
        self.roles: dict[int, set[str]] = defaultdict(set)
        for user_id, name in User.groups.through.objects.filter(
            group__name__in=Role.values
        ).values_list("user_id", "group__name"):
            self.roles[user_id].add(name)
        self.units = mapping.unit_table()
        self.unit_by_id = {u.pk: u for u in Unit.objects.all()}
        self.unit_names = {pk: u.code for pk, u in self.unit_by_id.items()}
        self.role_table = mapping.role_table()
        self.mapped_roles = set().union(*self.role_table.values()) if self.role_table else set()


def _status(text: str) -> bool | None:
    word = text.strip().lower()
    if word in ACTIVE_WORDS:
        return True
    if word in INACTIVE_WORDS:
        return False
    return None


def _roles_text(roles, labels: dict[str, str]) -> str:
    return ", ".join(sorted(labels.get(r, r) for r in roles)) or "—"


def _plan_source(
    source: Source, filename: str, content: bytes, d: _Directory, *, allow_mass: bool, by=None
) -> tuple[SourceReport, list[_Op], list[SyncHook]]:
    report = SourceReport(source=source.key, filename=filename)
    hooks = _hooks_for(source.key)
    required = list(source.required) + [c for h in hooks for c in h.required]
    try:
        index, rows = _read(source, filename, content, required)
    except ImportFileError as exc:
        report.error = str(exc)
        return report, [], hooks
    number_counts = Counter(v[source.number].lower() for _l, v, _f in rows if v[source.number])
    email_counts = Counter(v["email"].lower() for _l, v, _f in rows if v.get("email"))
    lines_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for line, v, _f in rows:
        for key in (source.number, "email"):
            if (
                v.get(key)
                and (number_counts if key != "email" else email_counts)[v[key].lower()] > 1
            ):
                lines_of[(key, v[key].lower())].append(line)
    seen_numbers: set[str] = set()
    seen_emails: set[str] = set()
    ops: list[_Op] = []
    mapped = d.mapped_roles | ({Role.STUDENT} if source.key == STUDENTS else set())
    prov = source.provisioning
    now = timezone.now()
    # Translated once: a run reads tens of thousands of rows.
    role_labels = {r.value: str(r.label) for r in Role}
    L = {
        "account": _("account"),
        "created": _("created"),
        "roles": _("roles"),
        "full_name": _("name"),
        "staff_id": source.number,
        "provisioned_from": _("kept by"),
        "unit_id": _("unit"),
        "job_title": _("position"),
        "title": _("title"),
    }
    for line, values, formulas in rows:
        number = values[source.number]
        email = values["email"].lower()
        name = values["name"]
        if number:
            seen_numbers.add(number.lower())
        if email:
            seen_emails.add(email)
        result = RowResult(line=line, number=number, email=email, name=name, action="rejected")
        errors = result.errors
        for f in formulas:
            errors.append(_("the %(col)s cell holds a formula") % {"col": f})
        if not number:
            errors.append(_("no %(col)s") % {"col": source.number})
        elif number_counts[number.lower()] > 1:
            errors.append(
                _("duplicate %(col)s %(value)s in the file (lines %(lines)s)")
                % {
                    "col": source.number,
                    "value": number,
                    "lines": ", ".join(map(str, lines_of[(source.number, number.lower())])),
                }
            )
        if not email:
            errors.append(_("no e-mail address"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("bad e-mail address “%(value)s”") % {"value": email})
            if email_counts[email] > 1:
                errors.append(
                    _("duplicate e-mail address %(value)s in the file (lines %(lines)s)")
                    % {"value": email, "lines": ", ".join(map(str, lines_of[("email", email)]))}
                )
        if not name:
            errors.append(_("no name"))
        for f, label in LENGTH_CHECKED:
            limit = int(getattr(User._meta.get_field(f), "max_length", 0) or 0)
            value = values.get(label if label != "number" else source.number, "")
            if limit and len(value) > limit:
                errors.append(
                    _("%(col)s is longer than %(max)d characters")
                    % {"col": label if label != "number" else source.number, "max": limit}
                )
        active = _status(values.get("status", ""))
        if active is None:
            errors.append(
                _("unknown status “%(value)s” (active or inactive)")
                % {"value": values.get("status", "")}
            )
        unit_id = None
        code = values.get("unit", "")
        if code:
            unit = mapping.unit_for(code, d.units)
            if unit is None:
                errors.append(
                    _("unknown unit code “%(value)s”: map it on the identity mappings page")
                    % {"value": code}
                )
            else:
                unit_id = unit.pk
        for hook in hooks:
            hook_errors, defaults = hook.check(values)
            errors.extend(hook_errors)
            if unit_id is None and defaults.get("unit_id"):
                unit_id = defaults["unit_id"]
        if errors:
            ops.append(_Op(result))
            continue

        user = d.by_number.get((prov, number.lower())) or d.by_email.get(email)
        owner = d.by_email.get(email)
        if user is not None and user.provisioned_from and user.provisioned_from != prov:
            other = SOURCES[STAFF if user.provisioned_from == Provisioning.HR else STUDENTS]
            errors.append(
                _(
                    "%(email)s already has an account kept by the %(other)s file: a person in "
                    "both files keeps that one (give further roles by hand)"
                )
                % {"email": user.email, "other": other.label}
            )
        elif owner is not None and user is not None and owner.pk != user.pk:
            errors.append(
                _("the e-mail address %(email)s belongs to another account (%(name)s)")
                % {"email": email, "name": owner.full_name or owner.email}
            )
        if errors:
            ops.append(_Op(result))
            continue

        category = values.get("category") or source.default_category
        roles = mapping.roles_for([category], d.role_table)
        if source.key == STUDENTS:
            roles.add(Role.STUDENT)
        wanted: dict[str, Any] = {"full_name": name, "staff_id": number, "provisioned_from": prov}
        if unit_id is not None:
            wanted["unit_id"] = unit_id
        if "position" in index:
            wanted["job_title"] = values["position"]
        if values.get("title"):
            wanted["title"] = values["title"]
        op = _Op(result, user=user, values=values, hooks=hooks)
        result.user_id = user.pk if user else None
        if user is None:
            if not active:
                result.action = "skipped"
                result.errors.append(_("inactive in the file: no account created"))
                ops.append(op)
                continue
            result.action = "create"
            op.fields = {"email": email, **wanted}
            op.roles = op.final_roles = roles
            result.changes = [
                [L["account"], None, L["created"]],
                [L["roles"], None, _roles_text(roles, role_labels)],
            ]
            if unit_id:
                result.changes.append([L["unit_id"], None, d.unit_names.get(unit_id, unit_id)])
            for hook in hooks:
                result.changes += [list(c) for c in hook.changes(None, values, roles)]
            ops.append(op)
            continue

        current = d.roles.get(user.pk, set())
        new_roles = (current - mapped) | roles
        changes: list = []
        fields: dict[str, Any] = {}
        if user.email.lower() != email:
            fields["email"] = email
            changes.append([_("e-mail"), user.email, email])
        for f, new in wanted.items():
            old = getattr(user, f)
            same = old == new if f == "unit_id" else (old or "") == (new or "")
            if not same:
                fields[f] = new
                if f == "unit_id":
                    old, new = d.unit_names.get(old, old), d.unit_names.get(new, new)
                changes.append([L[f], old or None, new])
        if active and not user.is_active:
            if user.deprovisioned_at:
                fields.update(is_active=True, deprovisioned_at=None)
                changes.append([_("active"), _("no"), _("yes")])
            else:
                result.errors.append(_("the account was deactivated by hand: it stays inactive"))
        elif not active and user.is_active:
            fields.update(is_active=False, deprovisioned_at=now)
            changes.append([_("active"), _("yes"), _("no")])
        if by is not None and user.pk == by.pk and new_roles != current:
            result.errors.append(_("your own roles are not changed by a sync you run"))
            new_roles = current
        op.final_roles = new_roles
        if new_roles != current:
            op.roles = new_roles
            changes.append(
                [L["roles"], _roles_text(current, role_labels), _roles_text(new_roles, role_labels)]
            )
        for hook in hooks:
            changes += [list(c) for c in hook.changes(user.pk, values, new_roles)]
        op.fields = fields
        result.changes = changes
        result.action = "update" if changes else "unchanged"
        ops.append(op)

    # Whoever this source manages and the file no longer lists.
    managed = [u for u in d.users if u.provisioned_from == prov and u.is_active]
    report.managed = len(managed)
    gone = [
        u
        for u in managed
        if u.staff_id.strip().lower() not in seen_numbers and u.email.lower() not in seen_emails
    ]
    limit = settings.JALINAN_SYNC_MAX_DEACTIVATION_PERCENT
    stop = bool(gone) and not allow_mass and len(gone) * 100 > limit * len(managed)
    for u in gone:
        result = RowResult(
            line=None,
            number=u.staff_id,
            email=u.email,
            name=u.full_name,
            action="held" if stop else "deactivate",
            changes=[[_("active"), _("yes"), _("no")]],
            errors=[_("not in the file")],
            user_id=u.pk,
        )
        ops.append(
            _Op(result, user=u, fields={"is_active": False, "deprovisioned_at": now}, hooks=hooks)
        )
    if stop:
        report.held = len(gone)
    report.rows = [op.result for op in ops]
    return report, ops, hooks


# -- applying -----------------------------------------------------------------------------------
# In bulk rather than row by row through user_create/user_update/user_set_roles (20,000 rows
# in well under a minute), writing what they write: the same checks (made while planning), the
# same fields, and one audit entry per account changed, in the same form.


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _audit_value(field_name: str, value, d: _Directory):
    if field_name == "unit":
        unit = d.unit_by_id.get(value)
        return str(unit) if unit else None
    if value is not None and not isinstance(value, (str, bool, int)):
        return str(value)
    return value


def _apply(ops: list[_Op], hooks: list[SyncHook], d: _Directory, *, by) -> None:
    from django.contrib.auth.models import Group

    from jalinan.core.audit import audit_log_many, diff, snapshot

    creates = [op for op in ops if op.result.action == "create"]
    updates = [op for op in ops if op.result.action in {"update", "deactivate"}]
    groups = {name: Group.objects.get_or_create(name=name)[0].pk for name in Role.values}
    through = User.groups.through
    audits: list[dict] = []

    new_users = []
    for op in creates:
        fields = dict(op.fields)
        unit_id = fields.pop("unit_id", None)
        new_user = User(**fields, unit=d.unit_by_id.get(unit_id))
        new_user.set_unusable_password()
        new_users.append(new_user)
    User.objects.bulk_create(new_users, batch_size=500)
    memberships = []
    for op, created in zip(creates, new_users, strict=True):
        op.user, op.result.user_id = created, created.pk
        roles = sorted(op.roles or ())
        memberships += [through(user_id=created.pk, group_id=groups[r]) for r in roles]
        audits.append(
            {
                "actor": by,
                "action": "create",
                "obj": created,
                "changes": {"roles": [None, roles], **diff({}, snapshot(created))},
            }
        )

    removals: dict[int, list[int]] = defaultdict(list)
    for op in updates:
        user, changes = op.user, {}
        assert user is not None  # planned updates carry their account
        for f, new in op.fields.items():
            name = "unit" if f == "unit_id" else f
            old = getattr(user, f)
            setattr(user, f, new)
            changes[name] = [_audit_value(name, old, d), _audit_value(name, new, d)]
        if op.fields.get("unit_id"):
            user.unit = d.unit_by_id[op.fields["unit_id"]]
        if op.roles is not None:
            before = d.roles.get(user.pk, set())
            changes["roles"] = [sorted(before), sorted(op.roles)]
            memberships += [
                through(user_id=user.pk, group_id=groups[r]) for r in sorted(op.roles - before)
            ]
            for r in before - op.roles:
                removals[groups[r]].append(user.pk)
        audits.append({"actor": by, "action": "update", "obj": user, "changes": changes})
    # One UPDATE per set of new values: a whole file of people moved to a new unit, or
    # deactivated, is a handful of statements.
    same: dict[tuple, list[int]] = defaultdict(list)
    for op in updates:
        if op.fields and op.user is not None:
            same[tuple(sorted(op.fields.items(), key=lambda kv: kv[0]))].append(op.user.pk)
    for values, user_ids in same.items():
        for chunk in _chunks(user_ids):
            User.objects.filter(pk__in=chunk).update(**dict(values))
    for group_id, user_ids in removals.items():
        for chunk in _chunks(user_ids):
            through.objects.filter(group_id=group_id, user_id__in=chunk).delete()
    through.objects.bulk_create(memberships, batch_size=1000, ignore_conflicts=True)
    audit_log_many(audits)

    items = [
        (op.user, op.values, op.final_roles)
        for op in creates + updates
        if op.values and op.user is not None
    ]
    gone = [op.user for op in updates if op.fields.get("is_active") is False and op.user]
    for hook in hooks:
        hook.apply(items, by=by)
        if gone:
            hook.deactivated(gone, by=by)


def sync_people(
    *,
    staff: tuple[str, bytes] | None = None,
    students: tuple[str, bytes] | None = None,
    by=None,
    dry_run: bool = False,
    allow_mass_deactivation: bool = False,
) -> SyncReport:
    """Bring the accounts in line with the given exports, each ``(filename, content)``; a
    source not given is left alone (a staff file never deactivates students). ``dry_run``
    writes nothing and reports what would change (the page's preview). ``by`` is the person
    running it (None: the system), the actor of every audit entry."""
    files = [(SOURCES[STAFF], staff), (SOURCES[STUDENTS], students)]
    directory = _Directory()
    reports, plans = [], []
    for source, given in files:
        if given is None:
            continue
        report, ops, hooks = _plan_source(
            source, given[0], given[1], directory, allow_mass=allow_mass_deactivation, by=by
        )
        reports.append(report)
        plans.append((ops, hooks))
    sync = SyncReport(
        sources=reports, dry_run=dry_run, allow_mass_deactivation=allow_mass_deactivation
    )
    if dry_run or not sync.changed:
        return sync
    with transaction.atomic():
        for ops, hooks in plans:
            _apply(ops, hooks, directory, by=by)
    started = time.monotonic()
    for _ops, hooks in plans:
        for hook in hooks:
            hook.finish()
    sync.follow_up_seconds = round(time.monotonic() - started, 2)
    return sync
