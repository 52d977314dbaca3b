import importlib.util

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechnologiesConfig(AppConfig):
    name = "jalinan.technologies"
    label = "technologies"
    verbose_name = "Technologies"

    def ready(self):
        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_daily_job,
            register_demo_step,
            register_nav,
            register_panel,
        )

        from . import panels
        from .permissions import can_create_disclosure, is_ip_staff
        from .services import NOTIFY_DEADLINE, NOTIFY_DECIDED, NOTIFY_SUBMITTED

        register_kind(NOTIFY_SUBMITTED, _("Invention disclosures to assess"))
        register_kind(NOTIFY_DECIDED, _("Decisions on my invention disclosures"))
        register_kind(NOTIFY_DEADLINE, _("IP deadlines (PCT, examination, fees)"))

        register_nav(
            "technologies.disclosures",
            label=_("Technologies"),
            url_name="technologies:disclosure_list",
            visible=lambda u: can_create_disclosure(u) or is_ip_staff(u),
            order=90,
        )
        register_nav(
            "technologies.review",
            label=_("Disclosures to review"),
            url_name="technologies:disclosure_queue",
            visible=is_ip_staff,
            menu="office",
            order=140,
        )
        register_nav(
            "technologies.portfolio",
            label=_("IP portfolio"),
            url_name="technologies:asset_list",
            visible=is_ip_staff,
            menu="office",
            order=141,
        )
        register_nav(
            "technologies.deadlines",
            label=_("Upcoming IP deadlines"),
            url_name="technologies:deadline_list",
            visible=is_ip_staff,
            menu="office",
            order=142,
        )
        register_panel(
            "my_work",
            "technologies.mine",
            template="technologies/panels/my_technologies.html",
            context=panels.my_technologies,
            order=45,
        )

        def reminders():
            from .reminders import send_ip_reminders

            return send_ip_reminders()

        register_daily_job(
            "technologies.ip_reminders",
            reminders,
            description="Technologies: tiered reminders of IP deadlines",
            order=60,
        )

        register_demo_step("technologies", f"{self.name}.demo", order=800)

        # The second half of the app (offers, catalogue, licences, spin-offs) registers its
        # own navigation, panels and kinds in ``apps_transfer.ready()`` when it has one.
        if importlib.util.find_spec(f"{self.name}.apps_transfer") is not None:
            from .apps_transfer import ready as ready_transfer

            ready_transfer()
