import pytest

from jalinan.partners.dedupe import find_duplicates, normalise_name
from jalinan.partners.services import organisation_create


@pytest.mark.parametrize(
    "raw",
    [
        "Petronas Dagangan Berhad",
        "PETRONAS DAGANGAN BHD.",
        "Petronas Dagangan Sdn. Bhd.",
        "petronas  dagangan sdn bhd",
        "Petronas Dagangan Sendirian Berhad",
    ],
)
def test_legal_suffixes_case_and_punctuation_are_ignored(raw):
    assert normalise_name(raw) == "petronas dagangan"


def test_accents_and_ampersand():
    assert normalise_name("Nestlé Products (M) Sdn. Bhd.") == "nestle products"
    assert normalise_name("Tan & Sons Ltd") == "tan and sons"


def test_a_name_made_of_legal_words_is_not_emptied():
    assert normalise_name("Berhad") == "berhad"


@pytest.fixture
def acme(db, officer):
    return organisation_create(
        by=officer,
        legal_name="Acme Robotics Sdn. Bhd.",
        org_type="sme",
        registration_number="201901012345 (1234567-X)",
    )


def test_suffix_variant_is_an_exact_duplicate(acme):
    [hit] = find_duplicates(legal_name="ACME ROBOTICS BERHAD")
    assert hit.organisation == acme and hit.score == 100


def test_typo_is_a_fuzzy_duplicate(acme):
    [hit] = find_duplicates(legal_name="Acme Robotic Sdn Bhd")
    assert hit.organisation == acme and 85 <= hit.score < 100


def test_registration_number_matches_whatever_the_spacing(acme):
    [hit] = find_duplicates(
        legal_name="Something Else Entirely", registration_number="201901012345(1234567X)"
    )
    assert hit.organisation == acme and hit.score == 100


def test_other_names_are_checked(db, officer):
    org = organisation_create(
        by=officer,
        legal_name="Telekom Malaysia Berhad",
        org_type="glc",
        other_names=["TM", "TM Research & Development"],
    )
    assert find_duplicates(legal_name="TM Research and Development Sdn Bhd")[0].organisation == org


def test_unrelated_names_and_excluded_record_are_not_reported(acme):
    assert find_duplicates(legal_name="Borneo Timber Berhad") == []
    assert find_duplicates(legal_name="Acme Robotics", exclude_pk=acme.pk) == []


def test_merged_records_are_not_candidates(acme, officer):
    from jalinan.partners.services import organisation_merge

    survivor = organisation_create(by=officer, legal_name="Acme Robotics Holdings", org_type="sme")
    organisation_merge(survivor=survivor, duplicates=[acme], by=officer)
    hits = find_duplicates(legal_name="Acme Robotics Sdn Bhd")
    assert acme not in [h.organisation for h in hits]
