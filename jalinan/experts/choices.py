from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    PROFESSOR = "professor", _("Professor")
    ASSOCIATE_PROFESSOR = "associate_professor", _("Associate Professor")
    ASSISTANT_PROFESSOR = "assistant_professor", _("Assistant Professor")
    SENIOR_LECTURER = "senior_lecturer", _("Senior Lecturer")
    LECTURER = "lecturer", _("Lecturer")
    RESEARCH_FELLOW = "research_fellow", _("Research Fellow")
    OTHER = "other", _("Other")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available for consultancy")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not available")


class PublicationKind(models.TextChoices):
    ARTICLE = "article", _("Journal article")
    CONFERENCE = "conference", _("Conference paper")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    THESIS = "thesis", _("Thesis")
    REPORT = "report", _("Report")
    PATENT = "patent", _("Patent")
    OTHER = "other", _("Other")


class PublicationSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    BIBTEX = "bibtex", _("BibTeX import")
    RIS = "ris", _("RIS import")
    CSV = "csv", _("CSV import")
    ORCID = "orcid", _("ORCID import")
