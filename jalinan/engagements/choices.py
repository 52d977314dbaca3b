from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")
    TALK = "talk", _("Talk")
    CEO_FACULTY = "ceo_faculty", _("CEO@Faculty session")
    ADVISORY_PANEL = "advisory_panel", _("Industry advisory panel")
    TRAINING = "training", _("Training")
    EVENT = "event", _("Event")
    SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
