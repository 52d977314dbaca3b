from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.core.forms import BootstrapFormMixin

MAX_TEXT = 10_000


class ClassifyForm(BootstrapFormMixin, forms.Form):
    """A text to try the classifier on (nothing is stored)."""

    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "A title and abstract, a memorandum's scope, an activity report… "
            "Suggestions are not saved."
        ),
    )
