from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "jalinan.partners"
    label = "partners"
    verbose_name = "Partners"

    def ready(self):
        from jalinan.core.registry import register_nav
        from jalinan.sdgs.registry import register_taggable

        from .models import Organisation
        from .permissions import (
            can_change_organisation,
            can_see_partner_registry,
            can_view_organisation,
        )

        register_taggable(
            Organisation,
            text=lambda o: "\n".join(filter(None, [o.legal_name, o.description])),
            can_decide=can_change_organisation,
            can_view=can_view_organisation,
        )

        register_nav(
            "partners.organisations",
            label=_("Partners"),
            url_name="partners:organisation_list",
            visible=can_see_partner_registry,
            order=100,
        )
