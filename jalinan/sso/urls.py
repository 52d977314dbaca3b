from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("", views.settings_page, name="settings"),
]
