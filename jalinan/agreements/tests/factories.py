"""Test data for memoranda: factory-boy factories for direct rows (a memorandum standing in
some status, its parties, signatories and deliverables), and the service-based ``make_memo``
where the history matters (references, status changes, audit rows)."""

from __future__ import annotations

import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UnitFactory, UserFactory
from jalinan.agreements import services
from jalinan.agreements.choices import Status
from jalinan.agreements.models import (
    Deliverable,
    Document,
    Memorandum,
    MemorandumType,
    Party,
    Signatory,
)
from jalinan.partners.tests.factories import OrganisationFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def pdf_upload(name="paper.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def memo_type(code="moa") -> MemorandumType:
    services.types_ensure_defaults()
    return MemorandumType.objects.get(code=code)


class MemorandumFactory(DjangoModelFactory):
    """A memorandum row standing in ``status`` (draft by default), without the service's
    history; ``parties=[org, ...]`` adds its partner organisations in that order."""

    class Meta:
        model = Memorandum
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"MOA/TEST/{n:05d}")
    title = "Joint robotics laboratory"
    memo_type = factory.LazyFunction(lambda: memo_type("moa"))
    initiating_unit = factory.SubFactory(UnitFactory)
    person_in_charge = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    scope = "Joint research and internships in robotics."
    status = Status.DRAFT

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        for order, organisation in enumerate(extracted or ()):
            PartyFactory(memorandum=self, organisation=organisation, order=order)


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    memorandum = factory.SubFactory(MemorandumFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class SignatoryFactory(DjangoModelFactory):
    """The university's signatory unless ``party`` is given."""

    class Meta:
        model = Signatory

    memorandum = factory.SubFactory(MemorandumFactory)
    name = "Prof. Rector"
    title = "Rector"


class DeliverableFactory(DjangoModelFactory):
    class Meta:
        model = Deliverable

    memorandum = factory.SubFactory(MemorandumFactory)
    title = "Two internships a year"


def make_memo(
    *,
    unit,
    pic,
    parties,
    created_by=None,
    status: str = Status.DRAFT,
    type_code: str = "moa",
    title: str = "Joint robotics laboratory",
    confidentiality: str = "internal",
    **fields,
) -> Memorandum:
    """A memorandum created through the service, then put straight into ``status``."""
    memo = services.memorandum_create(
        by=created_by or pic,
        parties=list(parties),
        title=title,
        memo_type=memo_type(type_code),
        initiating_unit=unit,
        person_in_charge=pic,
        scope="Joint research and internships in robotics.",
        confidentiality=confidentiality,
        quiet=True,
        **fields,
    )
    if status != Status.DRAFT:
        Memorandum.objects.filter(pk=memo.pk).update(status=status)
        memo.refresh_from_db()
    return memo


def make_ready_to_sign(memo: Memorandum) -> Memorandum:
    """Signatories for every side, as record_signing needs."""
    SignatoryFactory(memorandum=memo)
    for party in Party.objects.filter(memorandum=memo):
        SignatoryFactory(memorandum=memo, party=party, name="Ms CEO", title="CEO")
    return memo


def make_document(memo, *, kind="draft", confidential=True, by=None) -> Document:
    return services.document_add(
        memorandum=memo, by=by, kind=kind, upload=pdf_upload(), is_confidential=confidential
    )


def set_dates(memo, *, start=None, end=None, last_activity=None):
    today = timezone.localdate()
    Memorandum.objects.filter(pk=memo.pk).update(
        start_date=start or today - datetime.timedelta(days=30),
        end_date=end or today + datetime.timedelta(days=700),
        last_activity_on=last_activity,
    )
    services.memoranda_refresh_health([memo.pk])
    memo.refresh_from_db()
    return memo
