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
