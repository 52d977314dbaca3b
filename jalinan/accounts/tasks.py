from celery import shared_task
from django.urls import reverse

from jalinan.core.emails import absolute_url, send_templated_email

from .models import Invitation


@shared_task
def send_invitation_email(invitation_id: int, raw_token: str) -> bool:
    invitation = Invitation.objects.select_related("invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return False
    link = absolute_url(reverse("accounts:invitation_accept", args=[raw_token]))
    send_templated_email(
        to=[invitation.email],
        template="accounts/email/invitation",
        context={"invitation": invitation, "link": link},
    )
    return True
