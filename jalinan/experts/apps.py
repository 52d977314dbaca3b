from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "jalinan.experts"
    label = "experts"
    verbose_name = "Experts"
