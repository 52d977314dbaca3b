from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jalinan.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from jalinan.core.registry import register_benchmark, register_nav

        from . import signals
        from .roles import Role, has_role, is_oil, is_oil_admin

        signals.connect()  # password changes revoke API tokens

        def can_invite(user):
            return is_oil(user) or (has_role(user, Role.COORDINATOR) and user.unit_id)

        register_nav(
            "accounts.people",
            label=_("People"),
            url_name="accounts:user_list",
            visible=is_oil,
            menu="office",
            order=100,
        )
        register_nav(
            "accounts.invitations",
            label=_("Invitations"),
            url_name="accounts:invitation_list",
            visible=can_invite,
            menu="office",
            order=110,
        )
        register_nav(
            "accounts.approvals",
            label=_("Partner sign-ups"),
            url_name="accounts:approval_list",
            visible=is_oil,
            menu="office",
            order=120,
        )
        register_nav(
            "accounts.units",
            label=_("KCDIO units"),
            url_name="accounts:unit_list",
            visible=is_oil,
            menu="office",
            order=130,
        )
        register_nav(
            "accounts.people_sync",
            label=_("People sync"),
            url_name="accounts:people_sync",
            visible=is_oil_admin,
            menu="office",
            order=105,
        )
        register_nav(
            "accounts.identity_mappings",
            label=_("Identity mappings"),
            url_name="accounts:mapping_list",
            visible=is_oil_admin,
            menu="office",
            order=135,
        )

        from .bench import bench_sync

        register_benchmark(
            "accounts.sync_people",
            bench_sync,
            description="People sync: 20,000 rows (2,000 staff, 18,000 students) from CSV, "
            "then the same files, then a year later (seconds)",
        )
