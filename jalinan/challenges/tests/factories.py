"""Test data for challenges: direct rows standing in a given status (the workflow tests go
through the services), and expert profiles indexed for matching."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.models import Challenge, Invitation

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

_seq = itertools.count(1)

CORROSION = {
    "title": "Corrosion of offshore pipelines",
    "problem_statement": (
        "Our carbon steel pipelines on offshore platforms show pitting corrosion in tropical "
        "seawater; we need a better cathodic protection design."
    ),
    "desired_outcome": "A tested anode layout that halves the corrosion rate.",
}
SPEECH = {
    "title": "Malay speech recognition for call centres",
    "problem_statement": (
        "Our call centre needs automatic speech recognition of Malay language calls, with "
        "code-switching between Bahasa Melayu and English."
    ),
    "desired_outcome": "A speech recognition model with a word error rate below 15%.",
}


def pdf_upload(name="spec.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_challenge(
    *,
    organisation,
    posted_by=None,
    status: str = ChallengeStatus.PUBLISHED,
    visibility: str = Visibility.STAFF,
    deadline: datetime.date | None | str = "default",
    index: bool = True,
    **fields,
) -> Challenge:
    """A challenge standing in ``status`` (published by default, deadline in 30 days), indexed
    for experts' "challenges for me" when published."""
    if deadline == "default":
        deadline = timezone.localdate() + datetime.timedelta(days=30)
    values = {**CORROSION, **fields}
    now = timezone.now()
    challenge = Challenge.objects.create(
        reference=f"CH-TEST-{next(_seq):05d}",
        organisation=organisation,
        posted_by=posted_by,
        status=status,
        visibility=visibility,
        proposal_deadline=deadline,
        submitted_at=now if status != ChallengeStatus.DRAFT else None,
        published_at=now
        if status in (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.AWARDED)
        else None,
        **values,
    )
    if index and status == ChallengeStatus.PUBLISHED:
        from jalinan.challenges.services.challenges import challenge_reindex

        challenge_reindex(challenge)
    return challenge


def invite(challenge: Challenge, profile, *, by=None) -> Invitation:
    """A direct invitation row (the brokerage tests go through ``invitation_create``)."""
    return Invitation.objects.create(challenge=challenge, expert=profile, invited_by=by)


def make_profile(user, *, keywords, biography="", publications=(), is_public=True):
    """An expert profile through the experts services (so it is indexed for matching);
    ``publications``: (title, abstract, year) tuples."""
    from jalinan.experts import services

    profile = services.profile_create(
        user=user, by=user, keywords=list(keywords), biography=biography, is_public=is_public
    )
    for title, abstract, year in publications:
        services.publication_create(
            profile=profile, by=user, title=title, abstract=abstract, year=year
        )
    return profile
