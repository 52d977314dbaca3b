"""Read-mostly admin for the office's support work; changes go through the pages (services)."""

from django.contrib import admin

from .models import (
    Application,
    Evaluation,
    GraduateOutcome,
    Opening,
    Placement,
    Programme,
    RubricCriterion,
    StudentProfile,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "unit", "is_active"]
    list_filter = ["level", "is_active", "unit"]
    search_fields = ["code", "name", "name_ms"]


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "stage", "weight", "max_score", "order", "is_active"]
    list_editable = ["order", "is_active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Opening)
class OpeningAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "status", "deadline"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "organisation__legal_name"]


@admin.register(StudentProfile)
class StudentProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "programme", "year_of_study", "consent_to_share"]
    search_fields = ["user__full_name", "user__email"]
    exclude = ["cgpa"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["student", "opening", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["student", "organisation", "starts_on", "ends_on", "status"]
    list_filter = ["status"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["placement", "stage", "percent", "submitted_at"]


@admin.register(GraduateOutcome)
class GraduateOutcomeAdmin(ReadOnlyAdmin):
    list_display = ["student", "graduated_on", "status", "within_six_months"]
