from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jalinan.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from importlib import import_module

        from django.apps import apps
        from django.utils.module_loading import module_has_submodule

        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_benchmark,
            register_nav,
            register_panel,
        )

        from . import panels
        from .bench import bench_dashboard
        from .monthly import KIND
        from .permissions import can_see_dashboard

        # Every app's figures, charts and report parts (see registry.py): registered by the
        # register() of its kpis.py, called here once; importing the module registers nothing.
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "kpis"):
                import_module(f"{config.name}.kpis").register()

        register_kind(KIND, _("Reports: monthly headline figures"))
        register_nav(
            "reports.dashboard",
            label=_("Reports"),
            url_name="reports:dashboard",
            visible=can_see_dashboard,
            order=190,
        )
        register_panel(
            "my_work",
            "reports.headlines",
            template="reports/panels/headlines.html",
            context=panels.headlines,
            order=5,
        )
        register_benchmark(
            "reports.dashboard",
            bench_dashboard,
            description="Dashboard at 10,000 memoranda (queries, p50/p95 ms)",
        )

        from . import jobs

        jobs.register()
