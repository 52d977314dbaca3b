from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "jalinan.engagements"
    label = "engagements"
    verbose_name = "Engagements"

    def ready(self):
        from jalinan.core.registry import (
            register_daily_job,
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

        def refresh():
            from .services import refresh_recent

            return {"memoranda_updated": refresh_recent()}

        register_daily_job(
            "engagements.refresh_memoranda",
            refresh,
            description="Engagements: count activities that have now taken place towards "
            "their memoranda's health",
            order=40,
        )

        register_demo_step("engagements", f"{self.name}.demo", order=400)

        from jalinan.accounts.roles import is_oil
        from jalinan.core.imports.registry import register_import

        from .registers import COLUMNS, write_activity

        register_import(
            "activities",
            label=_("Engagement activities"),
            description=_(
                "Meetings, visits, talks and other activities with partners, with the memoranda "
                "they served."
            ),
            columns=COLUMNS,
            write_row=write_activity,
            reference="reference",
            can_import=is_oil,
            order=20,
            object_url=lambda activity: activity.get_absolute_url(),
        )
