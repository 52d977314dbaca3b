"""An organisation's contacts: added, changed and removed by those who may change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ContactForm
from ..permissions import can_change_contacts, get_contact_for_user, get_organisation_for_user


@login_required
def contact_create(request, pk):
    org = get_organisation_for_user(request.user, pk)
    if not can_change_contacts(request.user, org):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(organisation=org, by=request.user, **form.cleaned_data)
        messages.success(request, _("The contact was added."))
        return redirect(org)
    return render(request, "partners/contact_form.html", {"form": form, "org": org})


@login_required
def contact_update(request, pk):
    contact = get_contact_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.contact_update(contact=contact, by=request.user, **form.cleaned_data)
        messages.success(request, _("The contact was saved."))
        return redirect(contact.organisation)
    contact.refresh_from_db() if request.method == "POST" else None
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "org": contact.organisation, "contact": contact},
    )


@login_required
@require_POST
def contact_delete(request, pk):
    contact = get_contact_for_user(request.user, pk, write=True)
    org = contact.organisation
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("The contact was removed."))
    return redirect(org)
