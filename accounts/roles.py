"""Roles as Django groups. A recruiter is a staff user in the Recruiters group with a
membership in one or more employers: the group grants what kind of thing they may touch
(postings, their employer's profile, applications), `managed_by(user)` limits it to their
employers' rows."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

RECRUITERS = "Recruiters"
RECRUITER_PERMISSIONS = (
    "listings.view_employer",
    "listings.change_employer",
    "listings.view_jobposting",
    "listings.add_jobposting",
    "listings.change_jobposting",
    "listings.delete_jobposting",
    "applicants.view_application",
    "applicants.change_application",
    "applicants.view_applicationevent",
    "applicants.add_applicationevent",
)


def ensure_recruiters_group(**kwargs) -> Group | None:
    """Create or update the Recruiters group (run after every migrate; idempotent). Waits
    until every permission it grants exists."""
    wanted = Q()
    for name in RECRUITER_PERMISSIONS:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(wanted))
    if len(permissions) < len(RECRUITER_PERMISSIONS):
        return None  # an app's permissions are not created yet: a later post_migrate will
    group, _ = Group.objects.get_or_create(name=RECRUITERS)
    group.permissions.set(permissions)
    return group
