"""The outsider (signed in, no role) is refused on every page of the technologies app.

The sweep is built from the app's real urlpatterns (urls.py): every URL name must have a
case below, so a view added later without one fails ``test_every_url_name_has_a_case``.
Refused pages answer 404 to GET and to POST (a POST-only view answers 405 to GET, then 404
to POST); no POST writes to the database.

The public pages (the catalogue, anyone may read them) are listed in ``PUBLIC``: there the
outsider gets exactly what a signed-out visitor gets, and no confidential word.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jalinan.core.testing import refusal_sweep
from jalinan.technologies import services as transfer
from jalinan.technologies import urls as app_urls
from jalinan.technologies.choices import Decision
from jalinan.technologies.services import (
    deadline_done,
    disclosure_create,
    disclosure_start_assessment,
    disclosure_submit,
)

from .factories import CONFIDENTIAL, DISCLOSURE_FIELDS, inventors_of

pytestmark = pytest.mark.django_db

NS = "technologies"

# Public pages, meant for anyone (no sign-in): the outsider sees what a visitor sees.
PUBLIC = {
    "catalogue",  # the public catalogue list
    "catalogue_detail",  # a published offer's public page, with the enquiry form
    "catalogue_thanks",  # after an enquiry (without one in the session: back to the page)
    "catalogue_image",  # a published offer's picture
}

# Views under @require_POST: GET answers 405 to everyone, POST must answer 404.
POST_ONLY = {
    "disclosure_submit",
    "disclosure_start_assessment",
    "deadline_done",
    "deadline_reopen",
    "technology_publish",
    "technology_withdraw",
    "technology_image_add",
    "technology_image_remove",
    "enquiry_open_nda",
    "licence_draft_agreement",
}

# What each refused view answers the outsider, as the existing tests assert (all 404).
REFUSED_STATUS = {}  # name -> status, where not 404; none so far

# A form-shaped body, so that a view that let the outsider through would have data to act on.
POST_DATA = {
    "title": "Changed by the outsider",
    "tagline": "x",
    "description": "x",
    "decision": Decision.PROTECT,
    "reasons": "Because.",
    "caption": "x",
    "status": "done",
    "notes": "x",
    "amount": "1.00",
    "received_on": "2025-01-01",
    "kind": "royalty",
    "agreement": "1",
    "due_date": "2030-01-01",
}


def _names() -> set[str]:
    return {p.name for p in app_urls.urlpatterns if p.name}


def _kwarg_names(name: str) -> set[str]:
    pattern = next(p for p in app_urls.urlpatterns if p.name == name)
    return set(pattern.pattern.converters)


def _png():
    return SimpleUploadedFile(
        "pic.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png"
    )


@pytest.fixture
def world(officer, academic, student, unit_eng, org_acme, patent_asset, offer, licence, outsider):
    """One record of each kind, each in a state its actions apply to."""

    def disclosure(title, upto):
        d = disclosure_create(
            by=academic,
            inventors=inventors_of(academic, student),
            public_disclosures=[],
            unit=unit_eng,
            **{**DISCLOSURE_FIELDS, "title": title},
        )
        if upto in ("received", "assessment"):
            d = disclosure_submit(disclosure=d, by=academic)
        if upto == "assessment":
            d = disclosure_start_assessment(disclosure=d, by=officer)
        return d

    draft = disclosure("A draft disclosure", "draft")
    received = disclosure("A received disclosure", "received")
    assessing = disclosure("A disclosure under assessment", "assessment")
    # One deadline marked done (for "reopen"), then one still open (for "done"): marking
    # one done computes the next, so the open one is chosen afterwards.
    done_deadline = deadline_done(deadline=patent_asset.deadlines.earliest("pk"), by=officer)
    open_deadline = patent_asset.deadlines.filter(done_on__isnull=True).earliest("pk")
    unpublished = transfer.technology_create(
        by=officer,
        title="An unpublished offer",
        problem="A problem.",
        solution="A solution.",
        trl=3,
    )
    image = transfer.image_add(technology=offer, by=officer, upload=_png(), caption="The kit")
    enquiry = transfer.enquiry_submit(
        technology=offer,
        kind="interest",
        name="Nadia Buyer",
        email="nadia@foodco.test",
        phone="+60 12 345 6789",
        organisation_name="FoodCo Manufacturing Sdn Bhd",
        message="We would like to license the kit.",
    )
    payment = transfer.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2025, 2, 1),
        amount=Decimal("1000.00"),
        kind="royalty",
        period_year=2024,
        reference="TT-778",
    )
    spinoff = transfer.spinoff_create(
        by=officer,
        organisation_fields={"legal_name": "HalalCheck Technologies Sdn Bhd"},
        founders=[academic],
        equity_percent="10.00",
        licence=licence,
        status="active",
    )
    return {
        "draft": draft,
        "received": received,
        "assessing": assessing,
        "asset": patent_asset,
        "open_deadline": open_deadline,
        "done_deadline": done_deadline,
        "offer": offer,
        "unpublished": unpublished,
        "image": image,
        "enquiry": enquiry,
        "licence": licence,
        "payment": payment,
        "spinoff": spinoff,
    }


# URL name -> the kwargs, from the world's records (a callable of ``world``).
CASES = {
    "disclosure_list": lambda w: {},
    "disclosure_create": lambda w: {},
    "disclosure_warnings": lambda w: {},
    "disclosure_detail": lambda w: {"pk": w["draft"].pk},
    "disclosure_update": lambda w: {"pk": w["draft"].pk},
    "disclosure_submit": lambda w: {"pk": w["draft"].pk},
    "disclosure_start_assessment": lambda w: {"pk": w["received"].pk},
    "disclosure_decide": lambda w: {"pk": w["assessing"].pk},
    "disclosure_queue": lambda w: {},
    "asset_list": lambda w: {},
    "asset_create": lambda w: {},
    "asset_detail": lambda w: {"pk": w["asset"].pk},
    "asset_update": lambda w: {"pk": w["asset"].pk},
    "deadline_add": lambda w: {"pk": w["asset"].pk},
    "deadline_list": lambda w: {},
    "deadline_done": lambda w: {"pk": w["open_deadline"].pk},
    "deadline_reopen": lambda w: {"pk": w["done_deadline"].pk},
    "catalogue": lambda w: {},
    "catalogue_detail": lambda w: {"slug": w["offer"].slug},
    "catalogue_thanks": lambda w: {"slug": w["offer"].slug},
    "catalogue_image": lambda w: {"slug": w["offer"].slug, "pk": w["image"].pk},
    "technology_list": lambda w: {},
    "technology_create": lambda w: {},
    "technology_detail": lambda w: {"pk": w["offer"].pk},
    "technology_edit": lambda w: {"pk": w["offer"].pk},
    "technology_publish": lambda w: {"pk": w["unpublished"].pk},
    "technology_withdraw": lambda w: {"pk": w["offer"].pk},
    "technology_image_add": lambda w: {"pk": w["offer"].pk},
    "technology_image_remove": lambda w: {"pk": w["offer"].pk, "image_pk": w["image"].pk},
    "enquiry_list": lambda w: {},
    "enquiry_detail": lambda w: {"pk": w["enquiry"].pk},
    "enquiry_open_nda": lambda w: {"pk": w["enquiry"].pk},
    "licence_list": lambda w: {},
    "licence_create": lambda w: {},
    "licence_detail": lambda w: {"pk": w["licence"].pk},
    "licence_edit": lambda w: {"pk": w["licence"].pk},
    "licence_link_agreement": lambda w: {"pk": w["licence"].pk},
    "licence_draft_agreement": lambda w: {"pk": w["licence"].pk},
    "payment_create": lambda w: {"pk": w["licence"].pk},
    "payment_list": lambda w: {},
    "policy_list": lambda w: {},
    "spinoff_list": lambda w: {},
    "spinoff_create": lambda w: {},
    "spinoff_detail": lambda w: {"pk": w["spinoff"].pk},
    "spinoff_edit": lambda w: {"pk": w["spinoff"].pk},
}


def test_every_url_name_has_a_case():
    names = _names()
    assert set(CASES) == names, (
        f"without a case: {sorted(names - set(CASES))}; stale: {sorted(set(CASES) - names)}"
    )
    assert PUBLIC <= names and POST_ONLY <= names


def test_every_case_fills_exactly_the_url_kwargs(world):
    for name, kwargs_of in CASES.items():
        kwargs = kwargs_of(world)
        assert set(kwargs) == _kwarg_names(name), name
        reverse(f"{NS}:{name}", kwargs=kwargs)


def test_the_outsider_is_refused_everywhere_and_changes_nothing(client_for, outsider, world):
    urls = {name: reverse(f"{NS}:{name}", kwargs=CASES[name](world)) for name in _names() - PUBLIC}
    let_in = refusal_sweep(
        client_for(outsider),
        urls,
        post_only=POST_ONLY,
        refused_status=REFUSED_STATUS,
        post_data=POST_DATA,
    )
    assert let_in == [], f"views that did not refuse the outsider: {let_in}"


def test_the_records_kept_their_state_after_the_sweep(client_for, outsider, world):
    keep = {
        k: (type(o), o.pk, getattr(o, "status", None), getattr(o, "updated_at", None))
        for k, o in world.items()
    }
    client = client_for(outsider)
    for name in sorted(_names() - PUBLIC):
        client.post(reverse(f"{NS}:{name}", kwargs=CASES[name](world)), POST_DATA)
    for key, (model, pk, status, updated) in keep.items():
        obj = model.objects.get(pk=pk)
        assert getattr(obj, "status", None) == status, key
        assert getattr(obj, "updated_at", None) == updated, key


def test_public_pages_show_the_outsider_what_a_visitor_sees(client_for, outsider, world):
    visitor = Client()
    client = client_for(outsider)
    for name in sorted(PUBLIC):
        url = reverse(f"{NS}:{name}", kwargs=CASES[name](world))
        seen, as_visitor = client.get(url), visitor.get(url)
        assert seen.status_code == as_visitor.status_code, name
        assert seen.get("Location") == as_visitor.get("Location"), name
        if name == "catalogue_thanks":  # no enquiry in the session: back to the public page
            assert seen.status_code == 302
            assert seen["Location"] == world["offer"].get_public_url()
            continue
        assert seen.status_code == 200, name
        if name == "catalogue_image":
            continue
        body = seen.content.decode()
        for words in CONFIDENTIAL:
            assert words not in body, (name, words)
        assert "An unpublished offer" not in body, name
        assert "Nadia Buyer" not in body and "HalalCheck" not in body, name


def test_unpublished_offers_are_not_public_to_the_outsider(client_for, outsider, officer, world):
    tech = world["unpublished"]
    image = transfer.image_add(technology=tech, by=officer, upload=_png())
    client = client_for(outsider)
    assert client.get(reverse(f"{NS}:catalogue_detail", args=[tech.slug])).status_code == 404
    url = reverse(f"{NS}:catalogue_image", args=[tech.slug, image.pk])
    assert client.get(url).status_code == 404
