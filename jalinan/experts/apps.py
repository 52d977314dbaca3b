from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "jalinan.experts"
    label = "experts"
    verbose_name = "Experts"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
