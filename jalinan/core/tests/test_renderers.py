"""The form renderer writes selects as Django's own templates do, escaping every value."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates

from jalinan.core.renderers import FormRenderer


class Picker(forms.Form):
    one = forms.ChoiceField(
        choices=[
            ("", "---"),
            ("a", "Alpha & <b>"),
            ("Group", [("g1", 'Quote "1"'), ("g2", "Two")]),
        ],
        initial="g1",
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], initial=["x", "y"])
    flag = forms.NullBooleanField()
    off = forms.ChoiceField(
        choices=[("1", "One")], widget=forms.Select(attrs={"disabled": True, "data-x": "<q>"})
    )


def _normalise(html: str) -> str:
    return "".join(html.split())


def test_selects_render_the_markup_of_djangos_templates():
    ours = Picker(renderer=FormRenderer()).as_p()
    django = Picker(renderer=DjangoTemplates()).as_p()
    assert _normalise(ours) == _normalise(django)
    # Values and labels are escaped; the selected options are marked.
    assert "Alpha &amp; &lt;b&gt;" in ours
    assert 'value="g1" selected' in ours
    assert 'data-x="&lt;q&gt;"' in ours


def test_a_widget_with_its_own_option_template_still_uses_it():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class F(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=Custom)

    html = F(renderer=FormRenderer()).as_p()
    assert _normalise(html) == _normalise(F(renderer=DjangoTemplates()).as_p())
