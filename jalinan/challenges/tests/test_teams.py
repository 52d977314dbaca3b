"""Team suggestion on a constructed case where the right team is known.

Four public experts in three units: Dr Aziz (Engineering) on palm oil mill effluent and
biogas, Dr Dewi (Engineering too) and Dr Bakar (ICT) on IoT sensor monitoring, Dr Chen
(Science) on machine-learning forecasting; Dr Dewi's IoT work is the closest to the challenge,
but she is in Dr Aziz's unit, so the right team is Aziz (effluent) + Bakar (sensors). Dr Puteri
(Medicine), the best IoT match of all, keeps a private profile.
"""

import numpy as np
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.challenges import teams
from jalinan.challenges.teams import suggest_teams
from jalinan.experts import services
from jalinan.matching import score_entities
from jalinan.matching.backends.memory import MemoryBackend

CHALLENGE = (
    "Cleaner effluent and smarter ponds at our palm oil mill\n"
    "Our mill discharges palm oil mill effluent into open ponds. We want to treat the effluent "
    "by anaerobic digestion and capture the biogas for energy.\n"
    "We also need real-time monitoring of the ponds: wireless IoT sensors that report water "
    "level, temperature and pH to a dashboard.\n"
    "A pilot within 12 months."
)

SINGLE_FIELD = (
    "Our mill wants to treat its palm oil mill effluent by anaerobic digestion. "
    "The biogas from the digester should be captured and used for energy."
)


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


def _unit(code, name):
    return Unit.objects.create(code=code, name=name, kind=Unit.Kind.KULLIYYAH)


def _expert(email, name, unit, keywords, publications, *, public=True):
    user = user_create(email=email, full_name=name, password="x", roles=[Role.ACADEMIC], unit=unit)
    profile = services.profile_create(user=user, by=user, keywords=keywords, is_public=public)
    for i, (title, abstract) in enumerate(publications):
        services.publication_create(
            profile=profile, by=user, title=title, abstract=abstract, year=2020 + i
        )
    return profile


@pytest.fixture
def cast(db, unit_eng, unit_ict):
    science = _unit("kos", "Kulliyyah of Science")
    medicine = _unit("kom", "Kulliyyah of Medicine")
    return {
        "A": _expert(
            "aziz@uni.test",
            "Dr Aziz Effluent",
            unit_eng,
            ["palm oil mill effluent", "anaerobic digestion", "biogas"],
            [
                (
                    "Anaerobic digestion of palm oil mill effluent for biogas production",
                    "Treatment of POME in covered lagoons; biogas yield and effluent quality.",
                ),
                (
                    "Biogas capture from palm oil mill effluent ponds",
                    "Methane recovery from open effluent ponds at Malaysian mills.",
                ),
            ],
        ),
        "B": _expert(
            "bakar@uni.test",
            "Dr Bakar Sensors",
            unit_ict,
            ["wireless sensor networks", "IoT"],
            [
                (
                    "IoT sensor networks for wireless monitoring",
                    "Low-power sensor nodes report readings to a cloud dashboard.",
                ),
            ],
        ),
        "C": _expert(
            "chen@uni.test",
            "Dr Chen Forecasting",
            science,
            ["machine learning", "forecasting"],
            [
                (
                    "Machine learning forecasting of time series",
                    "Recurrent neural networks forecast demand from historical series.",
                ),
            ],
        ),
        "D": _expert(
            "dewi@uni.test",
            "Dr Dewi Monitoring",
            unit_eng,
            ["IoT", "real-time monitoring", "sensors"],
            [
                (
                    "Real-time IoT sensor monitoring of water level and temperature",
                    "Wireless IoT sensors report water level, temperature and pH in real time.",
                ),
                (
                    "Wireless IoT sensor networks for pond monitoring",
                    "Real-time monitoring of ponds with a dashboard.",
                ),
            ],
        ),
        "P": _expert(
            "puteri@uni.test",
            "Dr Puteri Private",
            medicine,
            ["IoT", "real-time monitoring", "wireless sensors"],
            [
                (
                    "Real-time monitoring of ponds with wireless IoT sensors",
                    "IoT sensors report water level, temperature and pH to a dashboard in real "
                    "time.",
                ),
                (
                    "Wireless IoT sensors for real-time water monitoring",
                    "Sensors that report water level, temperature and pH.",
                ),
            ],
            public=False,
        ),
    }


def _names(team):
    return {m.profile.user.full_name for m in team.members}


THREE_FIELDS = (
    CHALLENGE + "\nFinally, we want machine learning to forecast the daily energy demand from "
    "time series of past readings."
)


def _names(team):
    return [m.profile.user.full_name for m in team.members]


def _everyone(result):
    people = {m.profile for t in result.teams for m in t.members}
    if result.best_single:
        people.add(result.best_single.profile)
    return people


# -- the constructed case ----------------------------------------------------------------------


def test_the_right_team_for_a_two_field_problem(cast, committee):
    result = suggest_teams(CHALLENGE, committee)

    assert result.reason == ""
    assert len(result.aspects) == 2
    effluent, sensors = result.aspects
    assert "effluent" in effluent.label and "biogas" in effluent.text
    assert "monitoring" in sensors.label and "sensors" in sensors.text
    assert "pilot" not in effluent.text + sensors.text  # a deadline names no expertise

    top = result.teams[0]
    assert [m.profile for m in top.members] == [cast["A"], cast["B"]]
    aziz, bakar = top.members
    assert aziz.aspects == [effluent] and bakar.aspects == [sensors]
    assert aziz.evidence[0].title.startswith(("Anaerobic digestion", "Biogas capture"))
    assert "effluent" in aziz.evidence[0].terms
    assert bakar.evidence[0].title == "IoT sensor networks for wireless monitoring"
    assert bakar.evidence[0].url.startswith(cast["B"].get_absolute_url() + "#pub-")
    assert top.coverage >= result.best_single.coverage + teams.TEAM_MARGIN
    assert top.gaps == []


def test_dewi_is_the_better_sensor_expert_but_shares_azizs_unit(cast, committee):
    result = suggest_teams(CHALLENGE, committee)
    sensors = result.aspects[1]
    scores = score_entities("experts", sensors.text, [cast["B"].pk, cast["D"].pk])
    assert scores[cast["D"].pk].score > scores[cast["B"].pk].score
    assert cast["A"].unit == cast["D"].unit
    for team in result.teams:
        units = [m.profile.unit_id for m in team.members]
        assert len(units) == len(set(units))
        assert not {cast["A"], cast["D"]} <= {m.profile for m in team.members}


def test_a_three_field_problem_gets_a_team_of_three(cast, committee):
    result = suggest_teams(THREE_FIELDS, committee)

    assert [a.label.split(", ")[0] for a in result.aspects][2] in {
        "machine",
        "learning",
        "forecast",
    }
    assert len(result.aspects) == 3
    top = result.teams[0]
    assert _names(top) == ["Dr Aziz Effluent", "Dr Bakar Sensors", "Dr Chen Forecasting"]
    assert [[a.index for a in m.aspects] for m in top.members] == [[0], [1], [2]]
    # Every team beats each of its own sub-teams and the best single expert.
    for team in result.teams:
        assert team.coverage >= result.best_single.coverage + teams.TEAM_MARGIN
        assert all(m.aspects for m in team.members)  # no passengers


def test_a_single_field_problem_needs_no_team(cast, committee):
    result = suggest_teams(SINGLE_FIELD, committee)

    assert result.teams == []
    assert result.reason == teams.SINGLE_ASPECT
    assert len(result.aspects) == 1
    assert result.best_single.profile == cast["A"]


def test_no_team_when_one_expert_covers_every_aspect(cast, committee, unit_ict):
    generalist = _expert(
        "gani@uni.test",
        "Dr Gani Generalist",
        Unit.objects.create(code="kaed", name="Kulliyyah of Architecture"),
        ["palm oil mill effluent", "IoT", "real-time monitoring"],
        [
            (
                "Anaerobic digestion of palm oil mill effluent in open ponds with biogas capture",
                "We treat the effluent by anaerobic digestion and capture the biogas for energy.",
            ),
            (
                "Real-time monitoring of ponds with wireless IoT sensors",
                "IoT sensors report water level, temperature and pH to a dashboard.",
            ),
        ],
    )
    result = suggest_teams(CHALLENGE, committee)

    assert len(result.aspects) == 2
    assert result.best_single.profile == generalist
    assert result.teams == []
    assert result.reason == teams.NO_BETTER_TEAM


def test_only_experts_the_user_may_see(cast, committee, officer, outsider):
    # The office sees Dr Puteri's private profile: she is the best sensor expert of all.
    as_office = suggest_teams(CHALLENGE, officer)
    assert [m.profile for m in as_office.teams[0].members] == [cast["A"], cast["P"]]
    # Anyone else never meets her, in a team or as the best single expert.
    assert cast["P"] not in _everyone(suggest_teams(CHALLENGE, committee))
    assert cast["P"] not in _everyone(suggest_teams(THREE_FIELDS, committee))
    # Someone who may search no expert gets nothing.
    nobody = suggest_teams(CHALLENGE, outsider)
    assert nobody.teams == [] and nobody.best_single is None
    assert nobody.reason == teams.NO_CANDIDATES


def test_filters_limit_the_candidates(cast, officer, unit_eng):
    # Within Engineering alone, Aziz and Dewi share a unit: no team is possible.
    result = suggest_teams(CHALLENGE, officer, filters={"unit": unit_eng.pk})
    assert _everyone(result) <= {cast["A"], cast["D"]}
    assert result.teams == [] and result.reason == teams.NO_BETTER_TEAM


def test_the_same_text_gives_the_same_teams(cast, committee):
    first, second = suggest_teams(THREE_FIELDS, committee), suggest_teams(THREE_FIELDS, committee)
    assert [(_names(t), t.coverage) for t in first.teams] == [
        (_names(t), t.coverage) for t in second.teams
    ]


# -- the parts ---------------------------------------------------------------------------------


def test_split_drops_sentences_that_say_nothing():
    units = teams.split_units(
        "Effluent treatment for mills.\nA pilot soon. Sensors; IoT wireless nodes!"
    )
    assert units == ["Effluent treatment for mills.", "IoT wireless nodes!"]
    folded = teams.split_units(" ".join(f"Sentence number {i} about corrosion." for i in range(40)))
    assert len(folded) == teams.MAX_UNITS and "number 0 " in folded[0] and "39" in folded[-1]


def test_clustering_follows_who_answers_the_sentences():
    # Sentences 0 and 2 share no words but the same experts answer them; 1 and 3 likewise.
    vectors = np.eye(4)
    scores = np.array([[1.0, 0.1, 0.1], [0.1, 1.0, 0.2], [0.9, 0.2, 0.1], [0.2, 0.9, 0.1]])
    assert teams.cluster_units(teams.unit_similarity(vectors, scores)) == [[0, 2], [1, 3]]
    # Without candidates to tell them apart, words decide: four unrelated sentences, at most
    # MAX_ASPECTS groups.
    assert len(teams.cluster_units(np.eye(6))) == teams.MAX_ASPECTS
    assert teams.cluster_units(np.ones((3, 3))) == [[0, 1, 2]]


def test_labels_name_the_distinctive_words():
    labels = teams.label_aspects(
        [
            "We need anaerobic digestion of the effluent; digestion yields biogas.",
            "We need wireless sensors and sensors networks for monitoring.",
        ],
        [set(), {"wireless"}],
    )
    assert labels[0] == ["anaerobic", "digestion", "effluent"]
    assert "need" not in labels[1] and "wireless" in labels[1] and "sensors" in labels[1]


def test_team_search_rules():
    # Candidates × aspects, normalised. 0 covers aspect 0, 1 and 2 cover aspect 1 (2 better,
    # but in 0's unit), 3 adds little to aspect 2, 4 covers aspect 2 well.
    norm = np.array(
        [
            [1.0, 0.2, 0.3],
            [0.1, 0.8, 0.2],
            [0.1, 1.0, 0.2],
            [0.2, 0.2, 0.33],
            [0.0, 0.1, 1.0],
        ]
    )
    units = np.array([1, 2, 1, 3, 4])
    best, cov, found = teams.best_teams(norm, units, k=10)
    assert best == 0 and round(cov, 4) == 0.5
    memberships = [set(m) for m, _c, _a in found]
    assert memberships[0] == {0, 1, 4}  # 2 would be better than 1, but shares 0's unit
    assert all(not {0, 2} <= m for m in memberships)
    assert all(3 not in m for m in memberships)  # never the best cover at half the best
    # Each team beats each of its sub-teams by the margin.
    for members, coverage, _assign in found:
        for drop in members:
            rest = [i for i in members if i != drop]
            assert coverage >= norm[rest].max(axis=0).mean() + teams.TEAM_MARGIN - 1e-9
    # Same units everywhere: no team at all.
    assert teams.best_teams(norm, np.ones(5, dtype=int))[2] == []


# -- the card ----------------------------------------------------------------------------------


def test_the_card_shows_the_members_and_aspects(cast, committee):
    result = suggest_teams(CHALLENGE, committee)
    html = render_to_string("challenges/_teams.html", {"teams": result})
    assert "Suggested teams" in html
    assert "Dr Aziz Effluent" in html and "Dr Bakar Sensors" in html
    assert cast["A"].get_absolute_url() in html and "Kulliyyah of ICT" in html
    assert result.aspects[0].label in html and result.aspects[1].label in html
    assert result.teams[0].members[0].evidence[0].title in html
    with translation.override("ms"):
        html = render_to_string("challenges/_teams.html", {"teams": result})
    assert "Cadangan pasukan" in html and "Merangkumi:" in html
    assert "Liputan " in html and "%" in html


def test_the_card_says_why_there_is_no_team(cast, committee):
    html = render_to_string(
        "challenges/_teams.html", {"teams": suggest_teams(SINGLE_FIELD, committee)}
    )
    assert "single aspect" in html and "Dr Aziz Effluent" in html
    assert render_to_string("challenges/_teams.html", {"teams": None}).strip() == ""
    assert render_to_string("challenges/_teams.html", {}).strip() == ""
