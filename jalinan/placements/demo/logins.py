"""What the demo logins find: the demo student's placement in progress with the demo
partner, supervised by the demo academic, and an offer for next year."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from .. import services
from ..choices import ApplicationStatus as S
from ..choices import LogbookStatus
from ..models import Application, Opening, StudentProfile
from .planning import LEARNED, LOG_ACTIVITIES


def seed_demo_logins(ctx, programmes, orgs, partner_org, partners, officer, today) -> None:
    """The demo student: a placement in progress with the demo partner, supervised by the demo
    academic, a logbook behind by a week, and an offer for next year to answer."""
    student = ctx.logins.get("student")
    partner = ctx.logins.get("partner")
    academic = ctx.logins.get("academic")
    if student is None or partner is None or officer is None:
        return
    profile = StudentProfile.objects.filter(user=student).first()
    if profile is None:
        profile = services.profiles.student_profile_save(
            user=student,
            by=student,
            programme=programmes["beng-mct"],
            year_of_study=3,
            cgpa=Decimal("3.48"),
            skills=["PLC", "ROS", "Python", "SolidWorks"],
            languages=["Malay", "English", "Arabic"],
            training_from=today - timedelta(days=40),
            training_to=today + timedelta(days=60),
            training_weeks=12,
            expected_graduation=today + timedelta(days=500),
            consent_to_share=True,
            shared_fields=["programme", "year", "skills"],
        )
        pdf = b"%PDF-1.4\n% Ahmad Danial - CV (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        services.profiles.student_cv_upload(
            profile=profile,
            upload=SimpleUploadedFile("cv.pdf", pdf, content_type="application/pdf"),
            by=student,
        )
    org = orgs[partner_org]
    current = Opening.objects.filter(organisation=org, title="Test automation intern").first()
    if current is None:
        current = services.openings.opening_create(
            by=officer,
            organisation=org,
            programmes=[programmes["beng-mct"], programmes["beng-ece"]],
            kind="internship",
            title="Test automation intern",
            description=(
                "Automate semiconductor test cells with our test engineering team: PLC "
                "programming, vision inspection and data logging."
            ),
            skills=["PLC", "Python", "Machine vision"],
            min_year=3,
            max_year=4,
            work_mode="on_site",
            state=org.state,
            city=org.city,
            starts_on=today - timedelta(days=35),
            ends_on=today + timedelta(days=48),
            allowance_rm=Decimal("900"),
            places=2,
            deadline=today - timedelta(days=60),
        )
    application = Application.objects.filter(opening=current, student=student).first()
    ctx.count("demo student", application is None)
    if application is None:
        application = services.applications.application_submit(
            opening=current,
            student=student,
            cover_note=(
                "I built a PLC-controlled sorter in my second year and want to do it for real."
            ),
            consent_to_share=True,
            as_of=current.deadline,
        )
        for target in (S.SHORTLISTED, S.INTERVIEW, S.OFFERED):
            services.applications.application_move(application=application, to=target, by=partner)
        services.applications.application_move(application=application, to=S.ACCEPTED, by=student)
        application.refresh_from_db()
        placement = services.placements.placement_update(
            placement=application.placement,
            by=officer,
            academic_supervisor=academic,
            industry_supervisor_name="Chen Siew Lan",
            industry_supervisor_email="siewlan.chen@pinang-semiconductor.example",
            industry_supervisor_phone="+60 4-643 2210",
        )
        for week, status in ((1, "reviewed"), (2, "returned"), (3, "submitted")):
            entry = services.logbooks.logbook_entry_save(
                placement=placement,
                by=student,
                week=week,
                activities=LOG_ACTIVITIES[week],
                learning=LEARNED[week],
                hours=40,
            )
            if status != LogbookStatus.SUBMITTED and academic is not None:
                services.logbooks.logbook_entry_review(
                    entry=entry,
                    by=academic,
                    approve=status == "reviewed",
                    comment="" if status == "reviewed" else "Say which cell you automated.",
                )
    job = Opening.objects.filter(organisation=org, title="Graduate test engineer").first()
    if job is None:
        job = services.openings.opening_create(
            by=officer,
            organisation=org,
            programmes=[programmes["beng-mct"], programmes["beng-ece"]],
            kind="job",
            title="Graduate test engineer",
            description="Join the test engineering team after you graduate.",
            skills=["Python", "PLC"],
            work_mode="on_site",
            state=org.state,
            city=org.city,
            starts_on=today + timedelta(days=400),
            ends_on=today + timedelta(days=1100),
            allowance_rm=None,
            places=2,
            deadline=today + timedelta(days=90),
        )
    if not Application.objects.filter(opening=job, student=student).exists():
        offer = services.applications.application_submit(
            opening=job,
            student=student,
            cover_note="I would like to stay on after my industrial training.",
            consent_to_share=True,
        )
        for target in (S.SHORTLISTED, S.OFFERED):
            services.applications.application_move(
                application=offer,
                to=target,
                by=partner,
                note="We enjoyed working with you." if target == S.OFFERED else "",
            )
