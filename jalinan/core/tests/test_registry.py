"""The extension points: menus, panels and daily jobs contributed by apps."""

from importlib import import_module

import pytest
from django.core.management import CommandError, call_command

from jalinan.core import registry


@pytest.fixture
def scratch_registry(monkeypatch):
    monkeypatch.setattr(registry, "_JOBS", {})
    monkeypatch.setattr(registry, "_PANELS", {slot: {} for slot in registry.SLOTS})
    return registry


def test_menus_show_only_what_the_user_may_use(client_for, officer, academic, outsider):
    page = client_for(officer).get("/my-work/").content.decode()
    assert 'href="/partners/"' in page and 'href="/core/audit/"' in page
    page = client_for(academic).get("/my-work/").content.decode()
    assert 'href="/partners/"' in page and 'href="/core/audit/"' not in page
    page = client_for(outsider).get("/my-work/").content.decode()
    assert 'href="/partners/"' not in page and ">Office<" not in page


def test_panels_appear_for_whom_their_context_allows(
    scratch_registry, client_for, officer, academic
):
    scratch_registry.register_panel(
        "my_work",
        "test.panel",
        template="htmx/_pagination.html",  # any template; the marker below is what counts
        context=lambda request, obj: {"page": None} if request.user == officer else None,
    )
    assert 'data-panel="test.panel"' in client_for(officer).get("/my-work/").content.decode()
    assert 'data-panel="test.panel"' not in client_for(academic).get("/my-work/").content.decode()


def test_run_daily_runs_every_job_and_reports_a_failure(scratch_registry, db, capsys):
    ran = []
    scratch_registry.register_daily_job("b.second", lambda: ran.append("b") or 2, order=2)
    scratch_registry.register_daily_job("a.first", lambda: ran.append("a") or 1, order=1)

    def broken():
        raise RuntimeError("boom")

    scratch_registry.register_daily_job("c.broken", broken, order=3)
    with pytest.raises(CommandError, match="failed"):
        call_command("run_daily")
    out = capsys.readouterr().out
    assert ran == ["a", "b"]
    assert "c.broken" in out and "boom" in out
    with pytest.raises(CommandError, match="Unknown job"):
        call_command("run_daily", only=["nope"])
    call_command("run_daily", only=["a.first"])
    assert ran == ["a", "b", "a"]


def test_demo_steps_come_in_the_order_their_data_need():
    keys = [step.key for step in registry.demo_steps()]
    # The organisations before the people (the partner login belongs to one), the SDG framework
    # before the records it tags, the memoranda before what builds on them.
    assert keys[:3] == ["partners", "people", "sdgs"]
    after_memoranda = ("engagements", "projects", "pipeline", "placements")
    assert keys.index("agreements") < min(keys.index(k) for k in after_memoranda)
    for step in registry.demo_steps():
        assert callable(import_module(step.module).seed), step.key
