from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.agreements.choices import Status
from jalinan.agreements.forms import DATE, PersonChoiceField, staff_people
from jalinan.agreements.selectors import memorandum_choices
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation
from jalinan.partners.selectors import organisations_for

from .choices import ProjectStatus
from .models import Funding, IncomeRecord, Milestone, Output, Project, ProjectMember

# Memoranda a project may come under: signed or being prepared.
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
MONEY = forms.NumberInput(attrs={"step": "0.01", "min": "0"})


class MemoField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


def _partners(user, extra_ids=()):
    qs = organisations_for(user)
    if extra_ids:
        qs = Organisation.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=list(extra_ids)))
    return qs.order_by("legal_name")


class ProjectForm(BootstrapFormMixin, forms.ModelForm):
    lead = PersonChoiceField(label=_("Project leader"), queryset=User.objects.none())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    memorandum = MemoField(
        label=_("Under the memorandum"),
        queryset=None,
        required=False,
        help_text=_("The research collaboration or contract research agreement, if any."),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "kind",
            "status",
            "lead",
            "unit",
            "organisations",
            "memorandum",
            "start_date",
            "end_date",
            "summary",
            "internal_notes",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "internal_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        org_ids = list(instance.organisations.values_list("pk", flat=True)) if instance.pk else []
        self.fields["organisations"].queryset = _partners(user, org_ids)
        memos = memorandum_choices(user, statuses=LINKABLE)
        if instance.memorandum_id:
            from jalinan.agreements.models import Memorandum

            memos = Memorandum.objects.filter(
                Q(pk__in=memos.values("pk")) | Q(pk=instance.memorandum_id)
            ).order_by("reference")
        self.fields["memorandum"].queryset = memos
        people = staff_people()
        if instance.lead_id:
            people = (
                User.objects.filter(Q(pk__in=people.values("pk")) | Q(pk=instance.lead_id))
                .select_related("unit")
                .order_by("full_name")
            )
        self.fields["lead"].queryset = people
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["unit"].required = True
        if instance.pk:
            # The status moves through its own buttons (project_set_status).
            del self.fields["status"]
            if not self.is_bound:
                self.initial["organisations"] = org_ids
        else:
            self.fields["status"].choices = [
                (ProjectStatus.PLANNED, ProjectStatus.PLANNED.label),
                (ProjectStatus.ACTIVE, ProjectStatus.ACTIVE.label),
            ]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ProjectStatus.choices)


class MemberForm(BootstrapFormMixin, forms.ModelForm):
    user = PersonChoiceField(
        label=_("User"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of staff or a student with an account."),
    )

    class Meta:
        model = ProjectMember
        fields = ["user", "name", "role", "organisation"]
        labels = {"name": _("Or the person's name")}

    def __init__(self, *args, user=None, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(
                groups__name__in=["oil_admin", "oil_officer", "coordinator", "academic", "student"],
                is_active=True,
            )
            .distinct()
            .select_related("unit")
            .order_by("full_name")
        )
        orgs = Organisation.objects.none()
        if project is not None:
            orgs = project.organisations.order_by("legal_name")
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].help_text = _("For partner staff: their organisation.")

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("name") or "").strip():
            self.add_error("name", _("Choose a user or give the person's name."))
        return data

    def _post_clean(self):
        pass  # the service validates the member it builds

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class FundingForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["year", "organisation", "cash", "in_kind", "note"]
        widgets = {"cash": MONEY, "in_kind": MONEY}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = (
            project.organisations.order_by("legal_name") if project else Organisation.objects.none()
        )
        self.fields["organisation"].queryset = orgs

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class MilestoneForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "is_deliverable", "description"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class MilestoneEditForm(MilestoneForm):
    class Meta(MilestoneForm.Meta):
        fields = ["title", "due_date", "is_deliverable", "status", "completed_on", "description"]
        widgets = {**MilestoneForm.Meta.widgets, "completed_on": DATE}


class OutputForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Output
        fields = ["kind", "title", "year", "url", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class IncomeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = IncomeRecord
        fields = ["received_on", "amount", "payer", "reference", "note"]
        widgets = {"received_on": DATE, "amount": MONEY}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = (
            project.organisations.order_by("legal_name") if project else Organisation.objects.none()
        )
        self.fields["payer"].queryset = orgs

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
