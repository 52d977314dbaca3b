"""Demo technology offers, enquiries, licences with royalties, and spin-offs.

``seed_transfer(ctx, disclosures, assets)`` is called by ``demo.seed`` with the demo
disclosures and IP assets it made. Offers come first from the decided disclosures (protect or
publish), then, to reach ``ctx.n(40)``, from the stock wording below credited to generated
academics. Deterministic (``ctx.rng("technologies.transfer")``) and idempotent: offers are
found by title, enquiries by (technology, e-mail), licences by (technology, licensee),
spin-offs by company name; payments are made only with a new licence.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

# (field, title, tagline, problem, solution, advantages, applications)
STOCK = [
    (
        "halal",
        "Portable halal meat authentication kit",
        "Tells pork from beef in minutes.",
        "Halal inspectors need laboratory tests that take days to confirm the species of meat.",
        "A handheld strip test that reads the species of processed meat on site.",
        "Minutes instead of days; no laboratory; low cost per test.",
        "Halal certification bodies, abattoirs, food importers.",
    ),
    (
        "agritech",
        "Smart durian ripeness sensor",
        "Harvest at the right hour.",
        "Durian growers lose fruit that falls overripe or is picked too early.",
        "An acoustic sensor clipped to the fruit that signals ripeness by phone.",
        "Less waste, better prices, works without mobile data.",
        "Durian and jackfruit orchards, exporters.",
    ),
    (
        "agritech",
        "Oil palm pest early-warning traps",
        "Find bagworm outbreaks early.",
        "Bagworm outbreaks in oil palm are noticed only after heavy leaf damage.",
        "Pheromone traps with a camera that count moths and send alerts.",
        "Weeks of early warning; less pesticide.",
        "Plantations, smallholder cooperatives.",
    ),
    (
        "biotech",
        "Stingless bee honey quality test",
        "Proves kelulut honey is genuine.",
        "Adulterated stingless bee honey undercuts honest producers.",
        "A rapid assay of marker compounds that genuine kelulut honey carries.",
        "Simple colour read-out; cheap reagents.",
        "Beekeepers, retailers, regulators.",
    ),
    (
        "health",
        "Low-cost diabetic foot ulcer monitor",
        "Spots ulcers before they open.",
        "Diabetic foot ulcers are found late, leading to amputations.",
        "A thermal insole that detects hot spots and warns the patient and clinic.",
        "Early warning at home; washable; long battery life.",
        "Clinics, diabetes care programmes.",
    ),
    (
        "health",
        "Herbal wound dressing from Centella",
        "Faster healing, natural source.",
        "Chronic wounds heal slowly and dressings are costly.",
        "A hydrogel dressing releasing Centella asiatica extract over days.",
        "Fewer dressing changes; locally sourced.",
        "Hospitals, pharmacies, veterinary care.",
    ),
    (
        "ict",
        "Malay speech recognition for call centres",
        "Understands code-switched speech.",
        "Call centres cannot transcribe Malay-English mixed speech reliably.",
        "A speech model trained on code-switched Malaysian conversations.",
        "Handles accents and mixing; runs on premises.",
        "Banks, telcos, government hotlines.",
    ),
    (
        "ict",
        "Islamic finance contract checker",
        "Flags non-compliant clauses.",
        "Reviewing contracts for Shariah compliance is slow and manual.",
        "Software that reads a contract and flags clauses against Shariah standards.",
        "Hours instead of weeks; explains each flag.",
        "Islamic banks, takaful operators.",
    ),
    (
        "engineering",
        "Flood-level IoT gauge",
        "Street-level flood alerts.",
        "Flash floods in towns give residents little warning.",
        "Solar-powered gauges on drains that publish water levels and alerts.",
        "Cheap to install; works through power cuts.",
        "Local councils, drainage departments.",
    ),
    (
        "engineering",
        "Self-cleaning solar panel coating",
        "Keeps panels clean in haze.",
        "Dust and haze cut solar panel output in the tropics.",
        "A hydrophobic nano-coating that sheds dust with rain.",
        "Higher yield; fewer cleaning visits.",
        "Solar farms, rooftop installers.",
    ),
    (
        "energy",
        "Palm oil mill effluent biogas booster",
        "More methane from POME.",
        "Mills capture too little biogas from palm oil mill effluent.",
        "A microbial additive and reactor design that raise methane yield.",
        "Pays back within two years; cuts emissions.",
        "Palm oil mills, renewable energy firms.",
    ),
    (
        "energy",
        "Micro-hydro turbine for rural villages",
        "Power from small streams.",
        "Remote villages rely on diesel generators.",
        "A low-head turbine that villagers can install and maintain.",
        "No fuel costs; simple parts.",
        "Rural electrification programmes, NGOs.",
    ),
    (
        "materials",
        "Kenaf fibre composite panels",
        "Light, strong, plant-based.",
        "Car makers want lighter interior panels from renewable materials.",
        "Kenaf-fibre reinforced bio-resin panels moulded like plastics.",
        "Lighter than glass fibre; renewable.",
        "Automotive parts, furniture, building boards.",
    ),
    (
        "materials",
        "Rice husk silica for concrete",
        "Stronger concrete from waste.",
        "Rice husk ash is dumped while cement is costly and carbon-heavy.",
        "A process turning rice husk into reactive silica that replaces part of the cement.",
        "Cheaper, stronger, lower-carbon concrete.",
        "Precast makers, construction firms.",
    ),
    (
        "education",
        "Arabic learning app with speech feedback",
        "Corrects pronunciation.",
        "Learners of Arabic get little feedback on pronunciation outside class.",
        "A mobile app that listens and corrects pronunciation letter by letter.",
        "Personal feedback; works offline.",
        "Schools, tahfiz centres, language institutes.",
    ),
    (
        "education",
        "Virtual laboratory for engineering students",
        "Labs anywhere.",
        "Students off campus cannot do laboratory work.",
        "Browser-based simulations of engineering labs with graded reports.",
        "Scales to large classes; safe.",
        "Universities, polytechnics.",
    ),
    (
        "biotech",
        "Probiotic feed for shrimp farms",
        "Fewer disease losses.",
        "Shrimp farms lose stock to early mortality syndrome.",
        "A probiotic blend added to feed that suppresses harmful Vibrio bacteria.",
        "Higher survival; fewer antibiotics.",
        "Aquaculture farms, feed makers.",
    ),
    (
        "health",
        "Rapid dengue test from saliva",
        "No needle needed.",
        "Dengue tests need blood samples and a clinic visit.",
        "A saliva-based rapid test that detects dengue antigen early.",
        "Painless; results in 20 minutes.",
        "Clinics, pharmacies, outbreak teams.",
    ),
    (
        "halal",
        "Alcohol detector for halal cosmetics",
        "Checks ethanol content fast.",
        "Cosmetic makers must prove products meet halal limits on alcohol.",
        "A low-cost sensor cartridge that measures ethanol in creams and sprays.",
        "Instant result; no chromatography.",
        "Cosmetic manufacturers, certifiers.",
    ),
    (
        "ict",
        "Mosque crowd management system",
        "Safe crowds at Friday prayers.",
        "Large mosques struggle to manage crowds and parking on Fridays and festivals.",
        "Camera analytics and signage that guide worshippers to free spaces.",
        "Privacy-preserving counts; live dashboards.",
        "Mosques, event venues, councils.",
    ),
]
FIELD_WORDS = {
    "halal": "Halal",
    "agritech": "Agri",
    "biotech": "Bio",
    "health": "Med",
    "ict": "Digital",
    "engineering": "Tech",
    "energy": "Energy",
    "materials": "Materials",
    "education": "Edu",
}
SPINOFF_NAMES = [
    "HalalSense Technologies Sdn Bhd",
    "Kenaf Composites Sdn Bhd",
    "Kelulut Labs Sdn Bhd",
    "AquaFlood Systems Sdn Bhd",
    "Lisan AI Sdn Bhd",
]
ENQUIRERS = [
    ("Farah Hassan", "Nusantara Foods Sdn Bhd"),
    ("Lim Wei Jie", "Pacific Agro Berhad"),
    ("Rajesh Kumar", "MedTek Solutions Sdn Bhd"),
    ("Aminah Yusof", "GreenBuild Materials Sdn Bhd"),
    ("Daniel Tan", "Borneo Energy Ventures"),
    ("Siti Rahman", "EduSmart Learning Sdn Bhd"),
]


def _profile(user):
    from jalinan.experts.models import ExpertProfile

    return ExpertProfile.objects.filter(user=user).first()


def _public_wording(disclosure, rng) -> dict:
    """Non-confidential wording for an offer from a disclosure: its title, field and TRL, and
    stock public prose (never the disclosure's description, novelty or prior art)."""
    stock = rng.choice(STOCK)
    return {
        "title": disclosure.title,
        "tagline": stock[2],
        "field": stock[0],
        "problem": stock[3],
        "solution": stock[4],
        "advantages": stock[5],
        "applications": disclosure.applications[:500] or stock[6],
        "trl": disclosure.trl,
    }


def _ip_status(assets) -> str:
    granted = [a for a in assets if a.status == "granted"]
    if granted:
        office = granted[0].get_office_display() or "MyIPO"
        return f"{granted[0].get_kind_display()} granted ({office})"
    if assets:
        return f"{assets[0].get_kind_display()} pending"
    return "Know-how available for licensing"


def seed_transfer(ctx, disclosures, assets) -> None:
    """Called by ``demo.seed`` with the demo disclosures and IP assets it made."""
    from jalinan.technologies import services
    from jalinan.technologies.models import Technology

    rng = ctx.rng("technologies.transfer")
    officer = ctx.logins.get("officer")
    if officer is None:
        return
    target = ctx.n(40)
    by_title = {t.title: t for t in Technology.objects.all()}
    assets_of: dict[int, list] = {}
    for a in assets or []:
        if a.disclosure_id:
            assets_of.setdefault(a.disclosure_id, []).append(a)
    offers = []

    def publish(tech, days_ago: int):
        if tech.status != "published":
            tech = services.technology_publish(technology=tech, by=officer)
            Technology.objects.filter(pk=tech.pk).update(
                published_at=timezone.now() - datetime.timedelta(days=days_ago)
            )
        return tech

    decided = [
        d
        for d in disclosures or []
        if d.status == "decided" and d.decision in ("protect", "publish")
    ]
    for d in decided[:target]:
        wording = _public_wording(d, rng)
        days_ago = rng.randint(5, 900)
        tech = by_title.get(d.title)
        if tech is None:
            linked = assets_of.get(d.pk, [])
            profiles = [p for p in (_profile(i.user) for i in d.inventors.exclude(user=None)) if p]
            tech = services.technology_create(
                by=officer,
                disclosure=d,
                assets=linked,
                inventors=profiles,
                ip_status=_ip_status(linked),
                unit=d.unit,
                **wording,
            )
            ctx.count("technology offers", True)
        else:
            ctx.count("technology offers", False)
        offers.append(publish(tech, days_ago))
    staff = [u for u in ctx.academics if u.unit_id]
    i = 0
    while len(offers) < target and staff:
        field, title, tagline, problem, solution, advantages, applications = STOCK[i % len(STOCK)]
        if i >= len(STOCK):
            title = f"{title} ({FIELD_WORDS[field]} {i // len(STOCK) + 1})"
        i += 1
        inventor = staff[rng.randrange(len(staff))]
        trl = rng.randint(3, 8)
        days_ago = rng.randint(5, 900)
        tech = by_title.get(title)
        if tech is None:
            profile = _profile(inventor)
            tech = services.technology_create(
                by=officer,
                title=title,
                tagline=tagline,
                field=field,
                problem=problem,
                solution=solution,
                advantages=advantages,
                applications=applications,
                trl=trl,
                ip_status="Know-how available for licensing",
                unit=inventor.unit,
                inventors=[profile] if profile else [],
            )
            ctx.count("technology offers", True)
        else:
            ctx.count("technology offers", False)
        offers.append(publish(tech, days_ago))
    if not offers:
        return
    _enquiries(ctx, rng, offers, officer)
    _licences(ctx, rng, offers, officer)


def _enquiries(ctx, rng, offers, officer) -> None:
    from jalinan.technologies import services
    from jalinan.technologies.models import Enquiry

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
        enquiry = services.enquiry_submit(
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
            services.enquiry_open_nda(enquiry=enquiry, by=officer)
            ctx.count("technology NDAs drafted", True)


def _payments(ctx, licence, officer) -> None:
    """The payments of a new licence, drawn from a generator of its own (so that a licence
    found on a second run leaves the other draws where they were)."""
    from jalinan.technologies import services

    key = f"{licence.technology.title}:{licence.licensee.legal_name}"
    rng = ctx.rng(f"technologies.transfer.payments:{key}")
    today = timezone.localdate()
    start = licence.start_date
    if licence.upfront_fee:
        services.payment_record(
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
        services.payment_record(
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


def _licences(ctx, rng, offers, officer) -> None:
    from jalinan.partners.models import Organisation
    from jalinan.technologies import services
    from jalinan.technologies.models import Licence, Spinoff

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
        licence = services.licence_create(
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
        spinoff = services.spinoff_create(
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
        licence = services.licence_create(
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
        services.spinoff_update(spinoff=spinoff, by=officer, licence=licence)
        _payments(ctx, licence, officer)
        ctx.count("spin-offs", True)
