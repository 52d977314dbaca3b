from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jalinan.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_benchmark,
            register_daily_job,
            register_nav,
            register_panel,
        )

        from . import panels
        from .bench import bench_dashboard
        from .monthly import KIND, send_monthly_headlines
        from .permissions import can_see_dashboard

        # Every app's figures, charts and report parts (see registry.py).
        autodiscover_modules("kpis")

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
        register_daily_job(
            "reports.monthly_headlines",
            lambda: {"sent": send_monthly_headlines()},
            description="Reports: the monthly headline figures to management (first run of "
            "each month)",
            order=80,
        )
        register_benchmark(
            "reports.dashboard",
            bench_dashboard,
            description="Dashboard at 10,000 memoranda (queries, p50/p95 ms)",
        )
