from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import Role
from jalinan.core.files import PDF, validate_upload
from jalinan.core.forms import BootstrapFormMixin

from . import conf
from .choices import ApplicationStatus, OutcomeStatus, ShareableField
from .models import (
    GraduateOutcome,
    Opening,
    Placement,
    PlacementFeedback,
    Programme,
    RubricCriterion,
    StudentProfile,
)
from .selectors.openings import internship_agreements

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListField(forms.CharField):
    """Words or phrases separated by commas (or lines), kept as a list."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items = [" ".join(p.split()) for p in text.replace("\n", ",").split(",")]
        return [i for i in items if i]

    def validate(self, value):
        super().validate(value)
        if any(len(v) > 100 for v in value):
            raise ValidationError(_("Each item must be at most 100 characters."))


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    skills = ListField(
        label=_("Skills"),
        required=False,
        help_text=_("Separated by commas, e.g. Python, AutoCAD, data analysis."),
    )
    languages = ListField(
        label=_("Languages"), required=False, help_text=_("e.g. Malay, English, Arabic.")
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Without consent, partners I apply to may see"),
        choices=ShareableField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cv_upload = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = StudentProfile
        fields = [
            "programme",
            "year_of_study",
            "cgpa",
            "skills",
            "languages",
            "training_from",
            "training_to",
            "training_weeks",
            "expected_graduation",
            "consent_to_share",
            "shared_fields",
        ]
        widgets = {
            "training_from": DATE,
            "training_to": DATE,
            "expected_graduation": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(is_active=True).select_related(
            "unit"
        )
        self.fields["programme"].required = True
        self.fields["year_of_study"].required = True
        self.fields["shared_fields"].widget.attrs["class"] = "form-check-input"
        limit = conf.cv_max_bytes() / (1024 * 1024)
        self.fields["cv_upload"].help_text = _(
            "PDF only, at most %(mb).0f MB. Replaces the CV you uploaded before."
        ) % {"mb": limit}

    def clean_cv_upload(self):
        upload = self.cleaned_data.get("cv_upload")
        if upload:
            validate_upload(upload, kinds=(PDF,), max_bytes=conf.cv_max_bytes())
        return upload

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "cv_upload"}


class MemorandumChoiceField(forms.ModelChoiceField):
    """Internship Agreements by reference and title; with ``show_parties``, the parties too
    (when the opening's organisation is not chosen yet)."""

    show_parties = False

    def label_from_instance(self, obj):
        label = f"{obj.reference} {obj.title}"
        if self.show_parties:
            label += " — " + ", ".join(p.organisation.legal_name for p in obj.parties.all())
        if not obj.is_in_force:
            label += f" ({obj.get_status_display()})"
        return label


class OpeningForm(BootstrapFormMixin, forms.ModelForm):
    skills = ListField(
        label=_("Skills wanted"),
        required=False,
        help_text=_("Separated by commas."),
    )

    class Meta:
        model = Opening
        fields = [
            "organisation",
            "kind",
            "title",
            "description",
            "skills",
            "programmes",
            "min_year",
            "max_year",
            "work_mode",
            "state",
            "city",
            "starts_on",
            "ends_on",
            "allowance_rm",
            "places",
            "deadline",
            "memorandum",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DATE,
            "ends_on": DATE,
            "deadline": DATE,
            "programmes": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"memorandum": MemorandumChoiceField}

    def __init__(self, *args, organisations=None, office: bool = False, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            self.fields.pop("organisation")
        else:
            self.fields["organisation"].queryset = organisations
        if not office or user is None:
            # Only the office links memoranda.
            self.fields.pop("memorandum")
        else:
            self._memoranda(user)
        self.fields["programmes"].queryset = Programme.objects.filter(is_active=True)
        self.fields["programmes"].help_text = _(
            "Leave empty to accept every programme. Hold Ctrl (or ⌘) to choose several."
        )

    def _memoranda(self, user) -> None:
        field = self.fields["memorandum"]
        instance = self.instance
        organisation = instance.organisation if instance.organisation_id else None
        memoranda = internship_agreements(
            user, organisation=organisation, keep=instance.memorandum_id
        )
        if organisation is None:
            # A new opening: its organisation is chosen on the same form.
            field.show_parties = True
            memoranda = memoranda.prefetch_related("parties__organisation")
        field.queryset = memoranda
        field.help_text = _(
            "The Internship Agreement this opening falls under, if any: one the organisation "
            "is a party to. Those in force come first."
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


class ReviewForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note to the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApplyForm(BootstrapFormMixin, forms.Form):
    cover_note = forms.CharField(
        label=_("Cover note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this opening, and what you bring to it."),
        max_length=5000,
    )
    consent_to_share = forms.BooleanField(label="", required=False)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_to_share"].label = _(
            "I consent to %(org)s seeing my placement profile (programme, year, CGPA, skills, "
            "languages, contact details and CV) for this application."
        ) % {"org": organisation}
        self.fields["consent_to_share"].help_text = _(
            "Personal Data Protection Act 2010. If you do not consent, %(org)s sees only your "
            "name, this note and what you chose to share on your profile."
        ) % {"org": organisation}


class MoveForm(BootstrapFormMixin, forms.Form):
    to = forms.ChoiceField(choices=ApplicationStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Message to the student (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    interview_at = forms.DateTimeField(
        label=_("Interview date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class PlacementForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "industry_supervisor_name",
            "industry_supervisor_email",
            "industry_supervisor_phone",
            "academic_supervisor",
            "starts_on",
            "ends_on",
            "status",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, manage: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not manage:
            for name in ("academic_supervisor", "starts_on", "ends_on", "status"):
                self.fields.pop(name)
        else:
            self.fields["academic_supervisor"].queryset = (
                User.objects.filter(groups__name=Role.ACADEMIC, is_active=True)
                .select_related("unit")
                .distinct()
                .order_by("full_name")
            )


class LogbookForm(BootstrapFormMixin, forms.Form):
    week = forms.TypedChoiceField(label=_("Week"), coerce=int)
    activities = forms.CharField(
        label=_("What I did this week"), widget=forms.Textarea(attrs={"rows": 5})
    )
    learning = forms.CharField(
        label=_("What I learned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hours = forms.IntegerField(label=_("Hours worked"), required=False, min_value=0, max_value=80)

    def __init__(self, *args, weeks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"].choices = [(w, label) for w, label in weeks]


class LogbookReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("reviewed", _("Reviewed")), ("returned", _("Return for revision"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the student"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvaluationForm(BootstrapFormMixin, forms.Form):
    """The supervisor's evaluation: one 1..max score per rubric line, then comments."""

    evaluator_name = forms.CharField(label=_("Your name"), max_length=200)
    strengths = forms.CharField(
        label=_("The student's strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    improvements = forms.CharField(
        label=_("What the student should improve"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.criteria = list(criteria)
        scored = {}
        for c in self.criteria:
            scored[f"c_{c.pk}"] = forms.TypedChoiceField(
                label=c.display_name(language),
                help_text=c.display_description(language),
                choices=[(i, str(i)) for i in range(1, c.max_score + 1)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
        # Scores first, then the comments and the name.
        self.fields = {**scored, **self.fields}

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.criteria}

    def score_fields(self):
        return [self[f"c_{c.pk}"] for c in self.criteria]


RATING = [(i, str(i)) for i in range(1, 6)]


def _rating(label):
    return forms.TypedChoiceField(
        label=label, choices=RATING, coerce=int, help_text=_("1 = poor, 5 = excellent")
    )


class FeedbackForm(BootstrapFormMixin, forms.ModelForm):
    rating = _rating(_("Overall rating"))
    supervision_rating = _rating(_("Supervision at the partner"))
    learning_rating = _rating(_("What I learned"))

    class Meta:
        model = PlacementFeedback
        fields = ["rating", "supervision_rating", "learning_rating", "would_recommend", "comments"]
        widgets = {"comments": forms.Textarea(attrs={"rows": 3})}


class OutcomeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = GraduateOutcome
        fields = [
            "graduated_on",
            "status",
            "employer_organisation",
            "employer_name",
            "job_title",
            "started_on",
        ]
        widgets = {"graduated_on": DATE, "started_on": DATE}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_organisation"].queryset = organisations
        self.fields["employer_organisation"].required = False
        self.fields["status"].choices = OutcomeStatus.choices


class RubricCriterionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RubricCriterion
        fields = [
            "name",
            "name_ms",
            "description",
            "description_ms",
            "stage",
            "weight",
            "max_score",
            "order",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_ms": forms.Textarea(attrs={"rows": 2}),
        }


class ProgrammeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["code", "name", "name_ms", "level", "unit", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
