from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "jalinan.challenges"
    label = "challenges"
    verbose_name = "Challenges"

    def ready(self):
        from jalinan.accounts.roles import is_academic
        from jalinan.core.notifications import Delivery, register_kind
        from jalinan.core.registry import (
            register_benchmark,
            register_demo_step,
            register_nav,
            register_panel,
        )
        from jalinan.sdgs.registry import register_taggable

        from . import panels
        from .models import Challenge
        from .permissions import can_change_challenge, can_see_challenges, can_view_challenge
        from .services import proposals, questions, reviews

        register_kind("challenges.submitted", _("Challenges: awaiting the office's review"))
        register_kind("challenges.returned", _("Challenges: returned for changes"))
        register_kind("challenges.published", _("Challenges: published"))
        register_kind("challenges.closed", _("Challenges: closed, proposals to review"))
        register_kind("challenges.cancelled", _("Challenges: cancelled"))
        register_kind("challenges.invitation", _("Challenges: invitations to answer"))
        register_kind(
            "challenges.invitation_response", _("Challenges: experts' answers to invitations")
        )
        register_kind(proposals.KIND_TO_REVIEW, _("Proposals to review on our challenges"))
        register_kind(questions.KIND_QUESTION, _("Questions and answers on challenges"))
        register_kind(reviews.KIND_PROGRESS, _("Progress of my proposals through review"))
        # The decision itself is always e-mailed (the feedback e-mail); the notification keeps
        # it in the app, so by default it sends no second e-mail.
        register_kind(
            reviews.KIND_DECISION,
            _("Decisions on my proposals (the decision is always e-mailed)"),
            default=Delivery.OFF,
        )

        register_taggable(
            Challenge,
            text=lambda c: c.text,
            can_decide=can_change_challenge,
            can_view=can_view_challenge,
        )
        register_nav(
            "challenges.list",
            label=_("Challenges"),
            url_name="challenges:challenge_list",
            visible=can_see_challenges,
            order=60,
        )
        register_nav(
            "challenges.for_me",
            label=_("Challenges for me"),
            url_name="challenges:challenge_for_me",
            visible=is_academic,
            order=61,
        )
        register_panel(
            "my_work",
            "challenges.mine",
            template="challenges/panels/my_challenges.html",
            context=panels.my_challenges,
            order=25,
        )
        register_panel(
            "my_work",
            "challenges.proposals",
            template="challenges/proposals/panels/my_proposals.html",
            context=panels.my_proposals_panel,
            order=26,
        )
        register_panel(
            "partner_detail",
            "challenges.partner",
            template="challenges/panels/partner_challenges.html",
            context=panels.partner_challenges,
            order=25,
        )
        register_panel(
            "memorandum_detail",
            "challenges.proposal",
            template="challenges/panels/memorandum_proposals.html",
            context=panels.memorandum_proposals,
            order=20,
        )
        register_panel(
            "home",
            "challenges.open",
            template="challenges/panels/home_challenges.html",
            context=panels.home_challenges,
            order=30,
        )

        def bench(size: float = 1.0) -> dict:
            from .bench import bench_detail

            return bench_detail(size)

        register_benchmark(
            "challenges.detail",
            bench,
            description="A challenge's page for an officer, ranking 10,000 indexed experts",
        )
        register_demo_step("challenges", f"{self.name}.demo", order=700)

        from . import jobs

        jobs.register()
