from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jalinan.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
