"""What the second half of technology transfer plugs into the shared pages: the SDG tags of
offers, notification kinds, menu items, and panels (the home page's newest technologies, a
spin-off's organisation page). ``TechnologiesConfig.ready()`` calls :func:`register`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def home_technologies(request, obj=None):
    """The front page: a few of the newest published technologies (anyone)."""
    from .selectors_transfer import newest_published

    items = newest_published(4)
    if not items:
        return None
    return {"technologies": items}


def partner_spinoff(request, org):
    """An organisation's page: that it is a university spin-off, with its licence."""
    from .models import Spinoff
    from .permissions_transfer import can_view_spinoff
    from .selectors_transfer import licences_for

    if org is None:
        return None
    spinoff = Spinoff.objects.select_related("licence__technology").filter(organisation=org).first()
    if spinoff is None:
        return None
    user = request.user
    licence = spinoff.licence
    licence_visible = bool(licence) and licences_for(user).filter(pk=licence.pk).exists()
    return {
        "spinoff": spinoff,
        "spinoff_visible": can_view_spinoff(user, spinoff),
        "licence": licence if licence_visible else None,
        "technology": licence.technology if licence else None,
    }


def _can_see_transfer_office(user) -> bool:
    from .permissions import is_ip_staff

    return is_ip_staff(user)


def register() -> None:
    from jalinan.core.notifications import register_kind
    from jalinan.core.registry import register_nav, register_panel
    from jalinan.sdgs.registry import register_taggable

    from .models import Technology
    from .permissions_transfer import (
        can_change_technology,
        can_see_enquiries,
        can_see_licences,
        can_see_policies,
        can_see_spinoffs,
        can_view_technology,
        is_public,
    )

    register_taggable(
        Technology,
        text=lambda t: t.public_text,
        can_decide=lambda user, t: can_change_technology(user, t),
        can_view=lambda user, t: is_public(t) or can_view_technology(user, t),
    )
    register_kind("technologies.enquiry", _("Enquiries about technologies"))
    register_kind("technologies.royalty", _("My shares of licensing income"))
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
        visible=_can_see_transfer_office,
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
        "home",
        "technologies.newest",
        template="technologies/catalogue/panels/home.html",
        context=home_technologies,
        order=30,
    )
    register_panel(
        "partner_detail",
        "technologies.spinoff",
        template="technologies/spinoffs/panels/partner_spinoff.html",
        context=partner_spinoff,
        order=15,
    )
    from . import licensees

    licensees.register()  # the daily job that keeps partners' interests indexed


# ``TechnologiesConfig.ready()`` looks for ``ready``.
ready = register
