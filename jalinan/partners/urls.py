from django.urls import path

from .views import contacts, imports, organisations

app_name = "partners"
urlpatterns = [
    path("", organisations.organisation_list, name="organisation_list"),
    path("new/", organisations.organisation_create, name="organisation_create"),
    path("check-duplicates/", organisations.check_duplicates, name="check_duplicates"),
    path("import/", imports.import_upload, name="organisation_import"),
    path("import/preview/", imports.import_preview, name="organisation_import_preview"),
    path("import/template.<str:fmt>", imports.import_template, name="import_template"),
    path("<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", organisations.organisation_update, name="organisation_update"),
    path("<int:pk>/vet/", organisations.organisation_vet, name="organisation_vet"),
    path("<int:pk>/merge/", organisations.organisation_merge, name="organisation_merge"),
    path("<int:pk>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", contacts.contact_update, name="contact_update"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
]
