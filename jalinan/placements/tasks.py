"""Background work of the placements app: the industry supervisor's evaluation e-mail."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from jalinan.core.emails import absolute_url, send_templated_email

from .models import EvaluationLink


@shared_task
def send_evaluation_link(link_id: int, raw_token: str) -> bool:
    """E-mail the supervisor the link (the raw token exists only in this message)."""
    link = (
        EvaluationLink.objects.select_related("placement__student", "placement__organisation")
        .filter(pk=link_id)
        .first()
    )
    if link is None or not link.is_usable:
        return False
    send_templated_email(
        to=[link.email],
        template="placements/email/evaluation_link",
        context={
            "link": link,
            "placement": link.placement,
            "url": absolute_url(reverse("placements:evaluate", args=[raw_token])),
        },
    )
    return True
