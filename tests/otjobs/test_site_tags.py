"""The site's date wording and machine-readable times."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from otjobs.templatetags.site import days_ago, days_until, machine_time, short_date

NOW = datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "yesterday"), (3, "3 days ago"), (13, "13 days ago"), (14, "2 weeks ago"),
     (59, "8 weeks ago"), (60, "2 months ago"), (-2, "today")],
)  # fmt: skip
def test_days_ago(days, words):
    with time_machine.travel(NOW, tick=False):
        assert days_ago(timezone.localdate() - datetime.timedelta(days=days)) == words


@pytest.mark.parametrize(
    ("days", "words"), [(-1, "passed"), (0, "today"), (1, "tomorrow"), (9, "in 9 days")]
)
def test_days_until(days, words):
    with time_machine.travel(NOW, tick=False):
        assert days_until(timezone.localdate() + datetime.timedelta(days=days)) == words


def test_short_date_names_the_year_only_when_it_is_not_this_one():
    with time_machine.travel(NOW, tick=False):
        assert short_date(datetime.date(2026, 10, 5)) == "Oct 5"
        assert short_date(datetime.date(2027, 1, 9)) == "Jan 9, 2027"


def test_a_late_evening_utc_time_is_dated_in_the_site_time_zone():
    # 03:00 UTC on Dec 1 is still Nov 30 in New York, the site's time zone.
    with time_machine.travel(datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC), tick=False):
        assert days_ago(datetime.datetime(2026, 11, 30, 20, 0, tzinfo=datetime.UTC)) == "today"


def test_machine_time_has_no_microseconds_and_keeps_the_offset():
    value = datetime.datetime(2026, 11, 30, 15, 4, 5, 123456, tzinfo=datetime.UTC)
    assert machine_time(value) == "2026-11-30T10:04:05-05:00"
    assert machine_time(datetime.date(2026, 12, 5)) == "2026-12-05"


# Pagination ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "",
        "role=cota",
        "page=3&role=cota",
        "state=NY&page=2&state=NJ&sort=pay",
        "q=%22fine+motor%22+-NICU&near=Chicago%2C+IL&page=1",
        "q=caf%C3%A9+%26+play&page=x",
    ],
)
def test_page_links_are_the_addresses_querystring_writes(rf, query):
    from django.core.paginator import Paginator
    from django.template import engines

    render = engines["django"].from_string
    page = Paginator(range(500), 10).get_page(4)  # 1, 2, 3, [4], 5, ..., 50
    request = rf.get("/jobs/?" + query)

    ours = render(
        "{% load site %}{% page_links page as links %}{{ links.previous }} {{ links.next }} "
        "{% for number, href in links.numbers %}{{ number }}:{{ href }} {% endfor %}"
    ).render({"page": page}, request)
    theirs = render(
        "{% querystring page=3 %} {% querystring page=5 %} "
        "{% for n in numbers %}{% if n %}{{ n }}:{% querystring page=n %}{% else %}None:None"
        "{% endif %} {% endfor %}"
    ).render({"numbers": [1, 2, 3, 4, 5, None, 50]}, request)

    assert ours == theirs
