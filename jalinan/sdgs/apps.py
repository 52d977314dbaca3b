from django.apps import AppConfig


class SdgsConfig(AppConfig):
    name = "jalinan.sdgs"
    label = "sdgs"
    verbose_name = "Sdgs"
