import datetime
import functools
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from accounts.roles import ensure_recruiters_group
from applicants.models import License, Profile
from listings import vocab
from listings.models import Employer, JobPosting, Membership

# Every factory-made user signs in with this password (client.login(email=..., password=PASSWORD)).
PASSWORD = "correct horse battery staple"


@functools.cache
def hashed_password(raw: str) -> str:
    """A password hash takes most of a second by design: each test password is hashed once."""
    return make_password(raw)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user with no role: a job seeker. `raw_password` defaults to PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        raw_password = PASSWORD

    email = factory.Sequence(lambda n: f"user{n}@otjobs.example")
    password = factory.LazyAttribute(lambda o: hashed_password(o.raw_password))


class SuperuserFactory(UserFactory):
    """Site staff: may manage every employer."""

    email = factory.Sequence(lambda n: f"staff{n}@otjobs.example")
    is_staff = True
    is_superuser = True


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Bluebonnet Pediatric Therapy {n}")
    kind = vocab.EmployerKind.OUTPATIENT_CLINIC
    city = "Austin"
    state = "TX"
    zip_code = "78701"
    website = "https://example.org"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    employer = factory.SubFactory(EmployerFactory)
    role = vocab.MembershipRole.RECRUITER


class RecruiterFactory(UserFactory):
    """A staff user (signs in to the admin) who is a member of the employers given.

    RecruiterFactory(employers=[a, b]) makes it a recruiter at a and b;
    add employers__role=vocab.MembershipRole.ADMIN for an employer admin.
    """

    email = factory.Sequence(lambda n: f"recruiter{n}@otjobs.example")
    is_staff = True

    @factory.post_generation
    def in_recruiters_group(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted is not False:
            self.groups.add(ensure_recruiters_group())

    @factory.post_generation
    def employers(self, create: bool, extracted, **kwargs) -> None:
        if not create or not extracted:
            return
        for employer in extracted:
            MembershipFactory(user=self, employer=employer, **kwargs)


class JobPostingFactory(factory.django.DjangoModelFactory):
    """An open outpatient pediatric OT posting in Austin, TX unless told otherwise."""

    class Meta:
        model = JobPosting

    class Params:
        draft = factory.Trait(status=vocab.PostingStatus.DRAFT, published_at=None, expires_at=None)
        # As JobPosting.close() leaves it: closed now, and never before it was published.
        closed = factory.Trait(
            status=vocab.PostingStatus.CLOSED,
            closed_at=factory.LazyAttribute(
                lambda o: max(timezone.now(), o.published_at or timezone.now())
            ),
        )

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Pediatric Occupational Therapist {n}")
    role = vocab.Role.PEDIATRIC_OT
    setting = vocab.Setting.OUTPATIENT_CLINIC
    employment_type = vocab.EmploymentType.FULL_TIME
    min_degree = vocab.Degree.MASTERS
    licensure_status = vocab.LicensureStatus.LICENSED
    required_credentials = factory.LazyFunction(
        lambda: [vocab.Credential.OT_LICENSE, vocab.Credential.NBCOT_OTR]
    )
    age_groups = factory.LazyFunction(lambda: [vocab.AgeGroup.PRESCHOOL, vocab.AgeGroup.SCHOOL_AGE])
    focus_areas = factory.LazyFunction(lambda: [vocab.FocusArea.SENSORY_PROCESSING])
    years_experience = 1
    pay_min = Decimal("38.00")
    pay_max = Decimal("48.00")
    pay_unit = vocab.PayUnit.HOUR
    city = "Austin"
    state = "TX"
    zip_code = "78701"
    description = "Join our outpatient team serving children with sensory and motor needs."
    status = vocab.PostingStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    expires_at = factory.LazyAttribute(
        lambda o: (o.published_at or timezone.now()) + datetime.timedelta(days=60)
    )
    # Confirmed still open today, so that an old posting stays open under the 45-day
    # confirmation rule (listings.querysets.CONFIRM_CLOSE_AFTER) unless a test says otherwise.
    last_confirmed_open = factory.LazyAttribute(
        lambda o: timezone.localdate() if o.published_at else None
    )


def licensed_profile(user: User | None = None, *, state: str = "TX", **fields) -> Profile:
    """An occupational therapist's profile (master's degree, NBCOT OTR) with an OT license
    in `state` valid for most of a year; `fields` add to or replace the profile's."""
    profile = Profile.objects.create(
        user=user or UserFactory(),
        **{
            "degree": vocab.Degree.MASTERS,
            "nbcot": "nbcot_otr",
            "nbcot_number": "1",
            "years_experience": 4,
            **fields,
        },
    )
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state=state,
        number="1",
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    return profile
