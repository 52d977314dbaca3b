"""Forms of disclosures (with inventors and public disclosures as formsets) and of their
review."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import STAFF_ROLES, Role
from jalinan.core.forms import BootstrapFormMixin

from ..choices import Decision, PublicDisclosureKind
from ..models import Disclosure


def inventor_candidates():
    """Staff and students who may be named as inventors."""
    return (
        User.objects.filter(groups__name__in=[*STAFF_ROLES, Role.STUDENT], is_active=True)
        .distinct()
        .select_related("unit")
        .order_by("full_name")
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.unit})" if obj.unit_id else obj.display_name


class DisclosureForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = [
            "title",
            "description",
            "novelty",
            "prior_art",
            "funding_source",
            "sponsor_obligations",
            "trl",
            "applications",
            "target_industries",
            "unit",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "novelty": forms.Textarea(attrs={"rows": 4}),
            "prior_art": forms.Textarea(attrs={"rows": 3}),
            "sponsor_obligations": forms.Textarea(attrs={"rows": 2}),
            "applications": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "novelty": _("What your invention does that nothing known before it does."),
            "prior_art": _("Patents, papers and products closest to it, as far as you know."),
            "funding_source": _("The grant or contract that funded the work, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class InventorForm(BootstrapFormMixin, forms.Form):
    user = PersonField(
        queryset=User.objects.none(), required=False, label=_("Staff or student"), empty_label="—"
    )
    name = forms.CharField(
        label=_("or name"),
        max_length=200,
        required=False,
        help_text=_("Someone without an account here (a former student, a co-inventor elsewhere)."),
    )
    is_student = forms.BooleanField(label=_("Student"), required=False)
    share = forms.DecimalField(
        label=_("Contribution (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01", "class": "inventor-share"}),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            candidates if candidates is not None else inventor_candidates()
        )

    def clean(self):
        data = super().clean()
        someone = data.get("user") or (data.get("name") or "").strip()
        if someone and data.get("share") is None and "share" not in self.errors:
            self.add_error("share", _("Give this inventor's contribution."))
        if not someone and data.get("share") is not None:
            self.add_error("name", _("Choose the person or give their name."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data.get("user") and not (data.get("name") or "").strip():
            return None
        user = data.get("user")
        return {
            "user": user,
            "name": (data.get("name") or "").strip(),
            "is_student": bool(data.get("is_student")) or (user is not None and _is_student(user)),
            "share": data.get("share"),
        }


def _is_student(user) -> bool:
    from jalinan.accounts.roles import has_role

    return has_role(user, Role.STUDENT) and not has_role(user, Role.ACADEMIC)


class PublicDisclosureForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *PublicDisclosureKind.choices], required=False
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "pd-date"}, format="%Y-%m-%d"),
    )
    details = forms.CharField(label=_("Where and what"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") and not data.get("date") and "date" not in self.errors:
            self.add_error("date", _("Give the date it was made public."))
        if data.get("date") and not data.get("kind"):
            self.add_error("kind", _("Say how it was made public."))
        return data

    def row(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data.get("date") and not data.get("kind"):
            return None
        return {
            "kind": data["kind"],
            "date": data["date"],
            "details": (data.get("details") or "").strip(),
        }


InventorFormSet = forms.formset_factory(InventorForm, extra=0, max_num=30, validate_max=True)


PublicDisclosureFormSet = forms.formset_factory(
    PublicDisclosureForm, extra=0, max_num=30, validate_max=True
)


def formset_rows(formset) -> list[dict]:
    return [row for form in formset.forms if (row := form.row()) is not None]


def inventor_initial(disclosure: Disclosure | None, user) -> list[dict]:
    if disclosure is None:
        return [{"user": user.pk, "share": Decimal("100")}]
    return [
        {
            "user": i.user_id,
            "name": i.name,
            "is_student": i.is_student,
            "share": i.share,
        }
        for i in disclosure.inventors.all()
    ]


def public_initial(disclosure: Disclosure | None) -> list[dict]:
    if disclosure is None:
        return []
    return [
        {"kind": p.kind, "date": p.date, "details": p.details}
        for p in disclosure.public_disclosures.all()
    ]


class DecisionForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        help_text=_("The inventors read these reasons."),
    )
