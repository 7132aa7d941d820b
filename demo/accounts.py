"""The demo accounts `make run` prints: an applicant (a school-based OT licensed in two
states) and a recruiter whose employers have applications in every status."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import ensure_recruiters_group
from applicants.models import Application, License, Profile
from applicants.vocab import ApplicationStatus, LicenseKind, NbcotCredential
from listings import vocab
from listings.models import Employer, JobPosting, Membership

DEMO_APPLICANT_EMAIL = "applicant@example.com"
DEMO_APPLICANT_PASSWORD = "otjobs-demo-applicant"  # noqa: S105 - published, DEBUG only
DEMO_RECRUITER_EMAIL = "recruiter@example.com"
DEMO_RECRUITER_PASSWORD = "otjobs-demo-recruiter"  # noqa: S105 - published, DEBUG only
DEMO_RECRUITER_EMPLOYERS = 2  # at most


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


@transaction.atomic
def ensure_demo_recruiter() -> tuple[User, list[Employer]]:
    """Create (or reset) the demo recruiter: staff, in the Recruiters group, a verified
    email, and memberships in the one or two employers whose applications cover the most
    statuses (every status, on a seeded board). Returns the user and those employers."""
    user, _ = User.objects.get_or_create(
        email=DEMO_RECRUITER_EMAIL, defaults={"full_name": "Jordan Ellis"}
    )
    user.set_password(DEMO_RECRUITER_PASSWORD)
    user.is_staff = True
    user.is_active = True
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_RECRUITER_EMAIL, defaults={"verified": True, "primary": True}
    )
    group = ensure_recruiters_group()
    if group is not None:
        user.groups.add(group)
    employers = showcase_employers()
    Membership.objects.filter(user=user).exclude(employer__in=employers).delete()
    for employer in employers:
        Membership.objects.get_or_create(
            user=user, employer=employer, defaults={"role": vocab.MembershipRole.RECRUITER}
        )
    return user, employers


def showcase_employers(most: int = DEMO_RECRUITER_EMPLOYERS) -> list[Employer]:
    """Up to `most` employers whose applications together cover the most statuses: the
    employer with the most, then whichever adds the most of the missing ones (the lower
    id on a tie). Without applications, the first employer with an open posting."""
    covered: dict[int, set[str]] = {}
    pairs = Application.objects.values_list("posting__employer_id", "status").distinct()
    for employer_id, status in pairs.order_by():
        covered.setdefault(employer_id, set()).add(status)
    chosen: list[int] = []
    missing = set(ApplicationStatus.values)
    while covered and missing and len(chosen) < most:
        best = max(covered, key=lambda e: (len(covered[e] & missing), -e))
        if not covered[best] & missing:
            break
        chosen.append(best)
        missing -= covered.pop(best)
    if not chosen:
        first = JobPosting.objects.open().order_by("employer_id").values("employer_id")[:1]
        return list(Employer.objects.filter(pk__in=first))
    by_id = Employer.objects.in_bulk(chosen)
    return [by_id[pk] for pk in chosen]
