from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "jalinan.agreements"
    label = "agreements"
    verbose_name = "Memoranda"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
