import pytest
from django.core.management import call_command

from jalinan.accounts.models import User
from jalinan.experts.models import ExpertProfile, Publication
from jalinan.experts.selectors import experts_for_text


@pytest.mark.slow
def test_demo_profiles_are_idempotent_and_searchable(db):
    call_command("seed_demo", academics=40, scale=0.5, verbosity=0)
    counts = (ExpertProfile.objects.count(), Publication.objects.count())
    assert counts[0] >= 40 and counts[1] >= 80
    call_command("seed_demo", academics=40, scale=0.5, verbosity=0)
    assert (ExpertProfile.objects.count(), Publication.objects.count()) == counts
    officer = User.objects.get(email="officer@demo.iium.example")
    academic = ExpertProfile.objects.get(user__email="academic@demo.iium.example")
    assert academic.is_public and academic.publications.count() >= 2
    # a search for one demo publication's own words finds its author, with that evidence
    pub = Publication.objects.order_by("pk")[7]
    top = experts_for_text(f"{pub.title}. {pub.abstract}", officer)[0]
    assert top.profile == pub.profile
    assert top.evidence[0].publication == pub and top.evidence[0].terms
