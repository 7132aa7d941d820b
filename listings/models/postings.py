"""Job postings: their facts, their requirements and their lifecycle."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone

from listings import vocab
from listings.fields import ChoiceSetField
from listings.geo import ZIP_RE, zip_place
from listings.models.employers import Employer, zip_validator
from listings.preparation import prepare_posting
from listings.querysets import JobPostingQuerySet, closing_time, confirmation_day, is_open
from listings.requirements import Requirements, new_grads_welcome

DEFAULT_POSTING_LIFETIME = datetime.timedelta(days=60)


class InvalidTransition(ValidationError):
    """A posting state change that its current status does not allow."""


def _annual(field: str) -> Case:
    return Case(
        *(
            When(pay_unit=unit, then=F(field) * factor)
            for unit, factor in vocab.PAY_UNIT_ANNUAL_FACTOR.items()
        ),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
    )


def _known(field: str, choices: type[models.Choices], *, blank: bool = False):
    """A check constraint that keeps a vocabulary field to its vocabulary."""
    condition = Q(**{f"{field}__in": choices.values})
    if blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=f"posting_{field}_known")


class JobPosting(models.Model):
    """An opening (or a pool for future openings) with every fact DOMAIN.md asks for."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="postings")
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    role = models.CharField(max_length=20, choices=vocab.Role)
    setting = models.CharField(max_length=24, choices=vocab.Setting)
    employment_type = models.CharField(max_length=16, choices=vocab.EmploymentType)

    # Requirements
    min_degree = models.CharField("minimum degree", max_length=16, choices=vocab.Degree)
    acote_required = models.BooleanField(
        "degree from an ACOTE-accredited program required", default=False
    )
    licensure_status = models.CharField(max_length=20, choices=vocab.LicensureStatus)
    required_credentials = ChoiceSetField(
        "required licenses and certifications", vocabulary=vocab.Credential
    )
    required_certifications = ChoiceSetField(
        "required specialty certifications", vocabulary=vocab.Certification
    )
    preferred_certifications = ChoiceSetField(
        "preferred specialty certifications", vocabulary=vocab.Certification
    )
    drivers_license_required = models.BooleanField(
        "valid driver's license and auto insurance required", default=False
    )
    years_experience = models.PositiveSmallIntegerField(
        "years of pediatric experience required",
        default=0,
        validators=[MaxValueValidator(30)],
        help_text="0 means new graduates are welcome.",
    )
    age_groups = ChoiceSetField("ages served", vocabulary=vocab.AgeGroup)
    focus_areas = ChoiceSetField("focus areas", vocabulary=vocab.FocusArea)

    # Pay: a range is required on every posting; annual figures are derived for filters.
    pay_min = models.DecimalField(max_digits=10, decimal_places=2)
    pay_max = models.DecimalField(max_digits=10, decimal_places=2)
    pay_unit = models.CharField(max_length=5, choices=vocab.PayUnit)
    pay_annual_min = models.GeneratedField(
        expression=_annual("pay_min"),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
        db_persist=True,
    )
    pay_annual_max = models.GeneratedField(
        expression=_annual("pay_max"),
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
        db_persist=True,
    )

    # Location; coordinates come from the ZIP, offline.
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=vocab.State)
    zip_code = models.CharField("ZIP code", max_length=5, validators=[zip_validator])
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    # The posting's text
    description = models.TextField()
    requirements = models.TextField(blank=True)
    benefits = models.TextField(blank=True)
    how_to_apply = models.CharField(
        max_length=10, choices=vocab.HowToApply, default=vocab.HowToApply.ON_SITE
    )
    apply_url = models.URLField("external application URL", blank=True)

    # Honest-posting facts; each is empty where the setting has none.
    employment_model = models.CharField(max_length=16, choices=vocab.EmploymentModel, blank=True)
    client_name = models.CharField(
        "client (where the work happens)",
        max_length=200,
        blank=True,
        help_text="For agency postings: the district, clinic or hospital served.",
    )
    caseload_direct = models.PositiveSmallIntegerField(
        "caseload: direct-service students", null=True, blank=True
    )
    caseload_consult = models.PositiveSmallIntegerField(
        "caseload: consult students", null=True, blank=True
    )
    productivity_target = models.PositiveSmallIntegerField(
        "productivity target (% billable time)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    evaluations_per_month = models.PositiveSmallIntegerField(null=True, blank=True)
    sites_count = models.PositiveSmallIntegerField("number of sites", null=True, blank=True)
    mileage_policy = models.CharField(max_length=200, blank=True)
    telehealth = models.CharField(max_length=8, choices=vocab.Telehealth, blank=True)
    contract_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    pay_spread = models.CharField("pay spread", max_length=8, choices=vocab.PaySpread, blank=True)
    esy_available = models.BooleanField(
        "extended school year (summer) work available", null=True, blank=True
    )
    esy_rate = models.CharField("ESY pay rate", max_length=100, blank=True)
    closure_day_pay = models.CharField("pay on school-closure days", max_length=200, blank=True)
    ots_on_team = models.PositiveSmallIntegerField("OTs on the team", null=True, blank=True)
    cota_support = models.BooleanField("COTA support on the team", null=True, blank=True)
    mentorship = models.CharField(
        "new-graduate mentorship", max_length=10, choices=vocab.Mentorship, blank=True
    )
    mentorship_weeks = models.PositiveSmallIntegerField(
        "length of formal mentorship (weeks)", null=True, blank=True
    )
    cota_supervision = models.CharField("how COTAs are supervised", max_length=300, blank=True)
    ceu_allowance = models.DecimalField(
        "CEU allowance per year (USD)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    sign_on_bonus = models.DecimalField(
        "sign-on bonus (USD)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    sign_on_repayment_terms = models.CharField(max_length=300, blank=True)
    vacancy = models.CharField(max_length=8, choices=vocab.Vacancy, default=vocab.Vacancy.CURRENT)
    apply_by = models.DateField("apply-by date", null=True, blank=True)
    last_confirmed_open = models.DateField(
        "employer last confirmed the opening", null=True, blank=True
    )

    # Lifecycle
    status = models.CharField(
        max_length=10, choices=vocab.PostingStatus, default=vocab.PostingStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Defaults to 60 days after publishing."
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_reason = models.CharField(
        "why it was closed",
        max_length=12,
        choices=vocab.ClosedReason,
        blank=True,
        editable=False,
        help_text="Empty while the posting is open or a draft.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(pay_min__gt=0), name="posting_pay_positive"),
            models.CheckConstraint(
                condition=Q(pay_min__lte=F("pay_max")), name="posting_pay_min_lte_max"
            ),
            models.CheckConstraint(
                condition=Q(state__in=vocab.State.values), name="posting_state_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=vocab.PostingStatus.values), name="posting_status_known"
            ),
            models.CheckConstraint(
                condition=Q(pay_unit__in=vocab.PayUnit.values), name="posting_pay_unit_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=vocab.PostingStatus.PUBLISHED)
                | Q(published_at__isnull=False, expires_at__isnull=False),
                name="posting_published_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="posting_expires_after_published",
            ),
            models.CheckConstraint(
                condition=~Q(how_to_apply=vocab.HowToApply.EXTERNAL) | ~Q(apply_url=""),
                name="posting_external_apply_has_url",
            ),
            models.CheckConstraint(
                condition=Q(productivity_target__isnull=True) | Q(productivity_target__lte=100),
                name="posting_productivity_is_percent",
            ),
            _known("role", vocab.Role),
            _known("setting", vocab.Setting),
            _known("employment_type", vocab.EmploymentType),
            _known("min_degree", vocab.Degree),
            _known("licensure_status", vocab.LicensureStatus),
            _known("how_to_apply", vocab.HowToApply),
            _known("vacancy", vocab.Vacancy),
            _known("employment_model", vocab.EmploymentModel, blank=True),
            _known("telehealth", vocab.Telehealth, blank=True),
            _known("pay_spread", vocab.PaySpread, blank=True),
            _known("mentorship", vocab.Mentorship, blank=True),
            _known("closed_reason", vocab.ClosedReason, blank=True),
            models.CheckConstraint(
                condition=Q(status=vocab.PostingStatus.CLOSED) | Q(closed_reason=""),
                name="posting_closed_reason_only_when_closed",
            ),
        ]
        indexes = [
            # open() and the newest-first listing
            models.Index(fields=["status", "-published_at"], name="posting_status_published"),
            models.Index(fields=["status", "expires_at"], name="posting_status_expires"),
            models.Index(fields=["employer", "status"], name="posting_employer_status"),
            models.Index(fields=["state", "city"], name="posting_state_city"),
            models.Index(fields=["latitude", "longitude"], name="posting_lat_lon"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer.name})" if self.employer_id else self.title

    def save(self, *args, **kwargs):
        prepare_posting(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:posting_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.pay_min is not None and self.pay_min <= 0:
            errors["pay_min"] = "Enter the bottom of the pay range, above zero."
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            errors["pay_max"] = "The top of the pay range must be at least its bottom."
        if self.zip_code and ZIP_RE.match(self.zip_code):
            if zip_place(self.zip_code) is None:
                errors["zip_code"] = "We could not find this ZIP code."
        if self.how_to_apply == vocab.HowToApply.EXTERNAL and not self.apply_url:
            errors["apply_url"] = "Give the URL where applicants apply on your site."
        if self.published_at and self.expires_at and self.expires_at <= self.published_at:
            errors["expires_at"] = "The posting must expire after it is published."
        if self.employment_model == vocab.EmploymentModel.AGENCY_W2 and not self.client_name:
            errors["client_name"] = "Agency postings name the client where the work happens."
        if errors:
            raise ValidationError(errors)

    # State changes -----------------------------------------------------------------
    def publish(self, *, now: datetime.datetime | None = None) -> None:
        """Make a draft (or a closed posting, re-opened) visible, expiring in 60 days and
        confirmed open today. Refused while anything a complete posting needs is missing
        or wrong (what the page and its JobPosting markup show)."""
        if self.status == vocab.PostingStatus.PUBLISHED:
            raise InvalidTransition("This posting is already published.")
        now = now or timezone.now()
        try:
            self.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"{field.replace('_', ' ')}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise InvalidTransition(
                f"Complete the posting before publishing ({problems})."
            ) from None
        self.status = vocab.PostingStatus.PUBLISHED
        self.published_at = now
        if self.expires_at is None or self.expires_at <= now:
            self.expires_at = now + DEFAULT_POSTING_LIFETIME
        self.closed_at = None
        self.closed_reason = ""
        self.last_confirmed_open = timezone.localdate(now)
        self.save()

    def extend(self, *, days: int = 30, now: datetime.datetime | None = None) -> None:
        """Keep a published posting up `days` longer (from today if it already expired)."""
        if self.status != vocab.PostingStatus.PUBLISHED or self.expires_at is None:
            raise InvalidTransition("Only a published posting can be extended.")
        now = now or timezone.now()
        self.expires_at = max(self.expires_at, now) + datetime.timedelta(days=days)
        self.save()

    def confirm_open(self, *, now: datetime.datetime | None = None) -> None:
        """The employer says the job is still open: seekers see it was confirmed today."""
        if self.status != vocab.PostingStatus.PUBLISHED:
            raise InvalidTransition("Only a published posting can be confirmed open.")
        self.last_confirmed_open = timezone.localdate(now or timezone.now())
        self.save()

    def duplicate(self) -> "JobPosting":
        """A new draft with this posting's content (a new slug, no dates)."""
        copy = JobPosting.objects.get(pk=self.pk)
        copy.pk = None
        copy._state.adding = True
        copy.slug = ""
        copy.status = vocab.PostingStatus.DRAFT
        copy.published_at = copy.expires_at = copy.closed_at = None
        copy.closed_reason = ""
        copy.last_confirmed_open = None
        copy.apply_by = None
        copy.save()
        return copy

    def close(
        self,
        *,
        reason: str = vocab.ClosedReason.FILLED,
        now: datetime.datetime | None = None,
    ) -> None:
        """Take a published posting down, recording why (filled or withdrawn by its
        employer; expiry and lack of confirmation close postings in bulk through
        `listings.lifecycle`)."""
        if self.status != vocab.PostingStatus.PUBLISHED:
            raise InvalidTransition("Only a published posting can be closed.")
        self.status = vocab.PostingStatus.CLOSED
        self.closed_reason = vocab.ClosedReason(reason)
        self.closed_at = now or timezone.now()
        self.save()

    # Reading -----------------------------------------------------------------------
    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """Whether a job seeker may see it now (`JobPostingQuerySet.open()` in Python)."""
        return is_open(
            self.status,
            self.published_at,
            self.expires_at,
            self.apply_by,
            self.last_confirmed_open,
            now or timezone.now(),
        )

    @property
    def confirmed_on(self) -> datetime.date | None:
        """The day its employer last confirmed it open (its publication day if never)."""
        return confirmation_day(self.last_confirmed_open, self.published_at)

    @property
    def closes_at(self) -> datetime.datetime | None:
        """When it stops taking applications: its expiry, the end of its apply-by day, or
        the end of the last day its confirmation holds, whichever comes first."""
        if self.expires_at is None:
            return None
        return closing_time(self.expires_at, self.apply_by, self.confirmed_on)

    @property
    def ended(self) -> tuple[str, datetime.datetime] | None:
        """Why and when a posting stopped being open, for the page it leaves behind: a
        ClosedReason value, or "apply_by" (its apply-by day passed); None while it is open
        or was never published."""
        if self.status == vocab.PostingStatus.CLOSED:
            when = self.closed_at or self.updated_at
            return (self.closed_reason or vocab.ClosedReason.FILLED, when)
        closes = self.closes_at
        if closes is None or closes > timezone.now():
            return None
        if self.expires_at is not None and closes >= self.expires_at:
            return (vocab.ClosedReason.EXPIRED, closes)
        if self.expires_at is not None and closes == closing_time(self.expires_at, self.apply_by):
            return ("apply_by", closes)
        return (vocab.ClosedReason.UNCONFIRMED, closes)

    @property
    def is_new_grad_friendly(self) -> bool:
        return new_grads_welcome(self.licensure_status, self.years_experience)

    @property
    def requirement_set(self) -> Requirements:
        """What an applicant must hold, as data (`listings.requirements`)."""
        return Requirements.of(self)

    @property
    def applies_on_site(self) -> bool:
        return self.how_to_apply == vocab.HowToApply.ON_SITE

    def labels(self, field_name: str) -> list[str]:
        """Human labels of a ChoiceSetField's codes, in vocabulary order."""
        field = self._meta.get_field(field_name)
        if not isinstance(field, ChoiceSetField):
            raise TypeError(f"{field_name} is not a multi-valued vocabulary field")
        return field.labels(getattr(self, field_name))
