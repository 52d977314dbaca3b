"""The brokerage's actions: the office invites ranked experts, an invited expert answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..forms.challenges import InviteForm
from ..services import invitations as services


@login_required
@require_POST
def challenge_invite(request, pk):
    user = request.user
    challenge = perms.get_challenge_for_user(user, pk)
    if not perms.can_invite(user, challenge):
        raise PermissionDenied
    form = InviteForm(request.POST, user=user)
    if not form.is_valid():
        for errs in form.errors.values():
            messages.error(request, " ".join(errs))
        return redirect(challenge.get_absolute_url() + "#brokerage")
    experts = list(form.cleaned_data["experts"])
    scores = {}
    for key, value in request.POST.items():
        if key.startswith("score_") and key[6:].isdigit():
            try:
                scores[int(key[6:])] = float(value)
            except ValueError:
                pass
    before = set(challenge.invitations.values_list("expert_id", flat=True))
    try:
        services.invitations_create(
            challenge=challenge,
            experts=experts,
            by=user,
            message=form.cleaned_data["message"],
            scores=scores,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(challenge.get_absolute_url() + "#brokerage")
    new = [e for e in experts if e.pk not in before]
    if new:
        messages.success(
            request,
            _("Invited %(names)s.") % {"names": ", ".join(e.name for e in new)},
        )
    else:
        messages.info(request, _("These experts were already invited."))
    return redirect(challenge.get_absolute_url() + "#invitations")


@login_required
@require_POST
def invitation_respond(request, pk):
    invitation = perms.get_invitation_for_user(request.user, pk)
    accept = request.POST.get("accept") == "1"
    services.invitation_respond(invitation=invitation, by=request.user, accept=accept)
    if accept:
        messages.success(request, _("Thank you: the office knows you are interested."))
    else:
        messages.info(request, _("You declined the invitation."))
    return redirect(invitation.challenge)
