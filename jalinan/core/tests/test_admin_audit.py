"""Changes made through Django's admin write audit entries, like every other write."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin

from jalinan.accounts.models import User
from jalinan.core.admin import AuditedModelAdmin
from jalinan.core.models import AuditEntry
from jalinan.partners.models import Contact, Organisation


class _FormData(HTMLParser):
    """The values a browser would post for the page's main form (the admin change form)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" not in a:
                    return
                a.setdefault("value", "on")
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.lstrip("\n")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(html: str) -> dict:
    parser = _FormData()
    parser.feed(html)
    data = {k: v if len(v) > 1 else (v[0] if v else "") for k, v in parser.data.items()}
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root@uni.test", "x-long-password-1")


@pytest.fixture
def contact(org_acme):
    return Contact.objects.create(organisation=org_acme, name="Lim", email="lim@acme.test")


def entries(obj, action):
    return AuditEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name, action=action
    )


def test_every_registered_admin_is_audited():
    assert [
        m for m, a in admin.site._registry.items() if not isinstance(a, AuditedModelAdmin)
    ] == []


def test_changing_an_organisation_and_its_contact_in_the_admin_is_audited(
    client_for, root, org_acme, contact
):
    client = client_for(root)
    url = f"/admin/partners/organisation/{org_acme.pk}/change/"
    data = form_data(client.get(url).content.decode())
    data["city"] = "Kuantan"
    data["contacts-0-name"] = "Lim Mei Ling"
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    org_entry = entries(org_acme, "update").get()
    assert org_entry.changes == {"city": ["", "Kuantan"]}
    assert org_entry.actor == root and org_entry.message == "Django admin"
    assert entries(contact, "update").get().changes == {"name": ["Lim", "Lim Mei Ling"]}


def test_deleting_in_the_admin_is_audited(client_for, root, org_acme, org_other, contact):
    client = client_for(root)
    url = f"/admin/partners/organisation/{org_acme.pk}/change/"
    data = form_data(client.get(url).content.decode())
    data["contacts-0-DELETE"] = "on"  # an inline row removed
    assert client.post(url, data).status_code == 302 and not Contact.objects.exists()
    gone = entries(contact, "delete").get()
    assert gone.changes["name"] == ["Lim", None] and gone.actor == root
    resp = client.post(f"/admin/partners/organisation/{org_acme.pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302 and not Organisation.objects.filter(pk=org_acme.pk).exists()
    assert entries(org_acme, "delete").get().changes["legal_name"] == [org_acme.legal_name, None]
    other = Organisation.objects.create(legal_name="Cempaka", org_type="sme", search_name="c")
    resp = client.post(
        "/admin/partners/organisation/",
        {"action": "delete_selected", "_selected_action": [org_other.pk, other.pk], "post": "yes"},
    )
    assert resp.status_code == 302 and not Organisation.objects.exists()
    assert entries(org_other, "delete").count() == 1 and entries(other, "delete").count() == 1


def test_adding_in_the_admin_is_audited(client_for, root):
    client = client_for(root)
    data = form_data(client.get("/admin/partners/organisation/add/").content.decode())
    data.update(legal_name="Cempaka Foods Sdn. Bhd.", org_type="sme")
    resp = client.post("/admin/partners/organisation/add/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    org = Organisation.objects.get(legal_name="Cempaka Foods Sdn. Bhd.")
    assert entries(org, "create").get().changes["legal_name"] == [None, "Cempaka Foods Sdn. Bhd."]


def test_a_staff_flag_given_in_the_admin_is_audited_and_roles_stay_read_only(
    client_for, root, academic
):
    from django.contrib.auth.models import Group

    client = client_for(root)
    url = f"/admin/accounts/user/{academic.pk}/change/"
    data = form_data(client.get(url).content.decode())
    oil = Group.objects.get_or_create(name="oil_admin")[0]
    # Roles are given on the people page only: groups posted to the admin are ignored.
    data["groups"] = [str(g.pk) for g in academic.groups.all()] + [str(oil.pk)]
    data["is_staff"] = "on"
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    changed = [e.changes for e in entries(academic, "update")]
    assert changed == [{"is_staff": [False, True]}]
    assert not academic.groups.filter(name="oil_admin").exists()


def test_a_password_set_in_the_admin_is_audited_without_the_password(client_for, root, academic):
    client = client_for(root)
    url = f"/admin/accounts/user/{academic.pk}/password/"
    secret = "A-new-long-passphrase-42"
    resp = client.post(
        url, {"password1": secret, "password2": secret, "set_usable_password": "true"}
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    entry = entries(academic, "update").get()
    assert entry.actor == root and entry.message.startswith("Django admin: Changed password")
    assert secret not in str(entry.changes) + entry.message
