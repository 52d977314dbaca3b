from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import Role
from jalinan.agreements.choices import Status
from jalinan.agreements.forms import DATE, PersonChoiceField, staff_people
from jalinan.agreements.selectors import deliverable_choices, memorandum_choices
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation
from jalinan.partners.selectors import organisations_for

from .models import Activity

LINKABLE = [
    Status.SIGNED,
    Status.ACTIVE,
    Status.EXPIRING,
    Status.EXPIRED,
    Status.APPROVED,
    Status.AWAITING_UMC,
    Status.AWAITING_MCOM,
    Status.LEGAL_REVIEW,
    Status.OIL_REVIEW,
    Status.SUBMITTED,
    Status.DRAFT,
    Status.RETURNED,
]


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return PersonChoiceField.label_from_instance(self, obj)


class MemoField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class DeliverableField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.memorandum.reference}: {obj.title}"


class ActivityForm(BootstrapFormMixin, forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    memoranda = MemoField(
        label=_("Under the memoranda"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    deliverables = DeliverableField(
        label=_("Deliverables it fulfils"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Only deliverables of the memoranda chosen above."),
    )
    staff = PeopleField(
        label=_("Staff involved"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    students = PeopleField(
        label=_("Students involved"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "activity_type",
            "date",
            "location",
            "unit",
            "organisations",
            "memoranda",
            "deliverables",
            "staff",
            "students",
            "description",
            "outcome",
        ]
        widgets = {
            "date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_for(user).order_by("legal_name")
        memos = memorandum_choices(user, statuses=LINKABLE)
        self.fields["memoranda"].queryset = memos
        memo_ids = list(memos.values_list("pk", flat=True)[:2000])
        self.fields["deliverables"].queryset = deliverable_choices(user, memo_ids)
        self.fields["staff"].queryset = staff_people()
        self.fields["students"].queryset = (
            User.objects.filter(groups__name=Role.STUDENT, is_active=True)
            .select_related("unit")
            .order_by("full_name")
        )
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        if self.instance.pk and not self.is_bound:
            for name in ("organisations", "memoranda", "deliverables", "staff", "students"):
                self.initial[name] = [o.pk for o in getattr(self.instance, name).all()]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class AttachmentForm(BootstrapFormMixin, forms.Form):
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPEG)"))
    is_internal = forms.BooleanField(
        label=_("Internal (not shown to partner users)"), required=False, initial=True
    )
