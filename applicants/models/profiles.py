"""An applicant's profile: who they are, what they hold, what they want.

What they hold becomes `listings.requirements.Qualifications` (`Profile.qualifications()`),
the one value through which the board judges "do I qualify?": `listings` never imports
this app.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from applicants.models.storage import private_storage
from applicants.vocab import (
    LicenseKind,
    NbcotCredential,
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
