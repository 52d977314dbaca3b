"""The OIL administrator's single sign-on page: the identity providers (unless the environment
configures them); the identity mappings it reads are edited on the accounts app's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil_admin

from . import config as sso_config
from . import services
from .forms import OIDCForm, SAMLForm
from .models import IdentityProvider

FORMS = {sso_config.OIDC: OIDCForm, sso_config.SAML: SAMLForm}


def _require_oil_admin(user):
    if not is_oil_admin(user):
        raise Http404


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
                "env_secret": services.masked_secret(env.client_secret) if env else "",
                "stored_secret": services.masked_secret(row.client_secret),
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
