from django.contrib import admin

from .models import Contact, Organisation


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "legal_name",
        "org_type",
        "msic_section",
        "country",
        "state",
        "status",
        "is_vetted",
    ]
    list_filter = ["org_type", "status", "is_vetted", "msic_section"]
    search_fields = ["legal_name", "registration_number"]
    inlines = [ContactInline]
    readonly_fields = ["search_name", "merged_into"]
