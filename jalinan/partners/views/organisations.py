"""The partner registry's pages: the list (filtered, exported), an organisation's page, the
form with its live duplicate check, vetting and the merge of duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role, has_role
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import filter_by_goal

from .. import msic, services
from ..choices import MalaysianState, OrganisationStatus, OrganisationType
from ..dedupe import find_duplicates
from ..forms import MergeForm, OrganisationForm
from ..models import Organisation
from ..permissions import (
    can_change_contacts,
    can_change_organisation,
    can_create_organisation,
    can_manage_registry,
    can_see_partner_registry,
    can_view_contacts,
    get_organisation_for_user,
)
from ..selectors import contacts_for, organisations_for

SORTS = {
    "name": "legal_name",
    "-name": "-legal_name",
    "newest": "-created_at",
    "oldest": "created_at",
}


def _filtered(request):
    user = request.user
    g = request.GET
    qs = organisations_for(user, include_merged=g.get("status") == "merged")
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(legal_name__icontains=q)
            | Q(other_names__icontains=q)
            | Q(registration_number__icontains=q)
            | Q(city__icontains=q)
        )
    if g.get("type") in OrganisationType.values:
        qs = qs.filter(org_type=g["type"])
    if g.get("section") in msic.SECTIONS:
        qs = qs.filter(msic_section=g["section"])
    if g.get("country"):
        qs = qs.filter(country=g["country"].upper()[:2])
    if g.get("state") in MalaysianState.values:
        qs = qs.filter(state=g["state"])
    if g.get("status") in OrganisationStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("vetted") in ("yes", "no"):
        qs = qs.filter(is_vetted=g["vetted"] == "yes")
    if g.get("unit", "").isdigit():
        qs = qs.filter(lead_unit_id=int(g["unit"]))
    if g.get("sdg", "").isdigit() and 1 <= int(g["sdg"]) <= 17:
        qs = filter_by_goal(qs, int(g["sdg"]))
    return qs.order_by(SORTS.get(g.get("sort", ""), "legal_name"), "pk"), q


@login_required
def organisation_list(request):
    if not can_see_partner_registry(request.user):
        raise Http404
    qs, q = _filtered(request)
    fmt = request.GET.get("export")
    if fmt:
        return _export(request, qs, fmt)
    qs = qs.annotate(contact_count=Count("contacts"))
    countries = (
        organisations_for(request.user)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )
    ctx = {
        "page": paginate(request, qs),
        "q": q,
        "types": OrganisationType.choices,
        "sections": msic.SECTION_CHOICES,
        "states": MalaysianState.choices,
        "statuses": OrganisationStatus.choices,
        "units": Unit.objects.filter(is_active=True),
        "countries": countries,
        "goals": GOAL_CHOICES,
        "can_create": can_create_organisation(request.user),
        "can_manage": can_manage_registry(request.user),
        "f": request.GET,
    }
    return render_page_or_partial(request, "partners/list.html", "partners/_rows.html", ctx)


def _export(request, qs, fmt):
    user = request.user
    headers = [
        _("Id"),
        _("Legal name"),
        _("Other names"),
        _("Registration number"),
        _("Type"),
        _("MSIC section"),
        _("MSIC division"),
        _("Country"),
        _("State"),
        _("City"),
        _("Size"),
        _("Website"),
        _("Status"),
        _("Vetted"),
        _("Lead KCDIO"),
    ]
    with_contacts = is_contacts_exportable(user)
    if with_contacts:
        headers += [_("Contacts")]
        qs = qs.prefetch_related("contacts")
    rows = []
    for o in qs:
        row = [
            o.pk,
            o.legal_name,
            o.other_names,
            o.registration_number,
            o.get_org_type_display(),
            o.msic_section,
            o.msic_division,
            o.country.code,
            o.get_state_display(),
            o.city,
            o.get_size_display(),
            o.website,
            o.get_status_display(),
            _("yes") if o.is_vetted else _("no"),
            o.lead_unit.name if o.lead_unit else "",
        ]
        if with_contacts:
            row.append(
                "; ".join(
                    f"{c.name} <{c.email}>" if c.email else c.name
                    for c in o.contacts.all()
                    if can_view_contacts(user, o)
                )
            )
        rows.append(row)
    return export_response(headers=headers, rows=rows, filename="organisations", fmt=fmt)


def is_contacts_exportable(user) -> bool:
    return has_role(
        user, Role.OIL_ADMIN, Role.OIL_OFFICER, Role.MANAGEMENT, Role.COORDINATOR
    ) or has_role(user, Role.PARTNER)


@login_required
def organisation_detail(request, pk):
    org = get_organisation_for_user(request.user, pk)
    user = request.user
    show_contacts = can_view_contacts(user, org)
    can_change = can_change_organisation(user, org)
    ctx = {
        "org": org,
        "contacts": contacts_for(user, org) if show_contacts else None,
        "users": org.users.filter(is_active=True) if can_change else None,
        "can_change": can_change,
        "can_change_contacts": can_change_contacts(user, org),
        "can_manage": can_manage_registry(user),
        "history": history_for(org)[:50] if can_change or can_manage_registry(user) else None,
    }
    return render(request, "partners/detail.html", ctx)


def _save_organisation(request, form, org=None):
    """Validate, warn about likely duplicates, then save through the service."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if not data.get("confirm_not_duplicate"):
        form.duplicates = find_duplicates(
            legal_name=data["legal_name"],
            other_names=data.get("other_names") or [],
            registration_number=data.get("registration_number", ""),
            exclude_pk=org.pk if org else None,
        )
        if form.duplicates:
            return None
    try:
        if org is None:
            return services.organisation_create(by=request.user, **form.service_fields())
        return services.organisation_update(
            organisation=org, by=request.user, **form.service_fields()
        )
    except ValidationError as exc:
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
        return None


@login_required
def organisation_create(request):
    if not can_create_organisation(request.user):
        if can_see_partner_registry(request.user):
            raise PermissionDenied
        raise Http404
    office = can_manage_registry(request.user)
    initial = {"country": "MY"}
    if request.user.unit_id:
        initial["lead_unit"] = request.user.unit_id
    form = OrganisationForm(request.POST or None, initial=initial, office=True)
    if not office:
        form.fields.pop("status")
        form.fields.pop("is_vetted")
    if request.method == "POST":
        if not office and request.user.unit_id:
            # Coordinators register organisations for their own unit.
            form.data = form.data.copy()
            form.data["lead_unit"] = str(request.user.unit_id)
        org = _save_organisation(request, form)
        if org:
            messages.success(request, _("%(name)s was registered.") % {"name": org.legal_name})
            return redirect(org)
    return render(request, "partners/form.html", {"form": form, "org": None})


@login_required
def organisation_update(request, pk):
    org = get_organisation_for_user(request.user, pk, write=True)
    office = can_manage_registry(request.user)
    form = OrganisationForm(request.POST or None, instance=org, office=office)
    if request.method == "POST":
        saved = _save_organisation(request, form, org)
        if saved:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
        org.refresh_from_db()
    return render(request, "partners/form.html", {"form": form, "org": org})


@login_required
def check_duplicates(request):
    """HTMX: the duplicate warning, live, while a name is typed."""
    if not can_create_organisation(request.user) and not can_manage_registry(request.user):
        raise Http404
    name = request.GET.get("legal_name", "").strip()
    exclude = request.GET.get("exclude")
    candidates = []
    if len(name) >= 3:
        candidates = find_duplicates(
            legal_name=name,
            registration_number=request.GET.get("registration_number", ""),
            exclude_pk=int(exclude) if exclude and exclude.isdigit() else None,
        )
    return render(request, "partners/_duplicates.html", {"duplicates": candidates, "live": True})


@login_required
@require_POST
def organisation_vet(request, pk):
    org = get_organisation_for_user(request.user, pk)
    if not can_manage_registry(request.user):
        raise PermissionDenied
    services.organisation_set_vetted(
        organisation=org, by=request.user, vetted=request.POST.get("vetted") == "1"
    )
    messages.success(request, _("Vetting status saved."))
    return redirect(org)


@login_required
def organisation_merge(request, pk):
    org = get_organisation_for_user(request.user, pk)
    if not can_manage_registry(request.user):
        raise PermissionDenied
    if org.status == OrganisationStatus.MERGED:
        raise Http404
    suggested = [
        c.organisation.pk
        for c in find_duplicates(
            legal_name=org.legal_name,
            other_names=org.other_names,
            registration_number=org.registration_number,
            exclude_pk=org.pk,
            limit=10,
            threshold=75,
        )
    ]
    q = request.GET.get("q", "").strip()
    candidates = Organisation.objects.exclude(status=OrganisationStatus.MERGED).exclude(pk=org.pk)
    pool = Q(pk__in=suggested)
    if q:
        pool |= Q(legal_name__icontains=q) | Q(registration_number__icontains=q)
    candidates = candidates.filter(pool).annotate(contact_count=Count("contacts"))[:50]
    form = MergeForm(
        request.POST or None,
        candidates=candidates.model.objects.filter(pk__in=[c.pk for c in candidates]),
    )
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["duplicates"])
        if request.POST.get("confirm") == "1":
            try:
                services.organisation_merge(survivor=org, duplicates=chosen, by=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("partners:organisation_merge", pk=org.pk)
            messages.success(
                request,
                _("Merged %(n)d record(s) into %(name)s.")
                % {"n": len(chosen), "name": org.legal_name},
            )
            return redirect(org)
        moving = [(d, d.contacts.count(), d.users.count()) for d in chosen]
        return render(
            request, "partners/merge_confirm.html", {"org": org, "form": form, "moving": moving}
        )
    return render(
        request,
        "partners/merge.html",
        {
            "org": org,
            "form": form,
            "candidates": candidates,
            "suggested": set(suggested),
            "q": q,
        },
    )
