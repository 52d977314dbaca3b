from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jalinan.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self):
        from . import jobs

        jobs.register()
