"""One helper decides whether a view answers with a partial (an HTMX request) or a page."""

from django.shortcuts import render


def render_page_or_partial(request, page: str, partial: str, context: dict, **kwargs):
    template = partial if getattr(request, "htmx", False) and not request.htmx.boosted else page
    return render(request, template, context, **kwargs)
