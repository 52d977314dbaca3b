from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _my_profile_panel(request, obj):
    from .models import ExpertProfile
    from .permissions import can_have_profile
    from .selectors import profile_completeness

    user = request.user
    if not can_have_profile(user):
        return None
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        return {"profile": None}
    percent, hints = profile_completeness(profile)
    return {"profile": profile, "completeness": percent, "hint": hints[0] if hints else ""}


class ExpertsConfig(AppConfig):
    name = "jalinan.experts"
    label = "experts"
    verbose_name = "Experts"

    def ready(self):
        from jalinan.core.registry import register_demo_step, register_nav, register_panel
        from jalinan.sdgs.registry import register_taggable

        from .models import ExpertProfile, Publication
        from .permissions import (
            can_change_profile,
            can_have_profile,
            can_search_experts,
            can_view_profile,
        )

        register_taggable(
            ExpertProfile,
            text=lambda p: "\n".join(filter(None, ["; ".join(p.keywords), p.biography])),
            can_decide=can_change_profile,
            can_view=can_view_profile,
        )
        register_taggable(
            Publication,
            text=lambda p: "\n".join(filter(None, [p.title, p.abstract, "; ".join(p.keywords)])),
            can_decide=lambda user, p: can_change_profile(user, p.profile),
            can_view=lambda user, p: can_view_profile(user, p.profile),
        )
        register_nav(
            "experts.search",
            label=_("Experts"),
            url_name="experts:search",
            visible=lambda u: can_search_experts(u) or can_have_profile(u),
            order=200,
        )
        register_panel(
            "my_work",
            "experts.my_profile",
            template="experts/_panel.html",
            context=_my_profile_panel,
            order=50,
        )

        register_demo_step("experts", f"{self.name}.demo", order=200)

        from jalinan.accounts.provisioning import register_sync_hook

        from .provisioning import ExpertProfileSync

        register_sync_hook("experts.profile", ExpertProfileSync, source="staff")

        from . import registers

        registers.register()
