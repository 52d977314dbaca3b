"""The helpers every app's permissions share (``accounts.roles``): who is signed in, who is an
academic, and the units a person answers for."""

from django.contrib.auth.models import AnonymousUser

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import is_academic, is_signed_in, unit_ids


def test_signed_in_means_an_active_account(academic, outsider):
    assert is_signed_in(academic) and is_signed_in(outsider)
    assert not is_signed_in(AnonymousUser()) and not is_signed_in(None)
    academic.is_active = False
    assert not is_signed_in(academic)


def test_academic_is_the_role_not_the_unit(academic, coordinator, student, outsider):
    assert is_academic(academic)
    assert not any(is_academic(u) for u in (coordinator, student, outsider, AnonymousUser()))


def test_unit_ids_are_the_unit_and_every_unit_below_it_read_once(
    coordinator, unit_eng, unit_ict, outsider, django_assert_num_queries
):
    mech = Unit.objects.create(
        code="koe-mech", name="Mechanical", kind="department", parent=unit_eng
    )
    lab = Unit.objects.create(code="koe-mech-lab", name="Lab", kind="centre", parent=mech)
    user = User.objects.get(pk=coordinator.pk)  # nothing read yet
    assert unit_ids(user) == {unit_eng.pk, mech.pk, lab.pk}  # not unit_ict, beside it
    with django_assert_num_queries(0):
        assert unit_ids(user) == {unit_eng.pk, mech.pk, lab.pk}
    assert unit_ids(outsider) == set() and unit_ids(AnonymousUser()) == set()
