from django.apps import AppConfig


class TechnologiesConfig(AppConfig):
    name = "jalinan.technologies"
    label = "technologies"
    verbose_name = "Technologies"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
