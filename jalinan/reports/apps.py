from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jalinan.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
