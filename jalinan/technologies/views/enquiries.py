"""Pages of enquiries about technologies (OIL), and the NDA drafted from one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import EnquiryKind
from ..permissions.enquiries import can_see_enquiries, get_enquiry_for_user
from .common import export_format


@login_required
def enquiry_list(request):
    user = request.user
    if not can_see_enquiries(user):
        raise Http404
    qs = selectors.enquiries.filter_enquiries(selectors.enquiries.enquiries_for(user), request.GET)
    fmt = export_format(request)
    if fmt:
        rows = [
            [
                e.created_at.date(),
                e.technology.title,
                e.get_kind_display(),
                e.organisation_name,
                e.name,
                e.email,
                e.phone,
                e.opportunity.reference if e.opportunity_id else "",
                e.nda.reference if e.nda_id else "",
            ]
            for e in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Date"),
                _("Technology"),
                _("Kind"),
                _("Organisation"),
                _("Name"),
                _("E-mail"),
                _("Phone"),
                _("Opportunity"),
                _("NDA"),
            ],
            rows=rows,
            filename="technology-enquiries",
            fmt=fmt,
        )
    ctx = {"f": request.GET, "page": paginate(request, qs), "kinds": EnquiryKind.choices}
    return render_page_or_partial(
        request, "technologies/offers/enquiries.html", "technologies/offers/_enquiry_rows.html", ctx
    )


@login_required
def enquiry_detail(request, pk):
    enquiry = get_enquiry_for_user(request.user, pk)
    return render(
        request,
        "technologies/offers/enquiry_detail.html",
        {"enquiry": enquiry, "history": history_for(enquiry)[:20]},
    )


@login_required
@require_POST
def enquiry_open_nda(request, pk):
    enquiry = get_enquiry_for_user(request.user, pk)
    existed = bool(enquiry.nda_id)
    try:
        memo = services.enquiries.enquiry_open_nda(enquiry=enquiry, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for msg in getattr(exc, "messages", [str(exc)]):
            messages.error(request, msg)
        return redirect("technologies:enquiry_detail", pk=enquiry.pk)
    if existed:
        messages.info(request, _("This enquiry already has its NDA."))
    else:
        messages.success(request, _("NDA drafted. Complete it and send it for review."))
    return redirect(memo.get_absolute_url())
