from django.contrib import admin

from .models import ExpertProfile, ProfileProject, Publication


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "position", "availability", "is_public", "updated_at"]
    list_filter = ["is_public", "position", "availability"]
    search_fields = ["user__full_name", "user__email", "keywords", "department"]
    raw_id_fields = ["user"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "profile", "year", "kind", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["title", "doi", "profile__user__full_name"]
    raw_id_fields = ["profile"]


@admin.register(ProfileProject)
class ProfileProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "profile", "start_year", "end_year"]
    search_fields = ["title", "profile__user__full_name"]
    raw_id_fields = ["profile"]
