"""Read-only admin views: challenges change only through the application's services (so that
every change is audited and the right people are told)."""

from django.contrib import admin

from .models import Challenge, ChallengeAttachment, Invitation


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttachmentInline(ReadOnlyInline):
    model = ChallengeAttachment
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fields = ["expert", "status", "score", "invited_by", "invited_at", "responded_at"]
    readonly_fields = fields


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "organisation",
        "status",
        "visibility",
        "proposal_deadline",
    ]
    list_filter = ["status", "visibility", "ip_expectation"]
    search_fields = ["reference", "title", "problem_statement", "organisation__legal_name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["organisation", "posted_by", "unit", "published_by"]
    inlines = [AttachmentInline, InvitationInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
