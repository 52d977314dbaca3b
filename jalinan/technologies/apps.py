from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TechnologiesConfig(AppConfig):
    name = "jalinan.technologies"
    label = "technologies"
    verbose_name = "Technologies"

    def ready(self):
        """Everything the app plugs into the shared pages: notification kinds, the SDG tags of
        offers, menu items and panels; its daily jobs through ``jobs.register()``. (Its figures,
        charts and report sections are in ``kpis.py``, whose ``register()`` the reports app
        calls.)"""
        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Technology
        from .permissions.common import is_ip_staff
        from .permissions.disclosures import can_create_disclosure
        from .permissions.enquiries import can_see_enquiries
        from .permissions.licences import can_see_licences, can_see_policies
        from .permissions.offers import can_change_technology, can_view_technology, is_public
        from .permissions.spinoffs import can_see_spinoffs
        from .services.assets import NOTIFY_DEADLINE
        from .services.disclosures import NOTIFY_DECIDED, NOTIFY_SUBMITTED

        register_kind(NOTIFY_SUBMITTED, _("Invention disclosures to assess"))
        register_kind(NOTIFY_DECIDED, _("Decisions on my invention disclosures"))
        register_kind(NOTIFY_DEADLINE, _("IP deadlines (PCT, examination, fees)"))
        register_kind("technologies.enquiry", _("Enquiries about technologies"))
        register_kind("technologies.royalty", _("My shares of licensing income"))

        register_taggable(
            Technology,
            text=lambda t: t.public_text,
            can_decide=lambda user, t: can_change_technology(user, t),
            can_view=lambda user, t: is_public(t) or can_view_technology(user, t),
        )

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
        register_nav(
            "technologies.catalogue",
            label=_("Technology catalogue"),
            url_name="technologies:catalogue",
            visible=lambda user: True,
            order=140,
        )
        register_nav(
            "technologies.offers",
            label=_("Technology offers"),
            url_name="technologies:technology_list",
            visible=is_ip_staff,
            menu="office",
            order=150,
        )
        register_nav(
            "technologies.enquiries",
            label=_("Technology enquiries"),
            url_name="technologies:enquiry_list",
            visible=can_see_enquiries,
            menu="office",
            order=151,
        )
        register_nav(
            "technologies.licences",
            label=_("Licences"),
            url_name="technologies:licence_list",
            visible=can_see_licences,
            order=145,
        )
        register_nav(
            "technologies.policy",
            label=_("Revenue sharing policy"),
            url_name="technologies:policy_list",
            visible=can_see_policies,
            menu="office",
            order=152,
        )
        register_nav(
            "technologies.spinoffs",
            label=_("Spin-offs"),
            url_name="technologies:spinoff_list",
            visible=can_see_spinoffs,
            menu="office",
            order=153,
        )

        register_panel(
            "my_work",
            "technologies.mine",
            template="technologies/panels/my_technologies.html",
            context=panels.my_technologies,
            order=45,
        )
        register_panel(
            "home",
            "technologies.newest",
            template="technologies/catalogue/panels/home.html",
            context=panels.home_technologies,
            order=30,
        )
        register_panel(
            "partner_detail",
            "technologies.spinoff",
            template="technologies/spinoffs/panels/partner_spinoff.html",
            context=panels.partner_spinoff,
            order=15,
        )

        register_demo_step("technologies", f"{self.name}.demo", order=800)

        from . import jobs, registers

        jobs.register()
        registers.register()
