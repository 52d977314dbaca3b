"""Identity mappings: a department code means one unit, an affiliation gives its roles, for
single sign-on and the people sync alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jalinan.accounts import mapping
from jalinan.accounts.models import IdentityMapping
from jalinan.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_code_finds_its_unit_by_mapping_or_by_the_units_own_code(unit_eng, unit_ict):
    IdentityMapping.objects.create(kind="unit", value="k-eng-07", unit=unit_eng)
    assert mapping.unit_for(" K-ENG-07 ") == unit_eng
    assert mapping.unit_for(unit_ict.code.upper()) == unit_ict
    assert mapping.unit_for("nowhere") is None


def test_a_mapping_wins_over_a_units_own_code(unit_eng, unit_ict):
    IdentityMapping.objects.create(kind="unit", value=unit_ict.code, unit=unit_eng)
    assert mapping.unit_for(unit_ict.code) == unit_eng


def test_affiliations_give_the_roles_the_installed_defaults_say():
    assert mapping.roles_for(["Student"]) == {Role.STUDENT}
    assert mapping.roles_for(["faculty", "member"]) == {Role.ACADEMIC}
    assert mapping.roles_for(["alum"]) == set()


def test_a_mapping_needs_what_it_maps_to():
    with pytest.raises(ValidationError) as exc:
        IdentityMapping(kind="unit", value="x").full_clean()
    assert "unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        IdentityMapping(kind="role", value="x").full_clean()
    assert "role" in exc.value.message_dict
