"""The demo applicant `make run` signs in as: a school-based OT licensed in two states."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applicants.models import License, Profile
from applicants.vocab import LicenseKind, NbcotCredential
from listings import vocab

DEMO_APPLICANT_EMAIL = "applicant@example.com"
DEMO_APPLICANT_PASSWORD = "otjobs-demo-applicant"  # noqa: S105 - published, DEBUG only


@transaction.atomic
def ensure_demo_applicant(today: datetime.date | None = None) -> Profile:
    """Create (or reset) the demo applicant with a verified email and a full profile."""
    today = today or timezone.localdate()
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        email=DEMO_APPLICANT_EMAIL, defaults={"full_name": "Maya Alvarez"}
    )
    user.set_password(DEMO_APPLICANT_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_APPLICANT_EMAIL, defaults={"verified": True, "primary": True}
    )
    profile, _ = Profile.objects.update_or_create(
        user=user,
        defaults={
            "headline": "School-based OTR/L, 4 years with K-5 caseloads, handwriting and AAC",
            "home_zip": "60614",
            "degree": vocab.Degree.MASTERS,
            "program": "MSOT, University of Illinois Chicago",
            "acote_accredited": True,
            "graduation_year": today.year - 4,
            "years_experience": 4,
            "nbcot": NbcotCredential.OTR,
            "nbcot_number": "OTR-0000000",
            "nbcot_expires": today + datetime.timedelta(days=40),
            "certifications": [vocab.Certification.CPR_BLS],
            "drivers_license": True,
            "roles": [vocab.Role.SCHOOL_OT, vocab.Role.PEDIATRIC_OT],
            "practice_settings": [vocab.Setting.SCHOOL, vocab.Setting.OUTPATIENT_CLINIC],
            "employment_types": [vocab.EmploymentType.FULL_TIME, vocab.EmploymentType.SCHOOL_YEAR],
            "radius_miles": 30,
            "min_yearly_pay": 68_000,
            "max_caseload": 45,
        },
    )
    profile.licenses.all().delete()
    License.objects.bulk_create(
        [
            License(
                profile=profile,
                kind=LicenseKind.OT,
                state=vocab.State.IL,
                number="056-000000",
                expires_on=today + datetime.timedelta(days=400),
            ),
            License(
                profile=profile,
                kind=LicenseKind.OT,
                state=vocab.State.WI,
                number="0000-037",
                expires_on=today - datetime.timedelta(days=20),
            ),
        ]
    )
    return profile
