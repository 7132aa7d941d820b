"""The applicants app's models, a module per concern; every name is importable from here
(migrations refer to `applicants.models.private_storage` and the other callables)."""

from applicants.models.applications import Application, ApplicationEvent
from applicants.models.files import Resume, ResumeFile, random_resume_path
from applicants.models.profiles import (
    EXPIRING_SOON,
    License,
    Profile,
    expiry_status,
    phone_validator,
    random_photo_path,
)
from applicants.models.saved import AlertDelivery, SavedJob, SavedSearch
from applicants.models.storage import PrivateStorage, new_token, private_storage

__all__ = [
    "EXPIRING_SOON",
    "AlertDelivery",
    "Application",
    "ApplicationEvent",
    "License",
    "PrivateStorage",
    "Profile",
    "Resume",
    "ResumeFile",
    "SavedJob",
    "SavedSearch",
    "expiry_status",
    "new_token",
    "phone_validator",
    "private_storage",
    "random_photo_path",
    "random_resume_path",
]
