import pytest
from django.core.management import call_command

from listings.management.commands import prune_catalogue_changes
from listings.models import CatalogueChange
from listings.search import Criteria, search
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def test_pruning_keeps_each_postings_last_change_and_the_recent_ones(monkeypatch):
    monkeypatch.setattr(prune_catalogue_changes, "KEEP", 3)
    first, second = JobPostingFactory(), JobPostingFactory()
    for word in ("one", "two", "three"):
        first.title = word
        first.save()
    kept_for_second = CatalogueChange.objects.filter(posting_id=second.pk).latest("id").id
    last_of_first = CatalogueChange.objects.filter(posting_id=first.pk).latest("id").id
    call_command("prune_catalogue_changes", verbosity=0)
    remaining = set(CatalogueChange.objects.values_list("id", flat=True))
    assert kept_for_second in remaining
    assert last_of_first in remaining
    newest = sorted(CatalogueChange.objects.values_list("id", flat=True))[-3:]
    assert set(newest) <= remaining
    assert CatalogueChange.objects.filter(posting_id=first.pk).count() < 4
    assert search(Criteria(), page_size=0).total == 2
