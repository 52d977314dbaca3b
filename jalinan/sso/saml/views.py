"""The SAML assertion consumer: allauth's, except that a refused response (a bad signature, an
expired assertion, another audience, a replay or an unsolicited one) shows its reason to the
person instead of a generic error or a bare 403."""

from __future__ import annotations

import binascii
import logging

from allauth.account.internal.decorators import login_not_required
from allauth.core.internal import httpkit
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.providers.saml import views as allauth_views
from allauth.socialaccount.providers.saml.utils import build_auth
from allauth.socialaccount.sessions import LoginSession
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.views import View
from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError
from onelogin.saml2.response import OneLogin_Saml2_Response

from ..errors import refused_response

logger = logging.getLogger(__name__)

E = OneLogin_Saml2_ValidationError
REASON_OF_CODE = {
    E.INVALID_SIGNATURE: "signature",
    E.NO_SIGNATURE_FOUND: "signature",
    E.NO_SIGNED_ASSERTION: "signature",
    E.NO_SIGNED_MESSAGE: "signature",
    E.WRONG_SIGNED_ELEMENT: "signature",
    E.INVALID_SIGNED_ELEMENT: "signature",
    E.ID_NOT_FOUND_IN_SIGNED_ELEMENT: "signature",
    E.DUPLICATED_ID_IN_SIGNED_ELEMENTS: "signature",
    E.DUPLICATED_REFERENCE_IN_SIGNED_ELEMENTS: "signature",
    E.UNEXPECTED_SIGNED_ELEMENTS: "signature",
    E.WRONG_NUMBER_OF_SIGNATURES: "signature",
    E.WRONG_NUMBER_OF_SIGNATURES_IN_RESPONSE: "signature",
    E.WRONG_NUMBER_OF_SIGNATURES_IN_ASSERTION: "signature",
    E.ASSERTION_EXPIRED: "expired",
    E.RESPONSE_EXPIRED: "expired",
    E.SESSION_EXPIRED: "expired",
    E.ASSERTION_TOO_EARLY: "expired",
    E.WRONG_SUBJECTCONFIRMATION: "expired",
    E.WRONG_AUDIENCE: "audience",
    E.WRONG_DESTINATION: "audience",
    E.WRONG_ISSUER: "issuer",
    E.STATUS_CODE_IS_NOT_SUCCESS: "failed",
}


def _recording_response_class(codes: list):
    """python3-saml's response, keeping the code of the check that refused it (its auth object
    keeps only the message)."""

    class RecordingResponse(OneLogin_Saml2_Response):
        def is_valid(self, request_data, request_id=None, raise_exceptions=False):
            try:
                return super().is_valid(request_data, request_id, raise_exceptions=True)
            except Exception as exc:  # python3-saml raises its own and lxml's errors
                codes.append(getattr(exc, "code", None))
                self._error = str(exc)
                return False

    return RecordingResponse


def refusal_reason(codes: list) -> str:
    return REASON_OF_CODE.get(codes[-1], "failed") if codes else "failed"


@method_decorator(login_not_required, name="dispatch")
class FinishACSView(allauth_views.SAMLViewMixin, View):
    def dispatch(self, request, organization_slug):
        provider = self.get_provider(organization_slug)
        acs_session = LoginSession(request, "saml_acs_session", "saml-acs-session")
        acs_request = None
        acs_request_data = acs_session.store.get("request")
        if acs_request_data:
            acs_request = httpkit.deserialize_request(acs_request_data, HttpRequest())
        acs_session.delete()
        if not acs_request:
            return refused_response(request, "failed")

        auth = build_auth(acs_request, provider)
        codes: list = []
        auth.response_class = _recording_response_class(codes)
        try:
            # InResponseTo is checked below, against the requests this browser stashed.
            auth.process_response(request_id=None)
        except (binascii.Error, OneLogin_Saml2_Error) as exc:
            logger.warning("SAML response unreadable: %s", exc)
            return refused_response(request, "failed")
        if auth.get_errors():
            logger.warning("SAML response refused: %s", auth.get_last_error_reason())
            return refused_response(request, refusal_reason(codes))
        if not auth.is_authenticated():
            return refused_response(request, "cancelled")
        state_id = auth.get_last_response_in_response_to()
        if not state_id:
            # An unsolicited (IdP-initiated) response: it could be replayed at will.
            return refused_response(request, "replay")
        login = provider.sociallogin_from_response(request, auth)
        from allauth.socialaccount.internal import statekit

        state = statekit.unstash_state(request, state_id)
        if state is None:
            # Already consumed (the same response posted again) or never asked by this browser.
            return refused_response(request, "replay")
        login.state = state
        return complete_social_login(request, login)


finish_acs = FinishACSView.as_view()
