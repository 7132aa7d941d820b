"""Resume files (private, scanned) and the resumes in an applicant's list."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from applicants.models.profiles import Profile
from applicants.models.storage import new_token, private_storage
from applicants.vocab import (
    DELIVERABLE,
    ScanStatus,
)


# Resumes -----------------------------------------------------------------------------------
def random_resume_path(instance: "ResumeFile", filename: str) -> str:
    """Stored names say nothing of their owner and cannot be guessed."""
    extension = ".docx" if instance.kind == "docx" else ".pdf"
    return f"resumes/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}{extension}"


class ResumeFile(models.Model):
    """One uploaded file, private: reached only through `token` and a permission check
    (`applicants.access`). Resumes and applications point at it; an application keeps its
    file when the resume is deleted."""

    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(storage=private_storage, upload_to=random_resume_path, max_length=200)
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8)  # "pdf" or "docx" (applicants.uploads)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    scan_status = models.CharField(
        max_length=12, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    scan_signature = models.CharField(max_length=200, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    scan_attempts = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["owner", "-uploaded_at"], name="resumefile_owner")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def deliverable(self) -> bool:
        return self.scan_status in DELIVERABLE

    def get_download_url(self) -> str:
        return reverse("applicants:download", kwargs={"token": self.token})


class Resume(models.Model):
    """A resume in an applicant's list: a file, a name for it, one of them the default."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="resumes")
    file = models.ForeignKey(ResumeFile, on_delete=models.PROTECT, related_name="resumes")
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_default", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"], condition=models.Q(is_default=True), name="one_default_resume"
            )
        ]

    def __str__(self) -> str:
        return str(self.file)

    def remove(self) -> None:
        """Delete this resume from the list; if it was the default, the newest one left
        becomes the default. Its file stays (see services.discard_unused_file)."""
        self.delete()
        if self.is_default:
            newest = Resume.objects.filter(profile=self.profile_id).order_by("-created_at").first()
            if newest:
                Resume.objects.filter(pk=newest.pk).update(is_default=True)
