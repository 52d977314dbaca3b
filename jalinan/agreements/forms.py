from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import OIL_ROLES, Role, has_role, is_oil, unit_ids
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Contact, Organisation
from jalinan.partners.selectors import contacts_for, organisations_for

from .choices import CONCLUDED, Confidentiality, DeliverableStatus, DocumentKind
from .models import Deliverable, Memorandum, MemorandumType
from .services import PIC_OIL_ONLY

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STAFF_ROLES_FOR_PIC = [*OIL_ROLES, Role.COORDINATOR, Role.ACADEMIC]


def staff_people():
    return (
        User.objects.filter(groups__name__in=STAFF_ROLES_FOR_PIC, is_active=True)
        .distinct()
        .select_related("unit")
        .order_by("full_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.unit})" if obj.unit_id else obj.display_name


class MemorandumChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class MemorandumForm(BootstrapFormMixin, forms.ModelForm):
    parties = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisations that are parties to it (one or more)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Memorandum
        fields = [
            "title",
            "memo_type",
            "initiating_unit",
            "person_in_charge",
            "parties",
            "scope",
            "objectives",
            "value_cash",
            "value_in_kind",
            "financial_terms",
            "start_date",
            "end_date",
            "duration_months",
            "renewal_terms",
            "confidentiality",
            "renews",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "financial_terms": forms.Textarea(attrs={"rows": 2}),
            "renewal_terms": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE,
            "end_date": DATE,
        }
        field_classes = {"person_in_charge": PersonChoiceField, "renews": MemorandumChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import memoranda_for

        instance = self.instance
        self.fields["parties"].queryset = organisations_for(user).order_by("legal_name")
        if instance.pk and not self.is_bound:
            self.initial["parties"] = [p.organisation_id for p in instance.parties.all()]
            self.initial["version"] = instance.version
        types = MemorandumType.objects.filter(is_active=True)
        if instance.pk:
            types = MemorandumType.objects.filter(is_active=True) | MemorandumType.objects.filter(
                pk=instance.memo_type_id
            )
        self.fields["memo_type"].queryset = types.distinct()
        units = Unit.objects.filter(is_active=True)
        people = staff_people()
        if not is_oil(user):
            own = unit_ids(user) if has_role(user, Role.COORDINATOR) else set()
            if user.unit_id:
                own = own | {user.unit_id}
            if instance.pk:
                own = own | {instance.initiating_unit_id}
            units = Unit.objects.filter(pk__in=own)
            if has_role(user, Role.COORDINATOR):
                people = people.filter(unit_id__in=own)
            else:
                allowed = {user.pk} | ({instance.person_in_charge_id} if instance.pk else set())
                people = people.filter(pk__in=allowed)
        self.fields["initiating_unit"].queryset = units
        self.fields["person_in_charge"].queryset = people
        self.pic_locked = bool(instance.pk) and not is_oil(user)
        if self.pic_locked:
            # Only OIL changes who is in charge of an existing memorandum (it opens the
            # confidential documents): shown, not editable; a posted change is refused in clean().
            field = self.fields["person_in_charge"]
            field.disabled = True
            field.help_text = _("Only OIL may change the person in charge.")
        elif is_oil(user):
            self.fields["person_in_charge"].help_text = _(
                "Saving confirms this person in charge: they may then open the confidential "
                "documents."
            )
        renewable = memoranda_for(user).filter(status__in=CONCLUDED)
        if instance.pk:
            renewable = renewable.exclude(pk=instance.pk)
        self.fields["renews"].queryset = renewable.order_by("-created_at")
        self.fields["renews"].required = False
        if not instance.pk:
            self.fields["confidentiality"].initial = Confidentiality.INTERNAL

    def clean(self):
        cleaned = super().clean()
        posted = self.data.get(self.add_prefix("person_in_charge")) if self.is_bound else None
        if (
            self.pic_locked
            and posted not in (None, "")
            and str(posted) != str(self.instance.person_in_charge_id)
        ):
            self.add_error("person_in_charge", PIC_OIL_ONLY)
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("parties", None)
        return data


class TransitionForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE)
    reference = forms.CharField(label=_("Decision reference"), max_length=100)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    start_date = forms.DateField(
        label=_("In force from"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty to use the planned start date, or else the date of signing."),
    )
    signed_copy = forms.FileField(
        label=_("Signed copy (PDF or DOCX)"), required=False, widget=forms.ClearableFileInput
    )
    signed_copy_confidential = forms.BooleanField(
        label=_("The signed copy is confidential"), required=False, initial=True
    )

    COMMENT_LABELS = {
        "mcom_recommend": _("Minutes of the decision"),
        "mcom_defer": _("Minutes of the decision"),
        "mcom_reject": _("Minutes of the decision"),
        "return_changes": _("What needs to change"),
        "legal_return": _("What needs to change"),
        "terminate": _("Reason for termination"),
        "umc_reject": _("Reason given by UMC"),
    }

    def __init__(self, *args, transition, memorandum, **kwargs):
        super().__init__(*args, **kwargs)
        t = transition
        self.fields["comment"].required = t.comment
        self.fields["comment"].label = self.COMMENT_LABELS.get(t.action, _("Comment"))
        if t.action.startswith("umc"):
            self.fields["meeting_date"].label = _("UMC meeting date")
            self.fields["reference"].label = _("UMC decision reference")
        for name in ("meeting_date", "reference", "signed_on"):
            if name not in t.fields:
                del self.fields[name]
        if "signed_copy" not in t.fields:
            for name in ("signed_copy", "signed_copy_confidential", "start_date", "signed_on"):
                self.fields.pop(name, None)
        elif not memorandum.documents.filter(kind=DocumentKind.SIGNED).exists():
            self.fields["signed_copy"].required = True
        self.transition = t

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")} | {
            "comment": self.cleaned_data.get("comment", "")
        }


class DocumentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    upload = forms.FileField(label=_("File (PDF or DOCX)"))
    is_confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        initial=True,
        help_text=_(
            "Only OIL, the legal adviser, MCOM and the person in charge may open it; partners "
            "never."
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SignatoryForm(BootstrapFormMixin, forms.Form):
    party = forms.ModelChoiceField(
        label=_("Signs for"),
        queryset=None,
        required=False,
        empty_label=_("The university"),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title or position"), max_length=200, required=False)
    contact = forms.ModelChoiceField(
        label=_("Partner contact (optional)"), queryset=Contact.objects.none(), required=False
    )

    def __init__(self, *args, memorandum, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = memorandum.parties.select_related("organisation")
        org_ids = [p.organisation_id for p in memorandum.parties.all()]
        self.fields["contact"].queryset = contacts_for(user).filter(organisation_id__in=org_ids)


class DeliverableForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = ["title", "description", "target_quantity", "due_date", "owner", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DATE}
        field_classes = {"owner": PersonChoiceField}

    def __init__(self, *args, owner_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()
        self.fields["status"].choices = DeliverableStatus.choices
        if owner_only:
            # The owner reports progress; the terms are the initiator's and OIL's.
            for name in ("title", "description", "target_quantity", "due_date", "owner"):
                self.fields[name].disabled = True


class MemorandumTypeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = MemorandumType
        fields = [
            "code",
            "name",
            "name_ms",
            "abbreviation",
            "needs_committee",
            "description",
            "is_active",
            "order",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class NudgeForm(BootstrapFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
