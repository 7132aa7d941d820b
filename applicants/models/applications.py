"""Applications and the history of their statuses."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from applicants.models.files import ResumeFile
from applicants.models.profiles import phone_validator
from applicants.models.storage import new_token
from applicants.vocab import (
    CLOSED_STATUSES,
    ApplicationStatus,
)

# Applications ------------------------------------------------------------------------------


class Application(models.Model):
    """An applicant's application to a posting, with the file and details they sent."""

    reference = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text="Empty once the applicant has deleted their account.",
    )
    posting = models.ForeignKey(
        "listings.JobPosting", on_delete=models.PROTECT, related_name="applications"
    )
    resume_file = models.ForeignKey(
        ResumeFile, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=25, blank=True, validators=[phone_validator])
    cover_letter = models.TextField(blank=True, max_length=6000)
    status = models.CharField(
        max_length=15, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    applicant_left = models.BooleanField(
        default=False, help_text="The applicant deleted their account after applying."
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "posting"],
                condition=models.Q(user__isnull=False),
                name="one_application_per_posting",
            )
        ]
        indexes = [
            models.Index(fields=["posting", "status"], name="application_posting_status"),
            models.Index(fields=["user", "-submitted_at"], name="application_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.posting}"

    def get_absolute_url(self) -> str:
        return reverse("applicants:application", kwargs={"reference": self.reference})

    @property
    def can_withdraw(self) -> bool:
        return self.status not in CLOSED_STATUSES


class ApplicationEvent(models.Model):
    """A step in an application's history: who moved it to which status, when, and why.
    Internal notes are for the employer's recruiters only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=15, choices=ApplicationStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Internal: never shown to the applicant.")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.at:%Y-%m-%d %H:%M}"
