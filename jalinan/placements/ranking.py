"""Placements in the matching engine: what of an opening and of a student profile it reads,
keeping the index current, and the reasons shown beside a ranking.

Two collections:

- ``placements.openings``: every *published* opening (one document: title, description and
  the skills wanted; the skills also as keywords). Pending, rejected and closed openings are
  taken out, so nothing unpublished is ever ranked.
- ``placements.students``: every student profile, keyed by the student's user id, with a
  "skills" document (skills, languages) and a "programme" one. Never the CGPA, the CV or the
  training period. The collection is only ever searched within the applicants of one opening
  (see :func:`jalinan.placements.selectors.applications.ranked_applicants`): a student is
  ranked for a partner only once they applied to it, which is when they agreed to share their
  profile with it (and what the partner then sees of the reasons follows the student's
  choices).

The services call :func:`opening_reindex` and :func:`profile_reindex` after every write that
changes what is indexed; only changed texts are re-embedded (the engine hashes them). Seeding
and bulk work wrap themselves in :func:`indexing_deferred` so that each record is indexed
once at the end, and ``manage.py reindex_placements`` (:func:`reindex_all`) rebuilds both
collections, e.g. after a restore.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .choices import OpeningStatus
from .models import Opening, StudentProfile

OPENINGS = "placements.openings"
STUDENTS = "placements.students"

# While an indexing_deferred() block runs, requests are collected here: {("opening", pk)}.
_deferred: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "placements_index_deferred", default=None
)


# -- what the engine reads ------------------------------------------------------------------


def opening_text(opening: Opening) -> str:
    """The opening as one text: the query when its applicants are ranked."""
    skills = "; ".join(opening.skills or [])
    return "\n".join(part for part in (opening.title, opening.description, skills) if part)


def opening_documents(opening: Opening) -> list:
    from jalinan.matching import Doc

    skills = "; ".join(opening.skills or [])
    text = f"{opening.description.strip()}\n{skills}".strip()
    return [Doc("opening", opening.title, text, None, "opening")]


def profile_text(profile: StudentProfile) -> str:
    """The student as one text (skills, programme, languages): the query for their
    recommended openings. Empty when the profile names no skill (nothing to rank by)."""
    if not profile.skills:
        return ""
    parts = ["; ".join(profile.skills)]
    if profile.programme_id:
        parts.append(profile.programme.name)
    if profile.languages:
        parts.append(", ".join(profile.languages))
    return "\n".join(parts)


def profile_documents(profile: StudentProfile) -> list:
    from jalinan.matching import Doc

    docs = []
    if profile.skills or profile.languages:
        docs.append(
            Doc(
                "skills",
                "; ".join(profile.skills),
                ", ".join(profile.languages),
                None,
                "skills",
            )
        )
    if profile.programme_id:
        docs.append(Doc("programme", profile.programme.name, "", None, "programme", weight=0.8))
    return docs


# -- keeping the index current --------------------------------------------------------------


def _index_opening(pk: int, *, embed: bool = True) -> None:
    from jalinan import matching

    opening = Opening.objects.filter(pk=pk).select_related("organisation").first()
    if opening is None or opening.status != OpeningStatus.PUBLISHED:
        matching.remove_entity(OPENINGS, pk)
        return
    matching.index_entity(
        OPENINGS,
        opening.pk,
        opening_documents(opening),
        meta={"organisation": opening.organisation_id, "kind": opening.kind},
        keywords=list(opening.skills or []),
        embed=embed,
    )


def _index_profile(pk: int, *, embed: bool = True) -> None:
    from jalinan import matching

    profile = StudentProfile.objects.filter(pk=pk).select_related("programme", "user").first()
    if profile is None:
        return
    docs = profile_documents(profile)
    if not docs or not profile.user.is_active:
        matching.remove_entity(STUDENTS, profile.user_id)
        return
    matching.index_entity(
        STUDENTS,
        profile.user_id,
        docs,
        meta={"programme": profile.programme.code if profile.programme_id else ""},
        keywords=list(profile.skills),
        embed=embed,
    )


def _request(kind: str, pk: int) -> None:
    pending = _deferred.get()
    if pending is not None:
        pending[(kind, pk)] = None  # a dict keeps the order and drops repeats
    elif kind == "opening":
        _index_opening(pk)
    else:
        _index_profile(pk)


def opening_reindex(opening: Opening) -> None:
    """Put a published opening in the index (as it is now); take any other out."""
    _request("opening", opening.pk)


def profile_reindex(profile: StudentProfile) -> None:
    """Put the student's profile in the index as it is now (out when it has nothing to
    match: no skill, language or programme)."""
    _request("profile", profile.pk)


@contextmanager
def indexing_deferred() -> Iterator[dict]:
    """Collect the reindex requests made inside the block and index each record once when
    it ends (seeding saves a profile or moves an opening several times), then embed the
    changed texts in batches, in this process (several times faster than one by one: for
    seeding, bulk work and ``reindex_placements``). Nested blocks join the outermost one. If
    the block raises, nothing is indexed (its writes roll back)."""
    from jalinan import matching

    if _deferred.get() is not None:
        yield _deferred.get()
        return
    pending: dict = {}
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)
    for kind, pk in pending:
        (_index_opening if kind == "opening" else _index_profile)(pk, embed=False)
    for collection in {OPENINGS if kind == "opening" else STUDENTS for kind, _pk in pending}:
        matching.embed_pending_docs(collection)


def reindex_all() -> dict[str, int]:
    """Index every published opening and every student profile; take out of the index the
    openings no longer published. Unchanged texts are not re-embedded, so running it again
    is cheap. Returns how many of each were handed to the engine."""
    from jalinan import matching

    openings = list(
        Opening.objects.filter(status=OpeningStatus.PUBLISHED).values_list("pk", flat=True)
    )
    profiles = list(StudentProfile.objects.values_list("pk", flat=True))
    with indexing_deferred():
        for pk in openings:
            _request("opening", pk)
        for pk in profiles:
            _request("profile", pk)
    for pk in Opening.objects.exclude(status=OpeningStatus.PUBLISHED).values_list("pk", flat=True):
        matching.remove_entity(OPENINGS, pk)
    return {"openings": len(openings), "profiles": len(profiles)}


# -- reasons --------------------------------------------------------------------------------


@dataclass
class Fit:
    """Why an opening suits a student, or an applicant an opening.

    ``score``: the engine's score (None when it has nothing to rank on: no text in common
    indexed yet); ``skills``: skills named on both sides (exact, ignoring case); ``terms``:
    other words the two texts share (the engine's evidence); ``programme``: the opening names
    the student's programme; ``hidden``: reasons left out because the student does not share
    that part of the profile with the viewer."""

    score: float | None = None
    skills: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    programme: bool = False
    hidden: bool = False

    @property
    def has_reasons(self) -> bool:
        return bool(self.skills or self.terms or self.programme)


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def skill_overlap(skills: list[str], wanted: list[str], text: str = "") -> list[str]:
    """The ``skills`` (in their own spelling, in order) equal to one of ``wanted`` or, given
    a ``text``, written in it as a whole phrase; case is ignored."""
    wanted_norm = {_norm(w) for w in wanted or []}
    text_norm = _norm(text)
    out = []
    for s in skills or []:
        n = _norm(s)
        if not n or s in out:
            continue
        if n in wanted_norm or (
            text_norm and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text_norm)
        ):
            out.append(s)
    return out


def other_terms(terms: list[str], skills: list[str], limit: int = 8) -> list[str]:
    """The engine's matched words, less those that only repeat a matched skill."""
    covered = {w for s in skills for w in _norm(s).split()}
    out = []
    for t in terms:
        if t.lower() not in covered and t not in out:
            out.append(t)
    return out[:limit]
