"""The authorization matrix: every route of the URL conf and every operation of the OpenAPI
schema, requested by a signed-in user with no role (the outsider) and by an anonymous visitor,
on records that belong to someone else (``world.py``, ``matrix_cases.py``).

A route or operation added later fails ``test_every_route_and_operation_is_classified`` until it
has a row below. A refused POST (or PATCH, DELETE) must write nothing
(``jalinan.core.testing.database_writes``); every attempt runs in a savepoint rolled back
afterwards, so the world stays the same for the next. A 200 answer must not show the
confidential marker of any record (lists and exports answer empty, not with someone else's rows).

Not covered yet (see the report of this branch): the other roles of the cast (officer,
coordinator, academic, student, partner users...), each with its own expected column; the
Django admin is covered as one class (superusers only), sampled.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from jalinan.core.testing import database_writes

from .matrix import api_operations, api_url, route_url, url_routes
from .matrix_cases import API_PARAMS, KWARGS
from .world import SECRET

pytestmark = pytest.mark.django_db

LOGIN = "LOGIN"

# Routes any signed-in user may use for their own account (the writes are theirs).
OWN_ACCOUNT_WRITES = {"core:notification_read"}

# Observed on the world and reviewed: route -> (outsider GET, outsider POST, visitor GET,
# visitor POST); LOGIN = a redirect to the sign-in page.
EXPECTED = {
    "account_change_password": (200, 200, "LOGIN", "LOGIN"),
    "account_confirm_email": (200, 404, 200, 404),
    "account_confirm_login_code": (302, 302, "LOGIN", "LOGIN"),
    "account_email": (200, 302, "LOGIN", "LOGIN"),
    "account_email_verification_sent": (200, 405, 200, 405),
    "account_inactive": (200, 405, 200, 405),
    "account_login": (302, 302, 200, 200),
    "account_logout": (200, 302, 302, 302),
    "account_reauthenticate": (200, 200, "LOGIN", "LOGIN"),
    "account_reset_password": (200, 200, 200, 200),
    "account_reset_password_done": (200, 405, 200, 405),
    "account_reset_password_from_key": (200, 200, 200, 200),
    "account_reset_password_from_key_done": (200, 405, 200, 405),
    "account_set_password": (302, 302, "LOGIN", "LOGIN"),
    "account_signup": (302, 302, 200, 200),
    "accounts:approval_decide": (405, 404, "LOGIN", "LOGIN"),
    "accounts:approval_list": (404, 404, "LOGIN", "LOGIN"),
    "accounts:invitation_accept": (404, 404, 404, 404),
    "accounts:invitation_list": (404, 404, "LOGIN", "LOGIN"),
    "accounts:invitation_resend": (405, 404, "LOGIN", "LOGIN"),
    "accounts:invitation_revoke": (405, 404, "LOGIN", "LOGIN"),
    "accounts:profile": (200, 200, "LOGIN", "LOGIN"),
    "accounts:set_language": (405, 302, 405, 302),
    "accounts:token_revoke": (405, 404, "LOGIN", "LOGIN"),
    "accounts:unit_create": (404, 404, "LOGIN", "LOGIN"),
    "accounts:unit_list": (404, 404, "LOGIN", "LOGIN"),
    "accounts:unit_update": (404, 404, "LOGIN", "LOGIN"),
    "accounts:user_list": (404, 404, "LOGIN", "LOGIN"),
    "accounts:user_update": (404, 404, "LOGIN", "LOGIN"),
    "agreements:deliverable_create": (404, 404, "LOGIN", "LOGIN"),
    "agreements:deliverable_update": (404, 404, "LOGIN", "LOGIN"),
    "agreements:document_add": (404, 404, "LOGIN", "LOGIN"),
    "agreements:document_download": (404, 404, "LOGIN", "LOGIN"),
    "agreements:health_list": (404, 404, "LOGIN", "LOGIN"),
    "agreements:mcom_agenda": (404, 404, "LOGIN", "LOGIN"),
    "agreements:mcom_agenda_pdf": (404, 404, "LOGIN", "LOGIN"),
    "agreements:mcom_minutes_pdf": (404, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_create": (404, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_detail": (404, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_list": (404, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_nudge": (405, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_transition": (404, 404, "LOGIN", "LOGIN"),
    "agreements:memorandum_update": (404, 404, "LOGIN", "LOGIN"),
    "agreements:signatory_add": (404, 404, "LOGIN", "LOGIN"),
    "agreements:signatory_remove": (405, 404, "LOGIN", "LOGIN"),
    "agreements:type_create": (404, 404, "LOGIN", "LOGIN"),
    "agreements:type_list": (404, 404, "LOGIN", "LOGIN"),
    "agreements:type_update": (404, 404, "LOGIN", "LOGIN"),
    "challenges:attachment_add": (404, 404, "LOGIN", "LOGIN"),
    "challenges:attachment_download": (404, 404, 404, 404),
    "challenges:attachment_remove": (405, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_cancel": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_close": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_create": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_detail": (404, 404, 404, 404),
    "challenges:challenge_for_me": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_invite": (405, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_list": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_open": (200, 200, 200, 200),
    "challenges:challenge_publish": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_return": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_submit": (404, 404, "LOGIN", "LOGIN"),
    "challenges:challenge_update": (404, 404, "LOGIN", "LOGIN"),
    "challenges:invitation_respond": (405, 404, "LOGIN", "LOGIN"),
    "challenges:proposal_create": (404, 404, "LOGIN", "LOGIN"),
    "challenges:proposal_detail": (404, 404, "LOGIN", "LOGIN"),
    "challenges:proposal_submit": (405, 404, "LOGIN", "LOGIN"),
    "challenges:proposal_update": (404, 404, "LOGIN", "LOGIN"),
    "challenges:proposal_withdraw": (405, 404, "LOGIN", "LOGIN"),
    "challenges:question_answer": (405, 404, "LOGIN", "LOGIN"),
    "challenges:question_ask": (405, 404, "LOGIN", "LOGIN"),
    "challenges:review_advance": (405, 404, "LOGIN", "LOGIN"),
    "challenges:review_board": (404, 404, "LOGIN", "LOGIN"),
    "challenges:review_decline": (404, 404, "LOGIN", "LOGIN"),
    "challenges:review_score": (405, 404, "LOGIN", "LOGIN"),
    "challenges:review_select": (404, 404, "LOGIN", "LOGIN"),
    "core:audit_list": (404, 404, "LOGIN", "LOGIN"),
    "core:institution_edit": (404, 404, "LOGIN", "LOGIN"),
    "core:notification_list": (200, 200, "LOGIN", "LOGIN"),
    "core:notification_read": (405, 302, "LOGIN", "LOGIN"),
    "engagements:activity_calendar": (404, 404, "LOGIN", "LOGIN"),
    "engagements:activity_create": (404, 404, "LOGIN", "LOGIN"),
    "engagements:activity_delete": (405, 404, "LOGIN", "LOGIN"),
    "engagements:activity_detail": (404, 404, "LOGIN", "LOGIN"),
    "engagements:activity_list": (404, 404, "LOGIN", "LOGIN"),
    "engagements:activity_update": (404, 404, "LOGIN", "LOGIN"),
    "engagements:attachment_add": (404, 404, "LOGIN", "LOGIN"),
    "engagements:attachment_delete": (405, 404, "LOGIN", "LOGIN"),
    "engagements:attachment_download": (404, 404, "LOGIN", "LOGIN"),
    "experts:import_preview": (404, 404, "LOGIN", "LOGIN"),
    "experts:import_template": (404, 404, "LOGIN", "LOGIN"),
    "experts:import_upload": (404, 404, "LOGIN", "LOGIN"),
    "experts:my_profile": (404, 404, "LOGIN", "LOGIN"),
    "experts:profile_detail": (404, 404, "LOGIN", "LOGIN"),
    "experts:profile_edit": (404, 404, "LOGIN", "LOGIN"),
    "experts:profile_similar": (404, 404, "LOGIN", "LOGIN"),
    "experts:project_create": (404, 404, "LOGIN", "LOGIN"),
    "experts:project_delete": (405, 404, "LOGIN", "LOGIN"),
    "experts:project_edit": (404, 404, "LOGIN", "LOGIN"),
    "experts:public_profile": (404, 404, 404, 404),
    "experts:publication_create": (404, 404, "LOGIN", "LOGIN"),
    "experts:publication_delete": (405, 404, "LOGIN", "LOGIN"),
    "experts:publication_edit": (404, 404, "LOGIN", "LOGIN"),
    "experts:search": (404, 404, "LOGIN", "LOGIN"),
    "javascript-catalog": (200, 405, 200, 405),
    "mfa_activate_totp": (302, 302, "LOGIN", "LOGIN"),
    "mfa_authenticate": (302, 302, "LOGIN", "LOGIN"),
    "mfa_deactivate_totp": (404, 404, "LOGIN", "LOGIN"),
    "mfa_download_recovery_codes": (404, 404, "LOGIN", "LOGIN"),
    "mfa_generate_recovery_codes": (302, 302, "LOGIN", "LOGIN"),
    "mfa_index": (200, 405, "LOGIN", "LOGIN"),
    "mfa_reauthenticate": (302, 302, "LOGIN", "LOGIN"),
    "mfa_view_recovery_codes": (404, 405, "LOGIN", "LOGIN"),
    "partners:check_duplicates": (404, 404, "LOGIN", "LOGIN"),
    "partners:contact_create": (404, 404, "LOGIN", "LOGIN"),
    "partners:contact_delete": (405, 404, "LOGIN", "LOGIN"),
    "partners:contact_update": (404, 404, "LOGIN", "LOGIN"),
    "partners:import_template": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_create": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_detail": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_import": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_import_preview": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_list": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_merge": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_update": (404, 404, "LOGIN", "LOGIN"),
    "partners:organisation_vet": (405, 404, "LOGIN", "LOGIN"),
    "pipeline:board": (404, 404, "LOGIN", "LOGIN"),
    "pipeline:enquire": (200, 200, 200, 200),
    "pipeline:enquire_suggest": (405, 200, 405, 200),
    "pipeline:enquire_thanks": (302, 302, 302, 302),
    "pipeline:funnel": (404, 404, "LOGIN", "LOGIN"),
    "pipeline:opportunity_create": (404, 404, "LOGIN", "LOGIN"),
    "pipeline:opportunity_detail": (404, 404, "LOGIN", "LOGIN"),
    "pipeline:opportunity_list": (404, 404, "LOGIN", "LOGIN"),
    "pipeline:opportunity_move": (405, 404, "LOGIN", "LOGIN"),
    "pipeline:opportunity_update": (404, 404, "LOGIN", "LOGIN"),
    "placements:application_create": (404, 404, "LOGIN", "LOGIN"),
    "placements:application_detail": (404, 404, "LOGIN", "LOGIN"),
    "placements:application_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:application_move": (405, 404, "LOGIN", "LOGIN"),
    "placements:cv_download": (404, 404, "LOGIN", "LOGIN"),
    "placements:cv_remove": (405, 404, "LOGIN", "LOGIN"),
    "placements:evaluate": (404, 404, 404, 404),
    "placements:evaluation_link_send": (405, 404, "LOGIN", "LOGIN"),
    "placements:feedback": (404, 404, "LOGIN", "LOGIN"),
    "placements:logbook_review": (405, 404, "LOGIN", "LOGIN"),
    "placements:logbook_review_all": (405, 404, "LOGIN", "LOGIN"),
    "placements:logbook_write": (404, 404, "LOGIN", "LOGIN"),
    "placements:my_outcome": (404, 404, "LOGIN", "LOGIN"),
    "placements:my_profile": (404, 404, "LOGIN", "LOGIN"),
    "placements:opening_approve": (405, 404, "LOGIN", "LOGIN"),
    "placements:opening_close": (405, 404, "LOGIN", "LOGIN"),
    "placements:opening_create": (404, 404, "LOGIN", "LOGIN"),
    "placements:opening_detail": (404, 404, "LOGIN", "LOGIN"),
    "placements:opening_eligible": (404, 404, "LOGIN", "LOGIN"),
    "placements:opening_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:opening_reject": (405, 404, "LOGIN", "LOGIN"),
    "placements:opening_update": (404, 404, "LOGIN", "LOGIN"),
    "placements:outcome_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:outcome_record": (404, 404, "LOGIN", "LOGIN"),
    "placements:overdue": (404, 404, "LOGIN", "LOGIN"),
    "placements:overview": (404, 404, "LOGIN", "LOGIN"),
    "placements:placement_detail": (404, 404, "LOGIN", "LOGIN"),
    "placements:placement_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:placement_update": (404, 404, "LOGIN", "LOGIN"),
    "placements:profile_detail": (404, 404, "LOGIN", "LOGIN"),
    "placements:profile_edit": (404, 404, "LOGIN", "LOGIN"),
    "placements:profile_edit_for": (404, 404, "LOGIN", "LOGIN"),
    "placements:programme_create": (404, 404, "LOGIN", "LOGIN"),
    "placements:programme_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:programme_update": (404, 404, "LOGIN", "LOGIN"),
    "placements:ratings": (404, 404, "LOGIN", "LOGIN"),
    "placements:rubric_create": (404, 404, "LOGIN", "LOGIN"),
    "placements:rubric_list": (404, 404, "LOGIN", "LOGIN"),
    "placements:rubric_update": (404, 404, "LOGIN", "LOGIN"),
    "portal:home": (200, 200, 200, 200),
    "portal:my_work": (200, 200, "LOGIN", "LOGIN"),
    "projects:funding_add": (404, 404, "LOGIN", "LOGIN"),
    "projects:funding_remove": (405, 404, "LOGIN", "LOGIN"),
    "projects:income_add": (404, 404, "LOGIN", "LOGIN"),
    "projects:income_remove": (405, 404, "LOGIN", "LOGIN"),
    "projects:member_add": (404, 404, "LOGIN", "LOGIN"),
    "projects:member_remove": (405, 404, "LOGIN", "LOGIN"),
    "projects:milestone_add": (404, 404, "LOGIN", "LOGIN"),
    "projects:milestone_delete": (405, 404, "LOGIN", "LOGIN"),
    "projects:milestone_done": (405, 404, "LOGIN", "LOGIN"),
    "projects:milestone_update": (404, 404, "LOGIN", "LOGIN"),
    "projects:output_add": (404, 404, "LOGIN", "LOGIN"),
    "projects:output_remove": (405, 404, "LOGIN", "LOGIN"),
    "projects:project_create": (404, 404, "LOGIN", "LOGIN"),
    "projects:project_detail": (404, 404, "LOGIN", "LOGIN"),
    "projects:project_list": (404, 404, "LOGIN", "LOGIN"),
    "projects:project_status": (405, 404, "LOGIN", "LOGIN"),
    "projects:project_update": (404, 404, "LOGIN", "LOGIN"),
    "reports:chart_csv": (404, 404, "LOGIN", "LOGIN"),
    "reports:dashboard": (404, 404, "LOGIN", "LOGIN"),
    "reports:document_download": (404, 404, "LOGIN", "LOGIN"),
    "reports:documents": (404, 404, "LOGIN", "LOGIN"),
    "sdgs:classify": (200, 200, "LOGIN", "LOGIN"),
    "sdgs:goal_detail": (200, 200, 200, 200),
    "sdgs:goal_index": (200, 200, 200, 200),
    "sdgs:review": (404, 404, "LOGIN", "LOGIN"),
    "sdgs:tag_add": (405, 404, "LOGIN", "LOGIN"),
    "sdgs:tag_decide": (405, 404, "LOGIN", "LOGIN"),
    "sdgs:tag_decide_all": (405, 404, "LOGIN", "LOGIN"),
    "set_language": (302, 302, 302, 302),
    "technologies:asset_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:asset_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:asset_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:asset_update": (404, 404, "LOGIN", "LOGIN"),
    "technologies:catalogue": (200, 200, 200, 200),
    "technologies:catalogue_detail": (200, 400, 200, 400),
    "technologies:catalogue_image": (404, 404, 404, 404),
    "technologies:catalogue_thanks": (302, 302, 302, 302),
    "technologies:deadline_add": (404, 404, "LOGIN", "LOGIN"),
    "technologies:deadline_done": (405, 404, "LOGIN", "LOGIN"),
    "technologies:deadline_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:deadline_reopen": (405, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_decide": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_queue": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_start_assessment": (405, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_submit": (405, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_update": (404, 404, "LOGIN", "LOGIN"),
    "technologies:disclosure_warnings": (404, 404, "LOGIN", "LOGIN"),
    "technologies:enquiry_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:enquiry_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:enquiry_open_nda": (405, 404, "LOGIN", "LOGIN"),
    "technologies:licence_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:licence_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:licence_draft_agreement": (405, 404, "LOGIN", "LOGIN"),
    "technologies:licence_edit": (404, 404, "LOGIN", "LOGIN"),
    "technologies:licence_link_agreement": (404, 404, "LOGIN", "LOGIN"),
    "technologies:licence_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:payment_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:payment_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:policy_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:spinoff_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:spinoff_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:spinoff_edit": (404, 404, "LOGIN", "LOGIN"),
    "technologies:spinoff_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:technology_create": (404, 404, "LOGIN", "LOGIN"),
    "technologies:technology_detail": (404, 404, "LOGIN", "LOGIN"),
    "technologies:technology_edit": (404, 404, "LOGIN", "LOGIN"),
    "technologies:technology_image_add": (405, 404, "LOGIN", "LOGIN"),
    "technologies:technology_image_remove": (405, 404, "LOGIN", "LOGIN"),
    "technologies:technology_list": (404, 404, "LOGIN", "LOGIN"),
    "technologies:technology_publish": (405, 404, "LOGIN", "LOGIN"),
    "technologies:technology_withdraw": (405, 404, "LOGIN", "LOGIN"),
}

API_EXPECTED = {
    "jalinan_accounts_api_me": (200, 401),
    "jalinan_agreements_api_create_deliverable": (422, 401),
    "jalinan_agreements_api_create_memorandum": (422, 401),
    "jalinan_agreements_api_download_document": (404, 401),
    "jalinan_agreements_api_get_memorandum": (404, 401),
    "jalinan_agreements_api_history": (404, 401),
    "jalinan_agreements_api_list_deliverables": (404, 401),
    "jalinan_agreements_api_list_documents": (404, 401),
    "jalinan_agreements_api_list_memoranda": (200, 401),
    "jalinan_agreements_api_list_types": (404, 401),
    "jalinan_agreements_api_take_step": (404, 401),
    "jalinan_agreements_api_update_memorandum": (422, 401),
    "jalinan_agreements_api_upload_document": (422, 401),
    "jalinan_challenges_api_cancel_challenge": (422, 401),
    "jalinan_challenges_api_close_challenge": (404, 401),
    "jalinan_challenges_api_create_challenge": (422, 401),
    "jalinan_challenges_api_for_me": (404, 401),
    "jalinan_challenges_api_get_challenge": (404, 401),
    "jalinan_challenges_api_invite_experts": (422, 401),
    "jalinan_challenges_api_list_challenges": (200, 401),
    "jalinan_challenges_api_list_invitations": (404, 401),
    "jalinan_challenges_api_proposals_advance_proposal": (404, 401),
    "jalinan_challenges_api_proposals_answer_question": (422, 401),
    "jalinan_challenges_api_proposals_ask_question": (422, 401),
    "jalinan_challenges_api_proposals_create_proposal": (422, 401),
    "jalinan_challenges_api_proposals_decline_proposal": (422, 401),
    "jalinan_challenges_api_proposals_get_proposal": (404, 401),
    "jalinan_challenges_api_proposals_list_proposals": (404, 401),
    "jalinan_challenges_api_proposals_list_questions": (404, 401),
    "jalinan_challenges_api_proposals_review_proposal": (422, 401),
    "jalinan_challenges_api_proposals_select_proposal": (404, 401),
    "jalinan_challenges_api_proposals_submit_proposal": (404, 401),
    "jalinan_challenges_api_proposals_withdraw_proposal": (404, 401),
    "jalinan_challenges_api_publish_challenge": (404, 401),
    "jalinan_challenges_api_ranked_experts": (404, 401),
    "jalinan_challenges_api_return_challenge": (422, 401),
    "jalinan_challenges_api_submit_challenge": (404, 401),
    "jalinan_challenges_api_update_challenge": (404, 401),
    "jalinan_engagements_api_create_activity": (422, 401),
    "jalinan_engagements_api_delete_activity": (404, 401),
    "jalinan_engagements_api_download_attachment": (404, 401),
    "jalinan_engagements_api_get_activity": (404, 401),
    "jalinan_engagements_api_list_activities": (200, 401),
    "jalinan_engagements_api_list_attachments": (404, 401),
    "jalinan_engagements_api_update_activity": (404, 401),
    "jalinan_experts_api_create_publication": (422, 401),
    "jalinan_experts_api_delete_publication": (404, 401),
    "jalinan_experts_api_get_profile": (404, 401),
    "jalinan_experts_api_list_profiles": (404, 401),
    "jalinan_experts_api_list_publications": (404, 401),
    "jalinan_experts_api_search": (422, 401),
    "jalinan_experts_api_similar": (404, 401),
    "jalinan_experts_api_update_profile": (404, 401),
    "jalinan_experts_api_update_publication": (404, 401),
    "jalinan_partners_api_create_contact": (422, 401),
    "jalinan_partners_api_create_organisation": (422, 401),
    "jalinan_partners_api_delete_contact": (404, 401),
    "jalinan_partners_api_get_organisation": (404, 401),
    "jalinan_partners_api_list_contacts": (404, 401),
    "jalinan_partners_api_list_organisations": (200, 401),
    "jalinan_partners_api_organisation_duplicates": (404, 401),
    "jalinan_partners_api_update_contact": (404, 401),
    "jalinan_partners_api_update_organisation": (404, 401),
    "jalinan_pipeline_api_create_opportunity": (422, 401),
    "jalinan_pipeline_api_get_funnel": (404, 401),
    "jalinan_pipeline_api_get_opportunity": (404, 401),
    "jalinan_pipeline_api_list_opportunities": (404, 401),
    "jalinan_pipeline_api_move_opportunity": (422, 401),
    "jalinan_placements_api_apply": (422, 401),
    "jalinan_placements_api_approve_opening": (404, 401),
    "jalinan_placements_api_close_opening": (404, 401),
    "jalinan_placements_api_create_opening": (422, 401),
    "jalinan_placements_api_employability": (404, 401),
    "jalinan_placements_api_get_application": (404, 401),
    "jalinan_placements_api_get_opening": (404, 401),
    "jalinan_placements_api_get_placement": (404, 401),
    "jalinan_placements_api_list_applications": (200, 401),
    "jalinan_placements_api_list_logbook": (404, 401),
    "jalinan_placements_api_list_openings": (200, 401),
    "jalinan_placements_api_list_placements": (200, 401),
    "jalinan_placements_api_move_application": (422, 401),
    "jalinan_placements_api_opening_applicants": (404, 401),
    "jalinan_placements_api_recommended_openings": (404, 401),
    "jalinan_placements_api_reject_opening": (404, 401),
    "jalinan_placements_api_update_opening": (404, 401),
    "jalinan_placements_api_update_placement": (404, 401),
    "jalinan_placements_api_write_logbook": (422, 401),
    "jalinan_projects_api_create_project": (422, 401),
    "jalinan_projects_api_get_project": (404, 401),
    "jalinan_projects_api_list_projects": (200, 401),
    "jalinan_projects_api_update_project": (404, 401),
    "jalinan_reports_api_get_chart": (404, 401),
    "jalinan_reports_api_get_dashboard": (404, 401),
    "jalinan_sdgs_api_add_tag": (422, 401),
    "jalinan_sdgs_api_classify": (422, 401),
    "jalinan_sdgs_api_decide_tag": (422, 401),
    "jalinan_sdgs_api_get_goal": (404, 404),
    "jalinan_sdgs_api_list_goals": (200, 200),
    "jalinan_sdgs_api_list_targets": (200, 200),
    "jalinan_sdgs_api_record_tags": (404, 401),
    "jalinan_technologies_api_create_disclosure": (422, 401),
    "jalinan_technologies_api_get_asset": (404, 401),
    "jalinan_technologies_api_get_disclosure": (404, 401),
    "jalinan_technologies_api_list_assets": (404, 401),
    "jalinan_technologies_api_list_disclosures": (200, 401),
    "jalinan_technologies_api_submit_disclosure": (404, 401),
    "jalinan_technologies_api_transfer_catalogue_detail": (200, 200),
    "jalinan_technologies_api_transfer_catalogue_search": (200, 200),
    "jalinan_technologies_api_transfer_enquiry_create": (422, 422),
    "jalinan_technologies_api_transfer_licence_detail": (404, 401),
    "jalinan_technologies_api_transfer_licence_list": (200, 401),
    "jalinan_technologies_api_transfer_licence_payments": (404, 401),
    "jalinan_technologies_api_transfer_payment_list": (200, 401),
    "jalinan_technologies_api_transfer_spinoff_list": (200, 401),
    "jalinan_technologies_api_upcoming_deadlines": (404, 401),
}


ADMIN_SAMPLE = ["admin:index", "admin:accounts_user_changelist", "admin:auth_group_changelist"]


def _routes():
    return {
        n: p
        for n, p in url_routes().items()
        if not n.startswith("admin:") and not n.startswith("api:")
    }


def test_every_route_and_operation_is_classified():
    routes, ops = _routes(), api_operations()
    assert set(routes) == set(EXPECTED), (
        f"routes without a row: {sorted(set(routes) - set(EXPECTED))}; "
        f"stale rows: {sorted(set(EXPECTED) - set(routes))}"
    )
    assert set(ops) == set(API_EXPECTED), (
        f"operations without a row: {sorted(set(ops) - set(API_EXPECTED))}; "
        f"stale rows: {sorted(set(API_EXPECTED) - set(ops))}"
    )
    for name, pattern in routes.items():
        if pattern.pattern.converters or pattern.pattern.regex.groupindex:
            assert name in KWARGS, f"{name}: no kwargs in matrix_cases.KWARGS"
    for _method, path in ops.values():
        for part in path.split("{")[1:]:
            assert part.split("}")[0] in API_PARAMS, path


def _status(response) -> int | str:
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


def _attempt(client, method, url, **kw):
    """The response and the writes of one request, rolled back afterwards."""
    with transaction.atomic():
        with database_writes() as writes:
            response = client.generic(method, url, **kw)
        transaction.set_rollback(True)
    return response, writes


def test_outsider_and_visitor_across_every_route(cast, world):
    w = dict(world, _cast=cast)
    outsider = Client()
    outsider.force_login(cast["outsider"])
    visitor = Client()
    wrong, checked = [], 0
    form = "x=1"
    for name in sorted(_routes()):
        url = route_url(name, KWARGS.get(name, lambda w: {})(w))
        expected = EXPECTED[name]
        for i, (who, client) in enumerate((("outsider", outsider), ("visitor", visitor))):
            got = client.get(url)
            post, writes = _attempt(
                client, "POST", url, data=form, content_type="application/x-www-form-urlencoded"
            )
            if who == "outsider" and "_auth_user_id" not in client.session:
                client.force_login(cast["outsider"])  # the sign-out page signed them out
            seen = (_status(got), _status(post))
            if seen != expected[2 * i : 2 * i + 2]:
                wrong.append((name, who, "expected", expected[2 * i : 2 * i + 2], "got", seen))
            if writes and name not in OWN_ACCOUNT_WRITES:
                wrong.append((name, who, "POST wrote", writes[:1]))
            if got.status_code == 200 and SECRET in got.content.decode(errors="replace"):
                wrong.append((name, who, "shows a confidential record"))
            checked += 1
    print(
        f"authorization matrix: {len(_routes())} routes x 2 users = {checked} checks "
        f"({2 * checked} requests, GET and POST)"
    )
    assert wrong == [], "\n".join(map(str, wrong))


def test_outsider_and_visitor_across_every_api_operation(cast, world):
    w = dict(world, _cast=cast)
    params = {k: f(w) for k, f in API_PARAMS.items()}
    outsider = Client()
    outsider.force_login(cast["outsider"])
    visitor = Client()
    wrong, checked = [], 0
    for op_id, (method, path) in sorted(api_operations().items()):
        url = api_url(path, params)
        for i, client in enumerate((outsider, visitor)):
            response, writes = _attempt(
                client, method, url, data="{}", content_type="application/json"
            )
            if response.status_code != API_EXPECTED[op_id][i]:
                wrong.append((op_id, i, "expected", API_EXPECTED[op_id][i], response.status_code))
            if writes:
                wrong.append((op_id, i, "wrote", writes[:1]))
            body = response.content.decode(errors="replace")
            if response.status_code == 200 and SECRET in body:
                wrong.append((op_id, i, "shows a confidential record"))
            checked += 1
    print(f"authorization matrix (API): {checked // 2} operations x 2 users = {checked} checks")
    assert wrong == [], "\n".join(map(str, wrong))


def test_admin_is_for_superusers_only(cast, client_for):
    """The Django admin, as one class, sampled: the outsider, the office and a visitor are
    sent to the admin's sign-in page."""
    from django.urls import reverse

    for name in ADMIN_SAMPLE:
        url = reverse(name)
        assert "/login/" in Client().get(url).get("Location", ""), name
        for who in ("outsider", "officer", "oil_admin"):
            response = Client()
            response.force_login(cast[who])
            got = response.get(url)
            assert got.status_code == 302 and "/login/" in got["Location"], (name, who)
