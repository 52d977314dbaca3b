from django.urls import path

from . import views
from .imports import views as register_views

app_name = "core"
urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notification_read, name="notification_read"),
    path("audit/", views.audit_list, name="audit_list"),
    path("institution/", views.institution_edit, name="institution_edit"),
    path("registers/", register_views.register_list, name="register_list"),
    path("registers/runs/<int:pk>/", register_views.register_run, name="register_run"),
    path(
        "registers/<slug:key>/template.<str:fmt>",
        register_views.register_template,
        name="register_template",
    ),
    path("registers/<slug:key>/", register_views.register_import, name="register_import"),
    path(
        "registers/<slug:key>/preview/<str:token>/",
        register_views.register_preview,
        name="register_preview",
    ),
]
