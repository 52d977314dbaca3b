"""What users see after the disagreements found by ``test_visibility_rules_agree`` were fixed
(the queryset was the rule; the check now says the same)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_a_departed_academics_profile_is_gone_for_the_office_as_in_the_search(
    client_for, officer, coordinator, unit_eng
):
    from jalinan.experts.services import profile_create

    gone = user_create(
        email="gone@uni.test",
        full_name="Dr Gone Away",
        password="x" * 12,
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )
    profile = profile_create(user=gone, by=gone, keywords=["welding"], is_public=True)
    gone.is_active = False
    gone.save()
    for user in (officer, coordinator):
        client = client_for(user)
        assert client.get(reverse("experts:profile_detail", args=[profile.pk])).status_code == 404
        assert client.get(f"/api/v1/experts/profiles/{profile.pk}").status_code == 404


def test_the_office_finds_a_merged_organisations_contacts_as_on_its_page(officer, org_acme):
    from jalinan.partners.choices import OrganisationStatus
    from jalinan.partners.models import Organisation
    from jalinan.partners.selectors import contacts_for
    from jalinan.partners.services import contact_create

    merged = Organisation.objects.create(
        legal_name="Merged Away Sdn Bhd",
        org_type="sme",
        search_name="merged away",
        status=OrganisationStatus.MERGED,
        merged_into=org_acme,
    )
    contact = contact_create(organisation=merged, by=officer, name="Mo Merged")
    assert contact in contacts_for(officer)
    assert contact in contacts_for(officer, merged)


def test_the_proposals_of_someone_who_left_are_not_listed_as_theirs(cast, world):
    from jalinan.challenges.selectors.proposals import my_proposals

    gone = cast["gone_academic"]  # on the team of the submitted proposal, then left
    assert world["proposal_submitted"].members.filter(user=gone).exists()
    assert list(my_proposals(gone)) == []
