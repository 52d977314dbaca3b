"""Text to terms for the lexical signal and for highlighting.

Words are lower-cased, stop words dropped, and reduced by a light English stemmer (plural and
common suffixes), so that "networks" matches "network" and "optimisation" matches "optimised".
Each stem is hashed to a stable 31-bit integer: the lexical index then needs no vocabulary,
every document is tokenised on its own (incremental indexing), and the same ids work in every
backend and every process.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache

import numpy as np

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

# English function words, plus a few Malay ones (profiles mix the two).
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just may me might more most must my myself no nor not now of off on once only or
    other our ours ourselves out over own same shall she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    very was we were what when where which while who whom why will with within without would you
    your yours yourself yourselves et al via using use used based new two one three however thus
    therefore paper study propose proposed present presents show shows shown result results
    approach method methods work also well many much often among across whether either neither
    dan yang untuk dengan di ke dari pada ini itu atau dalam oleh sebagai adalah
    """.split()
)

_SUFFIXES = (
    ("isations", "is"),
    ("izations", "iz"),
    ("isation", "is"),
    ("ization", "iz"),
    ("ational", "at"),
    ("fulness", "ful"),
    ("iveness", "iv"),
    ("ically", "ic"),
    ("ations", "at"),
    ("ation", "at"),
    ("ising", "is"),
    ("izing", "iz"),
    ("ities", "it"),
    ("ity", "it"),
    ("ised", "is"),
    ("ized", "iz"),
    ("ises", "is"),
    ("izes", "iz"),
    ("ise", "is"),
    ("ize", "iz"),
    ("ness", ""),
    ("ments", "ment"),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("es", "e"),
    ("ed", ""),
    ("ly", ""),
    ("s", ""),
)


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper (no dictionary): good enough to conflate the
    usual inflections without the over-stemming of aggressive stemmers."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, in order (stop words included)."""
    return WORD.findall((text or "").lower())


def stems(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order."""
    out = []
    for w in words(text):
        if len(w) < 2 or w in STOP_WORDS or w.isdigit():
            continue
        out.append(stem(w.replace("'", "")))
    return out


def term_id(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) & 0x7FFFFFFF


def term_counts(text: str) -> tuple[Counter, int]:
    """``({term id: count}, number of content words)`` of ``text``."""
    ss = stems(text)
    return Counter(term_id(s) for s in ss), len(ss)


def encode_terms(counts: Counter) -> bytes:
    """Pack ``{term id: count}`` as sorted int32 ids followed by uint16 counts."""
    if not counts:
        return b""
    ids = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
    tf = np.fromiter((min(counts[int(i)], 65535) for i in ids), dtype=np.uint16, count=len(ids))
    return ids.tobytes() + tf.tobytes()


def decode_terms(blob: bytes | memoryview | None) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of :func:`encode_terms`: (term ids int32, counts float32)."""
    if not blob:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    blob = bytes(blob)
    n = len(blob) // 6
    ids = np.frombuffer(blob, dtype=np.int32, count=n)
    tf = np.frombuffer(blob, dtype=np.uint16, count=n, offset=4 * n).astype(np.float32)
    return ids, tf


def matching_terms(query: str | set[str], text: str, limit: int = 12) -> list[str]:
    """The words of ``text`` whose stems occur in ``query`` (a text, or its set of stems) for
    highlighting, most frequent in the text first, each once."""
    wanted = query if isinstance(query, set) else set(stems(query))
    if not wanted:
        return []
    seen: Counter = Counter()
    first: dict[str, str] = {}
    # Each distinct word once, in order of first appearance (a Counter keeps that order).
    for w, n in Counter(words(text)).items():
        if len(w) < 2 or w in STOP_WORDS or w.isdigit():
            continue
        s = stem(w.replace("'", ""))
        if s in wanted:
            seen[s] += n
            first.setdefault(s, w)
    return [first[s] for s, _n in seen.most_common(limit)]


def highlight_spans(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(piece, is_match)`` parts, a match being any word whose stem is
    the stem of one of ``terms``. Templates render the pieces, escaping each."""
    wanted = {stem(t.lower().replace("'", "")) for t in terms}
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in WORD.finditer(text or ""):
        w = m.group(0).lower()
        if w in STOP_WORDS or stem(w.replace("'", "")) not in wanted:
            continue
        if m.start() > pos:
            parts.append((text[pos : m.start()], False))
        parts.append((m.group(0), True))
        pos = m.end()
    if pos < len(text or ""):
        parts.append((text[pos:], False))
    return parts
