from django.contrib import admin

from .models import ClassifiedText, Goal, Indicator, SdgTag, Target


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["code", "text_en"]
    extra = 0
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name_en", "name_ms", "colour"]
    inlines = [TargetInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["code", "unsd_code", "text_en"]
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "text_en"]
    list_filter = ["goal"]
    search_fields = ["code", "text_en"]
    inlines = [IndicatorInline]


@admin.register(SdgTag)
class SdgTagAdmin(admin.ModelAdmin):
    list_display = ["goal", "content_type", "object_id", "status", "source", "confidence"]
    list_filter = ["status", "source", "goal", "content_type"]
    readonly_fields = ["evidence", "decided_by", "decided_at"]


@admin.register(ClassifiedText)
class ClassifiedTextAdmin(admin.ModelAdmin):
    list_display = ["content_type", "object_id", "classifier_version", "classified_at"]
