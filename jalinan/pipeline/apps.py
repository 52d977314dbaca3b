from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "jalinan.pipeline"
    label = "pipeline"
    verbose_name = "Pipeline"

    def ready(self):
        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Opportunity
        from .permissions import can_change_opportunity, can_see_pipeline, can_view_opportunity

        register_taggable(
            Opportunity,
            text=lambda o: "\n".join(filter(None, [o.title, o.description])),
            can_decide=can_change_opportunity,
            can_view=can_view_opportunity,
        )
        register_kind("pipeline.enquiry", _("New public enquiries"))
        register_kind("pipeline.moved", _("Moves of the opportunities I am in charge of"))
        register_nav(
            "pipeline.board",
            label=_("Pipeline"),
            url_name="pipeline:board",
            visible=can_see_pipeline,
            order=105,
        )
        register_panel(
            "home",
            "pipeline.enquire",
            template="pipeline/panels/home.html",
            context=panels.home_enquiry,
            order=20,
        )
        register_panel(
            "my_work",
            "pipeline.mine",
            template="pipeline/panels/my_work.html",
            context=panels.my_pipeline,
            order=15,
        )

        register_demo_step("pipeline", f"{self.name}.demo", order=600)

        from . import jobs

        jobs.register()
