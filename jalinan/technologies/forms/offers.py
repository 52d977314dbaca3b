"""Forms of technology offers and their pictures."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit
from jalinan.core.forms import BootstrapFormMixin

from ..choices import DisclosureStatus, OfferStatus
from ..models import Disclosure, IPAsset, Technology
from ..selectors.offers import field_choices


class TechnologyForm(BootstrapFormMixin, forms.ModelForm):
    """An offer: only non-confidential wording belongs here (it is what the public reads)."""

    field = forms.ChoiceField(label=_("Field"), required=False)

    class Meta:
        model = Technology
        fields = [
            "title",
            "tagline",
            "field",
            "problem",
            "solution",
            "advantages",
            "applications",
            "trl",
            "ip_status",
            "unit",
            "disclosure",
            "assets",
            "inventors",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "solution": forms.Textarea(attrs={"rows": 4}),
            "advantages": forms.Textarea(attrs={"rows": 3}),
            "applications": forms.Textarea(attrs={"rows": 3}),
            "assets": forms.SelectMultiple(attrs={"size": 6}),
            "inventors": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "problem": _("Public wording: never paste the confidential disclosure here."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("(none)")), *field_choices()]
        # A draft may be incomplete: publishing asks for the problem and the solution.
        if self.instance.status != OfferStatus.PUBLISHED:
            self.fields["problem"].required = False
            self.fields["solution"].required = False
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["assets"].queryset = IPAsset.objects.order_by("-created_at")
        # Only disclosures the office has received (never an inventor's draft), by reference.
        disclosure = self.fields["disclosure"]
        disclosure.queryset = Disclosure.objects.exclude(status=DisclosureStatus.DRAFT).order_by(
            "-created_at"
        )
        disclosure.label_from_instance = lambda d: f"{d.reference} · {d.title}"
        from jalinan.experts.models import ExpertProfile

        self.fields["inventors"].queryset = ExpertProfile.objects.select_related("user")


class ImageForm(BootstrapFormMixin, forms.Form):
    image = forms.FileField(label=_("Image (PNG or JPEG, at most 5 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
