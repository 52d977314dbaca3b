"""The sdgs demo: the framework, then tags on the demo records, decided as the office would."""

from jalinan.core.demo import DemoContext
from jalinan.partners.models import Organisation
from jalinan.sdgs import demo
from jalinan.sdgs.models import ClassifiedText, Goal, SdgTag, Target


def ctx_for(officer):
    return DemoContext(
        seed=1, scale=0.1, units={}, organisations=[], logins={"officer": officer}, academics=[]
    )


def test_seed_loads_tags_and_decides_idempotently(db, officer, fake_classifier):
    for i in range(40):
        Organisation.objects.create(
            legal_name=f"Org {i}", org_type="sme", search_name=f"org {i}", description="solar"
        )
    ctx = ctx_for(officer)
    demo.seed(ctx)
    assert Goal.objects.count() == 17 and Target.objects.count() == 169
    assert ClassifiedText.objects.count() == 40
    statuses = list(SdgTag.objects.values_list("status", flat=True))
    # confidence 0.9: about nine in ten accepted, the rest left for the review queue
    assert 30 <= statuses.count("accepted") < 40 and statuses.count("suggested") >= 1
    before = sorted(SdgTag.objects.values_list("pk", "status"))
    demo.finish(ctx_for(officer))
    assert sorted(SdgTag.objects.values_list("pk", "status")) == before
    assert len(fake_classifier) == 1  # one batch, not one call per record


def test_finish_classifies_what_later_apps_left_unclassified(db, officer, fake_classifier):
    demo.seed(ctx_for(officer))
    Organisation.objects.create(
        legal_name="Late", org_type="sme", search_name="late", description="factory"
    )
    demo.finish(ctx_for(officer))
    assert ClassifiedText.objects.count() == 1 and SdgTag.objects.filter(goal=9).exists()
