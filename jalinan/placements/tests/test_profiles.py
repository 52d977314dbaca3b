"""Student profiles: the CV (a real PDF under the limit, served only to those allowed), and
the CGPA seen only by the student, the office and partners the student applied to."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jalinan.core.audit import history_for
from jalinan.placements import services
from jalinan.placements.permissions import can_see_cgpa, can_view_profile

from .factories import PDF_BYTES, make_application, make_profile


def pdf(name="cv.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# -- the CV ---------------------------------------------------------------------------------


def test_a_real_pdf_is_stored_under_a_random_name(profile, student):
    services.profiles.student_cv_upload(profile=profile, upload=pdf("Siti CV.pdf"), by=student)
    profile.refresh_from_db()
    assert profile.cv.name.endswith(".pdf") and "Siti" not in profile.cv.name
    assert profile.cv_uploaded_at is not None
    assert any(e.message == "CV uploaded" for e in history_for(profile))


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf("cv.pdf", b"MZ\x90\x00 not a pdf at all"), "not a real PDF"),
        (pdf("cv.docx", PDF_BYTES), "Only these file types are accepted: PDF"),
        (pdf("cv.pdf", b""), "empty"),
    ],
)
def test_anything_but_a_pdf_is_refused(profile, student, upload, message):
    with pytest.raises(ValidationError, match=message):
        services.profiles.student_cv_upload(profile=profile, upload=upload, by=student)
    profile.refresh_from_db()
    assert not profile.cv


def test_a_cv_over_the_limit_is_refused(profile, student, settings):
    settings.JALINAN_PLACEMENTS_CV_MAX_BYTES = 1024
    big = pdf("cv.pdf", PDF_BYTES + b"0" * 2048)
    with pytest.raises(ValidationError, match="the limit is"):
        services.profiles.student_cv_upload(profile=profile, upload=big, by=student)


def test_the_form_shows_the_refusal_next_to_the_field(client_for, student, profile, mech):
    data = {"programme": mech.pk, "year_of_study": 3, "shared_fields": ["programme"]}
    page = client_for(student).post(
        "/placements/profile/edit/",
        {**data, "cv_upload": pdf("cv.pdf", b"<html>not a pdf</html>")},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_cv_upload_error"' in html and "not a real PDF" in html
    profile.refresh_from_db()
    assert not profile.cv


@pytest.mark.parametrize(
    "who, status",
    [
        ("student", 200),
        ("officer", 200),
        ("partner_user", 200),  # applied with consent
        ("other_partner", 404),
        ("coordinator", 200),
        ("academic", 404),
        ("outsider", 404),
    ],
)
def test_cv_download_is_permission_checked(request, client_for, application, profile, who, status):
    services.profiles.student_cv_upload(profile=profile, upload=pdf(), by=profile.user)
    resp = client_for(request.getfixturevalue(who)).get(f"/placements/students/{profile.pk}/cv/")
    assert resp.status_code == status
    if status == 200:
        assert resp["Content-Disposition"].startswith("attachment")
        assert b"".join(resp.streaming_content).startswith(b"%PDF")


def test_no_cv_under_media_url(client, profile):
    services.profiles.student_cv_upload(profile=profile, upload=pdf(), by=profile.user)
    profile.refresh_from_db()
    assert client.get("/media/" + profile.cv.name).status_code == 404


# -- the CGPA -------------------------------------------------------------------------------


def page_of(client, profile):
    return client.get(f"/placements/students/{profile.pk}/")


def test_the_student_and_the_office_see_the_cgpa(client_for, student, officer, profile):
    for user in (student, officer):
        html = page_of(client_for(user), profile).content.decode()
        assert 'data-testid="cgpa"' in html and "3.71" in html


def test_a_partner_sees_the_cgpa_of_a_student_who_applied_to_it(
    client_for, partner_user, other_partner, application, profile
):
    assert can_see_cgpa(partner_user, profile)
    html = page_of(client_for(partner_user), profile).content.decode()
    assert "3.71" in html
    # The application page shows it too.
    html = client_for(partner_user).get(application.get_absolute_url()).content.decode()
    assert 'data-testid="cgpa"' in html and "3.71" in html


def test_a_partner_the_student_did_not_apply_to_sees_nothing(
    client_for, other_partner, application, profile
):
    assert not can_view_profile(other_partner, profile) and not can_see_cgpa(other_partner, profile)
    assert page_of(client_for(other_partner), profile).status_code == 404


def test_without_consent_a_partner_sees_only_what_the_student_shares(
    client_for, partner_user, opening, student, mech
):
    profile = make_profile(student, mech, consent=False, shared=["programme"])
    application = make_application(opening, student, consent=False)
    assert not can_see_cgpa(partner_user, profile)
    html = client_for(partner_user).get(application.get_absolute_url()).content.decode()
    assert "BEng Mechanical Engineering" in html
    assert "3.71" not in html and "student@uni.test" not in html and "Python" not in html
    # Sharing the CGPA on the profile shows it.
    services.profiles.student_profile_save(
        user=student, by=student, shared_fields=["programme", "cgpa"]
    )
    html = client_for(partner_user).get(application.get_absolute_url()).content.decode()
    assert "3.71" in html


@pytest.mark.parametrize("who", ["coordinator", "academic"])
def test_staff_see_the_profile_but_never_the_cgpa(request, client_for, placement, profile, who):
    user = request.getfixturevalue(who)
    html = page_of(client_for(user), profile).content.decode()
    assert "BEng Mechanical Engineering" in html
    assert "3.71" not in html and 'data-testid="cgpa"' not in html
    assert not can_see_cgpa(user, profile)


def test_consent_is_time_stamped_and_withdrawn(student, mech):
    profile = make_profile(student, mech, consent=True)
    assert profile.consent_at is not None
    profile = services.profiles.student_profile_save(
        user=student, by=student, consent_to_share=False
    )
    assert profile.consent_at is None


def test_the_kulliyyah_follows_the_programme(student, ict_programme, unit_ict):
    profile = make_profile(student, ict_programme)
    assert profile.kulliyyah == unit_ict


def test_only_students_have_profiles(academic, mech):
    with pytest.raises(ValidationError):
        make_profile(academic, mech)


def test_cgpa_is_bounded(student, mech):
    with pytest.raises(ValidationError):
        make_profile(student, mech, cgpa="4.50")
    assert make_profile(student, mech, cgpa="4.00").cgpa == Decimal("4.00")
