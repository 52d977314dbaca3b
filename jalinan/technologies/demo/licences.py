"""Demo licences with their royalty payments (shared by the policy in force), and spin-offs
with their licence. Licences are found by (technology, licensee), spin-offs by company name;
payments are made only with a new licence."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from jalinan.partners.models import Organisation

from .. import services
from ..models import Licence, Spinoff
from .data import SPINOFF_NAMES


def _payments(ctx, licence, officer) -> None:
    """The payments of a new licence, drawn from a generator of its own (so that a licence
    found on a second run leaves the other draws where they were)."""
    key = f"{licence.technology.title}:{licence.licensee.legal_name}"
    rng = ctx.rng(f"technologies.transfer.payments:{key}")
    today = timezone.localdate()
    start = licence.start_date
    if licence.upfront_fee:
        services.licences.payment_record(
            licence=licence,
            by=officer,
            received_on=start,
            amount=licence.upfront_fee,
            kind="upfront",
            period_year=start.year,
            reference=f"{licence.reference}-UP",
        )
    for year in range(start.year, today.year):
        received = datetime.date(year + 1, 3, rng.randint(1, 28))
        if received > today:
            break
        amount = Decimal(rng.randint(150000, 4500000)) / 100
        services.licences.payment_record(
            licence=licence,
            by=officer,
            received_on=received,
            amount=amount,
            kind="royalty",
            period_year=year,
            costs=Decimal(rng.randint(0, 50000)) / 100,
            reference=f"{licence.reference}-R{year}",
        )
        ctx.count("royalty payments", True)


def seed(ctx, rng, offers, officer) -> None:
    """Licences of the first ``offers`` (with payments), then spin-offs of the next."""
    companies = [o for o in ctx.organisations if o.org_type in ("mnc", "glc", "sme", "startup")]
    if not companies:
        return
    partner = ctx.logins.get("partner")
    n_licences = min(ctx.n(15), len(offers))
    n_spinoffs = min(ctx.n(4), len(SPINOFF_NAMES), max(0, len(offers) - n_licences))
    today = timezone.localdate()
    for k in range(n_licences):
        tech = offers[k]
        licensee = companies[rng.randrange(len(companies))]
        if k == 0 and partner is not None and partner.organisation_id:
            licensee = partner.organisation
        start = today.replace(day=1) - datetime.timedelta(days=rng.randint(200, 2200))
        exclusivity = rng.choice(["exclusive", "sole", "non_exclusive"])
        upfront = Decimal(rng.choice([0, 5000, 10000, 25000, 50000]))
        rate = Decimal(rng.choice(["2.00", "3.00", "3.50", "5.00"]))
        territory = rng.choice(["Malaysia", "ASEAN", "Worldwide"])
        existing = Licence.objects.filter(technology=tech, licensee=licensee).first()
        if existing:
            ctx.count("licences", False)
            continue
        licence = services.licences.licence_create(
            by=officer,
            technology=tech,
            licensee=licensee,
            exclusivity=exclusivity,
            field_of_use=tech.applications[:300],
            territory=territory,
            upfront_fee=upfront,
            royalty_rate=rate,
            start_date=start,
            end_date=start.replace(year=start.year + 10),
            status="active",
        )
        ctx.count("licences", True)
        _payments(ctx, licence, officer)
    for k in range(n_spinoffs):
        name = SPINOFF_NAMES[k]
        tech = offers[n_licences + k]
        equity = Decimal(rng.choice(["5.00", "10.00", "15.00", "20.00"]))
        years_ago = rng.randint(1, 6)
        if Spinoff.objects.filter(organisation__legal_name=name).exists():
            ctx.count("spin-offs", False)
            continue
        org = Organisation.objects.filter(legal_name=name).first()
        founders = [p.user for p in tech.inventors.select_related("user")]
        spinoff = services.spinoffs.spinoff_create(
            by=officer,
            organisation=org,
            organisation_fields=None
            if org
            else {
                "legal_name": name,
                "city": "Kuala Lumpur",
                "description": f"Spin-off commercialising {tech.title}.",
            },
            founders=founders,
            incorporated_on=today - datetime.timedelta(days=365 * years_ago),
            equity_percent=equity,
            status=rng.choice(["forming", "active", "active"]),
        )
        licence = services.licences.licence_create(
            by=officer,
            technology=tech,
            licensee=spinoff.organisation,
            exclusivity="exclusive",
            field_of_use=tech.applications[:300],
            territory="Worldwide",
            upfront_fee=Decimal(0),
            royalty_rate=Decimal("2.00"),
            start_date=spinoff.incorporated_on,
            status="active",
        )
        services.spinoffs.spinoff_update(spinoff=spinoff, by=officer, licence=licence)
        _payments(ctx, licence, officer)
        ctx.count("spin-offs", True)
