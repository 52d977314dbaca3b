"""The load scenario of `make load`: officers, academics, partners, students and visitors of the
demo data (``manage.py seed_demo``; every demo account's password is jalinan-demo) mixing
lists, details, search, dashboards, exports and writes.

Every request is named ``KIND page`` (KIND: list, detail, search, dashboard, export, write,
public, login), so the summary can give p50/p95 per page kind. An error is any status other
than the expected one (a 5xx, a 404 on a page the user should see, a form that did not save).
"""

from __future__ import annotations

import itertools
import random
import re

from locust import HttpUser, between, task

PASSWORD = "jalinan-demo"  # noqa: S105 - the demo's documented password
DOMAIN = "demo.iium.example"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_students = itertools.count(1)
_academics = itertools.count(1)


def _ids(html: str, prefix: str) -> list[int]:
    return [int(x) for x in re.findall(rf'href="{re.escape(prefix)}(\d+)/"', html)]


class DemoUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    email = ""

    def on_start(self):
        if not self.email:
            return
        page = self.client.get("/accounts/login/", name="login form")
        token = _CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            {
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as resp:
            if resp.status_code != 302:
                resp.failure(f"login of {self.email} answered {resp.status_code}")

    def page(self, url: str, kind: str, name: str | None = None):
        return self.client.get(url, name=f"{kind} {name or url}")

    def detail_of(self, list_url: str, prefix: str, name: str):
        listing = self.page(list_url, "list", list_url)
        ids = _ids(listing.text, prefix)
        if ids:
            self.page(f"{prefix}{random.choice(ids)}/", "detail", name)

    def post_form(self, url: str, data: dict, name: str, expect: int = 302, form_url: str = ""):
        """GET the page holding the form (``form_url``, or ``url`` itself), then POST it."""
        form = self.client.get(form_url or url, name=f"write {name} (form)")
        token = _CSRF.search(form.text)
        with self.client.post(
            url,
            {**data, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": self.host + url},
            name=f"write {name}",
            allow_redirects=False,
            catch_response=True,
        ) as resp:
            if resp.status_code != expect:
                resp.failure(f"{name} answered {resp.status_code}, not {expect}")


class Officer(DemoUser):
    weight = 3
    email = f"officer@{DOMAIN}"

    @task(4)
    def memoranda(self):
        self.detail_of("/memoranda/", "/memoranda/", "/memoranda/<id>/")

    @task(3)
    def partners(self):
        self.detail_of("/partners/", "/partners/", "/partners/<id>/")

    @task(2)
    def search(self):
        q = random.choice(["robot", "corrosion", "petronas", "semiconductor", "halal"])
        self.page(f"/partners/?q={q}", "search", "/partners/?q=")
        self.page(f"/memoranda/?q={q}", "search", "/memoranda/?q=")

    @task(2)
    def dashboard(self):
        self.page("/reports/", "dashboard")
        self.page("/my-work/", "dashboard")

    @task(1)
    def export(self):
        self.page("/memoranda/?export=csv", "export")
        self.page("/partners/?export=xlsx", "export")

    @task(1)
    def projects(self):
        self.detail_of("/projects/", "/projects/", "/projects/<id>/")

    @task(1)
    def read_notifications(self):
        self.post_form(
            "/core/notifications/read/",
            {},
            "/core/notifications/read/",
            form_url="/core/notifications/",
        )


class Academic(DemoUser):
    weight = 2

    def on_start(self):
        self.email = f"staff{next(_academics) % 200 + 1:03d}@{DOMAIN}"
        super().on_start()
        me = self.client.get("/experts/me/", name="detail /experts/me/")
        found = re.search(r"/experts/(\d+)/", me.url or "")
        self.profile = int(found.group(1)) if found else None

    @task(3)
    def experts(self):
        q = random.choice(["machine learning", "corrosion", "halal food", "renewable energy"])
        self.page(f"/experts/?q={q}", "search", "/experts/?q=")

    @task(2)
    def challenges(self):
        self.page("/challenges/for-me/", "list")
        self.detail_of("/challenges/", "/challenges/", "/challenges/<id>/")

    @task(1)
    def dashboard(self):
        self.page("/my-work/", "dashboard")

    @task(1)
    def add_publication(self):
        if self.profile is None:
            return
        self.post_form(
            f"/experts/{self.profile}/publications/new/",
            {
                "title": f"Load test study {random.randint(1, 10**9)} of sensor fusion",
                "authors": "A. Author",
                "year": 2025,
                "kind": "article",
                "abstract": "Sensor fusion for condition monitoring of industrial pumps.",
                "keywords": "sensors\nmonitoring",
            },
            "/experts/<id>/publications/new/",
        )


class Partner(DemoUser):
    weight = 2
    email = f"partner@{DOMAIN}"

    @task(3)
    def challenges(self):
        self.detail_of("/challenges/", "/challenges/", "/challenges/<id>/")

    @task(2)
    def applicants(self):
        self.page("/placements/applications/", "list")
        self.page("/placements/", "list")

    @task(1)
    def dashboard(self):
        self.page("/my-work/", "dashboard")


class Student(DemoUser):
    weight = 2

    def on_start(self):
        self.email = f"student{next(_students) % 400 + 1:03d}@{DOMAIN}"
        super().on_start()

    @task(3)
    def openings(self):
        self.page("/placements/eligible/", "list")
        self.detail_of("/placements/", "/placements/openings/", "/placements/openings/<id>/")

    @task(1)
    def profile(self):
        self.page("/placements/profile/", "detail", "/placements/profile/")

    @task(1)
    def dashboard(self):
        self.page("/my-work/", "dashboard")


class Visitor(DemoUser):
    weight = 1

    @task(2)
    def home(self):
        self.page("/", "public")

    @task(2)
    def open_challenges(self):
        self.page("/challenges/open/", "public")

    @task(1)
    def goals(self):
        self.page("/sdgs/", "public")
