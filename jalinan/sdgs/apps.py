from django.apps import AppConfig


class SdgsConfig(AppConfig):
    name = "jalinan.sdgs"
    label = "sdgs"
    verbose_name = "SDGs"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
