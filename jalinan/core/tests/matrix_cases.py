"""Where each route of the authorization matrix points: the URL kwargs of every route name and
the path parameters of every API operation, taken from the world (``world.py``). Records are
chosen to belong to someone else than most visitors: a third company, another KCDIO's academic,
a second student."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .world import EXPERT_IMPORT_KEY


def _pk(key):
    return lambda w: {"pk": w[key].pk}


def _ct_pk(key):
    return lambda w: {
        "content_type_id": ContentType.objects.get_for_model(w[key]).pk,
        "pk": w[key].pk,
    }


def _project_item(relation):
    def kwargs(w):
        item = getattr(w["project_third"], relation).order_by("pk").first()
        return {"pk": w["project_third"].pk, "item_pk": item.pk if item else 0}

    return kwargs


def _first(model_path, **filters):
    def kwargs(w):
        from django.apps import apps

        obj = apps.get_model(model_path)._default_manager.filter(**filters).order_by("pk").first()
        return {"pk": obj.pk if obj else 0}

    return kwargs


NONE = lambda w: {}  # noqa: E731

# URL name -> kwargs (a callable of the world); routes without kwargs need no entry.
KWARGS = {
    "openid_connect_login": lambda w: {"provider_id": "university"},
    "openid_connect_callback": lambda w: {"provider_id": "university"},
    "saml_acs": lambda w: {"organization_slug": "university"},
    "saml_finish_acs": lambda w: {"organization_slug": "university"},
    "saml_login": lambda w: {"organization_slug": "university"},
    "saml_metadata": lambda w: {"organization_slug": "university"},
    "saml_sls": lambda w: {"organization_slug": "university"},
    "accounts:token_revoke": _pk("api_token"),
    "accounts:user_update": lambda w: {"pk": w["_cast"]["ict_academic"].pk},
    "accounts:invitation_revoke": _pk("account_invitation"),
    "accounts:invitation_resend": _pk("account_invitation"),
    "accounts:invitation_accept": lambda w: {"token": w["account_invitation_token"]},
    "accounts:approval_decide": _pk("signup_pending"),
    "accounts:unit_update": lambda w: {"pk": w["_cast"]["unit_ict"].pk},
    "accounts:mapping_update": _first("accounts.IdentityMapping"),
    "accounts:mapping_delete": _first("accounts.IdentityMapping"),
    "account_confirm_email": lambda w: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "not-a-real-key"},
    "partners:import_template": lambda w: {"fmt": "csv"},
    "core:register_template": lambda w: {"key": "memoranda", "fmt": "csv"},
    "core:register_import": lambda w: {"key": "memoranda"},
    "core:register_preview": lambda w: {"key": "partners", "token": w["register_preview_key"]},
    "core:register_run": _pk("register_import_run"),
    "partners:organisation_detail": lambda w: {"pk": w["_cast"]["org_third"].pk},
    "partners:organisation_update": lambda w: {"pk": w["_cast"]["org_third"].pk},
    "partners:organisation_vet": lambda w: {"pk": w["_cast"]["org_third"].pk},
    "partners:organisation_merge": lambda w: {"pk": w["_cast"]["org_third"].pk},
    "partners:contact_create": lambda w: {"pk": w["_cast"]["org_third"].pk},
    "partners:contact_update": _pk("contact_third"),
    "partners:contact_delete": _pk("contact_third"),
    "experts:profile_detail": _pk("profile_ict_private"),
    "experts:public_profile": _pk("profile_academic"),
    "experts:profile_edit": _pk("profile_ict_private"),
    "experts:profile_similar": _pk("profile_ict_private"),
    "experts:publication_create": _pk("profile_ict_private"),
    "experts:profile_project_create": _pk("profile_ict_private"),
    "experts:import_upload": _pk("profile_ict_private"),
    "experts:import_preview": _pk("profile_ict_private"),
    "experts:publication_edit": _pk("publication"),
    "experts:publication_delete": _pk("publication"),
    "experts:profile_project_edit": _pk("profile_project"),
    "experts:profile_project_delete": _pk("profile_project"),
    "sdgs:goal_detail": lambda w: {"number": 9},
    "sdgs:tag_decide": _pk("sdg_tag"),
    "sdgs:tag_add": _ct_pk("memo_active_conf"),
    "sdgs:tag_decide_all": _ct_pk("memo_active_conf"),
    "agreements:type_update": _first("agreements.MemorandumType"),
    "agreements:memorandum_detail": _pk("memo_active_conf"),
    "agreements:memorandum_update": _pk("memo_draft_ict"),
    "agreements:memorandum_transition": lambda w: {
        "pk": w["memo_draft_ict"].pk,
        "action": "submit",
    },
    "agreements:memorandum_nudge": _pk("memo_active_conf"),
    "agreements:document_add": _pk("memo_draft_ict"),
    "agreements:signatory_add": _pk("memo_draft_ict"),
    "agreements:deliverable_create": _pk("memo_active_conf"),
    "agreements:document_download": _pk("doc_confidential"),
    "agreements:signatory_remove": _pk("signatory"),
    "agreements:deliverable_update": _pk("deliverable"),
    "engagements:activity_detail": _pk("activity_third"),
    "engagements:activity_update": _pk("activity_third"),
    "engagements:activity_delete": _pk("activity_third"),
    "engagements:attachment_add": _pk("activity_third"),
    "engagements:attachment_download": _pk("attachment_internal"),
    "engagements:attachment_delete": _pk("attachment_internal"),
    "pipeline:opportunity_detail": _pk("opp_ict"),
    "pipeline:opportunity_update": _pk("opp_ict"),
    "pipeline:opportunity_move": _pk("opp_ict"),
    "challenges:challenge_detail": _pk("ch_third_invited"),
    "challenges:challenge_update": _pk("ch_acme_draft"),
    "challenges:challenge_submit": _pk("ch_acme_draft"),
    "challenges:challenge_return": _pk("ch_third_submitted"),
    "challenges:challenge_publish": _pk("ch_third_submitted"),
    "challenges:challenge_close": _pk("ch_third_invited"),
    "challenges:challenge_cancel": _pk("ch_third_invited"),
    "challenges:challenge_invite": _pk("ch_third_invited"),
    "challenges:attachment_add": _pk("ch_third_invited"),
    "challenges:attachment_download": _pk("challenge_attachment"),
    "challenges:attachment_remove": _pk("challenge_attachment"),
    "challenges:invitation_respond": _pk("invitation"),
    "challenges:proposal_create": lambda w: {"challenge_pk": w["ch_third_invited"].pk},
    "challenges:proposal_detail": _pk("proposal_submitted"),
    "challenges:proposal_update": _pk("proposal_draft"),
    "challenges:proposal_submit": _pk("proposal_draft"),
    "challenges:proposal_withdraw": _pk("proposal_submitted"),
    "challenges:question_ask": lambda w: {"challenge_pk": w["ch_third_invited"].pk},
    "challenges:question_answer": _pk("question"),
    "challenges:review_board": lambda w: {"challenge_pk": w["ch_third_invited"].pk},
    "challenges:review_score": _pk("proposal_submitted"),
    "challenges:review_advance": _pk("proposal_submitted"),
    "challenges:review_decline": _pk("proposal_submitted"),
    "challenges:review_select": _pk("proposal_submitted"),
    "projects:project_detail": _pk("project_third"),
    "projects:project_update": _pk("project_third"),
    "projects:project_status": _pk("project_third"),
    "projects:member_add": _pk("project_third"),
    "projects:member_remove": _project_item("members"),
    "projects:funding_add": _pk("project_third"),
    "projects:funding_remove": _project_item("funding"),
    "projects:milestone_add": _pk("project_third"),
    "projects:milestone_update": _project_item("milestones"),
    "projects:milestone_done": _project_item("milestones"),
    "projects:milestone_delete": _project_item("milestones"),
    "projects:output_add": _pk("project_third"),
    "projects:output_remove": _project_item("outputs"),
    "projects:income_add": _pk("project_third"),
    "projects:income_remove": _project_item("income"),
    "technologies:disclosure_detail": _pk("disclosure_received"),
    "technologies:disclosure_update": _pk("disclosure_draft_ict"),
    "technologies:disclosure_submit": _pk("disclosure_draft_ict"),
    "technologies:disclosure_start_assessment": _pk("disclosure_received"),
    "technologies:disclosure_decide": _pk("disclosure_received"),
    "technologies:asset_detail": _pk("asset"),
    "technologies:asset_update": _pk("asset"),
    "technologies:deadline_add": _pk("asset"),
    "technologies:deadline_done": _pk("deadline"),
    "technologies:deadline_reopen": _pk("deadline"),
    "technologies:catalogue_detail": lambda w: {"slug": w["technology_published"].slug},
    "technologies:catalogue_thanks": lambda w: {"slug": w["technology_published"].slug},
    "technologies:catalogue_image": lambda w: {
        "slug": w["technology_draft"].slug,
        "pk": w["technology_image"].pk,
    },
    "technologies:technology_detail": _pk("technology_draft"),
    "technologies:technology_edit": _pk("technology_draft"),
    "technologies:technology_publish": _pk("technology_draft"),
    "technologies:technology_withdraw": _pk("technology_published"),
    "technologies:technology_image_add": _pk("technology_draft"),
    "technologies:technology_image_remove": lambda w: {
        "pk": w["technology_draft"].pk,
        "image_pk": w["technology_image"].pk,
    },
    "technologies:enquiry_detail": _pk("enquiry"),
    "technologies:enquiry_open_nda": _pk("enquiry"),
    "technologies:licence_detail": _pk("licence_third"),
    "technologies:licence_edit": _pk("licence_third"),
    "technologies:licence_link_agreement": _pk("licence_third"),
    "technologies:licence_draft_agreement": _pk("licence_third"),
    "technologies:payment_create": _pk("licence_third"),
    "technologies:spinoff_detail": _pk("spinoff_third"),
    "technologies:spinoff_edit": _pk("spinoff_third"),
    "placements:opening_detail": _pk("opening_acme_pending"),
    "placements:opening_update": _pk("opening_acme_pending"),
    "placements:opening_approve": _pk("opening_acme_pending"),
    "placements:opening_reject": _pk("opening_acme_pending"),
    "placements:opening_close": _pk("opening_third"),
    "placements:application_create": _pk("opening_third"),
    "placements:application_detail": _pk("application_student2"),
    "placements:application_move": _pk("application_student2"),
    "placements:profile_detail": _pk("sprofile_student2"),
    "placements:profile_edit_for": _pk("sprofile_student2"),
    "placements:cv_download": _pk("sprofile_student"),
    "placements:cv_remove": _pk("sprofile_student2"),
    "placements:outcome_record": _pk("sprofile_student2"),
    "placements:placement_detail": _pk("placement_student2"),
    "placements:placement_update": _pk("placement_student2"),
    "placements:logbook_write": _pk("placement_student2"),
    "placements:evaluation_link_send": _pk("placement_student2"),
    "placements:feedback": _pk("placement_student2"),
    "placements:logbook_review": _pk("logbook_entry"),
    "placements:logbook_review_all": _pk("placement_student2"),
    "placements:evaluate": lambda w: {"token": w["evaluation_token"]},
    "placements:rubric_update": _first("placements.RubricCriterion"),
    "placements:programme_update": _first("placements.Programme"),
    "reports:chart_csv": lambda w: {"key": "agreements.by_type"},
    "reports:document_download": lambda w: {"fmt": "csv"},
}

# API path parameter -> its value in the world.
API_PARAMS = {
    "org_id": lambda w: w["_cast"]["org_third"].pk,
    "contact_id": lambda w: w["contact_third"].pk,
    "profile_id": lambda w: w["profile_ict_private"].pk,
    "publication_id": lambda w: w["publication"].pk,
    "number": lambda w: 9,
    "record_type": lambda w: "agreements.memorandum",
    "record_id": lambda w: w["memo_active_conf"].pk,
    "tag_id": lambda w: w["sdg_tag"].pk,
    "memo_id": lambda w: w["memo_active_conf"].pk,
    "action": lambda w: "submit",
    "doc_id": lambda w: w["doc_confidential"].pk,
    "activity_id": lambda w: w["activity_third"].pk,
    "attachment_id": lambda w: w["attachment_internal"].pk,
    "opportunity_id": lambda w: w["opp_ict"].pk,
    "challenge_id": lambda w: w["ch_third_invited"].pk,
    "proposal_id": lambda w: w["proposal_submitted"].pk,
    "question_id": lambda w: w["question"].pk,
    "project_id": lambda w: w["project_third"].pk,
    "disclosure_id": lambda w: w["disclosure_received"].pk,
    "asset_id": lambda w: w["asset"].pk,
    "slug": lambda w: w["technology_published"].slug,
    "licence_id": lambda w: w["licence_third"].pk,
    "opening_id": lambda w: w["opening_acme_pending"].pk,
    "application_id": lambda w: w["application_student2"].pk,
    "placement_id": lambda w: w["placement_student2"].pk,
    "key": lambda w: "agreements.by_type",
}


def api_url(path: str, params: dict) -> str:
    """The OpenAPI ``path`` with its ``{parameters}`` filled from ``params``."""
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), path)


# URL name -> its query string, for pages that need one to find their record.
QUERY = {
    "experts:import_preview": lambda w: f"key={EXPERT_IMPORT_KEY}",
    "partners:organisation_import_preview": lambda w: f"key={w['org_import_key']}",
}

# URL name -> the form a visitor refused on GET POSTs (``x=1`` unless named here), for views
# that read the form before asking whether the visitor may act.
POST_BODY = {
    "sdgs:tag_decide": "decision=accept",
}


def route_url(name: str, w: dict) -> str:
    """The URL the matrix requests for route ``name`` in the world ``w``."""
    url = reverse(name, kwargs=KWARGS.get(name, NONE)(w) or None)
    query = QUERY.get(name)
    return f"{url}?{query(w)}" if query else url


# The form-shaped body the outsider POSTs to every page it is refused (outsider_sweep): the
# fields of the apps' forms, so that a view which let the outsider through would have data to
# act on; with POST_BODY's fields for the views that read one before their permission check.
OUTSIDER_FORM = {
    "title": "Changed by the outsider",
    "comments": "Back to you.",
    "reason": "x",
    "reasons": ["fit"],
    "text": "A question?",
    "answer": "An answer.",
    "accept": "1",
    "stage": "screen",
    "score": "3",
    "experts": ["1"],
    "tagline": "x",
    "description": "x",
    "decision": "protect",
    "caption": "x",
    "status": "done",
    "notes": "x",
    "amount": "1.00",
    "received_on": "2025-01-01",
    "kind": "royalty",
    "agreement": "1",
    "due_date": "2030-01-01",
}


def outsider_form(name: str) -> dict:
    """The outsider's POST body for route ``name``."""
    from django.http import QueryDict

    return {**OUTSIDER_FORM, **QueryDict(POST_BODY.get(name, "")).dict()}
