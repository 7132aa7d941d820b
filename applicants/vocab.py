"""The applicants app's vocabularies: credentials as applicants enter them, file scan
states and application statuses."""

from django.db import models

from listings import vocab


class NbcotCredential(models.TextChoices):
    OTR = vocab.Credential.NBCOT_OTR.value, "OTR (occupational therapist, registered)"
    COTA = vocab.Credential.NBCOT_COTA.value, "COTA (certified occupational therapy assistant)"


class LicenseKind(models.TextChoices):
    OT = vocab.Credential.OT_LICENSE.value, "OT license (OTR/L)"
    OTA = vocab.Credential.OTA_LICENSE.value, "OTA license (COTA/L)"


class ScanStatus(models.TextChoices):
    PENDING = "pending", "Being checked for viruses"
    CLEAN = "clean", "Checked: no virus found"
    INFECTED = "infected", "Removed: a virus was found"
    UNSCANNED = "unscanned", "Not checked (no scanner on this server)"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    REVIEWING = "reviewing", "Being reviewed"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    NOT_SELECTED = "not_selected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# What recruiters may receive: never a file still pending or found infected.
DELIVERABLE = (ScanStatus.CLEAN, ScanStatus.UNSCANNED)


CLOSED_STATUSES = (
    ApplicationStatus.HIRED,
    ApplicationStatus.NOT_SELECTED,
    ApplicationStatus.WITHDRAWN,
)


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
