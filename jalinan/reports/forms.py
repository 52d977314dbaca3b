from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.core.forms import BootstrapFormMixin

from .documents import REPORTS
from .permissions import allowed_unit_ids, can_download, reads_whole_university, year_choices


def unit_choices(user, tree: dict[int, dict]) -> list[tuple]:
    """The units ``user`` may pick, as a tree (indented by depth)."""
    allowed = allowed_unit_ids(user)
    children: dict = {}
    for pk, row in tree.items():
        children.setdefault(row["parent_id"], []).append(pk)
    out: list[tuple] = []

    def walk(parent, depth):
        for pk in sorted(children.get(parent, []), key=lambda p: tree[p]["name"]):
            if (allowed is None or pk in allowed) and tree[pk]["is_active"]:
                out.append((pk, "\u2003" * depth + tree[pk]["name"]))
            walk(pk, depth + (1 if allowed is None or pk in allowed else 0))

    walk(None, 0)
    return out


class ScopeForm(BootstrapFormMixin, forms.Form):
    """Year and KCDIO, for the dashboard (a GET form: it works without JavaScript)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.TypedChoiceField(label=_("KCDIO"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, user, tree, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in year_choices()]
        units = unit_choices(user, tree)
        if reads_whole_university(user):
            units = [("", _("The whole university")), *units]
        cast(forms.ChoiceField, self.fields["unit"]).choices = units


class ReportForm(ScopeForm):
    """Which report, for which year (and KCDIO)."""

    report = forms.ChoiceField(label=_("Report"), widget=forms.RadioSelect)

    field_order = ["report", "year", "unit"]

    def __init__(self, *args, user, tree, **kwargs):
        super().__init__(*args, user=user, tree=tree, **kwargs)
        cast(forms.ChoiceField, self.fields["report"]).choices = [
            (k, v) for k, v in REPORTS.items() if can_download(user, k)
        ]
        self.fields["unit"].help_text = _(
            "The unit report needs a KCDIO and the evidence pack may be narrowed to one; the "
            "annual report covers the whole university."
        )
        self.fields["report"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("report") == "unit" and not data.get("unit"):
            self.add_error("unit", _("Choose the KCDIO for the unit report."))
        return data
