"""Forms of proposals (with their team and milestones as formsets), questions and reviews."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.core.forms import BootstrapFormMixin

from ..choices import FeedbackReason, MemberRole, ReviewStage
from ..models import Proposal
from ..selectors.proposals import team_candidates

MEMBER_ROLES = [(v, label) for v, label in MemberRole.choices if v != MemberRole.LEAD]

# The reasons a reviewer gives; "the challenge was withdrawn" is given only by a cancellation.
REVIEWER_REASONS = [c for c in FeedbackReason.choices if c[0] != FeedbackReason.CANCELLED]


class ProposalForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "title",
            "approach",
            "trl_start",
            "trl_end",
            "duration_months",
            "budget",
            "partner_provides",
        ]
        widgets = {
            "approach": forms.Textarea(attrs={"rows": 8}),
            "partner_provides": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "approach": _("How you would solve the problem, and why it would work."),
            "partner_provides": _("Data, samples, access to a site, staff time, equipment…"),
            "budget": _("The whole cost of the work, in RM."),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("trl_start"), data.get("trl_end")
        if start and end and end < start:
            self.add_error("trl_end", _("The TRL at the end cannot be below the TRL now."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = f" ({obj.unit.code.upper()})" if obj.unit_id else ""
        return f"{obj.display_name}{unit}"


class MemberForm(BootstrapFormMixin, forms.Form):
    """One team member: a member of staff with an expert profile, or a name."""

    user = UserChoiceField(
        queryset=team_candidates(), required=False, label=_("Staff member"), empty_label="—"
    )
    name = forms.CharField(
        label=_("or name"),
        max_length=200,
        required=False,
        help_text=_("Someone without an expert profile: a student, a colleague elsewhere."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=MEMBER_ROLES, initial=MemberRole.CO_RESEARCHER
    )
    contribution = forms.CharField(label=_("Contribution"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh queryset per form (new profiles appear without a restart).
        self.fields["user"].queryset = team_candidates()

    def clean(self):
        data = super().clean()
        # An empty row is skipped (clearing a row removes the member); a contribution
        # without anyone to make it is a mistake.
        if not data.get("user") and not (data.get("name") or "").strip():
            if (data.get("contribution") or "").strip():
                self.add_error("name", _("Pick a member of staff or give a name."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data.get("user") and not (data.get("name") or "").strip():
            return None
        return {
            "user": data.get("user"),
            "name": (data.get("name") or "").strip(),
            "role": data.get("role") or MemberRole.CO_RESEARCHER,
            "contribution": (data.get("contribution") or "").strip(),
        }


class MilestoneForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300, required=False)
    month = forms.IntegerField(
        label=_("Month"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Months from the start."),
    )

    def clean(self):
        data = super().clean()
        title, month = (data.get("title") or "").strip(), data.get("month")
        if title and not month and "month" not in self.errors:
            self.add_error("month", _("Say in which month."))
        if month and not title:
            self.add_error("title", _("Say what is delivered."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not (data.get("title") or "").strip():
            return None
        return {"title": data["title"].strip(), "month": data.get("month")}


MemberFormSet = forms.formset_factory(MemberForm, extra=2, max_num=20, validate_max=True)
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2, max_num=30, validate_max=True)


def formset_rows(formset) -> list[dict]:
    return [row for form in formset.forms if (row := form.row()) is not None]


class QuestionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Everyone invited to answer this challenge sees the question and answer."),
    )


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )


class ReviewForm(BootstrapFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=ReviewStage.choices)
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        help_text=_("1 weak, 5 excellent."),
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"),
        choices=REVIEWER_REASONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DeclineForm(BootstrapFormMixin, forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Why it is not taken forward"),
        choices=REVIEWER_REASONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason: the proposers hear it.")},
    )
    comments = forms.CharField(
        label=_("Comments to the proposers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Sent to the team with the reasons. Be specific and kind."),
    )


class SelectForm(BootstrapFormMixin, forms.Form):
    memo_type_code = forms.ChoiceField(
        label=_("Memorandum"),
        choices=[
            ("", _("Decide from the IP terms and the budget")),
            ("rca", _("Research collaboration agreement (RCA)")),
            ("cra", _("Contract research agreement (CRA)")),
        ],
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I understand that a draft memorandum and a project will be created."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
