"""The SDG framework: loaded from the package data, idempotently, in both languages."""

from django.core.management import call_command

from jalinan.core.models import AuditEntry
from jalinan.sdgs.models import Goal, Indicator, Target


def test_load_sdgs_is_idempotent(db, capsys):
    call_command("load_sdgs")
    first = (Goal.objects.count(), Target.objects.count(), Indicator.objects.count())
    assert first == (17, 169, 248)
    entries = AuditEntry.objects.count()
    call_command("load_sdgs")
    out = capsys.readouterr().out
    assert (Goal.objects.count(), Target.objects.count(), Indicator.objects.count()) == first
    assert "17 unchanged" in out and "169 unchanged" in out
    assert AuditEntry.objects.count() == entries  # nothing changed, nothing logged


def test_a_changed_wording_is_brought_back(db):
    call_command("load_sdgs")
    Target.objects.filter(code="9.5").update(text_en="edited")
    call_command("load_sdgs")
    assert Target.objects.get(code="9.5").text_en.startswith("Enhance scientific research")


def test_goals_have_both_languages_malay_names_and_colours(framework):
    nine = Goal.objects.get(number=9)
    assert nine.title_en.startswith("Build resilient infrastructure")
    assert nine.short_name_en == "Industry, innovation and infrastructure"
    assert "الابتكار" in nine.title_ar
    assert nine.name_ms == "Industri, inovasi dan infrastruktur"
    assert nine.colour == "#FD6925"
    # targets in the UN's order (1.2 before 1.10, numbers before letters), Arabic without tatweel
    codes = list(Target.objects.filter(goal_id=1).values_list("code", flat=True))
    assert codes == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    assert not Target.objects.filter(text_ar__contains="\u0640").exists()
    assert Target.objects.exclude(text_ar="").count() == 169
    assert Indicator.objects.get(code="9.5.1").unsd_code == "C090501"
