import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from listings import vocab
from listings.models import Employer, JobPosting


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Bluebonnet Pediatric Therapy {n}")
    kind = vocab.EmployerKind.OUTPATIENT_CLINIC
    city = "Austin"
    state = "TX"
    zip_code = "78701"
    website = "https://example.org"


class JobPostingFactory(factory.django.DjangoModelFactory):
    """An open outpatient pediatric OT posting in Austin, TX unless told otherwise."""

    class Meta:
        model = JobPosting

    class Params:
        draft = factory.Trait(status=vocab.PostingStatus.DRAFT, published_at=None, expires_at=None)
        closed = factory.Trait(status=vocab.PostingStatus.CLOSED)

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
