from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import readahead  # noqa: F401 - sets and removes the sign-in hint
        from accounts.roles import ensure_recruiters_group

        post_migrate.connect(ensure_recruiters_group, dispatch_uid="ensure_recruiters_group")
