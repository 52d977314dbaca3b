"""The public catalogue: only published offers, only their public fields."""

import pytest
from django.test import Client
from django.urls import reverse

from jalinan.technologies import services
from jalinan.technologies.models import Technology

from .factories import CONFIDENTIAL, make_offer


def _text(response) -> str:
    return response.content.decode()


def test_catalogue_lists_published_offers_only(client, offer, officer):
    draft = services.offers.technology_create(
        by=officer, title="Secret draft widget", problem="p", solution="s", trl=3
    )
    page = client.get(reverse("technologies:catalogue"))
    assert page.status_code == 200
    assert offer.title in _text(page)
    assert draft.title not in _text(page)


def test_public_page_shows_public_fields_and_never_the_disclosure(
    client, offer, decided_disclosure
):
    page = client.get(offer.get_public_url())
    assert page.status_code == 200
    html = _text(page)
    assert offer.problem.split(",")[0] in html and offer.ip_status in html
    for phrase in CONFIDENTIAL:
        assert phrase not in html
    assert decided_disclosure.reference not in html
    assert decided_disclosure.novelty not in html


def test_search_results_never_show_confidential_words(client, offer):
    page = client.get(
        reverse("technologies:catalogue"), {"q": "immunoassay PCR laboratory gelatin"}
    )
    html = _text(page)
    assert offer.title.split()[0] in html
    for phrase in CONFIDENTIAL:
        assert phrase not in html


def test_unpublished_and_withdrawn_offers_are_404(client, draft_offer, officer):
    assert client.get(draft_offer.get_public_url()).status_code == 404
    services.offers.technology_publish(technology=draft_offer, by=officer)
    assert client.get(draft_offer.get_public_url()).status_code == 200
    services.offers.technology_withdraw(technology=draft_offer, by=officer)
    assert client.get(draft_offer.get_public_url()).status_code == 404
    assert draft_offer.title not in _text(client.get(reverse("technologies:catalogue")))


def test_private_inventor_profile_is_not_shown(client, offer, academic_profile, private_profile):
    html = _text(client.get(offer.get_public_url()))
    assert academic_profile.get_public_url() in html
    assert private_profile.name not in html
    assert private_profile.get_public_url() not in html


def test_semantic_search_ranks_the_fitting_technology_first(client, offer, officer):
    make_offer(
        officer,
        "Solar powered water pump controller",
        "Farms without grid power cannot irrigate reliably.",
        "A controller that drives a pump from solar panels and tracks the sun.",
        field="energy",
    )
    make_offer(
        officer,
        "Concrete crack sensing coating",
        "Bridges crack unseen until repairs are costly.",
        "A paint that changes colour where the concrete cracks.",
        field="engineering",
    )
    page = client.get(reverse("technologies:catalogue"), {"q": "solar irrigation pump for farms"})
    hits = page.context["page"].object_list
    assert hits[0].technology.title == "Solar powered water pump controller"
    assert "<mark>" in _text(page)  # matched words highlighted
    page = client.get(reverse("technologies:catalogue"), {"q": "halal gelatin test"})
    assert page.context["page"].object_list[0].technology == offer


def test_filters_field_trl_ip_and_sdg(client, offer, officer):
    other = make_offer(officer, "Crop drone", "Pests.", "A drone.", field="agritech", trl=8)
    url = reverse("technologies:catalogue")

    def titles(**params):
        return [h.technology.title for h in client.get(url, params).context["page"].object_list]

    assert titles(field="halal") == [offer.title]
    assert titles(trl=6) == [other.title]
    assert titles(ip="patent") == [offer.title]
    assert titles(ip="design") == []
    from jalinan.sdgs.services import sdg_tag_add

    sdg_tag_add(obj=other, goal=2, by=officer)
    assert titles(sdg=2) == [other.title]


def test_newest_first_without_a_query_and_home_panel(client, offer, officer):
    newer = make_offer(officer, "Newest thing", "p.", "s.")
    hits = client.get(reverse("technologies:catalogue")).context["page"].object_list
    assert [h.technology for h in hits] == [newer, offer]
    home = _text(client.get("/"))
    assert newer.title in home and reverse("technologies:catalogue") in home


def test_nav_item_visible_to_everyone(client, offer, outsider):
    assert "Technology catalogue" in _text(client.get("/"))
    client.force_login(outsider)
    assert "Technology catalogue" in _text(client.get("/"))


def test_publish_needs_problem_solution_and_only_oil(officer, academic):
    from django.core.exceptions import PermissionDenied, ValidationError

    tech = services.offers.technology_create(
        by=officer, title="Half done", problem="", solution="", trl=2
    )
    with pytest.raises(ValidationError) as exc:
        services.offers.technology_publish(technology=tech, by=officer)
    assert {"problem", "solution"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        services.offers.technology_publish(technology=tech, by=academic)


def test_slug_is_unique(officer):
    a = services.offers.technology_create(by=officer, title="Same name", problem="p", solution="s")
    b = services.offers.technology_create(by=officer, title="Same name", problem="p", solution="s")
    assert a.slug == "same-name" and b.slug == "same-name-2"
    assert Technology.objects.filter(reference__startswith="TECH-").count() == 2


def _png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "pic.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png"
    )


def test_images_served_only_while_published(client, offer, officer):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = services.offers.image_add(
        technology=offer, by=officer, upload=_png(), caption="The kit"
    )
    url = reverse("technologies:catalogue_image", args=[offer.slug, image.pk])
    assert client.get(url).status_code == 200
    assert url in _text(client.get(offer.get_public_url()))
    services.offers.technology_withdraw(technology=offer, by=officer)
    assert client.get(url).status_code == 404
    fake = SimpleUploadedFile("x.png", b"not really a png", content_type="image/png")
    with pytest.raises(ValidationError):
        services.offers.image_add(technology=offer, by=officer, upload=fake)


def test_a_drafts_images_for_those_who_see_its_office_page(
    client, client_for, draft_offer, officer, academic, outsider, partner_user
):
    """The office page of an unpublished offer shows its pictures to the inventors too (they
    see that page), so the pictures open for them; the public and other users get 404."""
    image = services.offers.image_add(technology=draft_offer, by=officer, upload=_png())
    url = reverse("technologies:catalogue_image", args=[draft_offer.slug, image.pk])
    assert client.get(url).status_code == 404
    assert url in _text(client_for(academic).get(draft_offer.get_absolute_url()))
    for user, status in ((outsider, 404), (partner_user, 404), (officer, 200), (academic, 200)):
        assert client_for(user).get(url).status_code == status, user


def test_office_pages_permissions(client_for, offer, officer, academic, outsider, partner_user):
    url = offer.get_absolute_url()
    assert client_for(officer).get(url).status_code == 200
    assert client_for(academic).get(url).status_code == 200  # an inventor
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(partner_user).get(url).status_code == 404
    assert client_for(outsider).get(reverse("technologies:technology_list")).status_code == 404
    assert (
        client_for(academic)
        .post(reverse("technologies:technology_withdraw", args=[offer.pk]))
        .status_code
        == 403
    )


def test_the_outsider_gets_the_public_pages_a_visitor_gets(client_for, offer, officer, outsider):
    """Signed in with no role: the catalogue and a published offer's page as a visitor gets
    them (no confidential word, no unpublished offer), its picture, and the thanks page sends
    back to the offer's page when no enquiry was made."""
    services.offers.technology_create(
        by=officer,
        title="An unpublished offer",
        problem="A problem.",
        solution="A solution.",
        trl=3,
    )
    image = services.offers.image_add(
        technology=offer, by=officer, upload=_png(), caption="The kit"
    )
    signed_in, visitor = client_for(outsider), Client()
    for url in (
        reverse("technologies:catalogue"),
        offer.get_public_url(),
        reverse("technologies:catalogue_image", args=[offer.slug, image.pk]),
    ):
        seen, as_visitor = signed_in.get(url), visitor.get(url)
        assert seen.status_code == as_visitor.status_code == 200, url
        if "html" in seen["Content-Type"]:
            for words in [*CONFIDENTIAL, "An unpublished offer"]:
                assert words not in _text(seen), (url, words)
    thanks = signed_in.get(reverse("technologies:catalogue_thanks", args=[offer.slug]))
    assert thanks.status_code == 302 and thanks["Location"] == offer.get_public_url()


def test_unpublished_offers_are_not_public_to_the_outsider(client_for, outsider, officer):
    tech = services.offers.technology_create(
        by=officer,
        title="An unpublished offer",
        problem="A problem.",
        solution="A solution.",
        trl=3,
    )
    image = services.offers.image_add(technology=tech, by=officer, upload=_png())
    signed_in = client_for(outsider)
    assert (
        signed_in.get(reverse("technologies:catalogue_detail", args=[tech.slug])).status_code == 404
    )
    url = reverse("technologies:catalogue_image", args=[tech.slug, image.pk])
    assert signed_in.get(url).status_code == 404
