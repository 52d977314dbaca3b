"""The authorization matrix: every route of the URL conf and every operation of the OpenAPI
schema, requested by every kind of visitor (each role of the cast, a second student, an academic
and a coordinator of another KCDIO, a third company's partner user, the outsider with no role,
and an anonymous visitor) on records that mostly belong to someone else (``world.py``; which
record each route points at: ``matrix_cases.py``).

``ROUTES`` and ``OPERATIONS`` give, for each route name and operation id, its access class (who
gets through on GET, a name for the usual sets) and the status each visitor gets, in the order
of ``VISITORS``: ``L`` is a redirect to the sign-in page; ``405/404`` is GET then POST where
they differ. Every visitor refused on GET also POSTs (a form-shaped body; ``POST_BODY`` in
``matrix_cases.py`` for a view that reads a field before its permission check) and must be
refused and write nothing (``jalinan.core.testing.database_writes``); each POST runs in a
savepoint rolled back afterwards, so the world stays the same. The outsider's pass over the
pages is ``jalinan.core.testing.outsider_sweep``, the one sweep of every app: refused with a
form-shaped body (``matrix_cases.outsider_form``), and on the public pages shown no more than a
visitor. No 200 answer shows the confidential marker of a record the visitor may not see (the
table was reviewed against each app's permissions).

A route or operation added later fails ``test_every_route_and_operation_is_classified`` until it
has a row. The Django admin is one class (superusers only), sampled.

To rebuild a row after a deliberate change, run the matrix and read the differences it prints.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from jalinan.core.testing import (
    api_operations,
    database_writes,
    outsider_sweep,
    refused_cell,
    url_routes,
)

from .matrix_cases import API_PARAMS, KWARGS, POST_BODY, api_url, outsider_form, route_url
from .world import SECRET, VISITORS, visitors

pytestmark = pytest.mark.django_db

REFUSED = {"401", "403", "404", "405", "L"}

# The person in charge of the world's confidential memorandum (ict_academic) named themselves
# and was never confirmed by OIL, so they are refused its confidential documents (page and API).
# API token scopes are not visible here: the matrix signs in by session (see
# jalinan/accounts/tests/test_api_tokens.py).
# Links that carry a secret (an invitation, an industry supervisor's evaluation) open for
# whoever holds it, signed in or not: every visitor here has it.
# Two-factor pages act on the visitor's own authenticator: only the OIL administrator has one,
# and is sent to prove who they are again (302); everyone else finds nothing (404).
# Import previews: the organisations the officer uploaded are the officer's alone (not the
# OIL administrator's); a publications preview for the ICT academic's profile is in every
# signed-in visitor's session, so that the preview page's own check decides.

ROUTES = {
    "account_change_password": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "account_confirm_email": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_confirm_login_code": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "account_email": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "account_email_verification_sent": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_inactive": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_login": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 200",
    ),
    "account_logout": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302",
    ),
    "account_reauthenticate": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "account_reset_password": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_done": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_from_key": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_from_key_done": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "account_set_password": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "account_signup": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 200",
    ),
    # Single sign-on (allauth's providers): the world configures no identity provider, so a
    # provider's pages find no app (404); the university sign-in's own tests use real IdPs.
    "openid_connect_callback": (
        "PUBLIC",
        "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "openid_connect_login": (
        "PUBLIC",
        "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "saml_acs": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302",
    ),
    "saml_finish_acs": (
        "PUBLIC",
        "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "saml_login": ("PUBLIC", "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
    "saml_metadata": (
        "PUBLIC",
        "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "saml_sls": ("PUBLIC", "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
    "socialaccount_connections": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "socialaccount_login_cancelled": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "socialaccount_login_error": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "socialaccount_signup": ("NOBODY_ON_GET", "L L L L L L L L L L L L L L L L L"),
    "accounts:approval_decide": (
        "NOBODY_ON_GET",
        "405/200 405/200 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "accounts:approval_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:invitation_accept": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:invitation_list": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "accounts:invitation_resend": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "accounts:invitation_revoke": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "accounts:mapping_create": (
        "OIL_ADMIN_ONLY",
        "200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:mapping_delete": (
        "NOBODY_ON_GET",
        "405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "accounts:mapping_list": (
        "OIL_ADMIN_ONLY",
        "200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:mapping_update": (
        "OIL_ADMIN_ONLY",
        "200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    # The preview of an upload is its uploader's alone: without one, nobody's.
    "accounts:people_sync": (
        "OIL_ADMIN_ONLY",
        "200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:people_sync_preview": (
        "NOBODY",
        "404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:profile": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "accounts:set_language": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 "
        "405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302",
    ),
    "accounts:token_create": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "accounts:token_revoke": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/404 405/302 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "accounts:unit_create": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:unit_list": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+ict_acad+ict_coord",
        "200 200 200 200 404 200 200 200 200 404 404 404 404 200 200 404 L",
    ),
    "accounts:unit_update": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:user_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "accounts:user_update": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "agreements:deliverable_create": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 403 403 404 403 404 404 404 404 200 200 403 L",
    ),
    "agreements:deliverable_update": (
        "OIL+mcom+ict_acad+ict_coord",
        "200 200 404 404 404 200 403 404 403 404 404 404 404 200 200 403 L",
    ),
    "agreements:document_add": (
        "OIL+legal+ict_acad+ict_coord",
        "200 200 404 404 404 403 200 404 403 404 404 404 404 200 200 403 L",
    ),
    "agreements:document_download": (
        "OIL+mcom+legal",
        "200 200 404 404 404 200 200 404 404 404 404 404 404 404 404 404 L",
    ),
    "agreements:health_list": (
        "OIL+coord+mcom+legal+mgmt+ict_coord",
        "200 200 200 403 404 200 200 403 200 403 403 404 404 403 200 403 L",
    ),
    "agreements:mcom_agenda": (
        "OIL+mcom",
        "200 200 404 404 404 200 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "agreements:mcom_agenda_pdf": (
        "OIL+mcom",
        "200 200 404 404 404 200 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "agreements:mcom_minutes_pdf": (
        "OIL+mcom",
        "200 200 404 404 404 200 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "agreements:memorandum_create": (
        "OIL+coord+acad+mcom+ipc+ict_acad+ict_coord",
        "200 200 200 200 404 200 403 200 403 403 403 404 404 200 200 403 L",
    ),
    "agreements:memorandum_detail": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 L",
    ),
    "agreements:memorandum_list": (
        "STAFF_AND_PARTNERS",
        "200 200 200 200 404 200 200 200 200 200 200 404 404 200 200 200 L",
    ),
    "agreements:memorandum_nudge": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/403 405/403 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/403 405/302 405/403 L",
    ),
    "agreements:memorandum_transition": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "302 302 404 404 404 302 302 404 302 404 404 404 404 200 200 302 L",
    ),
    "agreements:memorandum_update": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 403 403 404 403 404 404 404 404 200 200 403 L",
    ),
    "agreements:signatory_add": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 403 403 404 403 404 404 404 404 200 200 403 L",
    ),
    "agreements:signatory_remove": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/403 405/403 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/302 405/302 405/403 L",
    ),
    "agreements:type_create": (
        "OIL_ADMIN_ONLY",
        "200 403 403 403 404 403 403 403 403 403 403 404 404 403 403 403 L",
    ),
    "agreements:type_list": (
        "OIL_ADMIN_ONLY",
        "200 403 403 403 404 403 403 403 403 403 403 404 404 403 403 403 L",
    ),
    "agreements:type_update": (
        "OIL_ADMIN_ONLY",
        "200 403 403 403 404 403 403 403 403 403 403 404 404 403 403 403 L",
    ),
    "challenges:attachment_add": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 403 L",
    ),
    "challenges:attachment_download": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 404",
    ),
    "challenges:attachment_remove": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/403 L",
    ),
    "challenges:challenge_cancel": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 L",
    ),
    "challenges:challenge_close": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 L",
    ),
    "challenges:challenge_create": (
        "OIL+partner+other_partner+third_partner",
        "200 200 403 403 404 403 403 403 403 200 200 404 404 403 403 200 L",
    ),
    "challenges:challenge_detail": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 404",
    ),
    "challenges:challenge_for_me": (
        "acad+mcom+ipc+ict_acad",
        "404 404 404 200 404 200 404 200 404 404 404 404 404 200 404 404 L",
    ),
    "challenges:challenge_invite": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/403 L",
    ),
    "challenges:challenge_list": (
        "STAFF_AND_PARTNERS",
        "200 200 200 200 404 200 200 200 200 200 200 404 404 200 200 200 L",
    ),
    "challenges:challenge_open": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "challenges:challenge_publish": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 403 L",
    ),
    "challenges:challenge_return": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 403 L",
    ),
    "challenges:challenge_submit": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 L",
    ),
    "challenges:challenge_update": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 L",
    ),
    "challenges:invitation_respond": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/302 405/404 405/404 L",
    ),
    "challenges:proposal_create": (
        "ict_acad",
        "403/200 403/200 404 404 404 404 404 404 404 404 404 404 404 302 404 403/200 L",
    ),
    "challenges:proposal_detail": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 L",
    ),
    "challenges:proposal_submit": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/404 405/302 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "challenges:proposal_update": (
        "acad",
        "404 404 404 200 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "challenges:proposal_withdraw": (
        "NOBODY_ON_GET",
        "405/403 405/403 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/302 405/404 405/403 L",
    ),
    "challenges:question_answer": (
        "NOBODY_ON_GET",
        "405/200 405/200 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/200 L",
    ),
    "challenges:question_ask": (
        "NOBODY_ON_GET",
        "405/403 405/403 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/200 405/404 405/403 L",
    ),
    "challenges:review_advance": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/302 L",
    ),
    "challenges:review_board": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 L",
    ),
    "challenges:review_decline": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 L",
    ),
    "challenges:review_score": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/302 L",
    ),
    "challenges:review_select": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 L",
    ),
    "core:audit_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:register_import": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:register_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:register_preview": (
        "officer",
        "404 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:register_run": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:register_template": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:institution_edit": (
        "OIL_ADMIN_ONLY",
        "200 403 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "core:notification_list": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "core:notification_read": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 405/302 "
        "405/302 405/302 405/302 405/302 405/302 405/302 405/302 L",
    ),
    "engagements:activity_calendar": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 L",
    ),
    "engagements:activity_create": (
        "OIL+coord+acad+mcom+ipc+ict_acad+ict_coord",
        "200 200 200 200 403 200 403 200 403 403 403 404 403 200 200 403 L",
    ),
    "engagements:activity_delete": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/302 405/302 405/403 L",
    ),
    "engagements:activity_detail": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 200 200 200 404 404 404 200 200 200 200 L",
    ),
    "engagements:activity_list": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 L",
    ),
    "engagements:activity_update": (
        "OIL+ict_acad+ict_coord",
        "200 200 403 403 404 403 403 403 403 404 404 404 403 200 200 403 L",
    ),
    "engagements:attachment_add": (
        "OIL+ict_acad+ict_coord",
        "200 200 403 403 404 403 403 403 403 404 404 404 403 200 200 403 L",
    ),
    "engagements:attachment_delete": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/302 405/302 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/404 405/403 405/403 405/404 L",
    ),
    "engagements:attachment_download": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+ict_acad+ict_coord",
        "200 200 200 200 404 200 200 200 200 404 404 404 404 200 200 404 L",
    ),
    "experts:import_preview": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:import_template": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 L",
    ),
    "experts:import_upload": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:my_profile": (
        "acad+mcom+ipc+ict_acad",
        "404 404 404 302 404 302 404 302 404 404 404 404 404 302 404 404 L",
    ),
    "experts:profile_detail": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:profile_edit": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:profile_project_create": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:profile_project_delete": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/302 405/302 405/404 L",
    ),
    "experts:profile_project_edit": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:profile_similar": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:public_profile": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "experts:publication_create": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:publication_delete": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/302 405/302 405/404 L",
    ),
    "experts:publication_edit": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 L",
    ),
    "experts:search": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 L",
    ),
    "javascript-catalog": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "mfa_activate_totp": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "mfa_authenticate": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "mfa_deactivate_totp": (
        "oil_admin",
        "302 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "mfa_download_recovery_codes": (
        "oil_admin",
        "302 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "mfa_generate_recovery_codes": (
        "AUTHENTICATED",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "mfa_index": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "mfa_reauthenticate": (
        "AUTHENTICATED",
        "200 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 L",
    ),
    "mfa_view_recovery_codes": (
        "oil_admin",
        "302 404/405 404/405 404/405 404/405 404/405 404/405 404/405 404/405 "
        "404/405 404/405 404/405 404/405 404/405 404/405 404/405 L",
    ),
    "partners:check_duplicates": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "partners:contact_create": (
        "OIL+third_partner",
        "200 200 403 403 404 403 404 403 403 404 404 404 404 403 403 200 L",
    ),
    "partners:contact_delete": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/404 405/404 405/404 405/404 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/404 405/403 405/302 L",
    ),
    "partners:contact_update": (
        "OIL+third_partner",
        "200 200 403 404 404 404 404 404 403 404 404 404 404 404 403 200 L",
    ),
    "partners:import_template": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "partners:organisation_create": (
        "OIL+coord+ict_coord",
        "200 200 200 403 404 403 404 403 403 403 403 404 404 403 200 403 L",
    ),
    "partners:organisation_detail": (
        "OIL+coord+acad+mcom+ipc+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 404 200 200 404 404 404 404 200 200 200 L",
    ),
    "partners:organisation_import": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "partners:organisation_import_preview": (
        "officer",
        "404 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "partners:organisation_list": (
        "OIL+coord+acad+mcom+ipc+mgmt+partner+other_partner+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 404 200 200 200 200 404 404 200 200 200 L",
    ),
    "partners:organisation_merge": (
        "OIL_ONLY",
        "200 200 403 403 404 403 404 403 403 404 404 404 404 403 403 403 L",
    ),
    "partners:organisation_update": (
        "OIL+third_partner",
        "200 200 403 403 404 403 404 403 403 404 404 404 404 403 403 200 L",
    ),
    "partners:organisation_vet": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/403 405/404 405/403 405/404 405/403 405/403 "
        "405/404 405/404 405/404 405/404 405/403 405/403 405/403 L",
    ),
    "pipeline:board": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "pipeline:enquire": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "pipeline:enquire_suggest": (
        "NOBODY_ON_GET",
        "405/200 405/200 405/200 405/200 405/200 405/200 405/200 405/200 405/200 "
        "405/200 405/200 405/200 405/200 405/200 405/200 405/200 405/200",
    ),
    "pipeline:enquire_thanks": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302",
    ),
    "pipeline:funnel": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "pipeline:opportunity_create": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "pipeline:opportunity_detail": (
        "OIL+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "pipeline:opportunity_list": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "pipeline:opportunity_move": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/302 405/404 L",
    ),
    "pipeline:opportunity_update": (
        "OIL+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 200 404 L",
    ),
    "placements:application_create": (
        "stud+student2",
        "403 403 403 403 200 403 404 403 403 404 404 404 200 403 403 403 L",
    ),
    "placements:application_detail": (
        "OIL+other_partner+student2+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 404 200 404 L",
    ),
    "placements:application_list": (
        "OIL+coord+acad+stud+mcom+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 404 200 200 200 200 404 200 200 200 200 L",
    ),
    "placements:application_move": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/302 405/404 405/302 405/404 405/302 405/404 L",
    ),
    "placements:cv_download": (
        "OIL+coord+stud+other_partner",
        "200 200 200 404 200 404 404 404 404 404 200 404 404 404 404 404 L",
    ),
    "placements:cv_remove": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/403 405/404 405/302 405/403 405/403 405/404 L",
    ),
    "placements:evaluate": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "placements:evaluation_link_send": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/302 405/404 405/403 405/302 405/302 405/404 L",
    ),
    "placements:feedback": (
        "student2",
        "403 403 404 404 404 404 404 404 404 404 403 404 200 403 403 404 L",
    ),
    "placements:logbook_review": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/403 405/404 405/403 405/302 405/403 405/404 L",
    ),
    "placements:logbook_review_all": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/403 405/404 405/403 405/302 405/403 405/404 L",
    ),
    "placements:logbook_write": (
        "student2",
        "403 403 404 404 404 404 404 404 404 404 403 404 200 403 403 404 L",
    ),
    "placements:my_outcome": (
        "stud+student2",
        "403 403 403 403 200 403 404 403 403 403 403 404 200 403 403 403 L",
    ),
    "placements:my_profile": (
        "stud+student2",
        "403 403 403 403 302 403 404 403 403 403 403 404 302 403 403 403 L",
    ),
    "placements:opening_approve": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/403 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "placements:opening_close": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/403 405/403 405/403 405/404 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/403 405/403 405/302 L",
    ),
    "placements:opening_create": (
        "OIL+partner+other_partner+third_partner",
        "200 200 403 403 403 403 404 403 403 200 200 404 403 403 403 200 L",
    ),
    "placements:opening_detail": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 L",
    ),
    "placements:opening_eligible": (
        "stud+student2",
        "403 403 403 403 200 403 404 403 403 403 403 404 200 403 403 403 L",
    ),
    "placements:opening_list": (
        "OIL+coord+acad+stud+mcom+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 404 200 200 200 200 404 200 200 200 200 L",
    ),
    "placements:opening_reject": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/403 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "placements:opening_update": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 L",
    ),
    "placements:outcome_list": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 403 403 403 404 403 200 403 403 404 403 403 200 403 L",
    ),
    "placements:outcome_record": (
        "OIL+student2+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 403 404 200 403 200 404 L",
    ),
    "placements:overdue": (
        "OIL+coord+ict_coord",
        "200 200 200 403 403 403 404 403 403 403 403 404 403 403 200 403 L",
    ),
    "placements:overview": (
        "OIL+coord+ict_coord",
        "200 200 200 403 403 403 404 403 403 403 403 404 403 403 200 403 L",
    ),
    "placements:placement_detail": (
        "OIL+other_partner+student2+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 200 200 404 L",
    ),
    "placements:placement_list": (
        "OIL+coord+acad+stud+mcom+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 404 200 200 200 200 404 200 200 200 200 L",
    ),
    "placements:placement_update": (
        "OIL+other_partner+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 403 403 200 404 L",
    ),
    "placements:profile_detail": (
        "OIL+other_partner+student2+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 200 200 404 L",
    ),
    "placements:profile_edit": (
        "stud+student2",
        "403 403 403 403 200 403 404 403 403 403 403 404 200 403 403 403 L",
    ),
    "placements:profile_edit_for": (
        "OIL+student2",
        "200 200 404 404 404 404 404 404 404 404 403 404 200 403 403 404 L",
    ),
    "placements:programme_create": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "placements:programme_list": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "placements:programme_update": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "placements:ratings": (
        "OIL+coord+ict_coord",
        "200 200 200 403 403 403 404 403 403 403 403 404 403 403 200 403 L",
    ),
    "placements:rubric_create": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "placements:rubric_list": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "placements:rubric_update": (
        "OIL_ONLY",
        "200 200 403 403 403 403 404 403 403 403 403 404 403 403 403 403 L",
    ),
    "portal:home": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "portal:my_work": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "projects:funding_add": (
        "OIL+ict_acad+ict_coord",
        "302 302 403 403 404 403 403 403 403 404 404 404 403 302 302 403 L",
    ),
    "projects:funding_remove": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/404 405/404 405/403 L",
    ),
    "projects:income_add": (
        "OIL+ict_acad+ict_coord",
        "302 302 403 403 404 403 403 403 403 404 404 404 403 302 302 403 L",
    ),
    "projects:income_remove": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/404 405/404 405/403 L",
    ),
    "projects:member_add": (
        "OIL+ict_acad+ict_coord",
        "302 302 403 403 404 403 403 403 403 404 404 404 403 302 302 403 L",
    ),
    "projects:member_remove": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/302 405/302 405/403 L",
    ),
    "projects:milestone_add": (
        "OIL+ict_acad+ict_coord",
        "302 302 403 403 404 403 403 403 403 404 404 404 403 302 302 403 L",
    ),
    "projects:milestone_delete": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/404 405/404 405/403 L",
    ),
    "projects:milestone_done": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/404 405/404 405/403 L",
    ),
    "projects:milestone_update": (
        "NOBODY_ON_GET",
        "404 404 403 403 404 403 403 403 403 404 404 404 403 404 404 403 L",
    ),
    "projects:output_add": (
        "OIL+ict_acad+ict_coord",
        "302 302 403 403 404 403 403 403 403 404 404 404 403 302 302 403 L",
    ),
    "projects:output_remove": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/404 405/404 405/403 L",
    ),
    "projects:project_create": (
        "OIL+coord+acad+mcom+ipc+ict_acad+ict_coord",
        "200 200 200 200 403 200 403 200 403 403 403 404 403 200 200 403 L",
    ),
    "projects:project_detail": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 200 200 200 404 404 404 200 200 200 200 L",
    ),
    "projects:project_list": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 L",
    ),
    "projects:project_status": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/403 405/403 405/404 405/403 405/403 405/403 405/403 "
        "405/404 405/404 405/404 405/403 405/302 405/302 405/403 L",
    ),
    "projects:project_update": (
        "OIL+ict_acad+ict_coord",
        "200 200 403 403 404 403 403 403 403 404 404 404 403 200 200 403 L",
    ),
    "reports:chart_csv": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 L",
    ),
    "reports:dashboard": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 L",
    ),
    "reports:document_download": (
        "OIL+coord+mgmt+ict_coord",
        "302 302 302 404 404 404 404 404 302 404 404 404 404 404 302 404 L",
    ),
    "reports:documents": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 L",
    ),
    "sdgs:classify": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 L",
    ),
    "sdgs:goal_detail": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "sdgs:goal_index": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "sdgs:review": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "sdgs:tag_add": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/403 405/403 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/403 405/403 405/403 L",
    ),
    "sdgs:tag_decide": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/403 405/403 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/302 405/302 405/403 L",
    ),
    "sdgs:tag_decide_all": (
        "NOBODY_ON_GET",
        "405/404 405/404 405/404 405/404 405/404 405/403 405/403 405/404 405/403 "
        "405/404 405/404 405/404 405/404 405/403 405/403 405/403 L",
    ),
    "set_language": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302",
    ),
    "sso:settings": (
        "OIL_ADMIN_ONLY",
        "200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:asset_create": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:asset_detail": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 L",
    ),
    "technologies:asset_list": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 L",
    ),
    "technologies:asset_update": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 404 L",
    ),
    "technologies:catalogue": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "technologies:catalogue_detail": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "technologies:catalogue_image": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 404",
    ),
    "technologies:catalogue_thanks": (
        "PUBLIC",
        "302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302",
    ),
    "technologies:deadline_add": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 404 L",
    ),
    "technologies:deadline_done": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/404 L",
    ),
    "technologies:deadline_list": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 L",
    ),
    "technologies:deadline_reopen": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/404 L",
    ),
    "technologies:disclosure_create": (
        "OIL+acad+mcom+ipc+ict_acad",
        "200 200 404 200 404 200 404 200 404 404 404 404 404 200 404 404 L",
    ),
    "technologies:disclosure_decide": (
        "OIL+ipc",
        "302 302 404 404 404 404 404 302 404 404 404 404 404 403 404 404 L",
    ),
    "technologies:disclosure_detail": (
        "OIL+ipc+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 404 L",
    ),
    "technologies:disclosure_list": (
        "OIL+acad+mcom+ipc+ict_acad",
        "200 200 404 200 404 200 404 200 404 404 404 404 404 200 404 404 L",
    ),
    "technologies:disclosure_queue": (
        "OIL+ipc",
        "200 200 404 404 404 404 404 200 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:disclosure_start_assessment": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/302 405/404 "
        "405/404 405/404 405/404 405/404 405/403 405/404 405/404 L",
    ),
    "technologies:disclosure_submit": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/302 405/404 405/404 L",
    ),
    "technologies:disclosure_update": (
        "OIL+ict_acad",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 404 L",
    ),
    "technologies:disclosure_warnings": (
        "OIL+acad+mcom+ipc+ict_acad",
        "200 200 404 200 404 200 404 200 404 404 404 404 404 200 404 404 L",
    ),
    "technologies:enquiry_detail": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:enquiry_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:enquiry_open_nda": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/404 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
    "technologies:licence_create": (
        "OIL_ONLY",
        "200 200 404 403 404 404 404 403 404 403 404 404 403 403 404 403 L",
    ),
    "technologies:licence_detail": (
        "OIL+ipc+student2+ict_acad+third_partner",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 200 L",
    ),
    "technologies:licence_draft_agreement": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/403 L",
    ),
    "technologies:licence_edit": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 403 L",
    ),
    "technologies:licence_link_agreement": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 403 L",
    ),
    "technologies:licence_list": (
        "OIL+acad+ipc+partner+student2+ict_acad+third_partner",
        "200 200 404 200 404 404 404 200 404 200 404 404 200 200 404 200 L",
    ),
    "technologies:payment_create": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 403 L",
    ),
    "technologies:payment_list": (
        "OIL+acad+ipc+partner+student2+ict_acad+third_partner",
        "200 200 404 200 404 404 404 200 404 200 404 404 200 200 404 200 L",
    ),
    "technologies:policy_list": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 404 L",
    ),
    "technologies:spinoff_create": (
        "OIL_ONLY",
        "200 200 404 403 404 404 404 403 403 404 403 404 404 403 404 403 L",
    ),
    "technologies:spinoff_detail": (
        "OIL+ipc+mgmt+ict_acad+third_partner",
        "200 200 404 404 404 404 404 200 200 404 404 404 404 200 404 200 L",
    ),
    "technologies:spinoff_edit": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 403 404 404 404 404 403 404 403 L",
    ),
    "technologies:spinoff_list": (
        "OIL+acad+ipc+mgmt+other_partner+ict_acad+third_partner",
        "200 200 404 200 404 404 404 200 200 404 200 404 404 200 404 200 L",
    ),
    "technologies:technology_create": (
        "OIL_ONLY",
        "200 200 404 403 404 404 404 403 404 404 404 404 403 403 404 404 L",
    ),
    "technologies:technology_detail": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 L",
    ),
    "technologies:technology_edit": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 403 404 404 404 404 403 403 404 404 L",
    ),
    "technologies:technology_image_add": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/404 L",
    ),
    "technologies:technology_image_remove": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/404 L",
    ),
    "technologies:technology_list": (
        "OIL+acad+ipc+student2+ict_acad",
        "200 200 404 200 404 404 404 200 404 404 404 404 200 200 404 404 L",
    ),
    "technologies:technology_publish": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/404 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/403 405/403 405/404 405/404 L",
    ),
    "technologies:technology_withdraw": (
        "NOBODY_ON_GET",
        "405/302 405/302 405/404 405/403 405/404 405/404 405/404 405/403 405/404 "
        "405/404 405/404 405/404 405/404 405/404 405/404 405/404 L",
    ),
}

OPERATIONS = {
    "jalinan_accounts_api_me": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_agreements_api_create_deliverable": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_agreements_api_create_memorandum": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_agreements_api_download_document": (
        "OIL+mcom+legal",
        "200 200 404 404 404 200 200 404 404 404 404 404 404 404 404 404 401",
    ),
    "jalinan_agreements_api_get_memorandum": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_agreements_api_history": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_agreements_api_list_deliverables": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_agreements_api_list_documents": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_agreements_api_list_memoranda": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_agreements_api_list_types": (
        "STAFF_AND_PARTNERS",
        "200 200 200 200 404 200 200 200 200 200 200 404 404 200 200 200 401",
    ),
    "jalinan_agreements_api_take_step": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "422 422 404 404 404 422 422 404 422 404 404 404 404 422 422 422 401",
    ),
    "jalinan_agreements_api_update_memorandum": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_agreements_api_upload_document": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_cancel_challenge": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_close_challenge": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 401",
    ),
    "jalinan_challenges_api_create_challenge": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_for_me": (
        "acad+mcom+ipc+ict_acad",
        "404 404 404 200 404 200 404 200 404 404 404 404 404 200 404 404 401",
    ),
    "jalinan_challenges_api_get_challenge": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 401",
    ),
    "jalinan_challenges_api_invite_experts": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_list_challenges": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_challenges_api_list_invitations": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 403 401",
    ),
    "jalinan_challenges_api_proposals_advance_proposal": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 401",
    ),
    "jalinan_challenges_api_proposals_answer_question": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_proposals_ask_question": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_proposals_create_proposal": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_proposals_decline_proposal": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_proposals_get_proposal": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 401",
    ),
    "jalinan_challenges_api_proposals_list_proposals": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 404 200 401",
    ),
    "jalinan_challenges_api_proposals_list_questions": (
        "OIL+ict_acad+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 200 401",
    ),
    "jalinan_challenges_api_proposals_review_proposal": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_proposals_select_proposal": (
        "OIL+third_partner",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 200 401",
    ),
    "jalinan_challenges_api_proposals_submit_proposal": (
        "ict_acad",
        "403 403 404 404 404 404 404 404 404 404 404 404 404 422 404 403 401",
    ),
    "jalinan_challenges_api_proposals_withdraw_proposal": (
        "ict_acad",
        "403 403 404 404 404 404 404 404 404 404 404 404 404 200 404 403 401",
    ),
    "jalinan_challenges_api_publish_challenge": (
        "NOBODY_ON_GET",
        "403 403 404 404 404 404 404 404 404 404 404 404 404 403 404 403 401",
    ),
    "jalinan_challenges_api_ranked_experts": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 403 401",
    ),
    "jalinan_challenges_api_return_challenge": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_challenges_api_submit_challenge": (
        "NOBODY_ON_GET",
        "403 403 404 404 404 404 404 404 404 404 404 404 404 403 404 403 401",
    ),
    "jalinan_challenges_api_update_challenge": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 403 404 403 401",
    ),
    "jalinan_engagements_api_create_activity": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_engagements_api_delete_activity": (
        "OIL+ict_acad+ict_coord",
        "204 204 403 403 404 403 403 403 403 404 404 404 403 204 204 403 401",
    ),
    "jalinan_engagements_api_download_attachment": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+ict_acad+ict_coord",
        "200 200 200 200 404 200 200 200 200 404 404 404 404 200 200 404 401",
    ),
    "jalinan_engagements_api_get_activity": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 200 200 200 404 404 404 200 200 200 200 401",
    ),
    "jalinan_engagements_api_list_activities": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_engagements_api_list_attachments": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 200 200 200 404 404 404 200 200 200 200 401",
    ),
    "jalinan_engagements_api_update_activity": (
        "OIL+ict_acad+ict_coord",
        "200 200 403 403 404 403 403 403 403 404 404 404 403 200 200 403 401",
    ),
    "jalinan_experts_api_create_publication": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_experts_api_delete_publication": (
        "OIL+ict_acad+ict_coord",
        "204 204 404 404 404 404 404 404 404 404 404 404 404 204 204 404 401",
    ),
    "jalinan_experts_api_get_profile": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 401",
    ),
    "jalinan_experts_api_list_profiles": (
        "OIL+coord+acad+stud+mcom+legal+ipc+mgmt+partner+other_partner+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 200 200 200 200 200 200 200 404 200 200 200 200 401",
    ),
    "jalinan_experts_api_list_publications": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 401",
    ),
    "jalinan_experts_api_search": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_experts_api_similar": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 401",
    ),
    "jalinan_experts_api_update_profile": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 401",
    ),
    "jalinan_experts_api_update_publication": (
        "OIL+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 200 200 404 401",
    ),
    "jalinan_partners_api_create_contact": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_partners_api_create_organisation": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_partners_api_delete_contact": (
        "OIL+third_partner",
        "204 204 403 404 404 404 404 404 403 404 404 404 404 404 403 204 401",
    ),
    "jalinan_partners_api_get_organisation": (
        "OIL+coord+acad+mcom+ipc+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 404 200 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_partners_api_list_contacts": (
        "OIL+coord+mgmt+ict_coord+third_partner",
        "200 200 200 403 404 403 404 403 200 404 404 404 404 403 200 200 401",
    ),
    "jalinan_partners_api_list_organisations": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_partners_api_organisation_duplicates": (
        "OIL_ONLY",
        "200 200 403 403 404 403 404 403 403 404 404 404 404 403 403 403 401",
    ),
    "jalinan_partners_api_update_contact": (
        "OIL+third_partner",
        "200 200 403 404 404 404 404 404 403 404 404 404 404 404 403 200 401",
    ),
    "jalinan_partners_api_update_organisation": (
        "OIL+third_partner",
        "200 200 403 403 404 403 404 403 403 404 404 404 404 403 403 200 401",
    ),
    "jalinan_pipeline_api_create_opportunity": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_pipeline_api_get_funnel": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 401",
    ),
    "jalinan_pipeline_api_get_opportunity": (
        "OIL+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 404 404 404 404 200 404 401",
    ),
    "jalinan_pipeline_api_list_opportunities": (
        "OIL+coord+ict_coord",
        "200 200 200 404 404 404 404 404 404 404 404 404 404 404 200 404 401",
    ),
    "jalinan_pipeline_api_move_opportunity": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_placements_api_apply": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_placements_api_approve_opening": (
        "OIL_ONLY",
        "200 200 404 404 404 404 404 404 404 403 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_close_opening": (
        "NOBODY_ON_GET",
        "403 403 404 404 404 404 404 404 404 403 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_create_opening": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_placements_api_employability": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 403 403 403 404 403 200 403 403 404 403 403 200 403 401",
    ),
    "jalinan_placements_api_get_application": (
        "OIL+other_partner+student2+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 404 200 404 401",
    ),
    "jalinan_placements_api_get_opening": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_get_placement": (
        "OIL+other_partner+student2+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 200 200 404 401",
    ),
    "jalinan_placements_api_list_applications": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_placements_api_list_logbook": (
        "OIL+other_partner+student2+ict_acad+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 200 200 200 404 401",
    ),
    "jalinan_placements_api_list_openings": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_placements_api_list_placements": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_placements_api_move_application": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_placements_api_opening_applicants": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_recommended_openings": (
        "stud+student2",
        "403 403 403 403 200 403 404 403 403 403 403 404 200 403 403 403 401",
    ),
    "jalinan_placements_api_reject_opening": (
        "OIL_ONLY",
        "422 422 404 404 404 404 404 404 404 403 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_update_opening": (
        "OIL+partner",
        "200 200 404 404 404 404 404 404 404 200 404 404 404 404 404 404 401",
    ),
    "jalinan_placements_api_update_placement": (
        "OIL+other_partner+ict_coord",
        "200 200 404 404 404 404 404 404 404 404 200 404 403 403 200 404 401",
    ),
    "jalinan_placements_api_write_logbook": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_projects_api_create_project": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_projects_api_get_project": (
        "OIL+coord+acad+mcom+legal+ipc+mgmt+student2+ict_acad+ict_coord+third_partner",
        "200 200 200 200 404 200 200 200 200 404 404 404 200 200 200 200 401",
    ),
    "jalinan_projects_api_list_projects": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_projects_api_update_project": (
        "OIL+ict_acad+ict_coord",
        "200 200 403 403 404 403 403 403 403 404 404 404 403 200 200 403 401",
    ),
    "jalinan_reports_api_get_chart": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 401",
    ),
    "jalinan_reports_api_get_dashboard": (
        "OIL+coord+mgmt+ict_coord",
        "200 200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 401",
    ),
    "jalinan_sdgs_api_add_tag": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_sdgs_api_classify": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_sdgs_api_decide_tag": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_sdgs_api_get_goal": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_sdgs_api_list_goals": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_sdgs_api_list_targets": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_sdgs_api_record_tags": (
        "OIL+mcom+legal+mgmt+ict_acad+ict_coord+third_partner",
        "200 200 404 404 404 200 200 404 200 404 404 404 404 200 200 200 401",
    ),
    "jalinan_technologies_api_create_disclosure": (
        "AUTHENTICATED",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 401",
    ),
    "jalinan_technologies_api_get_asset": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 401",
    ),
    "jalinan_technologies_api_get_disclosure": (
        "OIL+ipc+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 404 200 404 404 401",
    ),
    "jalinan_technologies_api_list_assets": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 401",
    ),
    "jalinan_technologies_api_list_disclosures": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_technologies_api_submit_disclosure": (
        "NOBODY_ON_GET",
        "403 403 404 404 404 404 404 403 404 404 404 404 404 403 404 404 401",
    ),
    "jalinan_technologies_api_transfer_catalogue_detail": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_technologies_api_transfer_catalogue_search": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_technologies_api_transfer_enquiry_create": (
        "PUBLIC",
        "422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422 422",
    ),
    "jalinan_technologies_api_transfer_enquiry_token": (
        "PUBLIC",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "jalinan_technologies_api_transfer_licence_detail": (
        "OIL+ipc+student2+ict_acad+third_partner",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 200 401",
    ),
    "jalinan_technologies_api_transfer_licence_list": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_technologies_api_transfer_licence_payments": (
        "OIL+ipc+student2+ict_acad+third_partner",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 200 401",
    ),
    "jalinan_technologies_api_transfer_payment_list": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_technologies_api_transfer_spinoff_list": (
        "AUTHENTICATED",
        "200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 401",
    ),
    "jalinan_technologies_api_upcoming_deadlines": (
        "OIL+ipc+student2+ict_acad",
        "200 200 404 404 404 404 404 200 404 404 404 404 200 200 404 404 401",
    ),
}


ADMIN_SAMPLE = ["admin:index", "admin:accounts_user_changelist", "admin:auth_group_changelist"]


def _routes():
    return {
        n: p
        for n, p in url_routes().items()
        if not n.startswith("admin:") and not n.startswith("api:")
    }


def _cells(row) -> dict[str, tuple[str, str | None]]:
    """``{visitor: (GET, POST or None)}`` of a table row."""
    cells = row[1].split()
    assert len(cells) == len(VISITORS), row
    out = {}
    for visitor, cell in zip(VISITORS, cells, strict=True):
        get, _, post = cell.partition("/")
        out[visitor] = (get, post or (get if get in REFUSED else None))
    return out


def test_every_route_and_operation_is_classified():
    routes, ops = _routes(), api_operations()
    assert set(routes) == set(ROUTES), (
        f"routes without a row: {sorted(set(routes) - set(ROUTES))}; "
        f"stale rows: {sorted(set(ROUTES) - set(routes))}"
    )
    assert set(ops) == set(OPERATIONS), (
        f"operations without a row: {sorted(set(ops) - set(OPERATIONS))}; "
        f"stale rows: {sorted(set(OPERATIONS) - set(ops))}"
    )
    for name, pattern in routes.items():
        if pattern.pattern.converters or pattern.pattern.regex.groupindex:
            assert name in KWARGS, f"{name}: no kwargs in matrix_cases.KWARGS"
    for _method, path in ops.values():
        for part in path.split("{")[1:]:
            assert part.split("}")[0] in API_PARAMS, path
    for row in [*ROUTES.values(), *OPERATIONS.values()]:
        _cells(row)


def _status(response) -> str:
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return "L"
    return str(response.status_code)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _attempt(client, method, url, body, content_type):
    """The response and the writes of one request, rolled back afterwards."""
    with transaction.atomic():
        with database_writes() as writes:
            response = client.generic(method, url, body, content_type=content_type)
        transaction.set_rollback(True)
    return response, writes


@pytest.fixture
def clients(cast):
    out = {}
    for name, user in visitors(cast).items():
        out[name] = Client()
        if user is not None:
            out[name].force_login(user)
    return out


def _fill_session(client, w):
    """Put in a signed-in visitor's session what the world keeps there (an import preview)."""
    session = client.session
    session.update(w["expert_import_session"])
    session.save()


@pytest.mark.slow
def test_every_visitor_across_every_route_and_operation(cast, world, clients):
    w = dict(world, _cast=cast)
    users = visitors(cast)
    wrong, checks = [], 0
    urls = {n: route_url(n, w) for n in _routes()}
    for visitor, user in users.items():
        if user is not None:
            _fill_session(clients[visitor], w)

    # Pages (GET) first: the POSTs below may remove stored files that a download reads.
    for name in sorted(urls):
        for visitor, (get, _post) in _cells(ROUTES[name]).items():
            if visitor == "outsider":
                continue  # below, through outsider_sweep
            response = clients[visitor].get(urls[name])
            checks += 1
            if _status(response) != get:
                wrong.append((name, visitor, "GET", get, _status(response)))
            if get in REFUSED and response.status_code == 200:
                wrong.append((name, visitor, "let in"))

    # The outsider's pass is the sweep every app's pages get (jalinan.core.testing): refused
    # with a form-shaped body and writing nothing, and on the public pages (where the outsider
    # and a visitor get the same) shown no more than a visitor.
    outsider = {n: _cells(ROUTES[n])["outsider"] for n in urls}
    public = {n for n in urls if outsider[n] == _cells(ROUTES[n])["anonymous"]}
    found = outsider_sweep(
        clients["outsider"],
        clients["anonymous"],
        urls,
        outsider,
        public=public - {n for n in public if refused_cell(outsider[n])},
        post_data=outsider_form,
        secret=SECRET,
    )
    checks += len(urls)
    wrong += [(name, "outsider", *problem) for name, *problem in found]

    params = {k: f(w) for k, f in API_PARAMS.items()}
    for op_id, (method, path) in sorted(api_operations().items()):
        url = api_url(path, params)
        for visitor, (expected, _) in _cells(OPERATIONS[op_id]).items():
            response, writes = _attempt(clients[visitor], method, url, "{}", "application/json")
            checks += 1
            if _status(response) != expected:
                wrong.append((op_id, visitor, method, expected, _status(response)))
            if writes and expected in REFUSED | {"422"}:
                wrong.append((op_id, visitor, "refused but wrote", writes[:1]))

    for name in sorted(urls):
        if name == "account_logout":
            continue
        for visitor, (_get, post) in _cells(ROUTES[name]).items():
            if post is None:
                continue  # allowed on GET: its writes are the app's own tests' business
            if visitor == "outsider" and refused_cell((_get, post)):
                continue  # POSTed by outsider_sweep above
            client = clients[visitor]
            body = POST_BODY.get(name, "x=1")
            response, writes = _attempt(
                client, "POST", urls[name], body, "application/x-www-form-urlencoded"
            )
            checks += 1
            if _status(response) != post:
                wrong.append((name, visitor, "POST", post, _status(response)))
            if writes and post in REFUSED:
                wrong.append((name, visitor, "refused but wrote", writes[:1]))
            if users[visitor] is not None and "_auth_user_id" not in client.session:
                client.force_login(users[visitor])
                _fill_session(client, w)

    print(
        f"authorization matrix: {len(urls)} routes and {len(OPERATIONS)} API operations x "
        f"{len(VISITORS)} visitors, {checks} requests checked"
    )
    assert wrong == [], "\n".join(map(str, wrong))


LISTS = [
    "agreements:memorandum_list",
    "challenges:challenge_list",
    "placements:outcome_list",
    "pipeline:opportunity_list",
    "technologies:technology_list",
    "technologies:licence_list",
    "technologies:payment_list",
    "experts:search",
]


@pytest.mark.slow
def test_lists_and_exports_show_no_confidential_row_to_who_may_not_see_it(cast, world, clients):
    """A list page and its CSV export show no row of a confidential record (another KCDIO's
    memoranda and opportunities, a confidential or unpublished challenge of another company,
    another student's outcome, an unpublished offer of other inventors) to these visitors, who
    may open none of them (checked to fail with another KCDIO's coordinator among them)."""
    seen = []
    for name in LISTS:
        for suffix in ("", "?export=csv"):
            url = reverse(name) + suffix
            for visitor in ("academic", "student", "partner_user", "other_partner", "coordinator"):
                response = clients[visitor].get(url)
                if response.status_code == 200 and SECRET in _body(response):
                    seen.append((url, visitor))
    assert seen == []


def test_admin_is_for_superusers_only(cast):
    """The Django admin, as one class, sampled: the outsider, the office and a visitor are
    sent to the admin's sign-in page."""
    for name in ADMIN_SAMPLE:
        url = reverse(name)
        assert "/login/" in Client().get(url).get("Location", ""), name
        for who in ("outsider", "officer", "oil_admin"):
            client = Client()
            client.force_login(cast[who])
            got = client.get(url)
            assert got.status_code == 302 and "/login/" in got["Location"], (name, who)
