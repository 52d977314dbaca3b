from django.contrib import admin

from .models import Activity, Attachment


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "is_internal", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "activity_type", "date", "unit"]
    list_filter = ["activity_type", "unit"]
    search_fields = ["title", "description", "outcome"]
    date_hierarchy = "date"
    raw_id_fields = ["organisations", "memoranda", "deliverables", "staff", "students"]
    inlines = [AttachmentInline]

    def has_add_permission(self, request):
        return False  # activities are logged through the application's services

    def has_change_permission(self, request, obj=None):
        return False
