from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("mappings/", views.mapping_list, name="mapping_list"),
    path("mappings/new/", views.mapping_edit, name="mapping_create"),
    path("mappings/<int:pk>/edit/", views.mapping_edit, name="mapping_update"),
    path("mappings/<int:pk>/delete/", views.mapping_delete, name="mapping_delete"),
]
