from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "jalinan.engagements"
    label = "engagements"
    verbose_name = "Engagements"

    def ready(self):
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Activity
        from .permissions import can_change_activity, can_see_activities, can_view_activity

        register_taggable(
            Activity,
            text=lambda a: "\n".join(filter(None, [a.title, a.description, a.outcome])),
            can_decide=can_change_activity,
            can_view=can_view_activity,
        )
        register_nav(
            "engagements.activities",
            label=_("Engagements"),
            url_name="engagements:activity_list",
            visible=can_see_activities,
            order=120,
        )
        register_panel(
            "partner_detail",
            "engagements.activities",
            template="engagements/panels/partner_activities.html",
            context=panels.partner_activities,
            order=20,
        )
        register_panel(
            "my_work",
            "engagements.mine",
            template="engagements/panels/my_activities.html",
            context=panels.my_activities,
            order=30,
        )

        register_demo_step("engagements", f"{self.name}.demo", order=400)

        from . import jobs, registers

        jobs.register()
        registers.register()
