from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "jalinan.partners"
    label = "partners"
    verbose_name = "Partners"

    def ready(self):
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_partner_directory,
        )
        from jalinan.sdgs.registry import register_taggable

        from .dedupe import find_duplicates
        from .models import Organisation
        from .permissions import (
            can_change_organisation,
            can_see_partner_registry,
            can_view_organisation,
        )
        from .selectors import linkable_organisations
        from .services import organisation_create_for_signup

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
        register_partner_directory(
            linkable=linkable_organisations,
            find_duplicates=find_duplicates,
            create=organisation_create_for_signup,
        )
        # Before the people: the partner demo login belongs to one of these organisations.
        register_demo_step("partners", f"{self.name}.demo", order=10)

        from . import registers

        registers.register()
