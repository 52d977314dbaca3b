"""The technology offers as an SDG source of the reports: a published offer's accepted tags
count under the KCDIO its disclosure gave it; drafts and undecided tags do not."""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from jalinan.reports import registry
from jalinan.reports.permissions import scope_for
from jalinan.sdgs.models import SdgTag
from jalinan.technologies import services
from jalinan.technologies.models import Technology


def tag(tech, goal, status="accepted"):
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(Technology),
        object_id=tech.pk,
        goal=goal,
        status=status,
    )


def source():
    return next(s for s in registry.sdg_sources() if s.key == "technologies.technologies")


def test_published_offers_count_under_their_disclosures_unit(offer, officer, unit_eng, unit_ict):
    draft = services.offers.technology_create(
        by=officer, title="Unpublished kit", problem="p", solution="s", trl=3
    )
    SdgTag.objects.all().delete()  # whatever the classifier suggested on saving
    tag(offer, 2)
    tag(offer, 12, "suggested")
    tag(offer, 3, "rejected")
    tag(draft, 2)
    assert offer.unit_id == unit_eng.pk  # from its disclosure
    whole = scope_for(officer)
    assert source().by_unit(whole) == {unit_eng.pk: {2: 1}}
    assert source().by_sector(whole) == {}
    assert source().by_unit(scope_for(officer, unit_id=unit_ict.pk)) == {}
    with translation.override("en"):
        [evidence] = source().evidence(whole, 2)
    assert evidence.record == f"{offer.title} ({offer.reference})"
    assert evidence.url == offer.get_public_url()
    assert evidence.unit == "Kulliyyah of Engineering"
    assert evidence.tag["goal"] == 2
    assert source().evidence(whole, 12) == []
    # Before the offer was published it was not in the catalogue.
    last_year = scope_for(officer, year=offer.published_at.year - 1)
    assert source().by_unit(last_year) == {}
