"""The benchmark's recruiter: a staff member of the three employers with the most postings
(a staffing agency's load), made once, signed in here; prints their Cookie header, then the
ids of three of their postings (for candidate search) and one posting's id with applications.

Run by bench/admin.py with the benchmark's settings (the session hash depends on SECRET_KEY).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.sessions import cookie_for  # sets Django up  # noqa: I001
from django.contrib.auth.models import Group
from django.db.models import Count

from accounts.models import User
from accounts.roles import RECRUITERS, ensure_recruiters_group
from listings import vocab
from listings.models import Employer, JobPosting, Membership

EMAIL = "bench-recruiter@example.com"


def main() -> None:
    user, created = User.objects.get_or_create(
        email=EMAIL, defaults={"full_name": "Bench Recruiter", "is_staff": True}
    )
    if created:
        ensure_recruiters_group()
        user.groups.add(Group.objects.get(name=RECRUITERS))
        biggest = Employer.objects.annotate(n=Count("postings")).order_by("-n", "pk")[:3]
        for employer in biggest:
            Membership.objects.create(user=user, employer=employer, role=vocab.MembershipRole.ADMIN)
    print(cookie_for(user))
    theirs = JobPosting.objects.managed_by(user).open()
    licensed = theirs.filter(licensure_status=vocab.LicensureStatus.LICENSED)
    eligible = theirs.filter(licensure_status=vocab.LicensureStatus.LICENSE_ELIGIBLE)
    picks = [*licensed.values_list("pk", flat=True)[:2], *eligible.values_list("pk", flat=True)[:1]]
    print(" ".join(map(str, picks)))
    busiest = theirs.annotate(n=Count("applications")).order_by("-n").values_list("pk", flat=True)
    print(busiest[0])


if __name__ == "__main__":
    main()
