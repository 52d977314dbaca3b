"""Demo enquiries about the offers (some by the partner login), a few with their NDA drafted.
Found by (technology, e-mail), so a second run adds none."""

from __future__ import annotations

from .. import services
from ..models import Enquiry
from .data import ENQUIRERS


def seed(ctx, rng, offers, officer) -> None:
    """Enquiries about ``offers``, some opening an NDA."""
    partner = ctx.logins.get("partner")
    seen = set(Enquiry.objects.values_list("technology_id", "email"))
    for n in range(ctx.n(30)):
        tech = offers[rng.randrange(len(offers))]
        kind = rng.choice(["information", "interest"])
        with_nda = rng.random() < 0.3
        if partner is not None and n % 4 == 0:
            by, name, email = partner, partner.display_name, partner.email
            org_name = partner.organisation.legal_name if partner.organisation_id else "Partner"
        else:
            by = None
            name, org_name = ENQUIRERS[n % len(ENQUIRERS)]
            email = f"{name.split()[0].lower()}.{n}@enquirer.example"
        if (tech.pk, email) in seen:
            ctx.count("technology enquiries", False)
            continue
        seen.add((tech.pk, email))
        enquiry = services.enquiries.enquiry_submit(
            technology=tech,
            by=by,
            kind=kind,
            name=name,
            email=email,
            organisation_name=org_name,
            message=f"We are interested in {tech.title} for our operations. Could you share "
            "the licensing terms and a contact with the inventors?",
        )
        ctx.count("technology enquiries", True)
        if with_nda and tech.unit_id:
            services.enquiries.enquiry_open_nda(enquiry=enquiry, by=officer)
            ctx.count("technology NDAs drafted", True)
