from django.contrib import admin

from .models import Opportunity, StageChange


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ["from_stage", "to_stage", "at", "by", "note"]
    readonly_fields = fields


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "source", "stage", "unit", "created_at"]
    list_filter = ["source", "stage", "unit"]
    search_fields = ["reference", "title", "organisation_name", "contact_name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["organisation", "unit", "owner", "memorandum", "project", "created_by"]
    inlines = [StageChangeInline]

    def has_add_permission(self, request):
        return False  # opportunities are opened through the application's services

    def has_change_permission(self, request, obj=None):
        return False
