from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jalinan.api"
    label = "api"
    verbose_name = "Api"
