import time

from allauth.account import app_settings as allauth_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows import reauthentication
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.notifications import KINDS, preference_set
from jalinan.core.pagination import paginate
from jalinan.core.registry import partner_directory

from . import services
from .forms import (
    ApprovalForm,
    InvitationAcceptForm,
    InvitationForm,
    PreferencesForm,
    ProfileForm,
    RejectForm,
    TokenForm,
    UnitForm,
    UserEditForm,
)
from .models import ApiToken, Invitation, Unit, User
from .roles import Role, has_role, invitable_roles, is_oil, is_staff_member
from .selectors import pending_partner_signups


def _require_oil(user):
    if not is_oil(user):
        raise Http404


# -- profile ----------------------------------------------------------------------------------


@login_required
def profile(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    form = ProfileForm(request.POST if action == "profile" else None, instance=user)
    prefs = PreferencesForm(request.POST if action == "preferences" else None, user=user)
    token_form = TokenForm()
    if action == "profile" and form.is_valid():
        services.user_update(user=user, by=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        _remember_language(response, user.language)
        return response
    if action == "preferences" and prefs.is_valid():
        for key in KINDS:
            if prefs.cleaned_data.get(f"kind_{key}"):
                preference_set(user=user, kind=key, delivery=prefs.cleaned_data[f"kind_{key}"])
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("accounts:profile")
    if action == "profile":
        user.refresh_from_db()
    return _profile_page(request, form=form, prefs=prefs, token_form=token_form)


def _profile_page(request, *, form=None, prefs=None, token_form=None, new_token=None, status=200):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form or ProfileForm(instance=user),
            "prefs": prefs or PreferencesForm(user=user),
            "token_form": token_form or TokenForm(),
            "new_token": new_token,
            "tokens": user.api_tokens.select_related("user"),
            "now": timezone.now(),
        },
        status=status,
    )


def _recently_proved(request) -> bool:
    """Whether the person proved who they are moments ago: their password (or code), and with
    two-factor authentication on, their authenticator's code."""
    if not reauthentication.did_recently_authenticate(request):
        return False
    if not is_mfa_enabled(request.user):
        return True
    since = time.time() - allauth_settings.REAUTHENTICATION_TIMEOUT
    return any(
        r.get("method") == "mfa" and r.get("at", 0) > since
        for r in get_authentication_records(request)
    )


@login_required
def token_create(request):
    """A new API token, shown once. Only after the person proved again who they are, recently
    (the password, or the authenticator's code when they use two-factor authentication): a
    borrowed session cannot mint a lasting key. The form comes back once they have."""
    if request.method != "POST":
        return redirect(reverse("accounts:profile") + "#tokens")
    if not _recently_proved(request):
        mfa = is_mfa_enabled(request.user)
        url = reverse("mfa_reauthenticate" if mfa else "account_reauthenticate")
        return reauthentication.suspend_request(request, url)
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        return _profile_page(request, token_form=token_form, status=400)
    try:
        _token, raw = services.api_token_create(
            user=request.user,
            name=token_form.cleaned_data["name"],
            scopes=token_form.scopes(),
            days=token_form.cleaned_data["days"],
        )
    except ValidationError as exc:
        errors_to_form(token_form, exc)
        return _profile_page(request, token_form=token_form, status=400)
    return _profile_page(request, new_token=raw)


@login_required
@require_POST
def token_revoke(request, pk):
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


def _remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.PRODUCTION,
    )


@require_POST
def set_language(request):
    """Switch the interface language and remember it (cookie, and the account if signed in)."""
    language = request.POST.get("language", "")
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = "/"
    response = HttpResponseRedirect(nxt)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        _remember_language(response, language)
        if request.user.is_authenticated and request.user.language != language:
            User.objects.filter(pk=request.user.pk).update(language=language)
    return response


def admin_login(request, extra_context=None):
    """The admin site's sign-in page: it hands over to the site's sign-in (two-factor,
    throttling); Django's own admin form, a password alone, is never shown."""
    from django.contrib import admin

    nxt = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(nxt)
        raise Http404
    return redirect_to_login(nxt, reverse(settings.LOGIN_URL))


# -- invitations ------------------------------------------------------------------------------


def _invite_scope(user):
    """Roles and units this user may invite to (units None = any), or raise 404."""
    if is_oil(user):
        return invitable_roles(user), None
    if has_role(user, Role.COORDINATOR) and user.unit_id:
        return invitable_roles(user), Unit.objects.filter(pk__in=user.unit.descendant_ids())
    raise Http404


@login_required
def invitation_list(request):
    roles, units = _invite_scope(request.user)
    form = InvitationForm(request.POST or None, allowed_roles=roles, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:invitation_list")
    qs = Invitation.objects.select_related("unit", "invited_by", "organisation")
    if not is_oil(request.user):
        qs = qs.filter(invited_by=request.user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(email__icontains=q) | Q(full_name__icontains=q))
    page = paginate(request, qs)
    for inv in page:
        inv.status = services.invitation_status(inv)
    return render(request, "accounts/invitation_list.html", {"form": form, "page": page, "q": q})


def _invitation_for(request, pk):
    _invite_scope(request.user)
    inv = get_object_or_404(Invitation, pk=pk)
    if not is_oil(request.user) and inv.invited_by_id != request.user.pk:
        raise Http404
    return inv


@login_required
@require_POST
def invitation_revoke(request, pk):
    inv = _invitation_for(request, pk)
    try:
        services.invitation_revoke(invitation=inv, by=request.user)
        messages.success(request, _("The invitation was revoked."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:invitation_list")


@login_required
@require_POST
def invitation_resend(request, pk):
    inv = _invitation_for(request, pk)
    try:
        services.invitation_resend(invitation=inv, by=request.user)
        messages.success(request, _("The invitation was sent again."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:invitation_list")


def invitation_accept(request, token):
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable:
        status = services.invitation_status(invitation) if invitation else "unknown"
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"status": status},
            status=410 if invitation else 404,
        )
    form = InvitationAcceptForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as exc:
            # The inviter may no longer give these roles.
            form.add_error(None, exc.messages)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("portal:my_work")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


# -- partner sign-up approval -----------------------------------------------------------------


def _approval_page(request, bound: ApprovalForm | None = None):
    """The waiting sign-ups, each with what the officer checks: whether the address is
    confirmed, its domain, and the domains of the registry's likely matches."""
    pending = list(pending_partner_signups())
    for u in pending:
        u.verified = services.signup_email_verified(u)
        u.email_domain = services.email_domain(u.email)
        u.candidates = (
            partner_directory().find_duplicates(legal_name=u.requested_organisation, threshold=70)
            if u.requested_organisation
            else []
        )
        for c in u.candidates:
            c.domains = sorted(services.organisation_domains(c.organisation))
            c.same_domain = services.email_matches_organisation(u.email, c.organisation)
        # Nothing pre-selected: a fuzzy name match is a hint, not a decision.
        u.form = (
            bound
            if bound is not None and bound.signup.pk == u.pk
            else ApprovalForm(prefix=f"u{u.pk}", signup=u)
        )
    return render(
        request, "accounts/approval_list.html", {"pending": pending, "reject_form": RejectForm()}
    )


@login_required
def approval_list(request):
    _require_oil(request.user)
    return _approval_page(request)


@login_required
@require_POST
def approval_decide(request, pk):
    _require_oil(request.user)
    user = get_object_or_404(pending_partner_signups(), pk=pk)
    if request.POST.get("decision") == "reject":
        reject = RejectForm(request.POST)
        if reject.is_valid():
            services.partner_signup_reject(
                user=user, reason=reject.cleaned_data["reason"], by=request.user
            )
            messages.success(request, _("The sign-up was rejected and the person told why."))
        else:
            messages.error(request, _("Give a reason for the rejection."))
        return redirect("accounts:approval_list")
    form = ApprovalForm(request.POST, prefix=f"u{user.pk}", signup=user)
    if not form.is_valid():
        return _approval_page(request, bound=form)
    org = form.cleaned_data["organisation"]
    try:
        with transaction.atomic():
            if org is None:
                org = partner_directory().create(
                    by=request.user, legal_name=user.requested_organisation
                )
                # A new organisation holds nothing yet: there is no one else's to claim.
                confirmed = True
            else:
                confirmed = form.cleaned_data["confirm_affiliation"]
            services.partner_signup_approve(
                user=user, organisation=org, by=request.user, affiliation_confirmed=confirmed
            )
    except ValidationError as exc:
        errors_to_form(form, exc)
        return _approval_page(request, bound=form)
    messages.success(
        request,
        _("%(name)s can now work for %(org)s.") % {"name": user.full_name, "org": org.legal_name},
    )
    return redirect("accounts:approval_list")


# -- people -----------------------------------------------------------------------------------


@login_required
def user_list(request):
    _require_oil(request.user)
    qs = User.objects.select_related("unit", "organisation").prefetch_related("groups")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(full_name__icontains=q) | Q(email__icontains=q) | Q(staff_id__icontains=q))
    role = request.GET.get("role", "")
    if role in Role.values:
        qs = qs.filter(groups__name=role)
    if request.GET.get("unit", "").isdigit():
        qs = qs.filter(unit_id=int(request.GET["unit"]))
    if request.GET.get("active") in ("yes", "no"):
        qs = qs.filter(is_active=request.GET["active"] == "yes")
    fmt = request.GET.get("export")
    if fmt:
        rows = (
            (
                u.pk,
                u.full_name,
                u.email,
                ", ".join(str(Role(g.name).label) for g in u.groups.all() if g.name in Role.values),
                u.unit.name if u.unit else "",
                u.organisation.legal_name if u.organisation else "",
                u.get_approval_status_display(),
                _("yes") if u.is_active else _("no"),
            )
            for u in qs
        )
        return export_response(
            headers=[
                _("Id"),
                _("Name"),
                _("E-mail"),
                _("Roles"),
                _("Unit"),
                _("Organisation"),
                _("Approval"),
                _("Active"),
            ],
            rows=rows,
            filename="people",
            fmt=fmt,
        )
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, qs.distinct()),
            "q": q,
            "roles": Role.choices,
            "role": role,
            "units": Unit.objects.filter(is_active=True),
            "f": request.GET,
        },
    )


@login_required
def user_update(request, pk):
    _require_oil(request.user)
    person = get_object_or_404(User, pk=pk)
    if person.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    form = UserEditForm(request.POST or None, instance=person, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        try:
            with transaction.atomic():
                services.user_update(user=person, by=request.user, **data)
                services.user_set_roles(user=person, roles=roles, by=request.user)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:user_list")
    from jalinan.core.audit import history_for

    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "person": person, "history": history_for(person)[:30]},
    )


# -- units ------------------------------------------------------------------------------------


def _tree(units):
    children: dict = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    out = []

    def walk(parent_id, depth):
        for u in children.get(parent_id, []):
            u.depth = depth
            out.append(u)
            walk(u.pk, depth + 1)

    walk(None, 0)
    return out


@login_required
def unit_list(request):
    if not is_staff_member(request.user):
        raise Http404
    units = Unit.objects.annotate(member_count=Count("members")).order_by("name")
    return render(
        request,
        "accounts/unit_list.html",
        {"units": _tree(list(units)), "can_edit": is_oil(request.user)},
    )


@login_required
def unit_edit(request, pk=None):
    _require_oil(request.user)
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            if unit:
                services.unit_update(unit=unit, by=request.user, **form.cleaned_data)
            else:
                services.unit_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("accounts:unit_list")
    return render(request, "accounts/unit_form.html", {"form": form, "unit": unit})
