from django.contrib import admin

from .models import Deliverable, Document, Memorandum, MemorandumType, Party, StatusChange


@admin.register(MemorandumType)
class MemorandumTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "needs_committee", "is_active", "order"]

    def has_change_permission(self, request, obj=None):
        return False  # changed in the application (Office > Memorandum types), with audit

    def has_add_permission(self, request):
        return False


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    raw_id_fields = ["organisation"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["created_at", "action", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["kind", "version", "original_name", "is_confidential", "uploaded_at"]
    readonly_fields = fields


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    extra = 0
    fields = ["title", "due_date", "status", "owner"]
    readonly_fields = fields


@admin.register(Memorandum)
class MemorandumAdmin(admin.ModelAdmin):
    """Read-only: memoranda change through the application, whose services audit and notify."""

    list_display = ["reference", "title", "memo_type", "status", "initiating_unit", "end_date"]
    list_filter = ["status", "memo_type", "confidentiality"]
    search_fields = ["reference", "title"]
    date_hierarchy = "created_at"
    inlines = [PartyInline, DocumentInline, DeliverableInline, StatusChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
