from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "jalinan.portal"
    label = "portal"
    verbose_name = "Portal"
