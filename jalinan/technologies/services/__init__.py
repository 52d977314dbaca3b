"""Every write of technology transfer, one module per kind of record: invention disclosures
and their review, the IP portfolio and its deadlines, technology offers (and the catalogue's
search index), enquiries (into the pipeline, with a one-step NDA), licences with royalty
payments shared by policy, and spin-offs. Each service is keyword-only, validated, atomic and
audited.

Callers use the services through this package (``from jalinan.technologies import
services``, then ``services.licence_create(...)``): other apps, the tests, and this app's
views, API and demo (so a view may bear its service's name). The service modules import each
other's names directly.
"""

from .assets import (
    NOTIFY_DEADLINE,
    asset_create,
    asset_set_status,
    asset_update,
    deadline_add,
    deadline_done,
    deadline_reopen,
    deadlines_sync,
)
from .disclosures import (
    NOTIFY_DECIDED,
    NOTIFY_SUBMITTED,
    check_inventors,
    check_public_disclosures,
    disclosure_create,
    disclosure_decide,
    disclosure_start_assessment,
    disclosure_submit,
    disclosure_update,
    inventor_people,
    ip_staff_people,
)
from .enquiries import enquiry_limits, enquiry_open_nda, enquiry_submit, send_enquiry_confirmation
from .licences import (
    beneficiaries,
    licence_create,
    licence_draft_agreement,
    licence_link_agreement,
    licence_update,
    payment_record,
    policy_create,
    preview_split,
)
from .offers import (
    image_add,
    image_remove,
    technology_create,
    technology_documents,
    technology_publish,
    technology_reindex,
    technology_update,
    technology_withdraw,
)
from .spinoffs import spinoff_create, spinoff_update

__all__ = [
    "asset_create",
    "asset_set_status",
    "asset_update",
    "beneficiaries",
    "check_inventors",
    "check_public_disclosures",
    "deadline_add",
    "deadline_done",
    "deadline_reopen",
    "deadlines_sync",
    "disclosure_create",
    "disclosure_decide",
    "disclosure_start_assessment",
    "disclosure_submit",
    "disclosure_update",
    "enquiry_limits",
    "enquiry_open_nda",
    "enquiry_submit",
    "image_add",
    "image_remove",
    "inventor_people",
    "ip_staff_people",
    "licence_create",
    "licence_draft_agreement",
    "licence_link_agreement",
    "licence_update",
    "NOTIFY_DEADLINE",
    "NOTIFY_DECIDED",
    "NOTIFY_SUBMITTED",
    "payment_record",
    "policy_create",
    "preview_split",
    "send_enquiry_confirmation",
    "spinoff_create",
    "spinoff_update",
    "technology_create",
    "technology_documents",
    "technology_publish",
    "technology_reindex",
    "technology_update",
    "technology_withdraw",
]
