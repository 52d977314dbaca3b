"""Demo challenges: ~60 Malaysian industry problems across every status and visibility, posted
by the demo partner (for its own organisation) or by the office on other partners' behalf,
reviewed, published, brokered to the experts the engine ranks best (the demo academic among
them), each with its pipeline opportunity. The published ones meant to end closed or awarded
are returned, for ``proposals.seed_proposals`` (see its docstring).

Deterministic (``ctx.rng("challenges")``), idempotent (natural key: title + organisation),
through the services.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from ..choices import ChallengeStatus, IPExpectation, Visibility
from ..models import Challenge
from ..permissions import has_expert_profile
from ..selectors import challenges as selectors
from ..services import challenges as services
from ..services.invitations import invitation_create

# (title, problem statement, desired outcome, constraints, TRL from, TRL to, budget k RM from,
#  to, timeline)
TEMPLATES = [
    (
        "Treating palm oil mill effluent to the new discharge limits",
        "Our mill in Pahang produces about 600 m³ of palm oil mill effluent a day. The open "
        "anaerobic ponds no longer meet the Department of Environment's BOD limit of 20 mg/L for "
        "the Sungai Pahang basin, and they release methane.",
        "A polishing treatment (membrane, constructed wetland or advanced oxidation) that meets "
        "the limit, and biogas capture we can use in the boiler.",
        "Must run with the mill's existing staff; no more than 1 hectare of extra land.",
        3,
        6,
        200,
        600,
        "A pilot plant within 18 months",
    ),
    (
        "Halal supply-chain traceability for frozen poultry",
        "We export frozen chicken to the Gulf. Importers ask us to prove the halal status of "
        "every carton from slaughter to port, but our records are on paper and spreadsheets at "
        "three sites and two cold-chain logistics providers.",
        "A traceability system (QR or RFID with a shared ledger) that JAKIM auditors and "
        "importers accept, piloted on one export line.",
        "Must work offline in cold rooms; data stays in Malaysia.",
        4,
        7,
        150,
        400,
        "Pilot in 12 months",
    ),
    (
        "Flood early warning for an industrial park",
        "Our industrial park in Shah Alam flooded in December 2021 and 2023; tenants lost stock "
        "and machines. The public warnings come too late for us to move goods.",
        "A flood forecast for the park at least six hours ahead, from rainfall radar, river "
        "gauges and a hydrological model, with alerts to tenants' phones.",
        "",
        5,
        8,
        100,
        300,
        "Before the next north-east monsoon",
    ),
    (
        "Detecting pinholes and defects in nitrile rubber gloves",
        "Our glove lines make 40,000 pieces an hour. Manual inspection misses pinholes and thin "
        "spots; customers in the US reject whole lots after water-leak tests.",
        "An automated vision inspection (deep learning on line-scan images) that detects "
        "defects at line speed with fewer than 1% false rejects.",
        "Line speed cannot be reduced; retrofit on existing formers.",
        4,
        7,
        300,
        800,
        "Prototype on one line in 9 months",
    ),
    (
        "Raising online sales for small batik makers",
        "Our cooperative of 80 batik and songket makers in Kelantan sells mostly at bazaars. Few "
        "members use e-commerce platforms, and those who do get little traffic.",
        "A training programme and a shared online storefront with digital marketing that "
        "doubles members' online sales in a year.",
        "Members have smartphones but little time; training in Bahasa Melayu.",
        6,
        9,
        30,
        80,
        "Start within 3 months",
    ),
    (
        "Predictive maintenance of rooftop solar PV farms",
        "We operate 45 MW of rooftop solar PV on factories under the NEM scheme. Soiling, hot "
        "spots and inverter faults are found late, at monthly site visits.",
        "Fault detection from inverter data and drone thermal imaging that tells our "
        "technicians which panel to clean or replace.",
        "",
        5,
        8,
        120,
        350,
        "12 months",
    ),
    (
        "Shariah compliance screening for a digital financing app",
        "Our Islamic fintech offers micro-financing to SMEs through an app. Each new product and "
        "each merchant must be screened for Shariah compliance by hand, which slows onboarding.",
        "A rules engine and document review tool, endorsed by our Shariah committee, that "
        "screens merchants and contracts against Bank Negara's Shariah standards.",
        "Must keep an audit trail for the Shariah committee and the regulator.",
        3,
        6,
        100,
        250,
        "Pilot in 9 months",
    ),
    (
        "Reducing container dwell time at the port",
        "Import containers stay on average 5.2 days in our terminal at Port Klang. Yard "
        "congestion and truck queues cost us and our customers.",
        "An optimisation and prediction model for yard planning and truck appointments that "
        "cuts dwell time by a day.",
        "Integration with our terminal operating system through its existing API.",
        4,
        7,
        250,
        700,
        "18 months",
    ),
    (
        "Durian shelf life for export",
        "Frozen Musang King durian loses aroma and texture after three months. We want to "
        "export fresh-frozen pulp to China with a longer shelf life.",
        "A freezing and packaging protocol that keeps sensory quality for six months.",
        "",
        3,
        6,
        80,
        200,
        "Two harvest seasons",
    ),
    (
        "Low-cost sensors for river water quality",
        "As a water operator in Selangor we must shut intakes when ammonia or diesel enters the "
        "river, but lab results take a day.",
        "Online sensors and an IoT network giving ammonia, turbidity and hydrocarbon readings "
        "every 15 minutes, with alarms.",
        "Solar powered, vandal resistant.",
        4,
        8,
        150,
        500,
        "Pilot in 12 months",
    ),
    (
        "Recycling end-of-life lithium batteries from e-scooters",
        "We collect 20 tonnes of used lithium-ion batteries a year from e-scooter fleets and "
        "ship them abroad at a cost.",
        "A safe local process for discharging, dismantling and recovering cobalt, nickel and "
        "lithium, at pilot scale.",
        "Must meet DOE scheduled waste rules.",
        2,
        5,
        300,
        900,
        "24 months",
    ),
    (
        "Chatbot for Malay-speaking customers of a utility",
        "Our call centre receives 8,000 calls a day, most in Bahasa Melayu mixed with English. "
        "Customers wait 10 minutes on average.",
        "A chatbot and voice assistant that understands code-switched Malay and resolves the "
        "twenty most common requests.",
        "",
        5,
        8,
        200,
        500,
        "12 months",
    ),
    (
        "Cutting energy use in a semiconductor cleanroom",
        "Our cleanroom in Penang uses 40% of the plant's electricity for air handling and "
        "chillers.",
        "A control strategy (digital twin of the HVAC, model predictive control) that saves 15% "
        "of that energy without breaching ISO class 5.",
        "No production downtime.",
        5,
        8,
        250,
        600,
        "12 months",
    ),
    (
        "Stingless bee honey authentication",
        "Kelulut honey is sold at high prices and adulterated with syrup. Our brand needs a "
        "quick test to prove purity to buyers.",
        "A rapid test (spectroscopy with a classifier, or a test kit) and a reference database "
        "of Malaysian kelulut honey.",
        "",
        3,
        6,
        40,
        120,
        "9 months",
    ),
    (
        "Slope failure monitoring along a highway",
        "Cut slopes along our highway in the Titiwangsa range fail after heavy rain, closing "
        "lanes for days.",
        "A monitoring system (inclinometers, piezometers, satellite InSAR) and a risk model "
        "that warns the maintenance team days ahead.",
        "",
        5,
        8,
        300,
        800,
        "Pilot on five slopes in 12 months",
    ),
    (
        "Halal alternatives to gelatine in capsules",
        "Our pharmaceutical capsules use bovine gelatine; some export markets want plant-based, "
        "halal-certified alternatives.",
        "A capsule shell formulation from seaweed or starch that runs on our existing machines.",
        "Must meet pharmacopoeia dissolution tests.",
        3,
        6,
        150,
        400,
        "18 months",
    ),
    (
        "Forecasting demand for a hypermarket chain",
        "Our 60 stores waste fresh produce while other items run out, especially around Hari "
        "Raya and Chinese New Year.",
        "A demand forecasting model per store and item, with festive-season effects, feeding "
        "our ordering system.",
        "",
        5,
        8,
        150,
        400,
        "9 months",
    ),
    (
        "Reusing construction waste as aggregate",
        "Our demolition projects in Kuala Lumpur produce 50,000 tonnes of concrete waste a year "
        "that goes to landfill.",
        "A recycled aggregate specification and mix design that meets JKR standards for "
        "non-structural concrete.",
        "",
        4,
        7,
        100,
        250,
        "12 months",
    ),
    (
        "Telemedicine for rural clinics in Sabah",
        "Our clinics in rural Sabah have no specialists; patients travel a day to Kota Kinabalu "
        "for consultations.",
        "A telemedicine service with low-bandwidth video and shared records, evaluated with "
        "patients and doctors.",
        "Intermittent 4G; data protection under PDPA.",
        6,
        9,
        200,
        500,
        "Pilot in 6 months",
    ),
    (
        "Odour control at a poultry rendering plant",
        "Residents near our rendering plant complain about odour; the local council threatens "
        "to revoke our licence.",
        "An odour abatement system (biofilter or scrubber) and a dispersion study that satisfies "
        "the council.",
        "",
        4,
        7,
        150,
        350,
        "6 months",
    ),
    (
        "Cybersecurity of a water treatment plant's control system",
        "Our treatment plants run on SCADA systems installed twenty years ago, connected to the "
        "office network.",
        "A security assessment and an intrusion detection system for the operational "
        "technology network.",
        "No interruption of water supply during the work.",
        5,
        8,
        120,
        300,
        "9 months",
    ),
    (
        "Biocomposite panels from oil palm fronds",
        "Our plantation leaves 200,000 tonnes of oil palm fronds a year in the field.",
        "A process to make medium-density fibreboard or biocomposite panels from fronds, with "
        "a cost study.",
        "",
        2,
        5,
        100,
        300,
        "24 months",
    ),
    (
        "Employee wellbeing in a manufacturing plant",
        "Absenteeism and turnover among our production operators rose after the pandemic.",
        "A study of causes and a tested programme of interventions (shifts, wellbeing, "
        "supervision) with measurable results.",
        "",
        7,
        9,
        50,
        120,
        "12 months",
    ),
    (
        "Autonomous inspection of palm oil storage tanks",
        "Inspecting our palm oil storage tanks requires emptying them and confined-space entry.",
        "A robotic crawler or drone with ultrasonic thickness gauging that inspects tanks in "
        "service.",
        "Intrinsically safe equipment.",
        3,
        6,
        250,
        700,
        "18 months",
    ),
    (
        "Personalised learning for TVET students",
        "Our technical college's first-year students have very different levels in mathematics; "
        "a third fail the first semester.",
        "An adaptive learning platform with diagnostic tests and content in Bahasa Melayu.",
        "",
        5,
        8,
        80,
        200,
        "Before the next intake",
    ),
]

RETURN_COMMENTS = [
    "Please give the volumes and the current costs, so that experts can size a solution.",
    "The desired outcome is too broad: say what result would make the project a success.",
    "State what data or samples you can share, and under which conditions.",
]
CANCEL_REASONS = [
    "The company solved the problem with an equipment supplier.",
    "Budget withdrawn in the new financial year.",
]
# The demo partner's own challenges, in order (status, visibility, end state for proposals).
PARTNER_PLAN = [
    ("draft", Visibility.STAFF, None),
    ("returned", Visibility.STAFF, None),
    ("submitted", Visibility.PUBLIC, None),
    ("published", Visibility.PUBLIC, None),
    ("published", Visibility.STAFF, None),
    ("published", Visibility.INVITED, None),
    ("published", Visibility.STAFF, "closed"),
    ("published", Visibility.PUBLIC, "awarded"),
]
STATUS_WEIGHTS = [
    ("published", 22),
    ("closed", 8),
    ("awarded", 5),
    ("submitted", 6),
    ("returned", 3),
    ("draft", 5),
    ("cancelled", 3),
]
VISIBILITY_WEIGHTS = [(Visibility.PUBLIC, 4), (Visibility.STAFF, 5), (Visibility.INVITED, 2)]


def _plan(ctx, rng):
    """(organisation, status, visibility, target) for every demo challenge."""
    partner = ctx.logins.get("partner")
    own = getattr(partner, "organisation", None)
    plan = []
    if own is not None:
        plan += [(own, s, v, t) for s, v, t in PARTNER_PLAN]
    others = [o for o in ctx.organisations if own is None or o.pk != own.pk]
    statuses, s_weights = zip(*STATUS_WEIGHTS, strict=True)
    visibilities, v_weights = zip(*VISIBILITY_WEIGHTS, strict=True)
    for i in range(max(0, ctx.n(60) - len(plan))):
        org = others[(i * 7) % len(others)] if others else own
        status = rng.choices(statuses, s_weights)[0]
        visibility = rng.choices(visibilities, v_weights)[0]
        target = None
        if status in ("closed", "awarded"):
            status, target = "published", status
        plan.append((org, status, visibility, target))
    return plan


def seed_challenges(ctx) -> list:
    rng = ctx.rng("challenges")
    officer = ctx.logins["officer"]
    partner = ctx.logins.get("partner")
    academic = ctx.logins.get("academic")
    now = timezone.now()
    today = timezone.localdate()
    existing = {(c.title, c.organisation_id): c for c in Challenge.objects.all()}
    used_titles: dict[int, set[int]] = {}
    handover = []
    for n, (org, status, visibility, target) in enumerate(_plan(ctx, rng)):
        # Draw everything first: the same draws whether the challenge is made or found.
        taken = used_titles.setdefault(org.pk, set())
        start = (n * 11) % len(TEMPLATES)
        t_index = next(
            (
                j % len(TEMPLATES)
                for j in range(start, start + len(TEMPLATES))
                if j % len(TEMPLATES) not in taken
            ),
            start,
        )
        taken.add(t_index)
        title, problem, outcome, constraints, trl_min, trl_max, b_min, b_max, timeline = TEMPLATES[
            t_index
        ]
        age = rng.randint(20, 300)
        deadline_days = rng.randint(10, 75)
        ip = rng.choice(IPExpectation.values)
        n_invite = rng.randint(1, 4)
        invite_academic = rng.random() < 0.35 or (
            visibility == Visibility.INVITED
            and partner is not None
            and org.pk == partner.organisation_id
        )
        comments = rng.choice(RETURN_COMMENTS)
        reason = rng.choice(CANCEL_REASONS)
        key = (title, org.pk)
        challenge = existing.get(key)
        ctx.count("challenges", challenge is None)
        if challenge is None:
            by = partner if partner is not None and org.pk == partner.organisation_id else officer
            created = now - datetime.timedelta(days=age)
            challenge = services.challenge_create(
                by=by,
                organisation=org,
                at=created,
                title=title,
                problem_statement=problem,
                desired_outcome=outcome,
                constraints=constraints,
                trl_min=trl_min,
                trl_max=trl_max,
                budget_min=Decimal(b_min * 1000),
                budget_max=Decimal(b_max * 1000),
                timeline=timeline,
                proposal_deadline=today + datetime.timedelta(days=deadline_days),
                ip_expectation=ip,
                visibility=visibility,
            )
            existing[key] = challenge
            _advance_to(
                challenge,
                status,
                by=by,
                officer=officer,
                created=created,
                comments=comments,
                reason=reason,
            )
        if challenge.status in (ChallengeStatus.PUBLISHED, ChallengeStatus.SUBMITTED):
            _invite(ctx, challenge, officer, academic, n_invite, invite_academic)
        if challenge.status in (
            ChallengeStatus.PUBLISHED,
            ChallengeStatus.CLOSED,
            ChallengeStatus.AWARDED,
        ):
            challenge.demo_target = target
            handover.append(challenge)
    return handover


def _advance_to(challenge, status, *, by, officer, created, comments, reason):
    """Walk a new challenge through the workflow to ``status``, dated from ``created``."""
    if status == ChallengeStatus.DRAFT:
        return
    submitted = created + datetime.timedelta(days=2)
    services.challenge_submit(challenge=challenge, by=by, at=submitted)
    if status == ChallengeStatus.SUBMITTED:
        return
    if status == ChallengeStatus.RETURNED:
        services.challenge_return(challenge=challenge, by=officer, comments=comments)
        return
    if status == ChallengeStatus.CANCELLED:
        services.challenge_cancel(challenge=challenge, by=officer, reason=reason)
        return
    services.challenge_publish(
        challenge=challenge, by=officer, at=submitted + datetime.timedelta(days=5)
    )


def _invite(ctx, challenge, officer, academic, n_invite, invite_academic):
    """Invite the experts the engine ranks best (and, for some, the demo academic)."""
    matches = selectors.ranked_experts(challenge, officer, k=n_invite)
    experts = [m.profile for m in matches]
    scores = {m.profile.pk: m.score for m in matches}
    if invite_academic and academic is not None and has_expert_profile(academic):
        if academic.expert_profile not in experts:
            experts.append(academic.expert_profile)
    have = set(challenge.invitations.values_list("expert_id", flat=True))
    for expert in experts:
        invitation_create(
            challenge=challenge,
            expert=expert,
            by=officer,
            message="Your publications match this partner's problem closely; would you "
            "consider a proposal?",
            score=scores.get(expert.pk),
        )
        ctx.count("challenge invitations", expert.pk not in have)
