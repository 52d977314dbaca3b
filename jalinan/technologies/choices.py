from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECEIVED = "received", _("Received")
    ASSESSMENT = "assessment", _("Under assessment")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    PROTECT = "protect", _("Protect (seek IP protection)")
    PUBLISH = "publish", _("Publish (no protection)")
    RELEASE = "release", _("Release to the inventors")
    HOLD = "hold", _("Hold (keep confidential for now)")


class PublicDisclosureKind(models.TextChoices):
    PAPER = "paper", _("Paper or article")
    TALK = "talk", _("Talk or conference presentation")
    POSTER = "poster", _("Poster")
    THESIS = "thesis", _("Thesis")
    ONLINE = "online", _("Online (website, social media, repository)")
    EXHIBITION = "exhibition", _("Exhibition or competition")
    OTHER = "other", _("Other")


class AssetKind(models.TextChoices):
    PATENT = "patent", _("Patent")
    UTILITY = "utility", _("Utility innovation")
    COPYRIGHT = "copyright", _("Copyright notification")
    TRADEMARK = "trademark", _("Trademark")
    DESIGN = "design", _("Industrial design")
    KNOW_HOW = "know_how", _("Know-how / trade secret")


class AssetStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    FILED = "filed", _("Filed")
    PUBLISHED = "published", _("Published")
    GRANTED = "granted", _("Granted / registered")
    LAPSED = "lapsed", _("Lapsed")
    ABANDONED = "abandoned", _("Abandoned")


class IPOffice(models.TextChoices):
    MYIPO = "myipo", _("MyIPO (Malaysia)")
    PCT = "pct", _("WIPO (PCT international application)")
    USPTO = "uspto", _("USPTO (United States)")
    EPO = "epo", _("EPO (Europe)")
    CNIPA = "cnipa", _("CNIPA (China)")
    JPO = "jpo", _("JPO (Japan)")
    IPOS = "ipos", _("IPOS (Singapore)")
    OTHER = "other", _("Other office")


class DeadlineKind(models.TextChoices):
    PRIORITY_YEAR = "priority_year", _("Foreign / PCT filing (12 months from priority)")
    PCT_NATIONAL = "pct_national", _("PCT national phase entry (30 months from priority)")
    EXAMINATION = "examination", _("Request for examination")
    RESPONSE = "response", _("Response to an office action")
    RENEWAL = "renewal", _("Renewal")
    ANNUITY = "annuity", _("Annuity / maintenance fee")
    OTHER = "other", _("Other")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published in the catalogue")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EnquiryKind(models.TextChoices):
    INFORMATION = "information", _("Request information")
    INTEREST = "interest", _("Express interest in licensing")


class Exclusivity(models.TextChoices):
    EXCLUSIVE = "exclusive", _("Exclusive")
    SOLE = "sole", _("Sole")
    NON_EXCLUSIVE = "non_exclusive", _("Non-exclusive")


class LicenceStatus(models.TextChoices):
    NEGOTIATION = "negotiation", _("In negotiation")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class PaymentKind(models.TextChoices):
    UPFRONT = "upfront", _("Upfront fee")
    ROYALTY = "royalty", _("Royalty")
    MILESTONE = "milestone", _("Milestone payment")
    OTHER = "other", _("Other")


class ShareParty(models.TextChoices):
    INVENTOR = "inventor", _("Inventor")
    UNIT = "unit", _("Inventor's KCDIO")
    UNIVERSITY = "university", _("University")


class SpinoffStatus(models.TextChoices):
    FORMING = "forming", _("Being formed")
    ACTIVE = "active", _("Trading")
    ACQUIRED = "acquired", _("Acquired")
    DISSOLVED = "dissolved", _("Dissolved")


# Technology readiness levels; "TRL" reads the same in Malay.
TRL_CHOICES = [(i, f"TRL {i}") for i in range(1, 10)]
