from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jalinan.core"
    label = "core"
    verbose_name = "Core"
