from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "jalinan.agreements"
    label = "agreements"
    verbose_name = "Memoranda"

    def ready(self):
        from jalinan.accounts.roles import Role, has_role, is_oil, is_oil_admin
        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_benchmark,
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .bench import bench_import, bench_list
        from .models import Memorandum
        from .permissions import can_change_memorandum, can_see_memoranda, can_view_memorandum

        register_kind("agreements.workflow", _("Memoranda: steps awaiting you"))
        register_kind("agreements.expiry", _("Memoranda: expiry alerts"))
        register_kind("agreements.stuck", _("Memoranda: steps taking too long"))
        register_kind("agreements.deliverable", _("Memoranda: overdue deliverables"))
        register_kind("agreements.reminder", _("Memoranda: reminders to log activities"))

        register_taggable(
            Memorandum,
            text=lambda m: "\n".join(filter(None, [m.title, m.scope, m.objectives])),
            can_decide=can_change_memorandum,
            can_view=can_view_memorandum,
        )

        register_nav(
            "agreements.memoranda",
            label=_("Memoranda"),
            url_name="agreements:memorandum_list",
            visible=can_see_memoranda,
            order=110,
        )
        register_nav(
            "agreements.mcom",
            label=_("MCOM agenda"),
            url_name="agreements:mcom_agenda",
            visible=lambda u: has_role(u, Role.COMMITTEE) and not is_oil(u),
            order=115,
        )
        register_nav(
            "agreements.mcom_office",
            label=_("MCOM agenda"),
            url_name="agreements:mcom_agenda",
            visible=is_oil,
            menu="office",
            order=110,
        )
        register_nav(
            "agreements.health",
            label=_("Dormant and at-risk memoranda"),
            url_name="agreements:health_list",
            visible=is_oil,
            menu="office",
            order=111,
        )
        register_nav(
            "agreements.types",
            label=_("Memorandum types"),
            url_name="agreements:type_list",
            visible=is_oil_admin,
            menu="office",
            order=112,
        )

        register_panel(
            "my_work",
            "agreements.awaiting",
            template="agreements/panels/awaiting.html",
            context=panels.awaiting_me,
            order=20,
        )
        register_panel(
            "my_work",
            "agreements.attention",
            template="agreements/panels/attention.html",
            context=panels.unit_attention,
            order=21,
        )
        register_panel(
            "my_work",
            "agreements.mcom",
            template="agreements/panels/mcom.html",
            context=panels.mcom,
            order=22,
        )
        register_panel(
            "my_work",
            "agreements.partner",
            template="agreements/panels/partner_memoranda.html",
            context=panels.partner_own,
            order=23,
        )
        register_panel(
            "partner_detail",
            "agreements.memoranda",
            template="agreements/panels/partner_memoranda.html",
            context=panels.partner_memoranda,
            order=10,
        )

        register_benchmark(
            "agreements.list",
            bench_list,
            description="Memoranda list page at 10,000 memoranda (queries, p50/p95 ms)",
        )

        register_benchmark(
            "agreements.import_memoranda",
            bench_import,
            description="Import of a register of 5,000 memoranda (seconds, rows per second)",
        )

        register_demo_step("agreements", f"{self.name}.demo", order=300)

        from . import jobs, registers

        jobs.register()
        registers.register()
