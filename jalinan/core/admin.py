"""Changes made through Django's admin are audited like every other write.

:class:`AuditedModelAdmin` writes an audit entry, with the field differences and the admin
user as actor, for every save, delete, bulk delete and inline change. ``CoreConfig.ready``
mixes it into every ModelAdmin registered on the admin site, so no admin can skip it.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.db import transaction

from .audit import audit_log, diff, snapshot

ADMIN = "Django admin"


def _stored(obj):
    """``obj`` as the database holds it (the form has already changed the instance)."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def _m2m(obj, form) -> dict:
    return {
        f.name: sorted(str(v) for v in getattr(obj, f.name).all())
        for f in obj._meta.many_to_many
        if f.name in form.fields
    }


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every change writes an audit entry (see the module docstring)."""

    def _audited(self, request, obj) -> None:
        if not hasattr(request, "_jalinan_admin_audited"):
            request._jalinan_admin_audited = set()
        request._jalinan_admin_audited.add((type(obj), str(obj.pk)))

    def save_model(self, request, obj, form, change):
        stored = _stored(obj) if change else None
        before = snapshot(stored) if stored is not None else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj))
        if changes or not change:
            action = "update" if change else "create"
            audit_log(actor=request.user, action=action, obj=obj, changes=changes, message=ADMIN)
        self._audited(request, obj)

    def save_related(self, request, form, formsets, change):
        before = _m2m(form.instance, form) if change else {}
        super().save_related(request, form, formsets, change)
        changes = diff(before, _m2m(form.instance, form))
        if changes:
            audit_log(
                actor=request.user,
                action="update",
                obj=form.instance,
                changes=changes,
                message=ADMIN,
            )

    def save_formset(self, request, form, formset, change):
        changed = [f.instance.pk for f in formset.initial_forms if f.has_changed()]
        model = formset.model
        before = {pk: snapshot(o) for pk, o in model._default_manager.in_bulk(changed).items()}
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                gone = snapshot(deleted.instance)
                audit_log(
                    actor=request.user,
                    action="delete",
                    obj=deleted.instance,
                    changes=diff(gone, {}),
                    message=ADMIN,
                )
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_log(
                actor=request.user,
                action="create",
                obj=obj,
                changes=diff({}, snapshot(obj)),
                message=ADMIN,
            )
        for obj, _fields in formset.changed_objects:
            changes = diff(before.get(obj.pk, {}), snapshot(obj))
            if changes:
                audit_log(
                    actor=request.user, action="update", obj=obj, changes=changes, message=ADMIN
                )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_log(
                actor=request.user,
                action="delete",
                obj=obj,
                changes=diff(snapshot(obj), {}),
                message=ADMIN,
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_log(
                    actor=request.user,
                    action="delete",
                    obj=obj,
                    changes=diff(snapshot(obj), {}),
                    message=ADMIN,
                )
            super().delete_queryset(request, queryset)

    def log_change(self, request, obj, message):
        # Views that save without save_model (the user's password form) are audited here.
        if (type(obj), str(obj.pk)) not in getattr(request, "_jalinan_admin_audited", set()):
            audit_log(
                actor=request.user,
                action="update",
                obj=obj,
                message=f"{ADMIN}: {self.construct_change_message_text(message)}",
            )
        return super().log_change(request, obj, message)

    @staticmethod
    def construct_change_message_text(message) -> str:
        from django.contrib.admin.models import LogEntry

        if isinstance(message, list):  # construct_change_message's form, as LogEntry stores it
            message = json.dumps(message)
        return LogEntry(change_message=message).get_change_message() if message else ""


def audit_every_admin(site: admin.AdminSite = admin.site) -> None:
    """Mix :class:`AuditedModelAdmin` into every ModelAdmin registered on ``site``."""
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if isinstance(model_admin, AuditedModelAdmin):
            continue
        model_admin.__class__ = type(f"Audited{cls.__name__}", (AuditedModelAdmin, cls), {})
        site._registry[model] = model_admin
