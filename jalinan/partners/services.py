"""Every write to partner records: validated, atomic, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.sdgs.services import sdg_request_classification

from .choices import OrganisationStatus, OrganisationType
from .dedupe import normalise_name
from .models import Contact, Organisation

ORG_FIELDS = {n for f in Organisation._meta.concrete_fields for n in (f.name, f.attname)} - {
    "merged_into_id",
    "created_by_id",
    "id",
    "search_name",
    "created_at",
    "updated_at",
    "merged_into",
    "created_by",
}
CONTACT_FIELDS = {f.name for f in Contact._meta.concrete_fields} - {
    "id",
    "organisation",
    "created_at",
    "updated_at",
}


def _clean_other_names(names) -> list[str]:
    if isinstance(names, str):
        names = names.splitlines()
    out: list[str] = []
    for n in names or []:
        n = " ".join(str(n).split())
        if n and n not in out:
            out.append(n)
    return out


def _apply(obj, fields: dict, allowed: set[str]):
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in {"description", "address", "notes"}:
            value = value.strip()
        setattr(obj, key, value)


@transaction.atomic
def organisation_create(*, by, **fields) -> Organisation:
    """Register an organisation. Duplicates are not refused here: the form warns first."""
    if "other_names" in fields:
        fields["other_names"] = _clean_other_names(fields["other_names"])
    org = Organisation(created_by=by if getattr(by, "pk", None) else None)
    _apply(org, fields, ORG_FIELDS)
    org.search_name = normalise_name(org.legal_name)
    org.full_clean()
    org.save()
    audit_log(actor=by, action="create", obj=org, changes=diff({}, snapshot(org)))
    sdg_request_classification(obj=org)
    return org


def organisation_create_for_signup(*, by, legal_name: str) -> Organisation:
    """Register the organisation a partner sign-up named, as the officer approves it: a
    prospect of no known type, for the office to complete."""
    return organisation_create(
        by=by,
        legal_name=legal_name,
        org_type=OrganisationType.OTHER,
        status=OrganisationStatus.PROSPECT,
    )


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **fields) -> Organisation:
    if Organisation.objects.filter(pk=organisation.pk, status=OrganisationStatus.MERGED).exists():
        raise ValidationError(_("A merged organisation cannot be changed."))
    if "other_names" in fields:
        fields["other_names"] = _clean_other_names(fields["other_names"])
    # From the database: a bound ModelForm may already have changed the instance in memory.
    before = snapshot(Organisation.objects.get(pk=organisation.pk))
    _apply(organisation, fields, ORG_FIELDS)
    organisation.search_name = normalise_name(organisation.legal_name)
    organisation.full_clean()
    organisation.save()
    changes = diff(before, snapshot(organisation))
    if changes:
        audit_log(actor=by, action="update", obj=organisation, changes=changes)
        if {"legal_name", "description"} & set(changes):
            sdg_request_classification(obj=organisation)
    return organisation


def organisation_set_vetted(*, organisation: Organisation, by, vetted: bool) -> Organisation:
    return organisation_update(organisation=organisation, by=by, is_vetted=vetted)


def _contact_audit(contact: Contact, by, action: str, changes: dict, message: str = ""):
    # The contact's own history, and its organisation's page shows it too.
    audit_log(actor=by, action=action, obj=contact, changes=changes, message=message)
    audit_log(
        actor=by,
        action="update",
        obj=contact.organisation,
        changes={f"contact {contact.name}: {k}": v for k, v in changes.items()},
        message=message
        or _("Contact %(name)s: %(action)s")
        % {
            "name": contact.name,
            "action": action,
        },
    )


@transaction.atomic
def contact_create(*, organisation: Organisation, by, **fields) -> Contact:
    contact = Contact(organisation=organisation)
    _apply(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    _contact_audit(contact, by, "create", diff({}, snapshot(contact, list(CONTACT_FIELDS))))
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, by, **fields) -> Contact:
    before = snapshot(Contact.objects.get(pk=contact.pk), list(CONTACT_FIELDS))
    _apply(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    changes = diff(before, snapshot(contact, list(CONTACT_FIELDS)))
    if changes:
        _contact_audit(contact, by, "update", changes)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, by) -> None:
    before = snapshot(contact, list(CONTACT_FIELDS))
    _contact_audit(contact, by, "delete", diff(before, {}))
    contact.delete()


@transaction.atomic
def organisation_merge(
    *, survivor: Organisation, duplicates: list[Organisation], by
) -> Organisation:
    """Fold ``duplicates`` into ``survivor``: every related record moves to the survivor.

    Relations are found through the model's metadata, so records of apps added later (memoranda,
    projects, placements…) move too without changing this function.
    """
    survivor = Organisation.objects.select_for_update().get(pk=survivor.pk)
    if survivor.status == OrganisationStatus.MERGED:
        raise ValidationError(_("The surviving organisation has itself been merged."))
    dupes = []
    for d in duplicates:
        d = Organisation.objects.select_for_update().get(pk=d.pk)
        if d.pk == survivor.pk:
            raise ValidationError(_("An organisation cannot be merged into itself."))
        if d.status == OrganisationStatus.MERGED:
            raise ValidationError(_("%(name)s has already been merged.") % {"name": d.legal_name})
        dupes.append(d)
    if not dupes:
        raise ValidationError(_("Choose at least one duplicate to merge."))
    for rel in Organisation._meta.related_objects:
        if not rel.one_to_one or rel.related_model is Organisation:
            continue
        holders = rel.related_model._base_manager.filter(
            **{f"{rel.field.name}__in": [survivor.pk, *(d.pk for d in dupes)]}
        ).count()
        if holders > 1:
            raise ValidationError(
                _(
                    "More than one of these organisations has a %(record)s; an organisation can "
                    "have only one. Settle that record first, then merge."
                )
                % {"record": rel.related_model._meta.verbose_name}
            )

    before = snapshot(survivor)
    names = list(survivor.other_names)
    for d in dupes:
        moved: dict[str, int] = {}
        for rel in Organisation._meta.related_objects:
            if rel.related_model is Organisation:
                continue  # merged_from: the self-relation is handled below
            accessor = rel.field.name
            if rel.many_to_many:
                if rel.auto_created and not rel.concrete:
                    manager = getattr(d, rel.get_accessor_name())
                    items = list(manager.all())
                    if items:
                        getattr(survivor, rel.get_accessor_name()).add(*items)
                        manager.clear()
                        moved[rel.related_model._meta.verbose_name_plural] = len(items)
                continue
            if rel.one_to_one:
                # e.g. a spin-off record: at most one per organisation, so it moves only when
                # the survivor has none (checked before anything moved, see below).
                count = rel.related_model._base_manager.filter(**{accessor: d}).update(
                    **{accessor: survivor}
                )
                if count:
                    moved[str(rel.related_model._meta.verbose_name_plural)] = count
                continue
            count = _fold_link_rows(rel.related_model, accessor, duplicate=d, survivor=survivor)
            count += rel.related_model._base_manager.filter(**{accessor: d}).update(
                **{accessor: survivor}
            )
            if count:
                moved[str(rel.related_model._meta.verbose_name_plural)] = count
        # Many-to-many fields declared on other models pointing at Organisation.
        for model in _models_with_m2m_to_organisation():
            for field in model._meta.many_to_many:
                if field.related_model is not Organisation:
                    continue
                through = field.remote_field.through
                src = field.m2m_reverse_field_name()
                own = field.m2m_field_name()
                rows = list(through.objects.filter(**{src: d}))
                for row in rows:
                    exists = through.objects.filter(
                        **{src: survivor, own: getattr(row, f"{own}_id")}
                    ).exists()
                    if exists:
                        row.delete()
                    else:
                        setattr(row, src, survivor)
                        row.save()
                if rows:
                    key = str(model._meta.verbose_name_plural)
                    moved[key] = moved.get(key, 0) + len(rows)
        for n in [d.legal_name, *d.other_names]:
            if n and n != survivor.legal_name and n not in names:
                names.append(n)
        for field in (
            "registration_number",
            "msic_section",
            "msic_division",
            "state",
            "city",
            "address",
            "size",
            "website",
            "email",
            "phone",
            "description",
        ):
            if not getattr(survivor, field) and getattr(d, field):
                setattr(survivor, field, getattr(d, field))
        if not survivor.lead_unit_id and d.lead_unit_id:
            survivor.lead_unit_id = d.lead_unit_id
        survivor.is_vetted = survivor.is_vetted or d.is_vetted
        d_before = snapshot(d)
        d.status = OrganisationStatus.MERGED
        d.merged_into = survivor
        d.save(update_fields=["status", "merged_into", "updated_at"])
        moved_text = ", ".join(f"{v} {k}" for k, v in sorted(moved.items())) or _("no records")
        audit_log(
            actor=by,
            action="merge",
            obj=d,
            changes=diff(d_before, snapshot(d)),
            message=_("Merged into %(survivor)s; moved %(moved)s.")
            % {
                "survivor": survivor.legal_name,
                "moved": moved_text,
            },
        )
        audit_log(
            actor=by,
            action="merge",
            obj=survivor,
            message=_("Absorbed %(dupe)s (#%(pk)s); moved %(moved)s.")
            % {
                "dupe": d.legal_name,
                "pk": d.pk,
                "moved": moved_text,
            },
        )
    survivor.other_names = names
    survivor.search_name = normalise_name(survivor.legal_name)
    survivor.full_clean()
    survivor.save()
    changes = diff(before, snapshot(survivor))
    if changes:
        audit_log(actor=by, action="update", obj=survivor, changes=changes)
    return survivor


# Rows that only link an organisation to one other record, by model label (so this app imports
# no other) with the field naming that record. Moving them blindly would leave the survivor
# twice on the same record when both organisations were on it (a memorandum's parties).
LINK_ROWS = {"agreements.Party": "memorandum"}
# Fields that place a row in a list rather than say anything about it.
_POSITION_FIELDS = {"order"}


def _fold_link_rows(
    model, accessor: str, *, duplicate: Organisation, survivor: Organisation
) -> int:
    """Merge the duplicate's link rows into the survivor's row on the same record; returns how
    many were folded (the rest are moved by the caller).

    What hangs off a folded row (a party's signatories) moves to the kept row unless the kept
    row already has an identical one, so nothing recorded is lost and nothing appears twice.
    """
    key = LINK_ROWS.get(model._meta.label)
    if key is None:
        return 0
    key_id = model._meta.get_field(key).attname
    rows = model._base_manager.filter(**{accessor: duplicate})
    kept_by_key = {
        getattr(row, key_id): row
        for row in model._base_manager.filter(
            **{accessor: survivor, f"{key_id}__in": rows.values(key_id)}
        ).order_by("-pk")  # the oldest row wins should the survivor already be there twice
    }
    folded = 0
    for row in rows.filter(**{f"{key_id}__in": list(kept_by_key)}):
        kept = kept_by_key[getattr(row, key_id)]
        for dep in model._meta.related_objects:
            if not dep.one_to_many:
                continue
            dep_fk = dep.field.name
            compared = [
                f.attname
                for f in dep.related_model._meta.concrete_fields
                if not f.primary_key and f.name != dep_fk and f.name not in _POSITION_FIELDS
            ]
            manager = dep.related_model._base_manager
            have = set(manager.filter(**{dep_fk: kept}).values_list(*compared))
            for child in manager.filter(**{dep_fk: row}).order_by("pk"):
                values = tuple(getattr(child, name) for name in compared)
                if values in have:
                    continue  # the kept row already has it; it goes with the folded row
                have.add(values)
                manager.filter(pk=child.pk).update(**{dep_fk: kept})
        model._base_manager.filter(pk=row.pk).delete()
        folded += 1
    return folded


def _models_with_m2m_to_organisation() -> list[type[models.Model]]:
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if any(f.related_model is Organisation for f in m._meta.many_to_many)
    ]
