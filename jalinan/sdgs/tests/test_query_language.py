"""The query evaluator on hand-made queries in both syntaxes."""

import pytest

from jalinan.sdgs.query_language import SCOPUS, WOS, CompiledQuery, Doc, Lexicon, Match, parse


def hits(query, text, syntax=SCOPUS):
    lex = Lexicon()
    q = CompiledQuery.compile(query, syntax, lex)
    m = Match(Doc(text), lex)
    return [m.doc.text_of(s) for s in q.spans(m)]


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ('"renewable energy"', "Renewable-energy targets", True),
        ('"renewable energy"', "energy that is renewable", False),
        ('"poverty"', "impoverished regions", False),
        ('"city"', "Cities grow", True),  # plural of a word without wildcard
        ('"eradicat*"', "eradication of hunger", True),
        ('"*tidal"', "intertidal zones", True),
        ('"wom?n"', "women and girls", True),
        ('("poverty") W/3 ("reduc*")', "reduce extreme and persistent poverty", True),
        ('("poverty") W/3 ("reduc*")', "reduce the very many forms of persistent poverty", False),
        ('"poverty" PRE/2 "line"', "the poverty line", True),
        ('"poverty" PRE/2 "line"', "the line of poverty", False),
        ('"gender" AND "education"', "education for all, regardless of gender", True),
        ('"gender" AND NOT "education"', "education for all, regardless of gender", False),
        ('"gender" AND NOT "education"', "gender pay gap", True),
        ("{water} OR {sanitation}", "sanitation services", True),
        ("land degradation", "degradation of land", True),  # side by side: AND
    ],
)
def test_scopus(query, text, found):
    assert bool(hits(query, text)) is found


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ('TS=("network$")', "networks of partners", True),
        ('TS=("network$")', "networking", False),
        ('TS=(("coral") NEAR/5 ("reef$"))', "coral and rocky reefs", True),
        ('TS=("ocean" NOT "policy")', "ocean policy", False),
        ('TS=("marine") OR SO=("marine*")', "a journal of marine things", True),
        ('SO=("marine*")', "marine", False),  # the journal title is not in the text
        ('TS=("a" OR "b" AND "c")', "a", True),  # WoS: AND binds tighter than OR
    ],
)
def test_web_of_science(query, text, found):
    assert bool(hits(query, text, WOS)) is found


def test_precedence_differs_between_syntaxes():
    # Scopus: OR binds tighter than AND, so this reads (a OR b) AND c.
    assert not hits('"a" OR "b" AND "c"', "a", SCOPUS)
    assert hits('"a" OR "b" AND "c"', "a", WOS)


def test_spans_are_the_evidence():
    assert hits('("poverty") W/3 ("eradicat*")', "to eradicate extreme poverty now") == [
        "eradicate extreme poverty"
    ]


def test_unbalanced_parentheses_are_tolerated():
    parse('(("solar" OR "wind") AND "energy"', SCOPUS)
    assert hits('(("solar" OR "wind") AND "energy"', "wind energy")


def test_the_shipped_query_sets_all_parse():
    from jalinan.sdgs import classifier

    eng = classifier.engine()  # the stand-in encoder (see conftest)
    assert {line.source for line in eng.lines} == {"aurora", "bergen"}
    assert len([x for x in eng.lines if x.source == "aurora"]) == 378
    # every line can match something (no query reduced to "never")
    assert all(line.query.trigger for line in eng.lines)
