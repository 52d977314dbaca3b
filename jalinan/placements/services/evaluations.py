"""The industry supervisor's evaluations (by an e-mailed link, no account) and the rubric
they are scored on."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import audit_log, diff, snapshot

from .. import conf
from ..choices import EvaluationStage, PlacementStatus, RubricStage
from ..models import Evaluation, EvaluationLink, Placement, RubricCriterion
from ..tasks import send_evaluation_link
from .common import KIND_PLACEMENT, apply_fields, tell

NO_RUBRIC = gettext_lazy(
    "The evaluation rubric has no line for this evaluation yet; the office must set it up."
)


def rubric_for(stage: str) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(is_active=True, stage__in=[RubricStage.BOTH, stage]))


@transaction.atomic
def evaluation_link_issue(
    *, placement: Placement, stage: str, by=None
) -> tuple[EvaluationLink, str]:
    """E-mail the industry supervisor a fresh link for one evaluation; any earlier link for the
    same evaluation stops working. ``by=None`` is the daily reminder job."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student", "organisation")
        .get(pk=placement.pk)
    )
    if stage not in EvaluationStage.values:
        raise ValidationError(_("Unknown evaluation."))
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Evaluations are asked for only while a placement is in progress."))
    if not placement.industry_supervisor_email:
        raise ValidationError(_("Add the industry supervisor's e-mail address first."))
    if Evaluation.objects.filter(placement=placement, stage=stage).exists():
        raise ValidationError(_("This evaluation was already submitted."))
    if not rubric_for(stage):
        raise ValidationError(NO_RUBRIC)
    now = timezone.now()
    EvaluationLink.objects.filter(
        placement=placement, stage=stage, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    raw, hashed = EvaluationLink.new_token()
    link = EvaluationLink(
        placement=placement,
        stage=stage,
        email=placement.industry_supervisor_email,
        token_hash=hashed,
        created_by=by if getattr(by, "pk", None) else None,
        expires_at=now + timedelta(days=conf.evaluation_link_days()),
    )
    link.full_clean()
    link.save()
    audit_log(
        actor=by,
        action="other",
        obj=placement,
        message=f"{EvaluationStage(stage).label} link sent to {link.email}",
    )
    transaction.on_commit(lambda: send_evaluation_link.delay(link.pk, raw))
    return link, raw


def _percent(rows: list[dict]) -> Decimal:
    total_weight = sum(r["weight"] for r in rows)
    if not total_weight:
        return Decimal("0")
    value = sum(Decimal(r["score"]) / r["max"] * r["weight"] for r in rows) / total_weight * 100
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def evaluation_submit(
    *,
    link: EvaluationLink,
    scores: dict[int, int],
    evaluator_name: str,
    strengths: str = "",
    improvements: str = "",
) -> Evaluation:
    """The industry supervisor submits the evaluation the link is for: once, before it
    expires. The final evaluation completes the placement."""
    link = EvaluationLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_usable:
        raise ValidationError(_("This evaluation link can no longer be used."))
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student", "organisation", "academic_supervisor")
        .get(pk=link.placement_id)
    )
    if Evaluation.objects.filter(placement=placement, stage=link.stage).exists():
        raise ValidationError(_("This evaluation was already submitted."))
    if not evaluator_name.strip():
        raise ValidationError({"evaluator_name": _("Give your name.")})
    criteria = rubric_for(link.stage)
    if not criteria:
        raise ValidationError(NO_RUBRIC)
    rows, errors = [], {}
    for c in criteria:
        score = scores.get(c.pk)
        if score is None or not (1 <= int(score) <= c.max_score):
            errors[f"c_{c.pk}"] = _("Choose a score from 1 to %(max)d.") % {"max": c.max_score}
            continue
        rows.append(
            {
                "criterion": c.pk,
                "name": c.name,
                "name_ms": c.name_ms,
                "weight": c.weight,
                "max": c.max_score,
                "score": int(score),
            }
        )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    evaluation = Evaluation(
        placement=placement,
        stage=link.stage,
        scores=rows,
        percent=_percent(rows),
        strengths=strengths.strip(),
        improvements=improvements.strip(),
        evaluator_name=evaluator_name.strip(),
        submitted_at=now,
    )
    evaluation.full_clean()
    evaluation.save()
    link.used_at = now
    link.save(update_fields=["used_at"])
    audit_log(
        actor=None,
        action="create",
        obj=evaluation,
        changes={"percent": [None, str(evaluation.percent)]},
        message=f"Submitted by {evaluation.evaluator_name} through the link sent to {link.email}",
    )
    if link.stage == EvaluationStage.FINAL and placement.status == PlacementStatus.ACTIVE:
        placement.status = PlacementStatus.COMPLETED
        placement.completed_at = now
        placement.save(update_fields=["status", "completed_at", "updated_at"])
        audit_log(
            actor=None,
            action="transition",
            obj=placement,
            changes={"status": [PlacementStatus.ACTIVE, PlacementStatus.COMPLETED]},
            message="Final evaluation submitted",
        )
    words = {"stage": EvaluationStage(link.stage).label, "student": placement.student.full_name}
    url = placement.get_absolute_url()
    if placement.academic_supervisor_id:
        tell(
            recipient=placement.academic_supervisor,
            kind=KIND_PLACEMENT,
            title=_("%(stage)s of %(student)s submitted by the industry supervisor") % words,
            url=url,
        )
    tell(
        recipient=placement.student,
        kind=KIND_PLACEMENT,
        title=_("Your industry supervisor submitted your %(stage)s")
        % {"stage": str(EvaluationStage(link.stage).label).lower()},
        body=_("Tell us about your placement too: rate it on the placement page.")
        if link.stage == EvaluationStage.FINAL
        else "",
        url=url,
    )
    return evaluation


# -- rubric -----------------------------------------------------------------------------------

RUBRIC_FIELDS = {
    "name",
    "name_ms",
    "description",
    "description_ms",
    "stage",
    "weight",
    "max_score",
    "order",
    "is_active",
}


@transaction.atomic
def rubric_criterion_create(*, by, **fields) -> RubricCriterion:
    """Add a line to the evaluation rubric. Evaluations already made keep their own copy."""
    if not is_oil(by):
        raise PermissionDenied
    criterion = RubricCriterion()
    apply_fields(criterion, fields, RUBRIC_FIELDS)
    criterion.full_clean()
    criterion.save()
    audit_log(actor=by, action="create", obj=criterion, changes=diff({}, snapshot(criterion)))
    return criterion


@transaction.atomic
def rubric_criterion_update(*, criterion: RubricCriterion, by, **fields) -> RubricCriterion:
    if not is_oil(by):
        raise PermissionDenied
    before = snapshot(RubricCriterion.objects.get(pk=criterion.pk))
    apply_fields(criterion, fields, RUBRIC_FIELDS)
    criterion.full_clean()
    criterion.save()
    changes = diff(before, snapshot(criterion))
    if changes:
        audit_log(actor=by, action="update", obj=criterion, changes=changes)
    return criterion
