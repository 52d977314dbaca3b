from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "jalinan.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self):
        from jalinan.accounts.roles import is_oil_admin
        from jalinan.core.registry import register_nav

        register_nav(
            "sso.settings",
            label=_("Single sign-on"),
            url_name="sso:settings",
            visible=is_oil_admin,
            menu="office",
            order=140,
        )
