from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiToken, IdentityMapping, Invitation, Unit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "unit", "organisation", "approval_status", "is_active"]
    list_filter = ["is_active", "is_staff", "approval_status", "groups"]
    search_fields = ["email", "full_name", "staff_id"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Person",
            {"fields": ["full_name", "title", "job_title", "phone", "staff_id", "language"]},
        ),
        (
            "Affiliation",
            {"fields": ["unit", "organisation", "requested_organisation", "approval_status"]},
        ),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]

    def get_readonly_fields(self, request, obj=None):
        # Roles are given on the people page (only by another OIL administrator, audited);
        # nobody makes themselves staff or superuser, or stops being one, here.
        fields = [*super().get_readonly_fields(request, obj), "groups"]
        if obj is not None and obj.pk == request.user.pk:
            fields += ["is_staff", "is_superuser"]
        return fields


@admin.register(IdentityMapping)
class IdentityMappingAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "unit", "role")
    list_filter = ("kind",)
    search_fields = ("value",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "expires_at", "revoked_at"]
    exclude = ["token_hash", "password_stamp"]
