from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jalinan.projects"
    label = "projects"
    verbose_name = "Projects"

    def ready(self):
        # Register navigation items, panels, daily jobs, notification kinds and SDG-taggable
        # models here (see jalinan.core.registry and jalinan.sdgs.registry).
        pass
