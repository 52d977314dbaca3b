"""A small evaluator for the bibliographic Boolean queries of the SDG query sets, run on plain
text instead of a citation database.

Two syntaxes are read:

- **Scopus** (Aurora's queries): ``"loose phrases"``, ``{exact phrases}``, ``*`` (any number of
  characters), ``?`` (one character), ``W/n`` and ``PRE/n`` (at most ``n`` words apart, PRE in
  that order), ``AND``, ``OR``, ``AND NOT``; precedence OR > W/n, PRE/n > AND > AND NOT.
- **Web of Science** (the Bergen strings): ``TS=( … )``, ``"phrases"``, ``*``, ``?``, ``$``
  (zero or one character), ``NEAR/n`` (``NEAR`` alone is NEAR/15), ``SAME``, ``AND``, ``OR``,
  ``NOT``; precedence NEAR, SAME > NOT > AND > OR.

Two operands side by side are joined by AND. Field tags name the field searched: title,
abstract, keyword and topic fields search the text; a field plain text does not have (the
journal title, ``SO=``) never matches. Words are compared in lower case with punctuation as a
word break (so ``"co-operat*"`` is the phrase ``co operat*``), and a word without a wildcard
also matches its plural, as both databases do. A missing closing parenthesis is assumed.

Many queries are run on each text, so the work is arranged to be cheap:

- every phrase of every query is entered once in a :class:`Lexicon`, indexed by its first
  word, so a text finds the phrases it contains by looking its own words up;
- each :class:`CompiledQuery` knows a *trigger* set of phrases at least one of which must be
  in the text for the query to match, and is skipped at once when none is;
- positions (needed for ``W/n`` and for the evidence shown to people) are computed only for
  the phrases a query actually uses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

SCOPUS = "scopus"
WOS = "wos"

_WORD = re.compile(r"[a-z0-9]+")
_SPAN_CAP = 64  # a node keeps at most this many spans: enough for evidence, bounded work

# Fields whose content is the text itself; any other field is absent from plain text.
_TEXT_FIELDS = {
    "TS",
    "TI",
    "AB",
    "AK",
    "KP",
    "TITLE-ABS-KEY",
    "TITLE-ABS",
    "TITLE",
    "ABS",
    "KEY",
    "AUTHKEY",
    "INDEXTERMS",
    "ALL",
}

Span = tuple[int, int]


def words(text: str) -> list[str]:
    """The words of ``text`` as the queries see them: lower case, punctuation removed."""
    return _WORD.findall(text.lower())


def _plural_forms(word: str) -> tuple[str, ...]:
    if word.endswith("y") and len(word) > 2:
        return (word, word + "s", word[:-1] + "ies")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return (word, word + "es")
    return (word, word + "s")


def _singulars(word: str) -> tuple[str, ...]:
    """The words whose plural ``word`` may be (the inverse of :func:`_plural_forms`)."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return tuple(out)


_RX_CACHE: dict[str, re.Pattern] = {}


def _wildcard_regex(pattern: str) -> re.Pattern:
    rx = _RX_CACHE.get(pattern)
    if rx is None:
        parts = []
        for c in pattern:
            if c == "*":
                parts.append("[a-z0-9]*")
            elif c == "?":
                parts.append("[a-z0-9]")
            elif c == "$":
                parts.append("[a-z0-9]?")
            else:
                parts.append(re.escape(c))
        rx = _RX_CACHE[pattern] = re.compile("".join(parts))
    return rx


def word_matches(pattern: str, word: str) -> bool:
    """Whether one text word matches one query word pattern."""
    if not any(c in pattern for c in "*?$"):
        return word in _plural_forms(pattern)
    return _wildcard_regex(pattern).fullmatch(word) is not None


class Doc:
    """A text prepared for many queries: its words and where each occurs."""

    __slots__ = ("words", "positions", "vocab", "_memo")

    def __init__(self, text: str):
        self.words = words(text)
        self.positions: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.positions.setdefault(w, []).append(i)
        self.vocab = sorted(self.positions)
        self._memo: dict[str, list[int]] = {}

    def match_word(self, pattern: str) -> list[int]:
        """Positions of the words matching one word pattern."""
        hit = self._memo.get(pattern)
        if hit is not None:
            return hit
        out: list[int]
        if not any(c in pattern for c in "*?$"):
            out = []
            for form in _plural_forms(pattern):
                out.extend(self.positions.get(form, ()))
            out.sort()
        elif pattern.endswith("*") and not any(c in pattern[:-1] for c in "*?$"):
            prefix = pattern[:-1]
            i = bisect_left(self.vocab, prefix)
            out = []
            while i < len(self.vocab) and self.vocab[i].startswith(prefix):
                out.extend(self.positions[self.vocab[i]])
                i += 1
            out.sort()
        else:
            rx = _wildcard_regex(pattern)
            out = sorted(p for w in self.vocab if rx.fullmatch(w) for p in self.positions[w])
        self._memo[pattern] = out
        return out

    def phrase_spans(self, parts: tuple[str, ...]) -> list[Span]:
        first = self.match_word(parts[0])
        if len(parts) == 1 or not first:
            return [(p, p) for p in first[:_SPAN_CAP]]
        later = [set(self.match_word(p)) for p in parts[1:]]
        if not all(later):
            return []
        n = len(parts)
        out = [(p, p + n - 1) for p in first if all((p + k + 1) in later[k] for k in range(n - 1))]
        return out[:_SPAN_CAP]

    def text_of(self, span: Span) -> str:
        return " ".join(self.words[span[0] : span[1] + 1])


# -- the parse tree ---------------------------------------------------------------------------


class Node:
    """A node of a parsed query. ``any`` answers "does it match?" (short-circuiting);
    ``spans`` gives where."""

    def any(self, m: Match) -> bool:
        return bool(self.spans(m))

    def spans(self, m: Match) -> list[Span]:
        raise NotImplementedError

    def phrases(self) -> list[Phrase]:
        return []

    def trigger(self) -> frozenset[int] | None:
        """Phrase ids of which at least one must be in a text for this node to match
        (``None``: cannot match at all)."""
        raise NotImplementedError


@dataclass(eq=False)
class Phrase(Node):
    """A word or a run of adjacent words, each a pattern that may hold wildcards."""

    parts: tuple[str, ...]
    id: int = -1  # set when entered in a Lexicon

    def any(self, m: Match) -> bool:
        return self.id in m.found

    def spans(self, m: Match) -> list[Span]:
        return m.spans(self) if self.id in m.found else []

    def phrases(self) -> list[Phrase]:
        return [self]

    def trigger(self):
        return frozenset([self.id])


@dataclass(eq=False)
class Nothing(Node):
    """A field plain text does not have (e.g. the journal title): never matches."""

    def any(self, m: Match) -> bool:
        return False

    def spans(self, m: Match) -> list[Span]:
        return []

    def trigger(self):
        return None


@dataclass(eq=False)
class Or(Node):
    children: list[Node]

    def any(self, m: Match) -> bool:
        return any(c.any(m) for c in self.children)

    def spans(self, m: Match) -> list[Span]:
        out: list[Span] = []
        for c in self.children:
            out.extend(c.spans(m))
        return sorted(set(out))[:_SPAN_CAP]

    def phrases(self):
        return [p for c in self.children for p in c.phrases()]

    def trigger(self):
        sets = [t for t in (c.trigger() for c in self.children) if t is not None]
        return frozenset().union(*sets) if sets else None


@dataclass(eq=False)
class And(Node):
    children: list[Node]

    def any(self, m: Match) -> bool:
        return all(c.any(m) for c in self.children)

    def spans(self, m: Match) -> list[Span]:
        if not self.any(m):
            return []
        out: list[Span] = []
        for c in self.children:
            out.extend(c.spans(m))
        return sorted(set(out))[:_SPAN_CAP]

    def phrases(self):
        return [p for c in self.children for p in c.phrases()]

    def trigger(self):
        sets = [c.trigger() for c in self.children]
        if any(t is None for t in sets):
            return None
        return min(sets, key=len)


@dataclass(eq=False)
class AndNot(Node):
    keep: Node
    drop: Node

    def any(self, m: Match) -> bool:
        return self.keep.any(m) and not self.drop.any(m)

    def spans(self, m: Match) -> list[Span]:
        return self.keep.spans(m) if self.any(m) else []

    def phrases(self):
        return self.keep.phrases() + self.drop.phrases()

    def trigger(self):
        return self.keep.trigger()


@dataclass(eq=False)
class Near(Node):
    """``left W/n right``: at most ``n`` words between them; ``ordered`` for PRE/n."""

    left: Node
    right: Node
    n: int
    ordered: bool = False

    def any(self, m: Match) -> bool:
        return self.left.any(m) and self.right.any(m) and bool(self.spans(m))

    def spans(self, m: Match) -> list[Span]:
        a = self.left.spans(m)
        if not a:
            return []
        b = self.right.spans(m)
        if not b:
            return []
        out: list[Span] = []
        for s1, e1 in a:
            for s2, e2 in b:
                if s2 > e1:
                    gap = s2 - e1 - 1
                elif s1 > e2:
                    if self.ordered:
                        continue
                    gap = s1 - e2 - 1
                else:
                    gap = 0  # overlapping: the same words stand on both sides
                if gap <= self.n:
                    out.append((min(s1, s2), max(e1, e2)))
        return sorted(set(out))[:_SPAN_CAP]

    def phrases(self):
        return self.left.phrases() + self.right.phrases()

    def trigger(self):
        sets = [self.left.trigger(), self.right.trigger()]
        if any(t is None for t in sets):
            return None
        return min(sets, key=len)


# -- parsing -----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<lp>\()
  | (?P<rp>\))
  | (?P<quoted>"[^"]*"?)
  | (?P<braced>\{[^}]*\}?)
  | (?P<field>\b(?:TITLE-ABS-KEY|TITLE-ABS|SRCTITLE|AUTHKEY|INDEXTERMS|TITLE|ABS|KEY|ALL|
                TS|TI|AB|AK|KP|SO|PY|DO|WC|SU)\b\s*(?:=|(?=\()))
  | (?P<prox>\b(?:W|PRE|NEAR)/\d+)
  | (?P<word>[^\s()"{}]+)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Binary operators: higher binds tighter.
_PRECEDENCE = {
    SCOPUS: {"OR": 4, "NEAR": 3, "AND": 2, "NOT": 1},
    WOS: {"NEAR": 4, "NOT": 3, "AND": 2, "OR": 1},
}


@dataclass
class _Tok:
    kind: str  # lp, rp, phrase, field, op
    value: object = None
    n: int = 0
    ordered: bool = False


def patterns(text: str) -> tuple[str, ...]:
    """A phrase's word patterns, wildcards kept with their word."""
    return tuple(re.findall(r"[a-z0-9*?$]+", text.lower()))


def _tokens(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "lp":
            out.append(_Tok("lp"))
        elif kind == "rp":
            out.append(_Tok("rp"))
        elif kind in ("quoted", "braced"):
            out.append(_Tok("phrase", patterns(text)))
        elif kind == "field":
            out.append(_Tok("field", re.sub(r"[\s=]", "", text).upper()))
        elif kind == "prox":
            op, n = text.upper().split("/")
            out.append(_Tok("op", "NEAR", int(n), ordered=op == "PRE"))
        else:
            up = text.upper()
            if up in ("AND", "OR", "NOT"):
                if up == "NOT" and out and out[-1].kind == "op" and out[-1].value == "AND":
                    out[-1] = _Tok("op", "NOT")  # AND NOT
                else:
                    out.append(_Tok("op", up))
            elif up == "NEAR":
                out.append(_Tok("op", "NEAR", 15))
            elif up == "SAME":
                out.append(_Tok("op", "AND"))
            else:
                out.append(_Tok("phrase", patterns(text)))
    return out


class QuerySyntaxError(ValueError):
    pass


class _Parser:
    def __init__(self, tokens: list[_Tok], syntax: str):
        self.toks = tokens
        self.i = 0
        self.prec = _PRECEDENCE[syntax]

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node:
        node = self.expr(0)
        while self.peek() is not None:  # a stray closing parenthesis: skip it and go on
            if self.peek().kind == "rp":
                self.i += 1
                continue
            node = _combine(node, "OR", self.expr(0))
        return node

    def expr(self, min_prec: int) -> Node:
        left = self.atom()
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "rp":
                return left
            if tok.kind == "op":
                op, n, ordered, advance = tok.value, tok.n, tok.ordered, 1
            else:  # two operands side by side: an implicit AND
                op, n, ordered, advance = "AND", 0, False, 0
            prec = self.prec[op]
            if prec < min_prec:
                return left
            self.i += advance
            right = self.expr(prec + 1)
            left = Near(left, right, n, ordered) if op == "NEAR" else _combine(left, op, right)

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError("the query ends where a term was expected")
        self.i += 1
        if tok.kind == "phrase":
            return Phrase(tok.value) if tok.value else Nothing()
        if tok.kind == "lp":
            if self.peek() is not None and self.peek().kind == "rp":
                self.i += 1
                return Nothing()
            node = self.expr(0)
            if self.peek() is not None and self.peek().kind == "rp":
                self.i += 1
            return node
        if tok.kind == "field":
            node = self.atom()
            return node if tok.value in _TEXT_FIELDS else Nothing()
        raise QuerySyntaxError(f"unexpected operator {tok.value}")


def _combine(left: Node, op: str, right: Node) -> Node:
    if op == "NOT":
        return AndNot(left, right)
    cls = Or if op == "OR" else And
    kids: list[Node] = []
    for side in (left, right):
        kids.extend(side.children if isinstance(side, cls) else [side])
    if cls is Or:
        kids = [k for k in kids if not isinstance(k, Nothing)] or [Nothing()]
        if len(kids) == 1:
            return kids[0]
    return cls(kids)


def parse(query: str, syntax: str = SCOPUS) -> Node:
    """The parse tree of one query in ``syntax`` (``"scopus"`` or ``"wos"``)."""
    if syntax not in _PRECEDENCE:
        raise ValueError(f"unknown query syntax {syntax!r}")
    return _Parser(_tokens(query), syntax).parse()


# -- many queries on many texts -----------------------------------------------------------------


class Lexicon:
    """Every distinct phrase of a set of queries, indexed by its first word so that a text
    finds the phrases it holds from its own words."""

    def __init__(self):
        self.phrases: list[tuple[str, ...]] = []
        self._ids: dict[tuple[str, ...], int] = {}
        self._literal: dict[str, list[int]] = {}  # first word without wildcard
        self._prefix: dict[str, list[int]] = {}  # first word "abc*"
        self._optional: dict[str, list[int]] = {}  # first word "abc$"
        self._other: list[int] = []  # anything else ("*tidal", "wom?n")

    def add(self, parts: tuple[str, ...]) -> int:
        pid = self._ids.get(parts)
        if pid is not None:
            return pid
        pid = self._ids[parts] = len(self.phrases)
        self.phrases.append(parts)
        first = parts[0]
        body = first[:-1]
        if not any(c in first for c in "*?$"):
            self._literal.setdefault(first, []).append(pid)
        elif first.endswith("*") and body and not any(c in body for c in "*?$"):
            self._prefix.setdefault(body, []).append(pid)
        elif first.endswith("$") and body and not any(c in body for c in "*?$"):
            self._optional.setdefault(body, []).append(pid)
        else:
            self._other.append(pid)
        return pid

    def enter(self, node: Node) -> Node:
        """Give every phrase of ``node`` its id in this lexicon; returns ``node``."""
        for p in node.phrases():
            p.id = self.add(p.parts)
        return node

    def candidates(self, doc: Doc) -> set[int]:
        """Ids of the phrases whose first word occurs in ``doc`` (a superset of those found)."""
        out: set[int] = set(self._other)
        lit, pre, opt = self._literal, self._prefix, self._optional
        for w in doc.vocab:
            for s in _singulars(w):
                ids = lit.get(s)
                if ids:
                    out.update(ids)
            for k in range(1, len(w) + 1):
                ids = pre.get(w[:k])
                if ids:
                    out.update(ids)
            ids = opt.get(w)
            if ids:
                out.update(ids)
            ids = opt.get(w[:-1])
            if ids:
                out.update(ids)
        return out

    def find(self, doc: Doc) -> set[int]:
        """Ids of the phrases ``doc`` contains."""
        found = set()
        for pid in self.candidates(doc):
            if doc.phrase_spans(self.phrases[pid]):
                found.add(pid)
        return found


class Match:
    """One text against one lexicon: the phrases found, their spans on demand."""

    __slots__ = ("doc", "lexicon", "found", "_spans")

    def __init__(self, doc: Doc, lexicon: Lexicon):
        self.doc = doc
        self.lexicon = lexicon
        self.found = lexicon.find(doc)
        self._spans: dict[int, list[Span]] = {}

    def spans(self, phrase: Phrase) -> list[Span]:
        s = self._spans.get(phrase.id)
        if s is None:
            s = self._spans[phrase.id] = self.doc.phrase_spans(phrase.parts)
        return s


@dataclass(eq=False)
class CompiledQuery:
    """A parsed query with the phrases that can set it off."""

    node: Node
    trigger: frozenset[int] | None

    @classmethod
    def compile(cls, query: str, syntax: str, lexicon: Lexicon) -> CompiledQuery:
        node = lexicon.enter(parse(query, syntax))
        return cls(node, node.trigger())

    def matches(self, m: Match) -> bool:
        if not self.trigger or self.trigger.isdisjoint(m.found):
            return False
        return self.node.any(m)

    def spans(self, m: Match) -> list[Span]:
        return self.node.spans(m) if self.matches(m) else []
