"""``jalinan.core.testing.outsider_sweep``, the one outsider sweep of every app (the
authorization matrix runs it on every route), against stand-in clients whose answers are
written here: it passes what it should and reports each kind of fault."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from jalinan.accounts.tests.factories import UnitFactory
from jalinan.core.testing import outsider_sweep, refused_cell

SECRET = "ZQX-CONFIDENTIAL-MARKER"


class Stand:
    """A test client answering ``pages[url]`` (status, body, headers) to GET and
    ``posts[url]`` to POST; ``on_post`` runs on each POST (to make one write)."""

    def __init__(self, pages, posts=None, on_post=None):
        self.pages, self.posts, self.on_post = pages, posts or {}, on_post
        self.posted = []

    def get(self, url):
        status, body, headers = self.pages[url]
        response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
        for key, value in headers.items():
            response[key] = value
        return response

    def post(self, url, data):
        self.posted.append((url, data))
        if self.on_post:
            self.on_post()
        return HttpResponse(status=self.posts.get(url, 404))


URLS = {"app:list": "/list/", "app:do": "/do/", "me": "/me/", "open": "/open/"}
EXPECTED = {
    "app:list": ("404", "404"),
    "app:do": ("405", "404"),
    "me": ("200", None),
    "open": ("200", None),
}
VISITOR_PAGES = {"/open/": (200, '<a href="/things/1/">Public thing</a>', {})}


def outsider_pages(**changes):
    pages = {
        "/list/": (404, "", {}),
        "/do/": (405, "", {}),
        "/me/": (200, "Your account", {}),
        "/open/": (200, '<a href="/things/1/">Public thing</a><a href="/menu/">Menu</a>', {}),
    }
    return pages | changes


def sweep(outsider, visitor=None, expected=EXPECTED):
    return outsider_sweep(
        outsider,
        visitor or Stand(VISITOR_PAGES),
        URLS,
        expected,
        public={"open"},
        post_data=lambda name: {"title": name},
        secret=SECRET,
    )


def test_what_should_pass_passes_and_the_refused_pages_get_the_form():
    outsider = Stand(outsider_pages())
    assert sweep(outsider) == []
    assert outsider.posted == [("/do/", {"title": "app:do"}), ("/list/", {"title": "app:list"})]


@pytest.mark.parametrize(
    ("pages", "posts", "found"),
    [
        ({"/list/": (200, "All the rows", {})}, {}, ("app:list", "GET not refused")),
        ({"/do/": (404, "", {})}, {}, ("app:do", "GET not refused")),
        ({}, {"/list/": 302}, ("app:list", "POST not refused")),
        ({"/me/": (404, "", {})}, {}, ("me", "GET")),
        ({"/open/": (404, "", {})}, {}, ("open", "not what a visitor gets")),
        (
            {"/open/": (302, "", {"Location": "/elsewhere/"})},
            {},
            ("open", "not what a visitor gets"),
        ),
        (
            {"/open/": (200, '<a href="/things/1/">x</a><a href="/things/2/edit/">y</a>', {})},
            {},
            ("open", "links a visitor does not get"),
        ),
        (
            {"/open/": (200, f'<a href="/things/1/">x</a> Note {SECRET}', {})},
            {},
            ("open", "confidential text"),
        ),
    ],
)
def test_each_fault_is_reported(pages, posts, found):
    problems = sweep(Stand(outsider_pages() | pages, posts))
    assert [p[:2] for p in problems] == [found]


def test_a_refused_post_that_writes_fails_the_sweep(db):
    outsider = Stand(outsider_pages(), on_post=lambda: UnitFactory())
    with pytest.raises(AssertionError, match="wrote to the database"):
        sweep(outsider)


def test_refused_cells():
    assert refused_cell(("404", None)) and refused_cell(("405", "404"))
    assert refused_cell(("404", "405")) and refused_cell(("403", "403"))
    assert not refused_cell(("405", "302")) and not refused_cell(("200", None))
    assert not refused_cell(("L", "L")) and not refused_cell(("302", None))
