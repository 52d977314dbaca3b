"""A small, varied world for the visibility and authorization tests: records of every kind, in
several statuses and visibilities, owned by different people, units and organisations.

The named cast of ``conftest.py`` visits it. Most records belong to people who are *not* in the
cast (a third organisation, an academic and a coordinator of another KCDIO, a second student),
so that every visitor meets records of someone else; a few belong to cast members, so that
owners, parties and team members are seen too.

Markers: every confidential text carries ``SECRET`` (a record the reader may not see must not
show it in a list, an export or a report).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create

SECRET = "ZQX-CONFIDENTIAL-MARKER"
# The key of the publications import preview the world leaves in a session (see _imports).
EXPERT_IMPORT_KEY = "matrix-preview"


def _user(email, name, roles, **extra):
    return user_create(email=email, full_name=name, password="x" * 12, roles=roles, **extra)


def extra_cast(unit_eng, unit_ict, org_third):
    """The visitors the shared cast lacks: a second student, an academic and a coordinator of
    another KCDIO, a partner user of a third company, and an academic who left."""
    return {
        "student2": _user("student2@uni.test", "Sara Second", [Role.STUDENT], unit=unit_ict),
        "ict_academic": _user(
            "ict.academic@uni.test", "Dr Ilham ICT", [Role.ACADEMIC], unit=unit_ict
        ),
        "ict_coordinator": _user(
            "ict.coord@uni.test", "Idris ICT Coordinator", [Role.COORDINATOR], unit=unit_ict
        ),
        "third_partner": _user(
            "tess@third.test", "Tess Third", [Role.PARTNER], organisation=org_third
        ),
        "gone_academic": _user(
            "gone@uni.test", "Dr Gone Away", [Role.ACADEMIC], unit=unit_eng, is_active=False
        ),
    }


def build_world(c: dict) -> dict:
    """The records, keyed by name. ``c``: the cast (fixtures and :func:`extra_cast`), with
    ``unit_eng``, ``unit_ict``, ``org_acme``, ``org_other`` and ``org_third``."""
    from jalinan.agreements import services as agreements
    from jalinan.agreements.choices import Status
    from jalinan.agreements.tests.factories import make_document, make_memo, pdf_upload
    from jalinan.challenges.choices import ChallengeStatus, Visibility
    from jalinan.challenges.models import Invitation
    from jalinan.challenges.services import attachments, proposals, questions
    from jalinan.challenges.tests.factories import make_challenge
    from jalinan.engagements.services import activity_create
    from jalinan.experts import services as experts
    from jalinan.partners.choices import OrganisationStatus
    from jalinan.partners.models import Organisation
    from jalinan.partners.services import contact_create
    from jalinan.pipeline.services import opportunity_create
    from jalinan.projects.services import project_create

    w: dict = {}
    officer, academic, ict_academic = c["officer"], c["academic"], c["ict_academic"]
    acme, other, third = c["org_acme"], c["org_other"], c["org_third"]
    eng, ict = c["unit_eng"], c["unit_ict"]

    # -- partners ------------------------------------------------------------------------
    w["merged_org"] = Organisation.objects.create(
        legal_name="Merged Away Sdn Bhd",
        org_type="sme",
        search_name="merged away",
        status=OrganisationStatus.MERGED,
        merged_into=third,
    )
    w["contact_acme"] = contact_create(organisation=acme, by=officer, name="Ali Acme")
    w["contact_third"] = contact_create(organisation=third, by=officer, name=f"Tom {SECRET}")
    w["contact_merged"] = contact_create(organisation=w["merged_org"], by=officer, name="Mo")

    # -- experts -------------------------------------------------------------------------
    w["profile_academic"] = experts.profile_create(
        user=academic, by=academic, keywords=["corrosion"], is_public=True
    )
    w["profile_ict_private"] = experts.profile_create(
        user=ict_academic, by=ict_academic, keywords=["speech"], is_public=False
    )
    w["profile_gone"] = experts.profile_create(
        user=c["gone_academic"], by=officer, keywords=["welding"], is_public=True
    )
    w["publication"] = experts.publication_create(
        profile=w["profile_ict_private"], by=ict_academic, title="Private speech work", year=2024
    )
    w["profile_project"] = experts.profile_project_create(
        profile=w["profile_ict_private"], by=ict_academic, title="Private speech grant"
    )

    # -- memoranda -----------------------------------------------------------------------
    w["memo_draft_ict"] = make_memo(
        unit=ict, pic=ict_academic, parties=[third], title=f"Draft ICT memo {SECRET}"
    )
    w["memo_active_conf"] = make_memo(
        unit=ict,
        pic=ict_academic,
        parties=[third],
        status=Status.ACTIVE,
        confidentiality="confidential",
        title=f"Confidential memo {SECRET}",
    )
    w["memo_active_acme"] = make_memo(
        unit=eng, pic=academic, parties=[acme], status=Status.ACTIVE, title="Acme memo"
    )
    w["memo_active_ict"] = make_memo(
        unit=ict, pic=ict_academic, parties=[third], status=Status.ACTIVE, title="ICT memo"
    )
    w["memo_returned_eng"] = make_memo(
        unit=eng,
        pic=ict_academic,
        created_by=ict_academic,
        parties=[other],
        status=Status.RETURNED,
        title="Returned Engineering memo",
    )
    w["doc_confidential"] = make_document(w["memo_active_ict"], confidential=True, by=officer)
    w["doc_open"] = make_document(w["memo_active_ict"], confidential=False, by=officer)
    w["doc_acme_conf"] = make_document(w["memo_active_acme"], confidential=True, by=officer)
    # Owned by an MCOM member, who reads every memorandum but manages none: they may report
    # its progress (the owner's part of the form) and nothing else.
    w["deliverable"] = agreements.deliverable_create(
        memorandum=w["memo_active_conf"],
        by=officer,
        title="Two internships a year",
        owner=c["committee"],
        quiet=True,
    )
    w["signatory"] = agreements.signatory_add(
        memorandum=w["memo_draft_ict"],
        by=ict_academic,
        name="Prof. Rector",
        title="Rector",
    )

    # -- challenges and proposals ---------------------------------------------------------
    def challenge(org, status, visibility, title):
        return make_challenge(
            organisation=org,
            status=status,
            visibility=visibility,
            title=title,
            index=False,
        )

    w["ch_acme_draft"] = challenge(acme, ChallengeStatus.DRAFT, Visibility.STAFF, "Acme draft")
    w["ch_third_submitted"] = challenge(
        third, ChallengeStatus.SUBMITTED, Visibility.PUBLIC, f"Third submitted {SECRET}"
    )
    w["ch_third_public"] = challenge(
        third, ChallengeStatus.PUBLISHED, Visibility.PUBLIC, "Third public"
    )
    w["ch_third_staff"] = challenge(
        third, ChallengeStatus.PUBLISHED, Visibility.STAFF, "Third staff-only"
    )
    w["ch_third_invited"] = challenge(
        third, ChallengeStatus.PUBLISHED, Visibility.INVITED, f"Third invited {SECRET}"
    )
    w["ch_third_closed_invited"] = challenge(
        third, ChallengeStatus.CLOSED, Visibility.INVITED, f"Closed invited {SECRET}"
    )
    w["ch_third_cancelled"] = challenge(
        third, ChallengeStatus.CANCELLED, Visibility.PUBLIC, f"Cancelled {SECRET}"
    )
    w["challenge_attachment"] = attachments.attachment_add(
        challenge=w["ch_third_invited"], by=officer, upload=pdf_upload("brief.pdf")
    )
    w["invitation"] = Invitation.objects.create(
        challenge=w["ch_third_invited"], expert=w["profile_ict_private"], invited_by=officer
    )
    proposal_fields = {
        "title": "A proposal",
        "approach": "Lab tests.",
        "trl_start": 3,
        "trl_end": 5,
        "duration_months": 12,
        "budget": Decimal("1000.00"),
        "milestones": [{"title": "Lab results", "month": 6}],
    }
    w["proposal_draft"] = proposals.proposal_create(
        challenge=w["ch_third_staff"], by=academic, team=[], **proposal_fields
    )
    submitted = proposals.proposal_create(
        challenge=w["ch_third_invited"],
        by=ict_academic,
        team=[{"user": c["gone_academic"], "role": "co_researcher"}],
        **{**proposal_fields, "title": f"Invited proposal {SECRET}"},
    )
    w["proposal_submitted"] = proposals.proposal_submit(proposal=submitted, by=ict_academic)
    w["question"] = questions.question_ask(
        challenge=w["ch_third_invited"], by=ict_academic, text="Which steel?"
    )

    # -- engagements ---------------------------------------------------------------------
    w["activity_acme"] = activity_create(
        by=academic,
        title="Visit to Acme",
        activity_type="visit",
        date=datetime.date(2025, 3, 10),
        unit=eng,
        organisations=[acme],
        staff=[academic],
        students=[c["student"]],
    )
    w["activity_third"] = activity_create(
        by=ict_academic,
        title="Meeting with Third",
        activity_type="meeting",
        date=datetime.date(2025, 4, 10),
        unit=ict,
        organisations=[third],
        staff=[ict_academic],
        students=[c["student2"]],
    )

    from jalinan.engagements.services import attachment_add

    w["attachment_internal"] = attachment_add(
        activity=w["activity_acme"], by=academic, upload=pdf_upload("internal.pdf")
    )
    w["attachment_shared"] = attachment_add(
        activity=w["activity_acme"], by=academic, upload=pdf_upload("shared.pdf"), is_internal=False
    )

    # -- pipeline ------------------------------------------------------------------------
    w["opp_eng"] = opportunity_create(
        by=officer, source="direct", title="Eng opportunity", organisation=acme, unit=eng
    )
    w["opp_ict"] = opportunity_create(
        by=officer, source="direct", title=f"ICT opportunity {SECRET}", organisation=third, unit=ict
    )
    w["opp_none"] = opportunity_create(by=officer, source="direct", title="No unit", unit=None)

    # -- projects ------------------------------------------------------------------------
    w["project_acme"] = project_create(
        by=officer,
        title="Acme welding",
        kind="contract",
        lead=academic,
        unit=eng,
        organisations=[acme],
        team=[{"user": c["student"], "role": "student"}],
        quiet=True,
    )
    w["project_third"] = project_create(
        by=officer,
        title=f"Third internal {SECRET}",
        kind="contract",
        lead=ict_academic,
        unit=ict,
        organisations=[third],
        team=[{"user": c["student2"], "role": "student"}],
        quiet=True,
    )

    _placements(w, c)
    _technologies(w, c)
    _accounts(w, c)
    _imports(w, c)
    _sdgs(w, c)
    return w


def _accounts(w, c):
    """A partner sign-up waiting for the office, an invitation a coordinator sent (its raw
    token too), an academic's API token, and two-factor authentication for the OIL
    administrator alone (everyone else's two-factor pages have nothing to show)."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from jalinan.accounts import services as accounts

    w["signup_pending"] = accounts.partner_signup_complete(
        user=_user("nina@newco.test", "Nina Pending", []),
        full_name="Nina Pending",
        organisation_name="NewCo Sdn Bhd",
    )
    w["account_invitation"], w["account_invitation_token"] = accounts.invitation_create(
        by=c["coordinator"],
        email="new.lecturer@uni.test",
        full_name="New Lecturer",
        roles=[Role.ACADEMIC],
        unit=c["unit_eng"],
    )
    w["api_token"], _raw = accounts.api_token_create(
        user=c["academic"], name="Spreadsheet", scopes={"*": "read"}
    )
    TOTP.activate(c["oil_admin"], generate_totp_secret())
    RecoveryCodes.activate(c["oil_admin"])


def _imports(w, c):
    """Import previews waiting for confirmation: organisations the officer uploaded (a file on
    the server, theirs alone), and publications for the ICT academic's profile, as the upload
    page leaves them in a session (``expert_import_session``: what the matrix puts in every
    signed-in visitor's session, so that the preview page's own check decides)."""
    import csv
    import io

    from jalinan.experts import imports as expert_imports
    from jalinan.experts.views import SESSION_KEY
    from jalinan.partners import imports as org_imports

    out = io.StringIO()
    csv.writer(out).writerows(
        [org_imports.COLUMNS, [org_imports.EXAMPLE[col] for col in org_imports.COLUMNS]]
    )
    rows = org_imports.parse("organisations.csv", out.getvalue().encode())
    w["org_import_key"] = org_imports.save_preview(
        rows, user_id=c["officer"].pk, filename="organisations.csv"
    )

    # A register import's preview (the officer's) and a past import of the memoranda register.
    from jalinan.core.imports import engine as register_engine
    from jalinan.core.imports.registry import get_register
    from jalinan.core.imports.services import import_run_record

    register = get_register("partners")
    headers, examples = register_engine.template_table(register)
    rows = [register_engine.SourceRow(line=2, cells=dict(zip(headers, examples[0], strict=True)))]
    report = register_engine.run(register, rows, by=c["officer"], filename="p.csv", dry_run=True)
    w["register_preview_key"] = register_engine.save_preview(
        register, user_id=c["officer"].pk, filename="p.csv", rows=rows, report=report
    )
    w["register_import_run"] = import_run_record(
        register=get_register("memoranda"),
        report=register_engine.Report(register="memoranda", filename="m.csv", dry_run=False),
        by=c["officer"],
    )

    profile = w["profile_ict_private"]
    out = io.StringIO()
    columns = expert_imports.CSV_COLUMNS
    csv.writer(out).writerows([columns, [expert_imports.CSV_EXAMPLE[col] for col in columns]])
    fmt, records = expert_imports.parse("publications.csv", out.getvalue().encode(), profile)
    w["expert_import_session"] = {
        SESSION_KEY: {
            "key": EXPERT_IMPORT_KEY,
            "profile": profile.pk,
            "filename": "publications.csv",
            "format": fmt,
            "records": [r.as_dict() for r in records],
        }
    }


def _sdgs(w, c):
    """The goals, targets and indicators (as ``manage.py load_sdgs`` loads them), and a
    suggested goal on a draft memorandum, waiting for someone who may change it to decide."""
    from django.contrib.contenttypes.models import ContentType

    from jalinan.sdgs.models import SdgTag
    from jalinan.sdgs.services import sdg_apply_classification, sdg_framework_load

    sdg_framework_load(by=None)
    memo = w["memo_draft_ict"]
    # Classified now rather than once the world commits, which would drop a suggestion the
    # classifier (the hashing stand-in) does not make itself.
    sdg_apply_classification(obj=memo)
    w["sdg_tag"] = SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(memo),
        object_id=memo.pk,
        goal=9,
        confidence=0.8,
    )


def _placements(w, c):
    from jalinan.agreements.tests.factories import pdf_upload
    from jalinan.placements import services
    from jalinan.placements.choices import ApplicationStatus
    from jalinan.placements.tests.factories import (
        make_application,
        make_opening,
        make_profile,
        make_programme,
        move,
    )

    officer = c["officer"]
    eng_prog = make_programme(c["unit_eng"])
    ict_prog = make_programme(c["unit_ict"], code="bit", name="BIT")
    w["sprofile_student"] = make_profile(c["student"], eng_prog, consent=False, shared=[])
    # A CV the student shares with nobody: a company they applied to without consenting to
    # share (the third) sees the profile, not the CV.
    services.profiles.student_cv_upload(
        profile=w["sprofile_student"], upload=pdf_upload("cv.pdf"), by=c["student"]
    )
    w["sprofile_student2"] = make_profile(c["student2"], ict_prog, consent=True)
    w["opening_acme_pending"] = make_opening(c["org_acme"], c["partner_user"], title="Acme role")
    third_open = make_opening(c["org_third"], c["third_partner"], title="Third role")
    w["opening_third"] = services.openings.opening_approve(opening=third_open, by=officer)
    other_open = make_opening(c["org_other"], c["other_partner"], title="Other role")
    w["opening_other"] = services.openings.opening_approve(opening=other_open, by=officer)
    w["application_student"] = make_application(w["opening_third"], c["student"], consent=False)

    def _placement(opening, student, partner):
        app = make_application(opening, student)
        move(app, partner, ApplicationStatus.SHORTLISTED, ApplicationStatus.OFFERED)
        move(app, student, ApplicationStatus.ACCEPTED)
        app.refresh_from_db()
        return app.placement

    p2 = _placement(w["opening_other"], c["student2"], c["other_partner"])
    w["application_student2"] = p2.application
    p2 = services.placements.placement_update(
        placement=p2, by=officer, academic_supervisor=c["ict_academic"]
    )
    # The partner names the industry supervisor, who is e-mailed a link to evaluate the student
    # (``evaluation_token``: the link's secret, all the page asks for).
    w["placement_student2"] = services.placements.placement_update(
        placement=p2,
        by=c["other_partner"],
        industry_supervisor_name="Ivan Supervisor",
        industry_supervisor_email="ivan@borneo.test",
    )
    _link, w["evaluation_token"] = services.evaluations.evaluation_link_issue(
        placement=p2, stage="midterm", by=c["ict_academic"]
    )
    w["logbook_entry"] = services.logbooks.logbook_entry_save(
        placement=p2, by=c["student2"], week=1, activities="Wired the test rig."
    )
    w["placement_student"] = _placement(w["opening_other"], c["student"], c["other_partner"])
    w["outcome_student"] = services.outcomes.outcome_record(
        student=c["student"],
        by=c["student"],
        graduated_on=timezone.localdate() - datetime.timedelta(days=100),
        status="employed",
        employer_name="Acme",
        started_on=timezone.localdate() - datetime.timedelta(days=50),
    )
    w["outcome_student2"] = services.outcomes.outcome_record(
        student=c["student2"],
        by=officer,
        graduated_on=timezone.localdate() - datetime.timedelta(days=200),
        status="employed",
        employer_name=f"Employer {SECRET}",
        started_on=timezone.localdate() - datetime.timedelta(days=100),
    )


def _technologies(w, c):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalinan.challenges.tests.factories import PNG_BYTES
    from jalinan.technologies import services as transfer
    from jalinan.technologies.choices import AssetKind, AssetStatus, Decision, IPOffice
    from jalinan.technologies.services.assets import asset_create
    from jalinan.technologies.services.disclosures import (
        disclosure_create,
        disclosure_decide,
        disclosure_start_assessment,
        disclosure_submit,
    )

    officer, ict_academic = c["officer"], c["ict_academic"]
    fields = {
        "description": f"An invention. {SECRET}",
        "novelty": "New.",
        "prior_art": "None.",
        "trl": 3,
    }

    def disclosure(title, by, inventors, upto):
        d = disclosure_create(
            by=by,
            inventors=[{"user": u, "share": Decimal(100) / len(inventors)} for u in inventors],
            public_disclosures=[],
            unit=c["unit_ict"] if by == ict_academic else c["unit_eng"],
            title=title,
            **fields,
        )
        if upto in ("received", "decided"):
            d = disclosure_submit(disclosure=d, by=by)
        if upto == "decided":
            disclosure_start_assessment(disclosure=d, by=officer)
            d = disclosure_decide(disclosure=d, by=officer, decision=Decision.PROTECT, reasons="Ok")
        return d

    w["disclosure_draft_ict"] = disclosure("ICT draft", ict_academic, [ict_academic], "draft")
    w["disclosure_draft_eng"] = disclosure(
        "Eng draft", c["academic"], [c["academic"], c["student"]], "draft"
    )
    w["disclosure_received"] = disclosure("ICT received", ict_academic, [ict_academic], "received")
    w["disclosure_decided"] = disclosure(
        "ICT decided", ict_academic, [ict_academic, c["student2"]], "decided"
    )
    w["asset"] = asset_create(
        by=officer,
        disclosure=w["disclosure_decided"],
        kind=AssetKind.PATENT,
        title="ICT patent",
        office=IPOffice.MYIPO,
        application_number="PI 2021009999",
        filing_date=datetime.date(2021, 3, 1),
        status=AssetStatus.FILED,
    )
    w["asset_orphan"] = asset_create(
        by=officer,
        kind=AssetKind.TRADEMARK,
        title="A mark",
        office=IPOffice.MYIPO,
        application_number="TM 2021000001",
        filing_date=datetime.date(2021, 3, 1),
        status=AssetStatus.FILED,
    )
    w["deadline"] = w["asset"].deadlines.order_by("pk").first()
    draft = transfer.offers.technology_create(
        by=officer,
        disclosure=w["disclosure_decided"],
        title=f"Unpublished offer {SECRET}",
        problem="A problem.",
        solution="A solution.",
        trl=3,
    )
    w["technology_draft"] = draft
    png = SimpleUploadedFile("prototype.png", PNG_BYTES, content_type="image/png")
    w["technology_image"] = transfer.offers.image_add(
        technology=draft, by=officer, upload=png, caption="The prototype"
    )
    pub = transfer.offers.technology_create(
        by=officer,
        title="Published offer",
        problem="A problem.",
        solution="A solution.",
        trl=4,
        inventors=[w["profile_academic"]],
    )
    w["technology_published"] = transfer.offers.technology_publish(technology=pub, by=officer)
    w["licence_third"] = transfer.licences.licence_create(
        by=officer,
        technology=draft,
        licensee=c["org_third"],
        exclusivity="exclusive",
        field_of_use="Food",
        territory="Malaysia",
        upfront_fee=Decimal("1000.00"),
        royalty_rate=Decimal("3.50"),
        start_date=datetime.date(2024, 1, 1),
        status="active",
    )
    w["licence_acme"] = transfer.licences.licence_create(
        by=officer,
        technology=w["technology_published"],
        licensee=c["org_acme"],
        exclusivity="non_exclusive",
        field_of_use="Food",
        territory="Malaysia",
        upfront_fee=Decimal("1000.00"),
        royalty_rate=Decimal("2.00"),
        start_date=datetime.date(2024, 1, 1),
        status="active",
    )
    w["payment"] = transfer.licences.payment_record(
        licence=w["licence_third"],
        by=officer,
        received_on=datetime.date(2025, 2, 1),
        amount=Decimal("500.00"),
        kind="royalty",
        period_year=2024,
        reference="TT-1",
    )
    w["spinoff_third"] = transfer.spinoffs.spinoff_create(
        by=officer,
        organisation=c["org_third"],
        founders=[ict_academic],
        equity_percent="10.00",
        licence=w["licence_third"],
        status="active",
    )
    w["spinoff_other"] = transfer.spinoffs.spinoff_create(
        by=officer,
        organisation=c["org_other"],
        founders=[c["academic"]],
        equity_percent="5.00",
        status="active",
    )
    w["enquiry"] = transfer.enquiries.enquiry_submit(
        technology=w["technology_published"],
        kind="interest",
        name=f"Nadia {SECRET}",
        email="nadia@foodco.test",
        phone="+60 12 345 6789",
        organisation_name="FoodCo",
        message="Interested.",
    )


# Every kind of visitor, by name, in the order the authorization matrix lists their statuses.
VISITORS = [
    "oil_admin",
    "officer",
    "coordinator",
    "academic",
    "student",
    "committee",
    "legal",
    "ip_committee",
    "management",
    "partner_user",
    "other_partner",
    "outsider",
    "student2",
    "ict_academic",
    "ict_coordinator",
    "third_partner",
    "anonymous",
]


def visitors(c: dict) -> dict[str, User | None]:
    """Every kind of visitor, by name; ``anonymous`` is None."""
    return {n: c[n] for n in VISITORS if n != "anonymous"} | {"anonymous": None}
