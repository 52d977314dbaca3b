from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "jalinan.partners"
    label = "partners"
    verbose_name = "Partners"
