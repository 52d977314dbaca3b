from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "jalinan.placements"
    label = "placements"
    verbose_name = "Placements"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
