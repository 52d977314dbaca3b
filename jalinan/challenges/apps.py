from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "jalinan.challenges"
    label = "challenges"
    verbose_name = "Challenges"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
