from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.memorandum_list, name="memorandum_list"),
    path("new/", views.memorandum_create, name="memorandum_create"),
    path("health/", views.health_list, name="health_list"),
    path("mcom/", views.mcom_agenda, name="mcom_agenda"),
    path("mcom/agenda.pdf", views.mcom_agenda_pdf, name="mcom_agenda_pdf"),
    path("mcom/minutes.pdf", views.mcom_minutes_pdf, name="mcom_minutes_pdf"),
    path("types/", views.type_list, name="type_list"),
    path("types/new/", views.type_create, name="type_create"),
    path("types/<int:pk>/edit/", views.type_update, name="type_update"),
    path("<int:pk>/", views.memorandum_detail, name="memorandum_detail"),
    path("<int:pk>/edit/", views.memorandum_update, name="memorandum_update"),
    path("<int:pk>/step/<slug:action>/", views.memorandum_transition, name="memorandum_transition"),
    path("<int:pk>/nudge/", views.memorandum_nudge, name="memorandum_nudge"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("<int:pk>/signatories/new/", views.signatory_add, name="signatory_add"),
    path("<int:pk>/deliverables/new/", views.deliverable_create, name="deliverable_create"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("signatories/<int:pk>/remove/", views.signatory_remove, name="signatory_remove"),
    path("deliverables/<int:pk>/edit/", views.deliverable_update, name="deliverable_update"),
]
