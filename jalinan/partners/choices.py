from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    MNC = "mnc", _("Multinational company (MNC)")
    GLC = "glc", _("Government-linked company (GLC)")
    SME = "sme", _("Small or medium enterprise (SME)")
    STARTUP = "startup", _("Startup")
    GOVERNMENT = "government", _("Government agency")
    NGO = "ngo", _("Non-governmental organisation (NGO)")
    UNIVERSITY = "university", _("University")
    OTHER = "other", _("Other")


class OrganisationSize(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 5 employees)")
    SMALL = "small", _("Small (5 to 74)")
    MEDIUM = "medium", _("Medium (75 to 200)")
    LARGE = "large", _("Large (more than 200)")
    UNKNOWN = "", _("Not known")


class OrganisationStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    MERGED = "merged", _("Merged into another record")


class MalaysianState(models.TextChoices):
    JOHOR = "JHR", "Johor"
    KEDAH = "KDH", "Kedah"
    KELANTAN = "KTN", "Kelantan"
    MELAKA = "MLK", "Melaka"
    NEGERI_SEMBILAN = "NSN", "Negeri Sembilan"
    PAHANG = "PHG", "Pahang"
    PERAK = "PRK", "Perak"
    PERLIS = "PLS", "Perlis"
    PULAU_PINANG = "PNG", "Pulau Pinang"
    SABAH = "SBH", "Sabah"
    SARAWAK = "SWK", "Sarawak"
    SELANGOR = "SGR", "Selangor"
    TERENGGANU = "TRG", "Terengganu"
    KUALA_LUMPUR = "KUL", "W.P. Kuala Lumpur"
    LABUAN = "LBN", "W.P. Labuan"
    PUTRAJAYA = "PJY", "W.P. Putrajaya"
