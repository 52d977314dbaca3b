"""A report's lists show only the records their reader may open, on the page and in every file
(CSV, XLSX, PDF); the figures may still count the others, and a note says how many were left
out, never their titles, partners or numbers."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.models import Challenge
from jalinan.challenges.tests.factories import make_challenge
from jalinan.partners.models import Organisation
from jalinan.technologies.choices import AssetKind, AssetStatus, IPOffice
from jalinan.technologies.models import IPAsset

from .conftest import YEAR

PAGE = reverse("reports:documents")


def texts(client, params) -> dict[str, str]:
    """The report as its reader gets it: the page, and the text of each file."""
    out = {"page": client.get(PAGE, params).content.decode()}
    csv_file = client.get(reverse("reports:document_download", args=["csv"]), params)
    out["csv"] = csv_file.content.decode("utf-8-sig")
    pdf = client.get(reverse("reports:document_download", args=["pdf"]), params)
    out["pdf"] = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    xlsx = client.get(reverse("reports:document_download", args=["xlsx"]), params)
    book = load_workbook(io.BytesIO(xlsx.content))
    out["xlsx"] = "\n".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
    )
    return out


@pytest.fixture
def secret_filing(world):
    """A patent filing of the Kulliyyah of Engineering in 2024 with no inventor there."""
    return IPAsset.objects.create(
        reference="IP-2024-0901",
        kind=AssetKind.PATENT,
        title="Covert corrosion sensor",
        office=IPOffice.MYIPO,
        application_number="PI2024009876",
        filing_date=datetime.date(YEAR, 3, 4),
        status=AssetStatus.FILED,
        unit=world.eng,
    )


def test_a_coordinators_unit_report_has_no_ip_filing_they_may_not_open(
    world, secret_filing, coordinator, officer, client_for
):
    params = {"report": "unit", "year": YEAR, "unit": world.eng.pk}
    for where, text in texts(client_for(coordinator), params).items():
        assert "Covert corrosion sensor" not in text, where
        assert "PI2024009876" not in text, where
        assert "1 confidential item not shown" in text, where
    # the office reads the filing in the same report
    officer_page = client_for(officer).get(PAGE, params).content.decode()
    assert "Covert corrosion sensor" in officer_page and "PI2024009876" in officer_page
    assert "confidential item not shown" not in officer_page


@pytest.fixture
def challenges(world):
    def posted(title, org_name, **kw):
        org = Organisation.objects.create(legal_name=org_name, org_type="mnc")
        c = make_challenge(organisation=org, title=title, index=False, **kw)
        at = datetime.datetime(YEAR, 5, 6, 10, tzinfo=datetime.UTC)
        Challenge.objects.filter(pk=c.pk).update(
            submitted_at=at, published_at=at if c.published_at else None
        )
        return c

    return [
        posted("Open pipeline inspection", "Petro Visible Berhad"),
        posted(
            "Invited-only desalination membranes",
            "Hidden Water Sdn Bhd",
            visibility=Visibility.INVITED,
        ),
        posted(
            "Unpublished smart grid question",
            "Quiet Grid Berhad",
            status=ChallengeStatus.SUBMITTED,
        ),
    ]


def test_managements_annual_report_has_no_confidential_or_unpublished_challenge(
    world, challenges, management, officer, client_for
):
    params = {"report": "annual", "year": YEAR}
    for where, text in texts(client_for(management), params).items():
        assert "Open pipeline inspection" in text and "Petro Visible Berhad" in text, where
        for hidden in (
            "Invited-only desalination membranes",
            "Hidden Water Sdn Bhd",
            "Unpublished smart grid question",
            "Quiet Grid Berhad",
        ):
            assert hidden not in text, (where, hidden)
        assert "2 confidential items not shown" in text, where
    officer_page = client_for(officer).get(PAGE, params).content.decode()
    assert "Invited-only desalination membranes" in officer_page
    assert "Hidden Water Sdn Bhd" in officer_page
