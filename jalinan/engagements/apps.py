from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "jalinan.engagements"
    label = "engagements"
    verbose_name = "Engagements"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
