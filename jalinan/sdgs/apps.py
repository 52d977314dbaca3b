from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgsConfig(AppConfig):
    name = "jalinan.sdgs"
    label = "sdgs"
    verbose_name = "SDGs"

    def ready(self):
        from jalinan.core.registry import (
            register_benchmark,
            register_demo_step,
            register_nav,
        )

        from .bench import classifier_throughput
        from .permissions import can_review_suggestions

        register_nav(
            "sdgs.goals",
            label=_("SDGs"),
            url_name="sdgs:goal_index",
            visible=lambda user: True,
            order=700,
        )
        register_nav(
            "sdgs.review",
            label=_("SDG suggestions"),
            url_name="sdgs:review",
            visible=can_review_suggestions,
            menu="office",
            order=700,
        )
        register_benchmark(
            "sdgs.classifier",
            classifier_throughput,
            description="SDG classifier throughput on ~85-word texts (texts/s, batched)",
        )

        register_demo_step("sdgs", f"{self.name}.demo", order=100)

        from . import jobs

        jobs.register()

        from jalinan.core.imports.registry import register_import_wrapper

        from .services import deferred_classification

        # A register import asks for the SDG suggestions of its new records once, in batches.
        register_import_wrapper("sdgs.classification", deferred_classification)
