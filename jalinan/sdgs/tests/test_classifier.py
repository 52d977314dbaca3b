"""The classifier: the stand-in for unit tests, and the real model on texts whose SDG is
unambiguous (marked ``model``: MiniLM loads once per session)."""

import pytest

from jalinan.sdgs import classifier
from jalinan.sdgs.engine import FEATURES

UNAMBIGUOUS = {
    7: "Solar photovoltaic panels and wind turbines expand access to affordable, reliable "
    "renewable energy for rural households, while better insulation improves energy "
    "efficiency.",
    6: "Safe drinking water and sanitation for every village: treating wastewater, protecting "
    "aquifers and ending open defecation.",
    14: "Coral reef restoration and an end to overfishing protect marine biodiversity and the "
    "coastal ecosystems of the South China Sea.",
    4: "Free, equitable primary and secondary schooling of good quality, with trained teachers, "
    "so that every child learns to read, write and count.",
    5: "Ending violence against women and girls, child marriage and discrimination, and "
    "ensuring women's equal participation in leadership.",
    3: "Vaccination campaigns against measles, malaria and tuberculosis reduce child mortality "
    "and maternal deaths and strengthen primary health care.",
    2: "Ending hunger and malnutrition by doubling the productivity of smallholder farmers and "
    "building sustainable, resilient food production systems.",
    16: "Reducing corruption and bribery, strengthening courts and the rule of law, and ending "
    "violence, trafficking and torture of children.",
    17: "Developed countries honour their official development assistance commitments, and "
    "a global partnership mobilises finance, technology transfer and capacity building for "
    "developing countries.",
}


def test_the_stand_in_is_deterministic_and_batches(db):
    texts = [UNAMBIGUOUS[7], "", "  ", UNAMBIGUOUS[14]]
    first = classifier.classify_many(texts)
    assert classifier.classify_many(texts) == first
    assert first[1] == [] and first[2] == []
    assert classifier.classify(UNAMBIGUOUS[14]) == first[3]


def test_every_suggestion_carries_confidence_and_evidence(db):
    for s in classifier.classify(UNAMBIGUOUS[7]):
        assert 1 <= s.goal <= 17 and 0 <= s.confidence <= 1
        assert {"targets", "terms"} <= set(s.evidence)
        for t in s.evidence["targets"]:
            assert t["code"].split(".")[0] == str(s.goal) and t["text"]


def test_the_shipped_weights_name_known_features():
    model = classifier.model()
    assert set(model.features) <= set(FEATURES) and len(model.coef) == len(model.features)
    assert model.meta["fitted_on"]["rows"] > 0  # how it was made is written down
    assert "no text" in model.meta["about"]


@pytest.mark.model
@pytest.mark.parametrize("goal", sorted(UNAMBIGUOUS))
def test_the_real_classifier_finds_the_goal(goal):
    suggestions = classifier.classify(UNAMBIGUOUS[goal])
    assert suggestions, f"nothing suggested for SDG {goal}"
    assert suggestions[0].goal == goal, [(s.goal, s.confidence) for s in suggestions]


@pytest.mark.model
def test_the_real_classifier_explains_itself():
    [top, *_] = classifier.classify(UNAMBIGUOUS[7])
    assert top.goal == 7 and top.confidence > 0.8
    assert {"7.1", "7.2"} & {t["code"] for t in top.evidence["targets"]}
    assert any("renewable energy" in t for t in top.evidence["terms"])


@pytest.mark.model
def test_the_real_classifier_stays_quiet_on_unrelated_text():
    assert classifier.classify("Acme Robotics Sdn. Bhd.") == []
    assert classifier.classify("The meeting is moved to Tuesday at 3 pm in room 2.") == []


def test_long_texts_are_read_as_windows():
    short = "Solar energy for villages. " * 30  # 120 words
    assert classifier.windows(short) == [short]
    long = "Solar energy for all the villages of the district. " * 60  # 540 words
    parts = classifier.windows(long)
    assert len(parts) == 4 and all(classifier.WINDOW <= len(p.split()) <= 200 for p in parts)
    assert sum(len(p.split()) for p in parts) == 540
    endless = "word " * 1000  # no sentence end at all
    assert all(len(p.split()) <= 200 for p in classifier.windows(endless))


def test_a_long_text_gets_one_set_of_suggestions(db):
    long = " ".join([UNAMBIGUOUS[14]] * 12)
    [suggestions] = classifier.classify_many([long])
    assert len({s.goal for s in suggestions}) == len(suggestions)
    assert all(s.evidence["targets"] for s in suggestions)


@pytest.mark.model
def test_a_long_text_is_not_given_every_goal_it_mentions():
    long = " ".join([UNAMBIGUOUS[7]] * 5 + [UNAMBIGUOUS[3]])
    goals = [s.goal for s in classifier.classify(long)]
    assert goals[0] == 7 and len(goals) <= 2
