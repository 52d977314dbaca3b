from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None):
    """The page of ``queryset`` asked for by ``?page=``; bad numbers give the nearest page."""
    paginator = Paginator(queryset, per_page or settings.JALINAN_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.querystring = params.urlencode()  # type: ignore[attr-defined]  # read by the template
    return page
