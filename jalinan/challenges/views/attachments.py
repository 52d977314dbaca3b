"""A challenge's attachments: added and removed by those who manage them, downloaded by those
who see the challenge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.files import file_response
from jalinan.core.forms import errors_to_form

from .. import permissions as perms
from ..forms.challenges import AttachmentForm
from ..services import attachments as services


@login_required
def attachment_add(request, pk):
    user = request.user
    challenge = perms.get_challenge_for_user(user, pk)
    if not perms.can_manage_attachments(user, challenge):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                challenge=challenge, by=user, upload=form.cleaned_data["upload"]
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(challenge)
    return render(
        request, "challenges/attachment_form.html", {"form": form, "challenge": challenge}
    )


def attachment_download(request, pk):
    attachment = perms.get_attachment_for_user(request.user, pk)
    return file_response(attachment.file, filename=attachment.name)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = perms.get_attachment_for_user(request.user, pk)
    challenge = attachment.challenge
    if not perms.can_manage_attachments(request.user, challenge):
        raise PermissionDenied
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(challenge)
