"""Cache invalidation only: what a page knows of a signed-in applicant (their
qualifications and saved jobs, applicants.middleware) is forgotten when it changes."""

from django.db.models.signals import post_delete, post_save

from applicants.middleware import forget_viewer
from applicants.models import License, Profile, SavedJob


def _profile_changed(sender, instance: Profile, **kwargs) -> None:
    forget_viewer(instance.user_id)


def _license_changed(sender, instance: License, **kwargs) -> None:
    user_id = Profile.objects.filter(pk=instance.profile_id).values_list("user_id", flat=True)
    forget_viewer(user_id.first())


def _saved_job_changed(sender, instance: SavedJob, **kwargs) -> None:
    forget_viewer(instance.user_id)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_profile_changed, sender=Profile, dispatch_uid=f"viewer-profile-{signal}")
        signal.connect(_license_changed, sender=License, dispatch_uid=f"viewer-license-{signal}")
        signal.connect(_saved_job_changed, sender=SavedJob, dispatch_uid=f"viewer-saved-{signal}")
