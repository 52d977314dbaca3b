"""What a reader may read of the record an opportunity came from.

An opportunity keeps a reference to its source (a challenge, a technology enquiry), not a copy
of the source's text: a derived record never shows more than its source shows to that reader.
The source's title, link and text are read from the source, and only when the reader may open
it; anyone else gets a neutral label (a coordinator of the lead KCDIO follows the opportunity,
but reads nothing of a confidential challenge).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class SourceView:
    label: str
    url: str = ""
    kind: str = ""
    text: str = ""  # the source's own description, for a reader who may read it
    restricted: bool = False


def _challenge(user, opp, challenge) -> SourceView:
    from jalinan.challenges.permissions import can_view_challenge

    if not can_view_challenge(user, challenge):
        return SourceView(label=_("Confidential challenge (restricted)"), restricted=True)
    return SourceView(
        label=str(challenge),
        url=challenge.get_absolute_url(),
        text=challenge.problem_statement,
    )


def _technology(user, opp, technology) -> SourceView:
    from jalinan.technologies.permissions.enquiries import can_see_enquiries
    from jalinan.technologies.permissions.offers import can_view_technology, is_public

    if can_view_technology(user, technology):
        url = technology.get_absolute_url()
    elif is_public(technology):
        url = technology.get_public_url()
    else:
        return SourceView(label=_("Technology (restricted)"), restricted=True)
    text = ""
    if can_see_enquiries(user):  # the enquirer's message is the office's
        enquiry = opp.technology_enquiries.order_by("pk").first()
        text = enquiry.message if enquiry is not None else ""
    return SourceView(label=str(technology), url=url, text=text)


VIEWS = {
    "challenges.challenge": _challenge,
    "technologies.technology": _technology,
}


def source_view(user, opp) -> SourceView | None:
    """The source of ``opp`` as ``user`` may see it, or None when it has none (any more)."""
    if not opp.source_type_id:
        return None
    obj = opp.source_object
    if obj is None:
        return None
    key = f"{opp.source_type.app_label}.{opp.source_type.model}"
    view = VIEWS.get(key)
    if view is None:  # a kind of source nobody said how to show: name its kind only
        return SourceView(label=_("Restricted record"), restricted=True)
    out = view(user, opp, obj)
    out.kind = opp.source_type.name
    return out
