"""Batch classification: deferred requests, classify_records, bulk decisions."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from jalinan.core.models import AuditEntry
from jalinan.partners.models import Organisation
from jalinan.sdgs.models import ClassifiedText, SdgTag
from jalinan.sdgs.services import (
    deferred_classification,
    sdg_apply_classification,
    sdg_request_classification,
    sdg_tags_decide_many,
)


@pytest.fixture
def orgs(db):
    return [
        Organisation.objects.create(
            legal_name=f"Org {i}",
            org_type="sme",
            search_name=f"org {i}",
            description="solar farms" if i % 2 else "factory automation",
        )
        for i in range(5)
    ]


def goals_of(org):
    return sorted(
        SdgTag.objects.filter(
            content_type=ContentType.objects.get_for_model(org), object_id=org.pk
        ).values_list("goal", flat=True)
    )


def test_deferred_requests_are_classified_in_one_batch(
    fake_classifier, orgs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with deferred_classification():
            for org in orgs:
                sdg_request_classification(obj=org)
                sdg_request_classification(obj=org)  # asked twice: classified once
            assert fake_classifier == []  # nothing yet
    assert len(fake_classifier) == 1 and len(fake_classifier[0]) == 5
    assert goals_of(orgs[1]) == [7] and goals_of(orgs[0]) == [9]


def test_deferred_without_background_runs_before_the_block_returns(fake_classifier, orgs):
    with deferred_classification(background=False):
        with deferred_classification(background=False):  # nested: joins the outer block
            sdg_request_classification(obj=orgs[0])
        sdg_request_classification(obj=orgs[1])
        assert fake_classifier == []
    assert [len(c) for c in fake_classifier] == [2]


def test_a_failed_block_classifies_nothing(fake_classifier, orgs):
    with pytest.raises(RuntimeError), deferred_classification(background=False):
        sdg_request_classification(obj=orgs[0])
        raise RuntimeError
    assert fake_classifier == [] and not SdgTag.objects.exists()


def test_classify_records_skips_unchanged_text_unless_forced(fake_classifier, orgs, capsys):
    call_command("classify_records", model=["partners.organisation"])
    assert "5 records,      5 classified" in capsys.readouterr().out
    assert ClassifiedText.objects.count() == 5
    call_command("classify_records")
    assert "0 classified" in capsys.readouterr().out
    Organisation.objects.filter(pk=orgs[0].pk).update(description="solar factory")
    call_command("classify_records")
    assert "1 classified" in capsys.readouterr().out
    assert goals_of(orgs[0]) == [7, 9]
    call_command("classify_records", force=True)
    assert "5 classified" in capsys.readouterr().out


def test_classify_records_refuses_an_unknown_model(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not SDG-taggable"):
        call_command("classify_records", model=["auth.user"])


def test_batch_keeps_human_decisions(fake_classifier, orgs, officer):
    org = orgs[1]
    sdg_apply_classification(obj=org)
    tag = SdgTag.objects.get(object_id=org.pk, goal=7)
    sdg_tags_decide_many(tags=[tag], by=officer, accept=False)
    Organisation.objects.filter(pk=org.pk).update(description="a bakery")
    call_command("classify_records", force=True)
    tag.refresh_from_db()
    assert tag.status == "rejected"


def test_decide_many_refuses_records_the_user_may_not_decide(
    fake_classifier, orgs, officer, academic
):
    for org in orgs:
        sdg_apply_classification(obj=org)
    tags = list(SdgTag.objects.all())
    assert sdg_tags_decide_many(tags=tags, by=academic, accept=True) == (0, len(tags))
    assert sdg_tags_decide_many(tags=tags, by=officer, accept=True) == (len(tags), 0)
    assert SdgTag.objects.filter(status="accepted").count() == len(tags)
    assert AuditEntry.objects.filter(changes__has_key="SDG 7").count() == 2


def test_unregistered_models_are_refused(db, officer):
    with pytest.raises(ValueError, match="not registered"):
        sdg_request_classification(obj=officer)
