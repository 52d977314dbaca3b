"""Duplicate detection for organisations: normalised names and fuzzy similarity.

"Petronas Dagangan Berhad", "PETRONAS DAGANGAN BHD." and "Petronas Dagangan Sdn. Bhd." all
normalise to "petronas dagangan"; names that still differ are compared with RapidFuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from .choices import OrganisationStatus
from .models import Organisation

# Legal-form words dropped from the end of a name (after punctuation is removed), longest first.
_SUFFIXES = [
    "sendirian berhad",
    "sdn bhd",
    "sdn berhad",
    "berhad",
    "bhd",
    "public limited company",
    "private limited",
    "pte ltd",
    "pvt ltd",
    "co ltd",
    "limited",
    "ltd",
    "plc",
    "incorporated",
    "inc",
    "corporation",
    "corp",
    "company",
    "co",
    "llc",
    "llp",
    "pte",
    "gmbh",
    "ag",
    "sa",
    "bv",
    "plt",
]
_SUFFIX_WORDS = [tuple(s.split()) for s in _SUFFIXES]
_PAREN_MARKER_RE = re.compile(r"\((?:m|malaysia)\)", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free name without legal-form suffixes."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _PAREN_MARKER_RE.sub(" ", text)
    text = text.replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    stripped = _strip_suffixes(text.split())
    # A name made only of legal words ("Berhad") keeps its text rather than becoming empty.
    return stripped or text


def _strip_suffixes(words: list[str]) -> str:
    """The name without its run of trailing legal-form words ("co ltd", "sdn bhd berhad").

    The longest tail that splits wholly into suffixes is found from the end in one pass (a
    regex of repeated alternatives backtracked exponentially on "co ltd co ltd ...").
    """
    n = len(words)
    splits = [False] * (n + 1)  # splits[i]: words[i:] is made of suffixes only
    splits[n] = True
    for i in range(n - 1, -1, -1):
        splits[i] = any(
            tuple(words[i : i + len(s)]) == s and splits[i + len(s)] for s in _SUFFIX_WORDS
        )
    start = next(i for i in range(n + 1) if splits[i])
    return " ".join(words[:start])


def normalise_registration(number: str) -> str:
    return re.sub(r"[\s\-./]", "", number or "").upper()


@dataclass
class DuplicateCandidate:
    organisation: Organisation
    score: int
    reason: str


def _names_of(org_names: list[str]) -> list[str]:
    return [n for n in (normalise_name(x) for x in org_names) if n]


def find_duplicates(
    *,
    legal_name: str,
    other_names=(),
    registration_number: str = "",
    exclude_pk: int | None = None,
    limit: int = 5,
    threshold: int = 85,
) -> list[DuplicateCandidate]:
    """Existing, unmerged organisations that look like the one described, best first."""
    wanted = _names_of([legal_name, *other_names])
    reg = normalise_registration(registration_number)
    found: dict[int, DuplicateCandidate] = {}

    def keep(org, score, reason):
        if org.pk == exclude_pk:
            return
        best = found.get(org.pk)
        if best is None or score > best.score:
            found[org.pk] = DuplicateCandidate(org, int(round(score)), reason)

    base = Organisation.objects.exclude(status=OrganisationStatus.MERGED)
    if exclude_pk:
        base = base.exclude(pk=exclude_pk)
    if reg:
        for org in base.exclude(registration_number=""):
            if normalise_registration(org.registration_number) == reg:
                keep(org, 100, _("Same registration number"))
    if wanted:
        # One pass over (id, normalised names) held in memory: fast at tens of thousands.
        rows = list(base.values_list("pk", "search_name", "other_names"))
        choices: dict[int, list[str]] = {}
        for pk, search_name, others in rows:
            choices[pk] = [search_name] + _names_of(others or [])
        flat_keys, flat_names = [], []
        for pk, names in choices.items():
            for n in names:
                if n:
                    flat_keys.append(pk)
                    flat_names.append(n)
        hits: dict[int, tuple[float, str]] = {}
        for name in wanted:
            for _match, score, idx in process.extract(
                name,
                flat_names,
                scorer=fuzz.token_sort_ratio,
                limit=limit * 4,
                score_cutoff=threshold,
            ):
                pk = flat_keys[idx]
                exact = flat_names[idx] == name
                score = 100.0 if exact else score
                reason = (
                    _("Same name once legal suffixes and punctuation are ignored")
                    if exact
                    else _("Similar name (%(score)d%%)") % {"score": round(score)}
                )
                if pk not in hits or score > hits[pk][0]:
                    hits[pk] = (score, reason)
        if hits:
            orgs = Organisation.objects.in_bulk(list(hits))
            for pk, (score, reason) in hits.items():
                keep(orgs[pk], score, reason)
    return sorted(found.values(), key=lambda c: (-c.score, c.organisation.legal_name))[:limit]
