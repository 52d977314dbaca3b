"""Expert search: ranking, evidence, visibility, and the service other apps reuse."""

from django.urls import reverse

from jalinan.experts import services
from jalinan.experts.selectors import experts_for_text, similar_experts

PROBLEM = (
    "Our offshore pipelines in Terengganu show pitting corrosion after two years in seawater; "
    "we need an expert to assess the carbon steel and advise on protection."
)


def test_evidence_names_the_publication_and_the_terms(profile, private_profile, officer):
    matches = experts_for_text(PROBLEM, officer)
    top = matches[0]
    assert top.profile == profile
    first = top.evidence[0]
    assert first.publication.title.startswith("Pitting corrosion")
    assert {"pitting", "corrosion", "pipelines", "seawater", "carbon", "steel"} <= set(first.terms)
    assert "protection" not in first.terms  # a word of the other paper, not of this one
    assert "corrosion" in top.keywords and "pipelines" in top.keywords


def test_visibility_and_filters(profile, private_profile, academic, officer, unit_ict):
    seen = [m.profile for m in experts_for_text("Malay speech recognition", academic)]
    assert private_profile not in seen
    assert experts_for_text("Malay speech recognition", officer)[0].profile == private_profile
    only_ict = experts_for_text(PROBLEM, officer, {"unit": unit_ict.pk})
    assert [m.profile for m in only_ict] == [private_profile]
    assert experts_for_text(PROBLEM, officer, {"availability": "unavailable"}) == []


def test_an_edit_is_searchable_at_once(profile, academic, officer):
    before = experts_for_text("geopolymer concrete", officer)
    assert not any("geopolymer" in e.terms for m in before for e in m.evidence)
    services.publication_create(
        profile=profile, by=academic, title="Geopolymer concrete from palm oil fuel ash", year=2024
    )
    after = experts_for_text("geopolymer concrete", officer)
    assert after[0].profile == profile and "geopolymer" in after[0].evidence[0].terms


def test_similar_experts(profile, private_profile, officer, academic):
    other = services.profile_create(
        user=officer,
        by=officer,
        keywords=["corrosion"],
        is_public=True,
        biography="Corrosion of steel pipelines offshore.",
    )
    assert similar_experts(profile, officer)[0].profile == other
    assert profile not in [m.profile for m in similar_experts(profile, officer)]


def test_search_page_shows_highlighted_evidence(client_for, committee, profile):
    r = client_for(committee).get(reverse("experts:search"), {"q": PROBLEM})
    page = r.content.decode()
    assert r.status_code == 200
    assert "<mark>Pitting</mark> <mark>corrosion</mark>" in page
    assert "Dr Amina Academic" in page


def test_search_api_returns_evidence(client_for, committee, profile):
    r = client_for(committee).post(
        "/api/v1/experts/search", {"text": PROBLEM}, content_type="application/json"
    )
    data = r.json()
    assert r.status_code == 200 and data[0]["profile"]["id"] == profile.pk
    assert (
        data[0]["evidence"][0]["publication_id"]
        == profile.publications.get(title__startswith="Pitting").pk
    )
    assert "corrosion" in data[0]["evidence"][0]["terms"]


def test_similar_experts_page_and_api(client_for, committee, officer, profile, academic):
    other = services.profile_create(
        user=officer,
        by=officer,
        keywords=["corrosion"],
        is_public=True,
        biography="Corrosion of steel pipelines offshore.",
    )
    client = client_for(committee)
    page = client.get(reverse("experts:profile_similar", args=[profile.pk])).content.decode()
    assert other.name in page and profile.name not in page
    data = client.get(f"/api/v1/experts/profiles/{profile.pk}/similar").json()
    assert [m["profile"]["id"] for m in data] == [other.pk]


def test_my_work_shows_the_profile_panel(client_for, academic, profile, student):
    page = client_for(academic).get(reverse("portal:my_work")).content.decode()
    assert "My expert profile" in page and "% complete" in page
    assert (
        "My expert profile"
        not in client_for(student).get(reverse("portal:my_work")).content.decode()
    )


def test_public_profile_page_is_open_to_visitors_and_hides_private_ones(
    client, profile, private_profile
):
    page = client.get(profile.get_public_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "Pitting corrosion of carbon steel pipelines" in body
    assert profile.user.email not in body  # visitors reach experts through the office
    assert client.get(private_profile.get_public_url()).status_code == 404


def test_public_profile_of_a_deactivated_person_is_gone(client, profile, academic):
    academic.is_active = False
    academic.save()
    assert client.get(profile.get_public_url()).status_code == 404


def test_public_search_finds_only_public_profiles_and_links_to_public_pages(
    profile, private_profile
):
    from jalinan.experts.selectors import public_experts_for_text

    assert public_experts_for_text("") == []
    matches = public_experts_for_text("corrosion of offshore pipelines", k=5)
    assert [m.profile for m in matches] == [profile]
    assert matches[0].evidence
    assert all(ev.url.startswith(profile.get_public_url()) for ev in matches[0].evidence)
    # a query that only the private profile's work answers returns nobody
    private_text = private_profile.publications.first().title
    assert private_profile not in [m.profile for m in public_experts_for_text(private_text)]


def test_the_position_filter(profile, private_profile, officer):
    services.profile_update(profile=profile, by=officer, position="professor")
    found = experts_for_text(PROBLEM, officer, {"position": "professor"})
    assert [m.profile for m in found] == [profile]
    assert experts_for_text(PROBLEM, officer, {"position": "research_fellow"}) == []


def test_the_owner_is_told_what_to_add(client_for, academic, profile):
    # The fixture's profile: three keywords, a short biography, two publications with
    # abstracts, no department, languages, identifiers or project; public: 3 of 9 checks.
    page = client_for(academic).get(profile.get_absolute_url()).content.decode()
    assert "Your profile is 33% complete" in page
    assert "Add your publications (import them from BibTeX, RIS, CSV or ORCID)." in page
    assert "Write a biography of a paragraph or more." in page
    assert "Add your ORCID iD, Scopus author ID or Google Scholar ID." in page
    assert "Add at least three expertise keywords." not in page  # it has three
    services.profile_update(profile=profile, by=academic, orcid="0000-0002-1825-0097")
    page = client_for(academic).get(profile.get_absolute_url()).content.decode()
    assert "Your profile is 44% complete" in page
    assert "Add your ORCID iD" not in page
