from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jalinan.placements"
    label = "placements"
    verbose_name = "Placements"

    def ready(self):
        from jalinan.core.notifications import Delivery, register_kind
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Opening
        from .permissions import (
            can_change_opening,
            can_manage_settings,
            can_see_outcomes,
            can_see_overview,
            can_use_placements,
            can_view_opening,
        )
        from .services.common import (
            KIND_APPLICATION,
            KIND_LOGBOOK,
            KIND_OPENING,
            KIND_PLACEMENT,
            KIND_REMINDER,
        )

        register_taggable(
            Opening,
            text=lambda o: "\n".join(
                filter(None, [o.title, o.description, ", ".join(o.skills or [])])
            ),
            can_decide=can_change_opening,
            can_view=can_view_opening,
        )

        register_kind(KIND_OPENING, _("Placement openings: approval and decisions"))
        register_kind(KIND_APPLICATION, _("Placement applications"))
        register_kind(KIND_PLACEMENT, _("Placements: supervisors and evaluations"))
        register_kind(KIND_LOGBOOK, _("Placement logbook entries to review"), Delivery.DIGEST)
        register_kind(KIND_REMINDER, _("Placement reminders: overdue items"))

        register_nav(
            "placements.openings",
            label=_("Placements"),
            url_name="placements:opening_list",
            visible=can_use_placements,
            order=400,
        )
        register_nav(
            "placements.overview",
            label=_("Placement overview"),
            url_name="placements:overview",
            visible=can_see_overview,
            menu="office",
            order=400,
        )
        register_nav(
            "placements.outcomes",
            label=_("Graduate outcomes"),
            url_name="placements:outcome_list",
            visible=can_see_outcomes,
            menu="office",
            order=410,
        )
        register_nav(
            "placements.settings",
            label=_("Placement rubric and programmes"),
            url_name="placements:rubric_list",
            visible=can_manage_settings,
            menu="office",
            order=420,
        )

        for key, func, order, width in panels.MY_WORK:
            register_panel(
                "my_work",
                f"placements.{key}",
                template=f"placements/panels/{key}.html",
                context=func,
                order=order,
                width=width,
            )
        register_panel(
            "partner_detail",
            "placements.partner",
            template="placements/panels/partner_detail.html",
            context=panels.partner_detail,
            order=400,
            width=12,
        )

        register_demo_step("placements", f"{self.name}.demo", order=900)

        from jalinan.accounts.provisioning import register_sync_hook

        from .provisioning import StudentProgrammeSync

        register_sync_hook("placements.programme", StudentProgrammeSync, source="students")

        from . import jobs, registers

        jobs.register()
        registers.register()
