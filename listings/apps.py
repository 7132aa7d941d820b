from django.apps import AppConfig
from django.db.models.signals import post_migrate

from listings.lazy_xlsx import keep_openpyxl_lazy

keep_openpyxl_lazy()  # before the admin loads import-export (listings/lazy_xlsx.py)


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = "Listings"

    def ready(self):
        from listings.signals import ensure_sqlite_change_triggers

        post_migrate.connect(ensure_sqlite_change_triggers, sender=self)
