from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "jalinan.projects"
    label = "projects"
    verbose_name = "Projects"

    def ready(self):
        from jalinan.core.notifications import register_kind
        from jalinan.core.registry import (
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Project
        from .permissions import can_change_project, can_see_projects, can_view_project
        from .selectors import projects_for
        from .services import NOTIFY_KIND, REMINDER_KIND

        register_kind(NOTIFY_KIND, _("Projects: team and status"))
        register_kind(REMINDER_KIND, _("Projects: milestones due and late"))
        register_taggable(
            Project,
            text=lambda p: "\n".join(filter(None, [p.title, p.summary])),
            can_decide=can_change_project,
            can_view=can_view_project,
            visible=projects_for,
        )
        register_nav(
            "projects.projects",
            label=_("Projects"),
            url_name="projects:project_list",
            visible=can_see_projects,
            order=130,
        )
        register_panel(
            "partner_detail",
            "projects.projects",
            template="projects/panels/partner_projects.html",
            context=panels.partner_projects,
            order=25,
        )
        register_panel(
            "memorandum_detail",
            "projects.memorandum",
            template="projects/panels/memorandum_projects.html",
            context=panels.memorandum_projects,
            order=10,
        )
        register_panel(
            "my_work",
            "projects.mine",
            template="projects/panels/my_projects.html",
            context=panels.my_projects,
            order=35,
        )

        register_demo_step("projects", f"{self.name}.demo", order=500)

        from . import jobs, registers

        jobs.register()
        registers.register()
