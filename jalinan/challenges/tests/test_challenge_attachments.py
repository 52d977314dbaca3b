"""Attachments: checked on the way in, served only after the permission check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalinan.challenges.models import ChallengeAttachment
from jalinan.core.models import AuditEntry

from .factories import PDF_BYTES, pdf_upload

pytestmark = pytest.mark.django_db


def test_partner_attaches_and_staff_download(
    client_for, draft_challenge, partner_user, officer, academic, outsider
):
    client = client_for(partner_user)
    url = reverse("challenges:attachment_add", args=[draft_challenge.pk])
    response = client.post(url, {"upload": pdf_upload()})
    assert response.status_code == 302
    att = ChallengeAttachment.objects.get()
    assert att.name == "spec.pdf" and att.size == len(PDF_BYTES)
    assert AuditEntry.objects.filter(object_id=str(draft_challenge.pk), action="attach").exists()
    download = reverse("challenges:attachment_download", args=[att.pk])
    response = client_for(officer).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert client_for(academic).get(download).status_code == 404  # a draft
    assert client_for(outsider).get(download).status_code == 404


def test_wrong_type_and_size_rejected_with_a_message(
    client_for, draft_challenge, partner_user, settings
):
    client = client_for(partner_user)
    url = reverse("challenges:attachment_add", args=[draft_challenge.pk])
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url, {"upload": exe})
    assert response.status_code == 200
    assert "Only these file types are accepted: PDF, DOCX, XLSX, PNG, JPEG." in (
        response.content.decode()
    )
    fake = SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(url, {"upload": fake})
    assert "not a real PDF file" in response.content.decode()
    settings.JALINAN_CHALLENGE_MAX_UPLOAD_MB = 0.0001
    response = client.post(url, {"upload": pdf_upload()})
    assert "the limit is" in response.content.decode()
    assert not ChallengeAttachment.objects.exists()


def test_attachment_of_a_public_challenge_for_visitors(
    client, client_for, public_challenge, officer
):
    from jalinan.challenges.services import attachments as services

    att = services.attachment_add(challenge=public_challenge, by=officer, upload=pdf_upload())
    response = client.get(reverse("challenges:attachment_download", args=[att.pk]))
    assert response.status_code == 200


def test_remove(client_for, draft_challenge, partner_user, other_partner):
    from jalinan.challenges.services import attachments as services

    att = services.attachment_add(challenge=draft_challenge, by=partner_user, upload=pdf_upload())
    url = reverse("challenges:attachment_remove", args=[att.pk])
    assert client_for(other_partner).post(url).status_code == 404
    assert client_for(partner_user).post(url).status_code == 302
    assert not ChallengeAttachment.objects.exists()


def test_partner_cannot_attach_once_published(client_for, challenge, partner_user):
    url = reverse("challenges:attachment_add", args=[challenge.pk])
    assert client_for(partner_user).post(url, {"upload": pdf_upload()}).status_code == 403
