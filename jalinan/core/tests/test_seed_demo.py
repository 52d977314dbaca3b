import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jalinan.accounts.models import Unit, User
from jalinan.accounts.services import signup_email_verified
from jalinan.core.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from jalinan.partners.dedupe import find_duplicates
from jalinan.partners.demo import plan_organisations
from jalinan.partners.models import Contact, Organisation


def counts():
    return (
        Unit.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
        Contact.objects.count(),
    )


def every_table():
    """Rows in each of Jalinan's own tables (every app's demo seeds through its services)."""
    from django.apps import apps

    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("jalinan.")
    }


@pytest.mark.slow
def test_seed_is_idempotent_and_populated(db, client):
    call_command("seed_demo", academics=30, scale=0.2, verbosity=0)
    first, tables = counts(), every_table()
    call_command("seed_demo", academics=30, scale=0.2, verbosity=0)
    assert counts() == first
    again = every_table()
    assert {k: (tables[k], again[k]) for k in tables if again[k] != tables[k]} == {}
    units, users, orgs, contacts = first
    assert units >= 20 and orgs >= 140 and contacts >= orgs
    assert User.objects.filter(groups__name="academic").count() >= 30
    pending = User.objects.filter(approval_status="pending")
    assert pending.count() == 2
    assert all(signup_email_verified(u) for u in pending)  # approvable in the demo
    for email, _name, _roles, _unit in DEMO_LOGINS:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
    partner = User.objects.get(email=DEMO_LOGINS[5][0])
    assert partner.organisation is not None and partner.approval_status == "approved"
    # the planted near-duplicates are found
    assert len(find_duplicates(legal_name="Petrokimia Timur Berhad")) >= 2


def test_the_plan_is_deterministic():
    a, b = plan_organisations(7), plan_organisations(7)
    assert a == b and len(a) >= 150 - 5
    assert plan_organisations(8) != a


def test_seed_refuses_to_run_in_production_mode(db, settings):
    settings.PRODUCTION = True
    settings.MODE = "production"
    with pytest.raises(CommandError, match="JALINAN_MODE=production"):
        call_command("seed_demo", academics=1, scale=0.01, verbosity=0)
    assert not User.objects.filter(email__endswith="@demo.iium.example").exists()
    assert Organisation.objects.count() == 0
