"""Challenge pages: the lists, the form, the workflow actions and the challenge's page with
its brokerage (ranked experts, suggested teams) and its proposals' section."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_oil
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.models import Organisation
from jalinan.sdgs.goals import GOAL_CHOICES

from .. import permissions as perms
from ..choices import ChallengeStatus, Visibility
from ..forms.challenges import ChallengeForm, CommentsForm, InviteForm, ReasonForm
from ..selectors import challenges as selectors
from ..services import challenges as services
from .proposals import challenge_section_context

# -- lists ------------------------------------------------------------------------------------


def _filter_context(request, qs_all):
    user = request.user
    org_ids = qs_all.values("organisation_id")
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "statuses": ChallengeStatus.choices,
        "visibilities": Visibility.choices,
        "organisations": Organisation.objects.filter(pk__in=org_ids)
        .only("pk", "legal_name")
        .order_by("legal_name"),
        "trls": range(1, 10),
        "goals": GOAL_CHOICES,
        "can_create": perms.can_create_challenge(user),
        "can_export": is_oil(user),
        "today": timezone.localdate(),
    }


@login_required
def challenge_list(request):
    user = request.user
    if not perms.can_see_challenges(user):
        raise Http404
    visible = selectors.challenges_for(user)
    qs = selectors.filter_challenges(visible, request.GET)
    fmt = request.GET.get("export")
    if fmt:
        if not is_oil(user):
            raise PermissionDenied
        return _export(selectors.list_rows(qs), fmt)
    page = paginate(request, selectors.list_rows(qs))
    ctx = {**_filter_context(request, visible), "page": page, "mode": "all"}
    return render_page_or_partial(request, "challenges/list.html", "challenges/_rows.html", ctx)


def challenge_open(request):
    """Open calls: every open challenge this visitor may read (public ones for anyone)."""
    user = request.user
    visible = selectors.challenges_for(user)
    qs = selectors.filter_challenges(selectors.open_challenges(visible), request.GET).order_by(
        "proposal_deadline", "-published_at"
    )
    page = paginate(request, selectors.list_rows(qs))
    ctx = {**_filter_context(request, visible), "page": page, "mode": "open", "can_export": False}
    return render_page_or_partial(request, "challenges/open.html", "challenges/_rows.html", ctx)


def _export(qs, fmt):
    rows = [
        [
            c.reference,
            c.title,
            c.organisation.legal_name,
            c.get_status_display(),
            c.get_visibility_display(),
            f"{c.trl_min}–{c.trl_max}",
            c.budget_min,
            c.budget_max,
            c.proposal_deadline,
            c.unit.name if c.unit else "",
            c.n_invitations,
            c.created_at.date(),
        ]
        for c in qs[:50000]
    ]
    return export_response(
        headers=[
            _("Reference"),
            _("Title"),
            _("Partner"),
            _("Status"),
            _("Visibility"),
            _("TRL sought"),
            _("Budget from (RM)"),
            _("Budget up to (RM)"),
            _("Proposal deadline"),
            _("Lead KCDIO"),
            _("Invitations"),
            _("Created"),
        ],
        rows=rows,
        filename="challenges",
        fmt=fmt,
    )


@login_required
def challenge_for_me(request):
    """An academic's open challenges, ranked by fit to their expert profile."""
    user = request.user
    if not perms.is_academic(user):
        raise Http404
    has_profile = perms.has_expert_profile(user)
    matches = selectors.challenges_for_me(user, k=30) if has_profile else []
    ctx = {
        "matches": matches,
        "has_profile": has_profile,
        "invitations": list(selectors.open_invitations_for(user)),
        "today": timezone.localdate(),
    }
    return render(request, "challenges/for_me.html", ctx)


# -- create and change ------------------------------------------------------------------------


@login_required
def challenge_create(request):
    user = request.user
    if not perms.can_create_challenge(user):
        if not perms.can_see_challenges(user):
            raise Http404
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or user.organisation
        try:
            challenge = services.challenge_create(
                by=user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request, _("The challenge was saved as a draft. Submit it when it is ready.")
            )
            return redirect(challenge)
    return render(request, "challenges/form.html", {"form": form, "challenge": None})


@login_required
def challenge_update(request, pk):
    challenge = perms.get_challenge_for_user(request.user, pk, write=True)
    form = ChallengeForm(request.POST or None, instance=challenge, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.challenge_update(
                challenge=challenge, by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        challenge.refresh_from_db()
    return render(request, "challenges/form.html", {"form": form, "challenge": challenge})


# -- workflow actions (each a confirmation page, then a POST) --------------------------------


def _action(request, pk, *, allowed, run, title, button, done, form_class=None, danger=False):
    user = request.user
    challenge = perms.get_challenge_for_user(user, pk)
    if not allowed(user, challenge):
        raise PermissionDenied
    form = form_class(request.POST or None) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            run(challenge, user, form.cleaned_data if form else {})
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect(challenge)
            errors_to_form(form, exc)
        else:
            messages.success(request, done)
            return redirect(challenge)
    return render(
        request,
        "challenges/confirm.html",
        {"challenge": challenge, "form": form, "title": title, "button": button, "danger": danger},
    )


@login_required
def challenge_submit(request, pk):
    return _action(
        request,
        pk,
        allowed=perms.can_submit_challenge,
        run=lambda c, u, d: services.challenge_submit(challenge=c, by=u),
        title=_("Submit this challenge to the industry office for review?"),
        button=_("Submit for review"),
        done=_("The challenge was sent to the industry office for review."),
    )


@login_required
def challenge_return(request, pk):
    return _action(
        request,
        pk,
        allowed=perms.can_review_challenge,
        run=lambda c, u, d: services.challenge_return(challenge=c, by=u, comments=d["comments"]),
        title=_("Return this challenge to the partner for changes?"),
        button=_("Return with comments"),
        done=_("The challenge was returned to the partner."),
        form_class=CommentsForm,
    )


@login_required
def challenge_publish(request, pk):
    return _action(
        request,
        pk,
        allowed=perms.can_publish_challenge,
        run=lambda c, u, d: services.challenge_publish(challenge=c, by=u),
        title=_("Publish this challenge? Experts who may see it can then answer it."),
        button=_("Publish"),
        done=_("The challenge is published and open for proposals."),
    )


@login_required
def challenge_close(request, pk):
    return _action(
        request,
        pk,
        allowed=perms.can_close_challenge,
        run=lambda c, u, d: services.challenge_close(challenge=c, by=u),
        title=_("Close this challenge to new proposals?"),
        button=_("Close"),
        done=_("The challenge is closed to new proposals."),
    )


@login_required
def challenge_cancel(request, pk):
    return _action(
        request,
        pk,
        allowed=perms.can_cancel_challenge,
        run=lambda c, u, d: services.challenge_cancel(challenge=c, by=u, reason=d["reason"]),
        title=_("Cancel this challenge?"),
        button=_("Cancel the challenge"),
        done=_("The challenge was cancelled."),
        form_class=ReasonForm,
        danger=True,
    )


# -- the page ---------------------------------------------------------------------------------


def _brokerage_context(request, challenge) -> dict:
    unit = request.GET.get("unit", "")
    filters = {"unit": int(unit)} if unit.isdigit() else None
    matches = selectors.ranked_experts(challenge, request.user, k=20, filters=filters)
    return {
        "matches": matches,
        "units": Unit.objects.filter(is_active=True),
        "unit_filter": unit,
        "invite_form": InviteForm(user=request.user),
        "can_invite": perms.can_invite(request.user, challenge),
    }


def _teams_context(request, challenge) -> dict:
    from .. import teams

    suggest = getattr(teams, "suggest_teams", None)
    if suggest is None or not _template_exists("challenges/_teams.html"):
        return {}
    return {"teams": suggest(challenge.text, request.user)}


def _template_exists(name: str) -> bool:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def challenge_detail(request, pk):
    user = request.user
    challenge = perms.get_challenge_for_user(user, pk)
    oil = is_oil(user)
    today = timezone.localdate()
    days_left = (
        (challenge.proposal_deadline - today).days
        if challenge.proposal_deadline and challenge.status == ChallengeStatus.PUBLISHED
        else None
    )
    ctx = {
        "challenge": challenge,
        "today": today,
        "days_left": days_left,
        "attachments": list(challenge.attachments.all()),
        "is_partner": perms.is_partner_of(user, challenge),
        "can_change": perms.can_change_challenge(user, challenge),
        "can_submit": perms.can_submit_challenge(user, challenge),
        "can_review": perms.can_review_challenge(user, challenge),
        "can_publish": perms.can_publish_challenge(user, challenge),
        "can_close": perms.can_close_challenge(user, challenge),
        "can_cancel": perms.can_cancel_challenge(user, challenge),
        "can_answer": perms.can_answer_challenge(user, challenge),
        "invitation": perms.invitation_for(user, challenge),
        "is_oil": oil,
        "history": history_for(challenge)[:40] if perms.can_see_history(user, challenge) else None,
    }
    if oil:
        ctx["invitations"] = list(selectors.invitations_of(challenge))
        ctx["opportunity"] = _opportunity(challenge)
        if challenge.status in (
            ChallengeStatus.SUBMITTED,
            ChallengeStatus.PUBLISHED,
            ChallengeStatus.CLOSED,
            ChallengeStatus.RETURNED,
            ChallengeStatus.DRAFT,
        ):
            ctx["brokerage"] = _brokerage_context(request, challenge)
            ctx.update(_teams_context(request, challenge))
    for key, value in challenge_section_context(request, challenge).items():
        ctx.setdefault(key, value)
    if getattr(request, "htmx", False) and request.GET.get("partial") == "brokerage":
        return render(request, "challenges/_brokerage.html", ctx)
    return render(request, "challenges/detail.html", ctx)


def _opportunity(challenge):
    from jalinan.pipeline.selectors import opportunity_for_object

    return opportunity_for_object(challenge)
