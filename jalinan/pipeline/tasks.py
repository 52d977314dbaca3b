"""Background work of the pipeline: the visitor's confirmation e-mail."""

from celery import shared_task

from jalinan.core.emails import send_templated_email

from .models import Opportunity


@shared_task
def send_enquiry_confirmation(opportunity_id: int, language: str = "") -> bool:
    """Tell the visitor we have their enquiry, with its reference."""
    opp = Opportunity.objects.filter(pk=opportunity_id).first()
    if opp is None or not opp.contact_email:
        return False
    send_templated_email(
        to=[opp.contact_email],
        template="pipeline/email/enquiry_received",
        context={"opp": opp},
        language=language,
    )
    return True
