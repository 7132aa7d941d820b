"""Employers and the people who work for them (memberships)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from listings import vocab
from listings.geo import ZIP_RE
from listings.preparation import prepare_employer
from listings.querysets import EmployerQuerySet

zip_validator = RegexValidator(ZIP_RE.pattern, "Enter a five-digit ZIP code.")


class Employer(models.Model):
    """A school district, agency, hospital, clinic or practice that hires therapists."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    kind = models.CharField(max_length=32, choices=vocab.EmployerKind)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    about = models.TextField(blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=vocab.State)
    zip_code = models.CharField("ZIP code", max_length=5, validators=[zip_validator])
    logo = models.ImageField(upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=vocab.State.values), name="employer_state_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=vocab.EmployerKind.values), name="employer_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        prepare_employer(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:employer_detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A user who works for an employer: a recruiter, or an employer admin.

    Holding a membership, whatever its role, is what lets a user manage the employer's
    data (see EmployerQuerySet.managed_by).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(
        max_length=16, choices=vocab.MembershipRole, default=vocab.MembershipRole.RECRUITER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "employer"], name="membership_user_employer_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=vocab.MembershipRole.values), name="membership_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.employer}: {self.get_role_display()}"
