"""Projects on profiles written while the model was ``experts.Project`` survive its rename to
``experts.ProfileProject``: the rows, their audit history (which points at the content type by
id), the audit chain, and the model permissions groups were given in the admin."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jalinan.accounts.models import User
from jalinan.core.audit import history_for
from jalinan.core.models import AuditEntry
from jalinan.experts.models import ProfileProject

BEFORE = ("experts", "0001_expert_profiles")


@pytest.mark.django_db(transaction=True)
def test_rows_history_and_permissions_of_the_old_model_carry_over():
    # Through the command, not the executor: the command renames the content type.
    call_command("migrate", *BEFORE, verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    user = User.objects.create(email="amina@example.test", full_name="Dr Amina")
    profile = old.get_model("experts", "ExpertProfile").objects.create(user_id=user.pk)
    project = old.get_model("experts", "Project").objects.create(
        profile_id=profile.pk, title="Corrosion of offshore risers", start_year=2020
    )
    ContentType.objects.clear_cache()
    old_type = ContentType.objects.get(app_label="experts", model="project")
    entry = AuditEntry.objects.create(
        actor_repr="system",
        action="create",
        content_type=old_type,
        object_id=str(project.pk),
        object_repr=project.title,
    )
    editors = Group.objects.create(name="project editors")
    change = Permission.objects.get(content_type=old_type, codename="change_project")
    editors.permissions.add(change)
    user.groups.add(editors)

    call_command("migrate", "experts", verbosity=0)
    ContentType.objects.clear_cache()

    kept = ProfileProject.objects.get(pk=project.pk)
    assert (kept.profile_id, kept.title, kept.start_year) == (profile.pk, project.title, 2020)
    assert ContentType.objects.get_for_model(ProfileProject).pk == old_type.pk
    assert list(history_for(kept)) == [entry]
    call_command("verify_audit_chain", stdout=io.StringIO())
    assert User.objects.get(pk=user.pk).has_perm("experts.change_profileproject")
    assert sorted(
        Permission.objects.filter(content_type=old_type).values_list("codename", flat=True)
    ) == [f"{a}_profileproject" for a in ("add", "change", "delete", "view")]
