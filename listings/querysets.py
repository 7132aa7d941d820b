import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from listings.vocab import PostingStatus

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def _managed_by[QS: models.QuerySet](
    queryset: QS, user: "AbstractBaseUser | AnonymousUser | None", *, employer_id: str
) -> QS:
    """`queryset` narrowed to the rows of the employers `user` may manage.

    The rule behind both managed_by methods, written once so they cannot drift apart:
    active superusers manage everything; anonymous, inactive or missing users nothing;
    everyone else the employers they hold a membership in (any role). Memberships are
    matched through an `IN (subquery)`, never a join, so no row comes back twice.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset.all()
    return queryset.filter(**{f"{employer_id}__in": user.memberships.values("employer_id")})


class EmployerQuerySet(models.QuerySet):
    def managed_by(self, user: "AbstractBaseUser | AnonymousUser | None") -> "EmployerQuerySet":
        """Employers whose data `user` may manage: the one home of that decision.

        Every admin, view, download and task that touches employer data goes through
        this method (or JobPostingQuerySet.managed_by), never a rule of its own. Active
        superusers: every employer; anonymous, inactive or None users: none; everyone
        else: the employers they hold a membership in, whatever its role.
        """
        return _managed_by(self, user, employer_id="id")


class JobPostingQuerySet(models.QuerySet):
    def open(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Postings a job seeker may see: published, already live, and not yet expired.

        Every public page, feed and sitemap starts here.
        """
        now = now or timezone.now()
        return self.filter(
            status=PostingStatus.PUBLISHED, published_at__lte=now, expires_at__gt=now
        )

    def managed_by(self, user: "AbstractBaseUser | AnonymousUser | None") -> "JobPostingQuerySet":
        """Postings `user` may manage, in any status: those of Employer.objects.managed_by(user).

        With EmployerQuerySet.managed_by, the one home of "who may manage employer data":
        every admin, view, download and task decision about a posting goes through it.
        """
        return _managed_by(self, user, employer_id="employer_id")

    def for_employer(self, employer) -> "JobPostingQuerySet":
        return self.filter(employer=employer)

    def with_employer(self) -> "JobPostingQuerySet":
        return self.select_related("employer")
