from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jalinan.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from jalinan.accounts.roles import is_oil, is_oil_admin

        from .admin import audit_every_admin

        # The admin site registered every app's admins (autodiscover) before this runs.
        audit_every_admin()

        from .registry import register_demo_step, register_nav

        register_nav(
            "core.audit",
            label=_("Audit log"),
            url_name="core:audit_list",
            visible=is_oil,
            menu="office",
            order=900,
        )
        register_nav(
            "core.registers",
            label=_("Import registers"),
            url_name="core:register_list",
            visible=is_oil,
            menu="office",
            order=940,
        )
        register_nav(
            "core.institution",
            label=_("Institution settings"),
            url_name="core:institution_edit",
            visible=is_oil_admin,
            menu="office",
            order=950,
        )

        # The demo's people, after the partners' organisations (order 10: the partner login
        # belongs to one) and before every domain app's step.
        register_demo_step("people", "jalinan.core.demo.people", order=20)

        from . import jobs

        jobs.register()

        # The sample register files, once the apps whose registers they fill have seeded.
        register_demo_step("registers", "jalinan.core.demo.registers", order=990)
