from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil, is_oil_admin

from .exports import export_response
from .forms import InstitutionForm
from .institution import get_institution, institution_update
from .models import AuditEntry
from .notifications import notification_mark_read
from .pagination import paginate


@login_required
def notification_list(request):
    qs = request.user.notifications.all()
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    return render(request, "core/notification_list.html", {"page": paginate(request, qs)})


@login_required
@require_POST
def notification_read(request):
    ids = request.POST.getlist("id") or None
    notification_mark_read(user=request.user, notification_ids=ids)
    n = request.user.notifications.filter(pk__in=ids or []).first() if ids else None
    if n and n.url and request.POST.get("follow"):
        return redirect(n.url)
    return redirect("core:notification_list")


@login_required
def audit_list(request):
    if not is_oil(request.user):
        raise Http404
    qs = AuditEntry.objects.select_related("content_type")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(object_repr__icontains=q) | Q(actor_repr__icontains=q))
    action = request.GET.get("action", "")
    if action in AuditEntry.Action.values:
        qs = qs.filter(action=action)
    model = request.GET.get("model", "")
    if model:
        qs = qs.filter(content_type__model=model)
    fmt = request.GET.get("export")
    if fmt:
        rows = (
            (
                e.created_at.isoformat(),
                e.actor_repr,
                e.get_action_display(),
                e.content_type.model,
                e.object_id,
                e.object_repr,
                e.changes,
                e.message,
            )
            for e in qs[:50000]
        )
        return export_response(
            headers=[
                _("When"),
                _("Who"),
                _("Action"),
                _("Type"),
                _("Id"),
                _("Object"),
                _("Changes"),
                _("Message"),
            ],
            rows=rows,
            filename="audit-log",
            fmt=fmt,
        )
    models = ContentType.objects.filter(
        pk__in=AuditEntry.objects.values("content_type").distinct()
    ).order_by("model")
    return render(
        request,
        "core/audit_list.html",
        {
            "page": paginate(request, qs, 50),
            "q": q,
            "action": action,
            "model": model,
            "actions": AuditEntry.Action.choices,
            "models": models,
        },
    )


@login_required
def institution_edit(request):
    if not is_oil(request.user):
        raise Http404
    if not is_oil_admin(request.user):
        raise PermissionDenied
    inst = get_institution()
    form = InstitutionForm(request.POST or None, instance=inst)
    if request.method == "POST" and form.is_valid():
        institution_update(by=request.user, **form.cleaned_data)
        messages.success(request, _("The institution settings were saved."))
        return redirect("core:institution_edit")
    return render(request, "core/institution_form.html", {"form": form})
