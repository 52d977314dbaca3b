"""The life of an application, as data: which moves exist and who may make each.

    submitted -> shortlisted -> interview -> offered -> accepted / declined
    (the partner may turn an application down at any open step, the student may withdraw it)

``PARTNER`` is a user of the organisation that posted the opening (or an OIL officer acting
for it); ``STUDENT`` is the applicant.
:func:`jalinan.placements.services.applications.application_move` is the one function that
applies a move.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from jalinan.accounts.roles import is_oil, is_partner_user

from .choices import ApplicationStatus as S

PARTNER = "partner"
STUDENT = "student"


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    actor: str  # PARTNER or STUDENT
    label: object  # the button
    style: str = "primary"  # Bootstrap colour of the button
    # What the student is told (the partner is told when the student moves).
    message: object = ""


MOVES: tuple[Move, ...] = (
    Move(S.SUBMITTED, S.SHORTLISTED, PARTNER, _("Shortlist"), "primary",
         _("You have been shortlisted for %(opening)s at %(org)s")),
    Move(S.SUBMITTED, S.REJECTED, PARTNER, _("Decline the application"), "outline-danger",
         _("Your application for %(opening)s at %(org)s was not successful")),
    Move(S.SHORTLISTED, S.INTERVIEW, PARTNER, _("Invite to interview"), "primary",
         _("%(org)s invites you to an interview for %(opening)s")),
    Move(S.SHORTLISTED, S.OFFERED, PARTNER, _("Make an offer"), "success",
         _("%(org)s offers you %(opening)s: accept or decline the offer")),
    Move(S.SHORTLISTED, S.REJECTED, PARTNER, _("Decline the application"), "outline-danger",
         _("Your application for %(opening)s at %(org)s was not successful")),
    Move(S.INTERVIEW, S.OFFERED, PARTNER, _("Make an offer"), "success",
         _("%(org)s offers you %(opening)s: accept or decline the offer")),
    Move(S.INTERVIEW, S.REJECTED, PARTNER, _("Decline the application"), "outline-danger",
         _("Your application for %(opening)s at %(org)s was not successful")),
    Move(S.OFFERED, S.REJECTED, PARTNER, _("Withdraw the offer"), "outline-danger",
         _("%(org)s withdrew its offer of %(opening)s")),
    Move(S.OFFERED, S.ACCEPTED, STUDENT, _("Accept the offer"), "success",
         _("You accepted %(opening)s at %(org)s; your placement is recorded")),
    Move(S.OFFERED, S.DECLINED, STUDENT, _("Decline the offer"), "outline-danger",
         _("You declined the offer of %(opening)s at %(org)s")),
    Move(S.SUBMITTED, S.WITHDRAWN, STUDENT, _("Withdraw my application"), "outline-secondary",
         _("You withdrew your application for %(opening)s at %(org)s")),
    Move(S.SHORTLISTED, S.WITHDRAWN, STUDENT, _("Withdraw my application"), "outline-secondary",
         _("You withdrew your application for %(opening)s at %(org)s")),
    Move(S.INTERVIEW, S.WITHDRAWN, STUDENT, _("Withdraw my application"), "outline-secondary",
         _("You withdrew your application for %(opening)s at %(org)s")),
    Move(S.OFFERED, S.WITHDRAWN, STUDENT, _("Withdraw my application"), "outline-secondary",
         _("You withdrew your application for %(opening)s at %(org)s")),
)  # fmt: skip

_BY_PAIR = {(m.source, m.target): m for m in MOVES}

FINAL = frozenset({S.ACCEPTED, S.DECLINED, S.REJECTED, S.WITHDRAWN})


def acts_as(user, application) -> set[str]:
    """The sides ``user`` may act for on ``application``."""
    sides = set()
    if user is None or not getattr(user, "is_authenticated", False):
        return sides
    if application.student_id == user.pk:
        sides.add(STUDENT)
    if is_oil(user) or (
        is_partner_user(user) and user.organisation_id == application.opening.organisation_id
    ):
        sides.add(PARTNER)
    return sides


def find_move(source: str, target: str) -> Move | None:
    return _BY_PAIR.get((source, target))


def moves_for(user, application) -> list[Move]:
    """The moves ``user`` may make on ``application`` now, in table order."""
    sides = acts_as(user, application)
    return [m for m in MOVES if m.source == application.status and m.actor in sides]


def can_move(user, application, target: str) -> bool:
    move = find_move(application.status, target)
    return move is not None and move.actor in acts_as(user, application)
