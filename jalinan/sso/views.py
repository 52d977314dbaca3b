"""The OIL administrator's single sign-on page: the identity providers (unless the environment
configures them) and the identity mappings (department code → unit, affiliation → role)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import IdentityMapping
from jalinan.accounts.roles import is_oil_admin

from . import config as sso_config
from . import services
from .forms import IdentityMappingForm, OIDCForm, SAMLForm
from .models import IdentityProvider

FORMS = {sso_config.OIDC: OIDCForm, sso_config.SAML: SAMLForm}


def _require_oil_admin(user):
    if not is_oil_admin(user):
        raise Http404


def masked_secret(secret: str) -> str:
    """A secret as the page shows it: never in full."""
    if not secret:
        return ""
    return "••••••" + (secret[-4:] if len(secret) >= 12 else "")


def _apply_errors(form, exc: ValidationError):
    for field, errs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errs)


@login_required
def settings_page(request):
    _require_oil_admin(request.user)
    rows = {row.protocol: row for row in IdentityProvider.objects.all()}
    posted = request.POST.get("protocol") if request.method == "POST" else None
    if posted is not None and posted not in FORMS:
        raise Http404
    sections = []
    for protocol, form_class in FORMS.items():
        env = sso_config.environment_config(protocol)
        row = rows.get(protocol) or IdentityProvider(protocol=protocol)
        data = request.POST if posted == protocol and env is None else None
        form = form_class(data, instance=row, prefix=protocol)
        if data is not None and form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items()}
            try:
                services.identity_provider_save(protocol=protocol, by=request.user, **fields)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The single sign-on settings were saved."))
                return redirect("sso:settings")
        sections.append(
            {
                "protocol": protocol,
                "label": IdentityProvider.Protocol(protocol).label,
                "form": form,
                "environment": env,
                "env_secret": masked_secret(env.client_secret) if env else "",
                "stored_secret": masked_secret(row.client_secret),
                "active": protocol in sso_config.active_configs(),
            }
        )
    base = request.build_absolute_uri("/").rstrip("/")
    org = sso_config.SAML_ORGANISATION
    urls = {
        "oidc_redirect": base
        + reverse("openid_connect_callback", kwargs={"provider_id": sso_config.OIDC_PROVIDER_ID}),
        "saml_acs": base + reverse("saml_acs", kwargs={"organization_slug": org}),
        "saml_metadata": base + reverse("saml_metadata", kwargs={"organization_slug": org}),
    }
    return render(request, "sso/settings.html", {"sections": sections, "urls": urls})


@login_required
def mapping_list(request):
    _require_oil_admin(request.user)
    mappings = IdentityMapping.objects.select_related("unit").order_by("kind", "value")
    return render(request, "sso/mapping_list.html", {"mappings": mappings})


@login_required
def mapping_edit(request, pk=None):
    _require_oil_admin(request.user)
    mapping = get_object_or_404(IdentityMapping, pk=pk) if pk else None
    form = IdentityMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("kind", "value", "unit", "role")}
        try:
            if mapping:
                services.identity_mapping_update(mapping=mapping, by=request.user, **fields)
            else:
                services.identity_mapping_create(by=request.user, **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The mapping was saved."))
            return redirect("sso:mapping_list")
    return render(request, "sso/mapping_form.html", {"form": form, "mapping": mapping})


@login_required
@require_POST
def mapping_delete(request, pk):
    _require_oil_admin(request.user)
    mapping = get_object_or_404(IdentityMapping, pk=pk)
    services.identity_mapping_delete(mapping=mapping, by=request.user)
    messages.success(request, _("The mapping was removed."))
    return redirect("sso:mapping_list")
