from django.urls import path

from . import views, views_import

app_name = "partners"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("check-duplicates/", views.check_duplicates, name="check_duplicates"),
    path("import/", views_import.import_upload, name="organisation_import"),
    path("import/preview/", views_import.import_preview, name="organisation_import_preview"),
    path("import/template.<str:fmt>", views_import.import_template, name="import_template"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_update, name="organisation_update"),
    path("<int:pk>/vet/", views.organisation_vet, name="organisation_vet"),
    path("<int:pk>/merge/", views.organisation_merge, name="organisation_merge"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_update, name="contact_update"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
]
