from django.contrib import admin

from .models import Funding, IncomeRecord, Milestone, Output, Project, ProjectMember


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MemberInline(_ReadOnlyInline):
    model = ProjectMember
    fields = ["user", "name", "role", "is_student"]


class FundingInline(_ReadOnlyInline):
    model = Funding
    fields = ["year", "organisation", "cash", "in_kind"]


class MilestoneInline(_ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_date", "status", "is_deliverable"]


class IncomeInline(_ReadOnlyInline):
    model = IncomeRecord
    fields = ["received_on", "amount", "payer", "reference"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "kind", "status", "lead", "unit", "start_date"]
    list_filter = ["kind", "status", "unit"]
    search_fields = ["reference", "title", "summary"]
    raw_id_fields = ["organisations", "lead", "memorandum"]
    inlines = [MemberInline, FundingInline, MilestoneInline, IncomeInline]

    def has_add_permission(self, request):
        return False  # projects are opened through the application's services

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "project"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
