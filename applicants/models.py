"""An applicant's profile: who they are, what they hold, what they want.

What they hold becomes `listings.requirements.Qualifications` (`Profile.qualifications()`),
the one value through which the board judges "do I qualify?": `listings` never imports
this app.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from applicants.vocab import (
    CLOSED_STATUSES,
    DELIVERABLE,
    AlertFrequency,
    ApplicationStatus,
    LicenseKind,
    NbcotCredential,
    ScanStatus,
)
from listings import vocab
from listings.fields import ChoiceSetField
from listings.models import zip_validator
from listings.requirements import HeldCertification, HeldLicense, Qualifications

EXPIRING_SOON = datetime.timedelta(days=60)  # a credential this close to expiry is flagged
phone_validator = RegexValidator(
    r"^[0-9+()\-. ]{7,25}$", "Enter a phone number: digits, spaces, + ( ) - and dots."
)


def expiry_status(expires: datetime.date | None, today: datetime.date) -> str:
    """ "expired", "expiring" (within EXPIRING_SOON) or "" for a credential's expiry date."""
    if expires is None:
        return ""
    if expires < today:
        return "expired"
    if expires - today <= EXPIRING_SOON:
        return "expiring"
    return ""


class PrivateStorage(Storage):
    """STORAGES["private"], looked up at each use rather than once at import, so that a
    changed setting (a deployment's, a test's) is always the one files go to."""

    def __getattribute__(self, name: str):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage() -> Storage:
    return PrivateStorage()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def random_photo_path(instance: "Profile", filename: str) -> str:
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}.jpg"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile"
    )
    # About you
    phone = models.CharField(max_length=25, blank=True, validators=[phone_validator])
    home_zip = models.CharField(
        "home ZIP code",
        max_length=5,
        blank=True,
        validators=[zip_validator],
        help_text="Used for distances and “within N miles of home”; never shown to employers.",
    )
    headline = models.CharField(
        max_length=140,
        blank=True,
        help_text="One line recruiters see first, e.g. “School-based OTR/L, 6 years, AAC”.",
    )
    # Education
    degree = models.CharField(
        "highest degree", max_length=20, choices=vocab.Degree.choices, blank=True
    )
    program = models.CharField("OT or OTA program", max_length=150, blank=True)
    acote_accredited = models.BooleanField(
        "ACOTE-accredited program",
        null=True,
        blank=True,
        choices=[(True, "Yes"), (False, "No")],
    )
    graduation_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1950)]
    )
    awaiting_license = models.BooleanField(
        "I'm a new graduate waiting on the NBCOT exam or my first license",
        default=False,
        help_text="Postings that welcome license-eligible new graduates then count as a match.",
    )
    years_experience = models.PositiveSmallIntegerField(
        "years of pediatric experience",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    # Credentials
    nbcot = models.CharField(
        "NBCOT certification", max_length=20, choices=NbcotCredential.choices, blank=True
    )
    nbcot_number = models.CharField("NBCOT certification number", max_length=20, blank=True)
    nbcot_expires = models.DateField("NBCOT certification expires", null=True, blank=True)
    certifications = ChoiceSetField(
        "specialty certifications", vocabulary=vocab.Certification, blank=True
    )
    drivers_license = models.BooleanField(
        "driver's license and auto insurance",
        null=True,
        blank=True,
        choices=[(True, "Yes, I hold both"), (False, "No")],
    )
    # What you are looking for
    roles = ChoiceSetField("roles", vocabulary=vocab.Role, blank=True)
    practice_settings = ChoiceSetField("settings", vocabulary=vocab.Setting, blank=True)
    employment_types = ChoiceSetField(vocabulary=vocab.EmploymentType, blank=True)
    states = ChoiceSetField(
        "states", vocabulary=vocab.State, blank=True, help_text="Leave empty for anywhere."
    )
    radius_miles = models.PositiveSmallIntegerField(
        "within miles of home",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    min_yearly_pay = models.PositiveIntegerField(
        "minimum yearly pay",
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
        help_text="In US dollars a year; hourly pay is compared as a yearly figure.",
    )
    age_groups = ChoiceSetField("ages you want to work with", vocabulary=vocab.AgeGroup)
    focus_areas = ChoiceSetField(vocabulary=vocab.FocusArea, blank=True)
    available_from = models.DateField(null=True, blank=True)
    max_caseload = models.PositiveSmallIntegerField(
        "highest caseload you will take",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    w2_only = models.BooleanField("W-2 employment only (no 1099 contracts)", default=False)
    mentorship_wanted = models.BooleanField("I want new-graduate mentorship", default=False)
    school_year_calendar = models.BooleanField("school-year calendar only", default=False)
    telehealth_ok = models.BooleanField("open to telehealth", default=True)
    max_sites_per_week = models.PositiveSmallIntegerField(
        "most sites a week",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    photo = models.FileField(
        storage=private_storage,
        upload_to=random_photo_path,
        max_length=200,
        blank=True,
        editable=False,
    )
    photo_token = models.CharField(max_length=40, blank=True, editable=False)
    visible_to_recruiters = models.BooleanField(
        "let recruiters find my profile",
        default=False,
        help_text="Off until you turn it on. Employers you apply to always see what you send.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nbcot="") | ~models.Q(nbcot_number=""),
                name="profile_nbcot_has_number",
            )
        ]

    def __str__(self) -> str:
        return self.user.get_full_name()

    def get_absolute_url(self) -> str:
        return reverse("applicants:profile")

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.graduation_year and self.graduation_year > this_year + 4:
            errors["graduation_year"] = f"Enter a year up to {this_year + 4}."
        if self.nbcot and not self.nbcot_number:
            errors["nbcot_number"] = "Enter the number on your NBCOT certificate."
        if self.nbcot_number and not self.nbcot:
            errors["nbcot"] = "Choose which NBCOT certification this number is for."
        if errors:
            raise ValidationError(errors)

    def qualifications(self) -> Qualifications:
        """What this applicant holds, as the requirements module reads it. Licenses come
        from `self.licenses` (prefetch them when evaluating many profiles)."""
        return Qualifications(
            degree=self.degree or None,
            acote=self.acote_accredited,
            licenses=tuple(
                HeldLicense(kind=lic.kind, state=lic.state, expires=lic.expires_on)
                for lic in self.licenses.all()
            ),
            nbcot=(
                (HeldCertification(kind=self.nbcot, expires=self.nbcot_expires),)
                if self.nbcot
                else ()
            ),
            certifications=frozenset(self.certifications),
            drivers_license=self.drivers_license,
            years_experience=self.years_experience,
            new_graduate=self.awaiting_license,
        )

    def credential_alerts(self, today: datetime.date | None = None) -> list[str]:
        """Sentences about expired or soon-expiring credentials, for the applicant."""
        today = today or timezone.localdate()
        alerts = []
        held: list[tuple[str, datetime.date | None]] = [
            (str(lic), lic.expires_on) for lic in self.licenses.all()
        ]
        if self.nbcot:
            held.append(
                (
                    f"NBCOT {self.get_nbcot_display().split(' ')[0]} certification",
                    self.nbcot_expires,
                )
            )
        for name, expires in held:
            status = expiry_status(expires, today)
            if expires is None:
                continue
            if status == "expired":
                alerts.append(f"Your {name} expired on {expires:%B} {expires.day}, {expires.year}.")
            elif status == "expiring":
                alerts.append(f"Your {name} expires on {expires:%B} {expires.day}, {expires.year}.")
        return alerts


class License(models.Model):
    """A state license held (OT or OTA), with its expiry."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="licenses")
    kind = models.CharField("license", max_length=20, choices=LicenseKind.choices)
    state = models.CharField(max_length=2, choices=vocab.State.choices)
    number = models.CharField("license number", max_length=30)
    expires_on = models.DateField("expires")

    class Meta:
        ordering = ["state", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "state"], name="license_once_per_state"
            )
        ]

    def __str__(self) -> str:
        short = vocab.CREDENTIAL_SHORT_LABELS[self.kind]
        return f"{self.get_state_display()} {short}"

    @property
    def expiry_status(self) -> str:
        return expiry_status(self.expires_on, timezone.localdate())


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


# Saved jobs and searches -----------------------------------------------------------------
class SavedJob(models.Model):
    """A posting an applicant keeps an eye on; reminded once before it closes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    posting = models.ForeignKey(
        "listings.JobPosting", on_delete=models.CASCADE, related_name="saved_by"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "posting"], name="save_a_job_once")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.posting}"


class SavedSearch(models.Model):
    """ "Email me new jobs like these": a listing query and how often to hear of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(max_length=1000, help_text="The listing's query string.")
    summary = models.CharField(max_length=300, blank=True)
    frequency = models.CharField(
        max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="save_a_search_once")]

    def __str__(self) -> str:
        return self.summary or "All jobs"

    @property
    def frequency_choices(self) -> list[tuple[str, str]]:
        return AlertFrequency.choices

    def listing_url(self) -> str:
        path = reverse("listings:posting_list")
        return f"{path}?{self.query}" if self.query else path


class AlertDelivery(models.Model):
    """A posting an alert has told of: no posting reaches the same alert twice."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    posting = models.ForeignKey("listings.JobPosting", on_delete=models.CASCADE, related_name="+")
    email = models.ForeignKey(
        "accounts.OutgoingEmail", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "posting"], name="tell_of_a_posting_once")
        ]

    def __str__(self) -> str:
        return f"{self.search} told of {self.posting_id}"
