"""Demo memoranda: ~300 across every status and type, with parties, signatories, documents
(small real PDFs made here), deliverables and their workflow history, recorded through the
workflow's own checks (``record_history``: each step from the status reached, by a role that
owns it, dated in the past, telling nobody).

Deterministic (``ctx.rng("agreements")``) and idempotent (a memorandum's reference is its
natural key). The engagement log's demo then adds activities, which set each memorandum's
health; together they fill the expiring, dormant and at-risk lists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jalinan.partners.selectors import contacts_for

from . import services
from .choices import Status
from .models import Memorandum
from .workflow import PastStep, record_history

S = Status

# How many memoranda end in each status (at scale 1), and the steps that lead there.
PLAN = [
    (S.DRAFT, 20),
    (S.SUBMITTED, 12),
    (S.OIL_REVIEW, 12),
    (S.RETURNED, 8),
    (S.LEGAL_REVIEW, 12),
    (S.AWAITING_MCOM, 12),
    (S.AWAITING_UMC, 8),
    (S.APPROVED, 10),
    (S.SIGNED, 6),
    (S.ACTIVE, 110),
    (S.EXPIRING, 30),
    (S.EXPIRED, 25),
    (S.RENEWED, 10),
    (S.TERMINATED, 8),
    (S.REJECTED, 10),
    (S.WITHDRAWN, 7),
]
REVIEW = ["submit", "start_review", "send_to_legal"]
COMMITTEE = [*REVIEW, "send_to_mcom", "mcom_recommend", "umc_approve"]
DIRECT = [*REVIEW, "clear_for_signing"]

TOPICS = [
    ("Joint research in advanced robotics and automation", "robotics, industrial automation"),
    ("Halal supply-chain traceability", "halal certification, logistics, blockchain"),
    ("Structured industrial training for engineering students", "internships, training"),
    ("Renewable energy microgrids for rural clinics", "solar energy, health facilities"),
    ("Islamic finance product development", "sukuk, Islamic banking"),
    ("Water quality monitoring in the Klang Valley", "river sensors, clean water"),
    ("Biomedical device prototyping", "medical devices, clinical trials"),
    ("Sustainable architecture and green buildings", "energy efficiency, urban design"),
    ("Artificial intelligence for manufacturing quality", "machine vision, AI"),
    ("Herbal and halal pharmaceuticals", "pharmacy, natural products"),
    ("Cybersecurity capacity building", "security operations, training"),
    ("Marine biotechnology and aquaculture", "aquaculture, food security"),
    ("Translation of Islamic heritage texts", "translation, publication"),
    ("Student mobility and exchange", "exchange, mobility"),
    ("Licensing of a patented biosensor", "licensing, commercialisation"),
    ("Smart agriculture with IoT sensors", "precision farming, IoT"),
    ("Occupational safety and health research", "workplace safety"),
    ("Digital health records and telemedicine", "e-health, data"),
]
UNIVERSITY_SIGNATORY = ("Prof. Dato' Dr Emran Bin Salleh", "Rector")
DELIVERABLES = [
    ("Two internship places a year", 2),
    ("One joint research project", 1),
    ("One joint publication a year", 1),
    ("Two guest lectures (CEO@Faculty) a year", 2),
    ("One industry advisory panel meeting a year", 1),
    ("Training for ten staff", 10),
]


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF with some text (no library needed)."""

    def esc(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 14 Tf 56 780 Td 18 TL (" + esc(title) + ") Tj /F1 10 Tf"
    for line in lines:
        body += " T* (" + esc(line) + ") Tj"
    body += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(body.encode('latin-1'))} >>\nstream\n{body}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def _upload(name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(title, lines), content_type="application/pdf")


@dataclass
class Cast:
    officer: object
    legal: object
    committee: object


def _steps(status: str, committee: bool) -> list[str]:
    to_approved = COMMITTEE if committee else DIRECT
    signed = [*to_approved, "record_signing"]
    active = [*signed, "activate"]
    return {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.OIL_REVIEW: ["submit", "start_review"],
        S.RETURNED: ["submit", "start_review", "return_changes"],
        S.LEGAL_REVIEW: REVIEW,
        S.AWAITING_MCOM: [*REVIEW, "send_to_mcom"],
        S.AWAITING_UMC: [*REVIEW, "send_to_mcom", "mcom_recommend"],
        S.APPROVED: to_approved,
        S.SIGNED: signed,
        S.ACTIVE: active,
        S.EXPIRING: [*active, "mark_expiring"],
        S.EXPIRED: [*active, "expire"],
        S.RENEWED: [*active, "renew"],
        S.TERMINATED: [*active, "terminate"],
        S.REJECTED: [*REVIEW, "send_to_mcom", "mcom_reject"],
        S.WITHDRAWN: ["withdraw"],
    }[status]


def _actor(action: str, memo: Memorandum, cast: Cast):
    if action in ("submit", "resubmit", "withdraw"):
        return memo.person_in_charge
    if action in ("send_to_mcom", "clear_for_signing", "legal_return"):
        return cast.legal
    if action.startswith("mcom_"):
        return cast.committee
    if action in ("mark_expiring", "expire"):
        return None
    return cast.officer


COMMENTS = {
    "return_changes": "Please state the financial commitment of each party and attach the "
    "partner's company profile.",
    "mcom_recommend": "The committee recommends the memorandum to UMC.",
    "mcom_reject": "The committee does not recommend it: the scope overlaps an existing "
    "agreement with the same partner.",
    "terminate": "The partner has ceased operations in Malaysia.",
}


def seed(ctx) -> None:
    today = timezone.localdate()
    now = timezone.now()
    types = services.types_ensure_defaults()
    committee_types = [t for t in types if t.needs_committee]
    cast = Cast(
        officer=ctx.logins["officer"], legal=ctx.logins["legal"], committee=ctx.logins["committee"]
    )
    partner = ctx.logins.get("partner")
    partner_org = getattr(partner, "organisation", None)
    academic_login = ctx.logins.get("academic")
    orgs = [o for o in ctx.organisations if o.status != "merged"]
    people = [p for p in ctx.academics if p.unit_id] or [academic_login]
    koe = [p for p in people if p.unit and p.unit.code.startswith("koe")]
    existing = set(Memorandum.objects.values_list("reference", flat=True))

    serial = 0
    for status, count in PLAN:
        for _i in range(ctx.n(count)):
            serial += 1
            # One generator per memorandum: skipping an existing one leaves the others as
            # they were, so a second run finds every reference it made the first time.
            rng = ctx.rng(f"agreements:{serial}")
            committee = (
                status in (S.AWAITING_MCOM, S.AWAITING_UMC, S.REJECTED) or rng.random() < 0.8
            )
            memo_type = rng.choice(committee_types if committee else types)
            # The demo logins each get a share: the academic is in charge of some, the
            # partner's organisation is a party to some, the coordinator's unit has many.
            if academic_login and serial % 23 == 0:
                pic = academic_login
            elif koe and serial % 3 == 0:
                pic = rng.choice(koe)
            else:
                pic = rng.choice(people)
            parties = rng.sample(orgs, 2 if rng.random() < 0.12 else 1)
            if partner_org and serial % 17 == 0 and partner_org not in parties:
                parties[0] = partner_org
            years = rng.choice([2, 3, 3, 5])
            start, end = _period(status, years, today, rng)
            steps = _steps(status, memo_type.needs_committee)
            times = _times(steps, status, start, end, today, now, rng)
            created = times.pop(0)
            reference = f"{memo_type.abbreviation}/{timezone.localtime(created).year}/D{serial:03d}"
            if reference in existing:
                ctx.count("memoranda", False)
                continue
            memo = _create(memo_type, pic, parties, reference, created, start, years, serial, rng)
            ctx.count("memoranda", True)
            if steps or rng.random() < 0.5:
                services.document_add(
                    memorandum=memo,
                    by=pic,
                    kind="draft",
                    upload=_upload("draft-v1.pdf", memo.title, ["Draft for review.", reference]),
                    is_confidential=True,
                    at=created + datetime.timedelta(hours=1),
                )
            _walk(memo, steps, times, cast, rng)
    _deliverables(ctx, today)


def _period(status, years, today, rng):
    """Start and end dates consistent with where the memorandum ends up today."""
    length = datetime.timedelta(days=365 * years - 1)
    if status == S.EXPIRING:
        end = today + datetime.timedelta(days=rng.randint(3, 178))
        return end - length, end
    if status == S.EXPIRED:
        end = today - datetime.timedelta(days=rng.randint(1, 600))
        return end - length, end
    if status in (S.ACTIVE, S.TERMINATED, S.RENEWED):
        start = today - datetime.timedelta(days=rng.randint(20, 365 * years - 200))
        return start, start + length
    if status == S.SIGNED:
        start = today + datetime.timedelta(days=rng.randint(5, 40))
        return start, start + length
    return today + datetime.timedelta(days=rng.randint(30, 200)), None


def _at(day, hour, now):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=now.tzinfo)


def _times(steps, status, start, end, today, now, rng) -> list[datetime.datetime]:
    """When the memorandum was opened, then when each step was taken, in order."""
    if "record_signing" in steps:
        signed_on = min(start, today - datetime.timedelta(days=rng.randint(1, 20)))
        signing = _at(signed_on, 11, now)
        before = steps.index("record_signing")
        created = signing - datetime.timedelta(days=rng.randint(60, 150))
        gap = (signing - created) / (before + 1)
        times = [created + gap * i for i in range(before + 1)] + [signing]
        activation = max(signing + datetime.timedelta(hours=1), _at(start, 8, now))
        for action in steps[before + 1 :]:
            if action == "activate":
                times.append(activation)
            elif action == "mark_expiring":
                times.append(max(activation, _at(end - datetime.timedelta(days=180), 6, now)))
            elif action == "expire":
                times.append(_at(end + datetime.timedelta(days=1), 6, now))
            else:  # renew, terminate
                latest = now - datetime.timedelta(days=1)
                times.append(max(activation, latest - datetime.timedelta(days=rng.randint(0, 60))))
        return [min(t, now - datetime.timedelta(minutes=5)) for t in times]
    last = now - datetime.timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 8))
    created = last - datetime.timedelta(days=rng.randint(4, 9) * (len(steps) + 1))
    if not steps:
        return [last]
    gap = (last - created) / len(steps)
    return [created + gap * i for i in range(len(steps) + 1)]


def _create(memo_type, pic, parties, reference, created, start, years, serial, rng):
    topic, keywords = TOPICS[serial % len(TOPICS)]
    partner_name = parties[0].legal_name.split(" Sdn")[0].split(" Berhad")[0]
    return services.memorandum_create(
        by=pic,
        parties=parties,
        reference=reference,
        at=created,
        quiet=True,
        title=f"{topic} with {partner_name}",
        memo_type=memo_type,
        initiating_unit=pic.unit,
        person_in_charge=pic,
        scope=(
            f"Collaboration between the university and {parties[0].legal_name} on "
            f"{topic.lower()}: {keywords}."
        ),
        objectives="Share expertise and facilities; train students; publish jointly; "
        "explore commercialisation.",
        value_cash=rng.choice([0, 0, 25000, 50000, 120000, 300000, 750000]),
        value_in_kind=rng.choice([0, 10000, 40000, 100000]),
        financial_terms="Each party bears its own costs unless agreed in writing."
        if rng.random() < 0.5
        else "",
        start_date=start,
        duration_months=12 * years,
        renewal_terms="Renewable by mutual written agreement for a further term.",
        confidentiality=rng.choices(["public", "internal", "confidential"], [3, 5, 2])[0],
    )


def _walk(memo, steps, times, cast, rng):
    """Record the steps that brought the memorandum where it stands, with the papers each step
    produced, through the workflow's own checks (``record_history``)."""
    past = []
    for action, at in zip(steps, times, strict=True):
        day = timezone.localtime(at).date()
        step = {
            "action": action,
            "by": _actor(action, memo, cast),
            "at": at,
            "comment": COMMENTS.get(action, ""),
        }
        if action.startswith("mcom_"):
            step["meeting_date"] = day
        if action == "umc_approve":
            step.update(meeting_date=day, reference=f"UMC {day.strftime('%m/%Y')}")
        if action == "send_to_legal" and rng.random() < 0.6:
            services.document_add(
                memorandum=memo,
                by=cast.officer,
                kind="vetted",
                upload=_upload("vetted.pdf", memo.title, ["Vetted by OIL.", memo.reference]),
                is_confidential=rng.random() < 0.7,
                at=at,
            )
        if action == "record_signing":
            _signatories(memo, cast)
            step["signed_on"] = day
            services.document_add(
                memorandum=memo,
                by=cast.officer,
                kind="signed",
                upload=_upload("signed.pdf", memo.title, ["Signed copy.", memo.reference]),
                is_confidential=memo.confidentiality == "confidential",
                at=at,
            )
        past.append(PastStep(**step))
    record_history(memorandum=memo, steps=past, by=None)
    if "renew" in steps:
        services.memorandum_open_renewal(memorandum=memo, by=cast.officer, at=times[-1])


def _signatories(memo, cast):
    name, title = UNIVERSITY_SIGNATORY
    services.signatory_add(memorandum=memo, by=cast.officer, name=name, title=title)
    for party in memo.parties.select_related("organisation"):
        contact = contacts_for(cast.officer, party.organisation).first()
        services.signatory_add(
            memorandum=memo,
            by=cast.officer,
            party=party,
            name=contact.name if contact else "Chief Executive Officer",
            title=(contact.role if contact and contact.role else "Chief Executive Officer"),
            contact=contact,
        )


def _deliverables(ctx, today):
    memos = (
        Memorandum.objects.filter(
            status__in=[S.ACTIVE, S.EXPIRING, S.SIGNED],
            deliverables=None,
            reference__contains="/D",
        )
        .select_related("person_in_charge")
        .order_by("reference")
    )
    for memo in memos:
        rng = ctx.rng(f"agreements:deliverables:{memo.reference}")
        for title, target in rng.sample(DELIVERABLES, rng.randint(1, 3)):
            due = today + datetime.timedelta(days=rng.randint(-200, 400))
            status = "planned"
            if due < today:
                status = rng.choices(["done", "planned", "in_progress"], [8, 1, 1])[0]
            services.deliverable_create(
                memorandum=memo,
                by=None,
                title=title,
                target_quantity=target,
                due_date=due,
                owner=memo.person_in_charge,
                status=status,
                quiet=True,
            )
            ctx.count("deliverables", True)


IN_FORCE = (S.SIGNED, S.ACTIVE, S.EXPIRING, S.EXPIRED, S.RENEWED)


def finish(ctx) -> None:
    """The office's own tagging, after the classifier's: an officer tags most memoranda that
    came into force with SDG 17 (partnerships for the goals), as offices do for the THE Impact
    Rankings evidence — a partnership agreement is SDG 17 evidence whatever its subject, which
    a classifier reading the text cannot know. Deterministic, idempotent (a tag is added once)."""
    import hashlib

    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import PermissionDenied

    from jalinan.sdgs.models import SdgTag
    from jalinan.sdgs.services import sdg_tag_add

    officer = ctx.logins.get("officer")
    if officer is None:
        return
    tagged = set(
        SdgTag.objects.filter(
            content_type=ContentType.objects.get_for_model(Memorandum),
            goal=17,
            status=SdgTag.Status.ACCEPTED,
        ).values_list("object_id", flat=True)
    )
    for memo in Memorandum.objects.filter(status__in=IN_FORCE).order_by("pk"):
        draw = int(
            hashlib.sha256(f"{ctx.seed}:sdg17:{memo.reference}".encode()).hexdigest()[:8], 16
        )
        if draw % 10 >= 7:
            continue
        if memo.pk in tagged:
            ctx.count("SDG 17 tags", False)
            continue
        try:
            sdg_tag_add(obj=memo, goal=17, by=officer)
        except PermissionDenied:  # a closed record's tags are no longer edited
            continue
        ctx.count("SDG 17 tags", True)
