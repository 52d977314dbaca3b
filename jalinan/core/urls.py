from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notification_read, name="notification_read"),
    path("audit/", views.audit_list, name="audit_list"),
    path("institution/", views.institution_edit, name="institution_edit"),
]
