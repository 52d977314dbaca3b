"""The outsider (signed in, no role) is refused on every page of the challenges app.

The sweep is built from the app's real urlpatterns (urls.py): every URL name must have a
case below, so a view added later without one fails ``test_every_url_name_has_a_case``.
Refused pages answer 404 to GET and to POST (a POST-only view answers 405 to GET, then 404
to POST); no POST writes to the database.

The public pages (anyone may read them) are listed in ``PUBLIC``: there the outsider gets
exactly what a signed-out visitor gets, and none of the staff-only challenges.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jalinan.challenges import urls as app_urls
from jalinan.challenges.choices import ChallengeStatus, ProposalStatus
from jalinan.challenges.services import attachments as services
from jalinan.challenges.services import questions as svc
from jalinan.core.testing import refusal_sweep

from . import factories

pytestmark = pytest.mark.django_db

NS = "challenges"

# Public pages, meant for anyone (no sign-in): the outsider sees what a visitor sees.
PUBLIC = {
    "challenge_open",  # the open challenges list (public challenges only)
}

# Views under @require_POST: GET answers 405 to everyone, POST must answer 404.
POST_ONLY = {
    "challenge_invite",
    "attachment_remove",
    "invitation_respond",
    "proposal_submit",
    "proposal_withdraw",
    "question_ask",
    "question_answer",
    "review_score",
    "review_advance",
}

# What each refused view answers the outsider, as the existing tests assert (all 404).
REFUSED_STATUS = {}  # name -> status, where not 404; none so far

# A form-shaped body, so that a view that let the outsider through would have data to act on.
POST_DATA = {
    "title": "Changed by the outsider",
    "comments": "Back to you.",
    "reason": "x",
    "reasons": ["fit"],
    "text": "A question?",
    "answer": "An answer.",
    "accept": "1",
    "stage": "screen",
    "score": "3",
    "experts": ["1"],
}


def _names() -> set[str]:
    return {p.name for p in app_urls.urlpatterns if p.name}


def _kwarg_names(name: str) -> set[str]:
    pattern = next(p for p in app_urls.urlpatterns if p.name == name)
    return set(pattern.pattern.converters)


@pytest.fixture
def world(
    challenge,
    draft_challenge,
    make_challenge,
    public_challenge,
    expert_profile,
    academic,
    colleague,
    partner_user,
    officer,
    make_proposal,
    outsider,
):
    """One record of each kind, each in a state its actions apply to."""
    submitted_challenge = make_challenge(
        status=ChallengeStatus.SUBMITTED, title="Submitted corrosion problem"
    )
    attachment = services.attachment_add(
        challenge=challenge, by=officer, upload=factories.pdf_upload()
    )
    invitation = factories.invite(challenge, expert_profile, by=officer)
    proposal = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    draft_proposal = make_proposal(challenge, colleague, title="A draft proposal")
    question = svc.question_ask(challenge=challenge, by=academic, text="Which steel grade?")
    return {
        "challenge": challenge,
        "draft_challenge": draft_challenge,
        "submitted_challenge": submitted_challenge,
        "public_challenge": public_challenge,
        "attachment": attachment,
        "invitation": invitation,
        "proposal": proposal,
        "draft_proposal": draft_proposal,
        "question": question,
    }


# URL name -> the kwargs, from the world's records (a callable of ``world``).
CASES = {
    "challenge_list": lambda w: {},
    "challenge_open": lambda w: {},
    "challenge_for_me": lambda w: {},
    "challenge_create": lambda w: {},
    "challenge_detail": lambda w: {"pk": w["challenge"].pk},
    "challenge_update": lambda w: {"pk": w["draft_challenge"].pk},
    "challenge_submit": lambda w: {"pk": w["draft_challenge"].pk},
    "challenge_return": lambda w: {"pk": w["submitted_challenge"].pk},
    "challenge_publish": lambda w: {"pk": w["submitted_challenge"].pk},
    "challenge_close": lambda w: {"pk": w["challenge"].pk},
    "challenge_cancel": lambda w: {"pk": w["challenge"].pk},
    "challenge_invite": lambda w: {"pk": w["challenge"].pk},
    "attachment_add": lambda w: {"pk": w["challenge"].pk},
    "attachment_download": lambda w: {"pk": w["attachment"].pk},
    "attachment_remove": lambda w: {"pk": w["attachment"].pk},
    "invitation_respond": lambda w: {"pk": w["invitation"].pk},
    "proposal_create": lambda w: {"challenge_pk": w["challenge"].pk},
    "proposal_detail": lambda w: {"pk": w["proposal"].pk},
    "proposal_update": lambda w: {"pk": w["draft_proposal"].pk},
    "proposal_submit": lambda w: {"pk": w["draft_proposal"].pk},
    "proposal_withdraw": lambda w: {"pk": w["proposal"].pk},
    "question_ask": lambda w: {"challenge_pk": w["challenge"].pk},
    "question_answer": lambda w: {"pk": w["question"].pk},
    "review_board": lambda w: {"challenge_pk": w["challenge"].pk},
    "review_score": lambda w: {"pk": w["proposal"].pk},
    "review_advance": lambda w: {"pk": w["proposal"].pk},
    "review_decline": lambda w: {"pk": w["proposal"].pk},
    "review_select": lambda w: {"pk": w["proposal"].pk},
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
        assert seen.status_code == as_visitor.status_code == 200, name
        body, visitor_body = seen.content.decode(), as_visitor.content.decode()
        for key in ("challenge", "draft_challenge", "submitted_challenge"):
            title = world[key].title
            assert (title in body) == (title in visitor_body), (name, title)
    # The open list shows the public challenge, and not the staff-only, draft or submitted.
    body = client.get(reverse(f"{NS}:challenge_open")).content.decode()
    assert world["public_challenge"].title in body
    for key in ("challenge", "draft_challenge", "submitted_challenge"):
        assert world[key].reference not in body, key


def test_a_public_challenge_page_is_the_visitors_for_the_outsider(client_for, outsider, world):
    """Not in the sweep (its case is the staff-only challenge, refused): a public challenge's
    own page answers the outsider as it answers a visitor."""
    url = world["public_challenge"].get_absolute_url()
    assert client_for(outsider).get(url).status_code == Client().get(url).status_code == 200
