from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "jalinan.pipeline"
    label = "pipeline"
    verbose_name = "Pipeline"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
