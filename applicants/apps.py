from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    name = "applicants"
    verbose_name = "Applicants"

    def ready(self) -> None:
        from applicants import (
            scanning,  # noqa: F401 (registers its system checks)
            signals,
        )

        signals.connect()

        from accounts.backends import read_with_user
        from applicants.middleware import viewer_cache_key

        read_with_user(viewer_cache_key)  # a signed-in page reads both in one round trip
