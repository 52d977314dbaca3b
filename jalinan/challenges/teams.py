"""Team suggestion: for a problem that spans several fields, teams of 2-4 experts from
different units who together cover its aspects better than any one of them.

The algorithm (deterministic; every search goes through the matching engine and only over the
profiles the user may see):

1. **Units of text.** The text is split into sentences (at line breaks and at ``. ! ? ;``);
   sentences with fewer than three content words are dropped, and a long text is folded into
   at most ``MAX_UNITS`` runs of consecutive sentences.
2. **Candidates.** The experts the user may see are searched for the whole text (top 10) and
   for each sentence (top 6 each); the lists are merged round-robin, so every part of the
   problem brings in its own best experts, up to ``MAX_CANDIDATES`` (25).
3. **Aspects.** Each sentence is scored against every candidate. Sentences that no candidate
   matches (below ``OFF_TOPIC_RATIO`` of the best sentence's best score: a budget, a deadline)
   name no expertise and are left out. The rest are grouped by average-linkage agglomerative
   clustering on a similarity that mixes two signals equally:

   - the cosine of the sentences' embeddings (what they say), and
   - the correlation of their scores over the candidates (*who* can answer them): two
     sentences that the same experts answer best are one aspect for the purpose of a team,
     however different their wording, and two that different experts answer are two.

   The second signal is what makes the grouping robust: sentences of one aspect share few
   words (so a bag-of-words embedder, or a small sentence model, sees them as unrelated), but
   they retrieve the same people. At most ``MAX_ASPECTS`` (4) aspects are kept. Each aspect is
   labelled by its three most distinctive words (TF-IDF of stems over the aspects, words that
   the best candidates' evidence shares with the aspect counting double).
   One aspect: no team is suggested (one expert suffices).
4. **Coverage.** Each candidate is scored on each aspect's text (one ``score_entities`` call
   per aspect, with the evidence). Scores are divided by the best candidate's score on that
   aspect, so 1.0 is the best coverage available and aspects weigh equally. The coverage of a
   team is the mean over aspects of its best member's normalised score.
5. **Teams.** Every team of 2..``max_size`` candidates from distinct units (an expert without
   a unit counts as a unit of their own) is scored exhaustively with NumPy (25 choose 4 is
   12,650). A team is kept when every member is the team's best cover of at least one aspect,
   at ``COVER_LEVEL`` (half the best available) or more (no passengers); when it beats each
   of its sub-teams by ``TEAM_MARGIN`` (a larger team must earn its extra member); and when
   it beats the best single expert by ``TEAM_MARGIN``. The best ``k`` are returned, by
   coverage, then smaller first, then higher raw scores, then candidate order.

``suggest_teams(text, user)`` returns a :class:`TeamsResult`: the aspects, the teams (each
member with the aspects they cover and the publications that show it), the best single expert
and, when there is no team, the reason (``SINGLE_ASPECT``, ``NO_CANDIDATES``,
``NO_BETTER_TEAM``). A team's ``gaps`` are the aspects none of its members reaches
``COVER_LEVEL`` on (the template says so rather than pretend someone covers them).

Cost: one embedding batch, 1 + 2 × sentences + aspects searches, each restricted to at most
25 entities after the first round; no scikit-learn at request time (the clustering of at
most 16 points is a loop).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

MAX_UNITS = 16
MIN_CONTENT_WORDS = 3
MAX_CANDIDATES = 25
WHOLE_TEXT_K = 10
SENTENCE_K = 6
MAX_ASPECTS = 4
OFF_TOPIC_RATIO = 0.4
# Average-linkage merge threshold on the mixed similarity (see the module docstring).
MERGE_SIMILARITY = 0.3
TEAM_MARGIN = 0.05
# A member covers an aspect when they are the team's best on it at this fraction of the best
# available; an aspect no member reaches it on is a gap of the team.
COVER_LEVEL = 0.5
EVIDENCE_PER_ASPECT = 2

SINGLE_ASPECT = "single aspect"
NO_CANDIDATES = "no candidates"
NO_BETTER_TEAM = "no team beats the best single expert"

# Words of a request rather than of a field, never an aspect's label.
GENERIC_WORDS = frozenset(
    """need needs want wants wish like looking seek seeking require requires required help
    would able also""".split()
)

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass
class Aspect:
    """One part of the problem: its sentences and a short label."""

    index: int
    label: str
    text: str
    terms: list[str] = field(default_factory=list)


@dataclass
class TeamEvidence:
    """A document of a member that matches the aspect they cover."""

    aspect: Aspect
    title: str
    kind: str
    year: int | None
    terms: list[str]
    url: str = ""


@dataclass
class TeamMember:
    profile: object  # ExpertProfile
    aspects: list[Aspect]
    evidence: list[TeamEvidence] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # normalised, one per aspect


@dataclass
class SingleExpert:
    """The best single expert: the one to compare a team with."""

    profile: object  # ExpertProfile
    coverage: float
    scores: list[float] = field(default_factory=list)


@dataclass
class TeamSuggestion:
    members: list[TeamMember]
    coverage: float
    best_single: SingleExpert
    gaps: list[Aspect] = field(default_factory=list)  # aspects no member covers well

    @property
    def gain(self) -> float:
        return round(self.coverage - self.best_single.coverage, 4)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class TeamsResult:
    aspects: list[Aspect] = field(default_factory=list)
    teams: list[TeamSuggestion] = field(default_factory=list)
    best_single: SingleExpert | None = None
    reason: str = ""  # why there is no team; empty when there are teams

    @property
    def message(self) -> str:
        """The reason there is no team, in words for the page."""
        from django.utils.translation import gettext as _

        if self.reason == SINGLE_ASPECT:
            return _("This problem has a single aspect: one expert can cover it.")
        if self.reason == NO_CANDIDATES:
            return _("No expert you may see matches this problem yet.")
        if self.reason == NO_BETTER_TEAM:
            return _(
                "No team of experts from different units covers this problem clearly better "
                "than the best single expert."
            )
        return ""


# -- splitting ---------------------------------------------------------------------------------


def split_units(text: str, max_units: int = MAX_UNITS) -> list[str]:
    """The sentences of ``text`` that say something (three content words or more), folded
    into at most ``max_units`` runs of consecutive sentences."""
    from jalinan.matching.text import stems

    sentences = [s.strip(" \t-*•") for s in _SENTENCE_END.split(text or "")]
    sentences = [s for s in sentences if len(stems(s)) >= MIN_CONTENT_WORDS]
    if len(sentences) <= max_units:
        return sentences
    cuts = [round(i * len(sentences) / max_units) for i in range(max_units + 1)]
    return [" ".join(sentences[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]


def _correlation(rows: np.ndarray) -> np.ndarray:
    """Pearson correlation between the rows of ``rows`` (0 for a constant row)."""
    centred = rows - rows.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred = np.divide(centred, norms, out=np.zeros_like(centred), where=norms > 1e-9)
    return centred @ centred.T


def unit_similarity(vectors: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The mixed similarity of sentences: half the cosine of their (unit) embeddings, half the
    correlation of their scores over the candidates (rows: sentences). With fewer than three
    candidates the correlation says nothing and the embeddings decide alone."""
    text_sim = np.clip(vectors @ vectors.T, -1.0, 1.0)
    if scores.shape[1] < 3:
        return text_sim
    return 0.5 * text_sim + 0.5 * _correlation(scores)


def cluster_units(
    similarity: np.ndarray, *, threshold: float = MERGE_SIMILARITY
) -> list[list[int]]:
    """Groups of sentence indices by average-linkage agglomerative clustering: the two groups
    of highest mean pairwise similarity are merged while it is at least ``threshold``, and
    past it while there are more than ``MAX_ASPECTS`` groups. Each group is in text order,
    the groups ordered by their first sentence. (At most ``MAX_UNITS`` points: a plain loop,
    deterministic, ties to the earliest pair, and no scikit-learn import on a page view.)"""
    sim = (np.asarray(similarity, dtype=np.float64) + np.asarray(similarity).T) / 2
    groups = [[i] for i in range(len(sim))]
    while len(groups) > 1:
        best, pair = -np.inf, (0, 1)
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                s = float(sim[np.ix_(groups[x], groups[y])].mean())
                if s > best + 1e-12:
                    best, pair = s, (x, y)
        if best < threshold and len(groups) <= MAX_ASPECTS:
            break
        x, y = pair
        groups[x] = sorted(groups[x] + groups[y])
        del groups[y]
    return sorted(groups, key=lambda g: g[0])


def label_aspects(
    texts: list[str], matched: list[set[str]] | None = None, n_words: int = 3
) -> list[list[str]]:
    """The ``n_words`` most distinctive words of each text (TF-IDF of stems over the texts),
    in the form and order they take in the text. ``matched``: for each text, the stems the
    experts' evidence shares with it; they count double, so that a label names the expertise
    ("biogas") rather than the request ("need")."""
    from jalinan.matching.text import STOP_WORDS, stem, words

    parsed = []
    for t in texts:
        bag: Counter = Counter()
        first: dict[str, str] = {}
        for w in words(t):
            if len(w) < 3 or w in STOP_WORDS or w in GENERIC_WORDS or w.isdigit():
                continue
            s = stem(w.replace("'", ""))
            bag[s] += 1
            first.setdefault(s, w)
        parsed.append((bag, first))
    df: Counter = Counter(s for bag, _ in parsed for s in bag)
    n = len(texts)
    out = []
    for i, (bag, first) in enumerate(parsed):
        boost = matched[i] if matched else set()
        order = {s: j for j, s in enumerate(first)}
        weight = {
            s: c * (math.log((1 + n) / (1 + df[s])) + 1) * (2 if s in boost else 1)
            for s, c in bag.items()
        }
        best = sorted(weight, key=lambda s: (-weight[s], order[s]))[:n_words]
        out.append([first[s] for s in sorted(best, key=order.get)])
    return out


# -- the search --------------------------------------------------------------------------------


def _round_robin(lists: list[list[int]], limit: int) -> list[int]:
    out: list[int] = []
    seen: set[int] = set()
    for rank in range(max((len(x) for x in lists), default=0)):
        for ids in lists:
            if rank < len(ids) and ids[rank] not in seen:
                seen.add(ids[rank])
                out.append(ids[rank])
                if len(out) >= limit:
                    return out
    return out


def _score_matrix(texts, vectors, candidates: list[int], *, evidence: int = 0):
    """Scores (texts × candidates, clipped at 0) and, with ``evidence``, the engine's results."""
    from jalinan import matching
    from jalinan.experts.selectors import COLLECTION

    scores = np.zeros((len(texts), len(candidates)), dtype=np.float64)
    results = []
    col = {pk: j for j, pk in enumerate(candidates)}
    for i, (t, v) in enumerate(zip(texts, vectors, strict=True)):
        found = matching.score_entities(
            COLLECTION, t, candidates, vector=v, evidence=evidence, explain=bool(evidence)
        )
        for pk, r in found.items():
            if pk in col:
                scores[i, col[pk]] = max(float(r.score), 0.0)
        results.append(found)
    return scores, results


def _normalise(scores: np.ndarray) -> np.ndarray:
    """Each row (aspect) divided by its best score: 1.0 = the best coverage available."""
    best = scores.max(axis=1, keepdims=True)
    return np.divide(scores, best, out=np.zeros_like(scores), where=best > 1e-9)


def _unit_keys(profiles: list) -> np.ndarray:
    return np.array(
        [p.unit_id if p.unit_id is not None else -1 - p.pk for p in profiles], dtype=np.int64
    )


def best_teams(
    norm: np.ndarray,
    units: np.ndarray,
    *,
    max_size: int = 4,
    k: int = 3,
    raw: np.ndarray | None = None,
    margin: float = TEAM_MARGIN,
) -> tuple[int, float, list[tuple[tuple[int, ...], float, np.ndarray]]]:
    """The search over teams, on ``norm`` (candidates × aspects, normalised) and ``units``
    (one key per candidate). Returns the best single candidate (index, coverage) and up to
    ``k`` teams as (member indices, coverage, the member index covering each aspect)."""
    n, m = norm.shape
    single = norm.mean(axis=1)
    raw_sum = (raw if raw is not None else norm).sum(axis=1)
    # Best single: highest coverage, then higher raw scores, then the earlier candidate.
    best_single = int(sorted(range(n), key=lambda i: (-round(single[i], 9), -raw_sum[i], i))[0])
    best_single_cov = float(single[best_single])
    found: list[tuple[float, int, float, tuple[int, ...], np.ndarray]] = []
    for size in range(2, min(max_size, m, n) + 1):
        combos = np.array(list(combinations(range(n), size)), dtype=np.int64)
        u = np.sort(units[combos], axis=1)
        combos = combos[(u[:, 1:] != u[:, :-1]).all(axis=1)]
        if not len(combos):
            continue
        block = norm[combos]  # teams × members × aspects
        cover = block.max(axis=1).mean(axis=1)
        who = block.argmax(axis=1)  # teams × aspects: the position of the covering member
        # No passengers: every member is the team's best cover of some aspect, and covers it
        # at least at ``COVER_LEVEL`` of the best available.
        real = who + np.where(block.max(axis=1) >= COVER_LEVEL, 0, size)
        covers_some = np.stack([(real == j).any(axis=1) for j in range(size)], axis=1).all(axis=1)
        # Each sub-team (one member fewer) must do worse by the margin.
        sub_best = np.max(
            [np.delete(block, j, axis=1).max(axis=1).mean(axis=1) for j in range(size)], axis=0
        )
        ok = covers_some & (cover >= sub_best + margin - 1e-9)
        ok &= cover >= best_single_cov + margin - 1e-9
        for t in np.flatnonzero(ok):
            members = tuple(int(i) for i in combos[t])
            assign = np.array([members[j] for j in who[t]])
            found.append(
                (
                    -round(float(cover[t]), 9),
                    size,
                    -float(raw_sum[list(members)].sum()),
                    members,
                    assign,
                )
            )
    found.sort(key=lambda f: (f[0], f[1], f[2], f[3]))
    teams = [(f[3], -f[0], f[4]) for f in found[:k]]
    return best_single, best_single_cov, teams


def _as_sentence(unit: str) -> str:
    return unit if unit[-1:] in ".!?;:" else unit + "."


def _matched_stems(raw: np.ndarray, results, candidates: list[int], top: int = 3) -> list[set]:
    """For each aspect, the stems of the words its best ``top`` candidates' evidence shares
    with it."""
    from jalinan.matching.text import stems

    out = []
    for a, found in enumerate(results):
        best = np.argsort(-raw[a], kind="stable")[:top]
        terms = [
            t
            for j in best
            if candidates[j] in found
            for d in found[candidates[j]].docs
            for t in d.terms
        ]
        out.append(set(stems(" ".join(terms))))
    return out


def _visible_profiles(user, filters):
    from jalinan.experts.selectors import filter_profiles, profiles_for

    return filter_profiles(profiles_for(user), filters)


def suggest_teams(text: str, user, *, max_size: int = 4, k: int = 3, filters=None) -> TeamsResult:
    """Teams of 2..``max_size`` experts that ``user`` may see, from different units, who
    together cover the aspects of ``text`` better than the best single expert; see the module
    docstring for how. ``filters`` are the expert search's (unit, position, availability)."""
    from jalinan import matching
    from jalinan.experts.selectors import COLLECTION

    text = (text or "").strip()
    if not text or not getattr(user, "is_authenticated", False):
        return TeamsResult(reason=NO_CANDIDATES)
    qs = _visible_profiles(user, filters)
    allowed = set(qs.values_list("pk", flat=True))
    if not allowed:
        return TeamsResult(reason=NO_CANDIDATES)

    units = split_units(text)
    vectors = matching.embed_texts([text, *units])
    lists = [
        [
            r.entity_id
            for r in matching.search(
                COLLECTION, t, k=kk, entity_ids=allowed, vector=v, explain=False
            )
        ]
        for t, v, kk in zip(
            [text, *units], vectors, [WHOLE_TEXT_K] + [SENTENCE_K] * len(units), strict=True
        )
    ]
    pool = _round_robin(lists, MAX_CANDIDATES)
    profiles = qs.in_bulk(pool)
    candidates = [pk for pk in pool if pk in profiles]
    if not candidates:
        return TeamsResult(reason=NO_CANDIDATES)

    # Aspects: sentences grouped by what they say and by who answers them.
    groups: list[list[int]] = []
    if units:
        unit_vectors = vectors[1:]
        unit_scores, _ = _score_matrix(units, unit_vectors, candidates)
        best = unit_scores.max(axis=1)
        on_topic = np.flatnonzero(best >= OFF_TOPIC_RATIO * best.max()) if best.max() > 0 else []
        if len(on_topic):
            sim = unit_similarity(unit_vectors[on_topic], unit_scores[on_topic])
            groups = [[int(on_topic[i]) for i in g] for g in cluster_units(sim)]
    aspect_texts = [" ".join(_as_sentence(units[i]) for i in g) for g in groups] or [text]
    raw, results = _score_matrix(
        aspect_texts,
        matching.embed_texts(aspect_texts) if groups else vectors[:1],
        candidates,
        evidence=EVIDENCE_PER_ASPECT,
    )
    norm = _normalise(raw).T  # candidates × aspects
    labels = label_aspects(aspect_texts, _matched_stems(raw, results, candidates))
    aspects = [
        Aspect(index=i, label=", ".join(words), text=t, terms=words)
        for i, (t, words) in enumerate(zip(aspect_texts, labels, strict=True))
    ]
    people = [profiles[pk] for pk in candidates]
    single_i, single_cov, found = best_teams(
        norm, _unit_keys(people), max_size=max_size, k=k, raw=raw.T
    )
    best_single = SingleExpert(
        profile=people[single_i],
        coverage=round(single_cov, 4),
        scores=[round(float(x), 4) for x in norm[single_i]],
    )
    result = TeamsResult(aspects=aspects, best_single=best_single)
    if len(aspects) < 2:
        result.reason = SINGLE_ASPECT
        return result
    for members, coverage, assign in found:
        level = norm[assign, np.arange(len(aspects))]
        strong = np.where(level >= COVER_LEVEL, assign, -1)
        team = []
        for i in sorted(members, key=lambda i: (int(np.flatnonzero(strong == i)[0]), i)):
            covered = [aspects[a] for a in np.flatnonzero(strong == i)]
            team.append(
                TeamMember(
                    profile=people[i],
                    aspects=covered,
                    evidence=[
                        ev
                        for a in covered
                        for ev in _evidence(results[a.index].get(candidates[i]), a, people[i])
                    ],
                    scores=[round(float(x), 4) for x in norm[i]],
                )
            )
        result.teams.append(
            TeamSuggestion(
                members=team,
                coverage=round(coverage, 4),
                best_single=best_single,
                gaps=[aspects[a] for a in np.flatnonzero(strong < 0)],
            )
        )
    if not result.teams:
        result.reason = NO_BETTER_TEAM
    return result


def _evidence(entity_result, aspect: Aspect, profile) -> list[TeamEvidence]:
    """The member's best document for the aspect (a publication first, else what matched)."""
    if entity_result is None:
        return []
    docs = sorted(
        entity_result.docs, key=lambda d: (not d.terms, d.kind != "publication", -d.score)
    )
    for d in docs[:1]:
        url = profile.get_absolute_url()
        if d.key.startswith("pub:"):
            url += f"#pub-{d.key.split(':', 1)[1]}"
        return [
            TeamEvidence(
                aspect=aspect,
                title=d.title,
                kind=d.kind,
                year=d.year,
                terms=d.terms,
                url=url,
            )
        ]
    return []
