"""Site-wide template tags: icons, dates and form errors. `{% load site %}`.

Formatting only: the rules behind what a page shows live in the apps' Python modules.
"""

import datetime
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    """An icon from static/img/icons.svg; decorative unless given a label."""
    return _icon(name, label, static("img/icons.svg") if settings.DEBUG else _sprite())


@lru_cache(maxsize=512)
def _icon(name: str, label: str, sprite: str) -> SafeString:
    """Each icon's markup, written once per process (a listing page has about twenty)."""
    href = f"{sprite}#{name}"
    if label:
        return format_html(
            '<svg class="icon" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href
    )


@lru_cache(maxsize=1)
def _sprite() -> str:
    """The sprite's (hashed) URL: fixed for the life of a process that does not run DEBUG."""
    return static("img/icons.svg")


@receiver(setting_changed)
def _forget_sprite(setting: str, **kwargs) -> None:
    if setting in ("STORAGES", "STATIC_URL", "DEBUG"):
        _sprite.cache_clear()


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@register.filter
def days_ago(value) -> str:
    """today, yesterday, 3 days ago, 2 weeks ago, 3 months ago."""
    if not value:
        return ""
    days = (timezone.localdate() - _as_date(value)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


@register.filter
def days_until(value) -> str:
    """today, tomorrow, in 9 days; passed dates read "passed"."""
    if not value:
        return ""
    days = (_as_date(value) - timezone.localdate()).days
    if days < 0:
        return "passed"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


@register.filter
def short_date(value) -> str:
    """Oct 5, with the year only when it is not this year."""
    if not value:
        return ""
    day = _as_date(value)
    if day.year == timezone.localdate().year:
        return f"{day:%b} {day.day}"
    return f"{day:%b} {day.day}, {day.year}"


@register.filter
def machine_time(value) -> str:
    """A `<time datetime>` value: seconds precision with the offset (HTML refuses
    microseconds), or a plain date for dates."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def field_errors(form, name: str) -> list[str]:
    """A field's error messages by a name held in a variable: {{ form|field_errors:name }}."""
    return form.errors.get(name, [])


@register.filter
def quoted(text: str) -> str:
    """Curly quotes around a label, unless it already has them (keyword chips do)."""
    text = str(text)
    return text if text.startswith("\u201c") else f"\u201c{text}\u201d"


@register.simple_tag(takes_context=True)
def page_links(context, page) -> dict:
    """The pagination's links, each the request's query with its page set, as
    `{% querystring page=n %}` writes it (the query is encoded once, not once a link):
    `previous` and `next` (None at the ends) and `numbers`, the page numbers around the
    current one as (number, address) pairs, with (None, None) for each gap."""
    query = context.request.GET.copy()
    query["page"] = "0"
    parts = query.urlencode().split("&")
    at = parts.index("page=0")
    before = "?" + "".join(part + "&" for part in parts[:at])
    after = "".join("&" + part for part in parts[at + 1 :])

    def link(number: int) -> str:
        return f"{before}page={number}{after}"

    elided = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "numbers": [
            (None, None) if number == page.paginator.ELLIPSIS else (number, link(number))
            for number in elided
        ],
    }


_included: dict[tuple, SafeString] = {}


@register.simple_tag(takes_context=True)
def cached_include(context, template_name: str, *key) -> SafeString:
    """An include rendered once per process for each `key` (and on every render while
    DEBUG is on, so template edits show). For the parts every visitor gets (the header's
    links, the footer): never for anything with a token or one visitor's data."""
    memo_key = (template_name, *key)
    html = None if settings.DEBUG else _included.get(memo_key)
    if html is None:
        html = mark_safe(get_template(template_name).render(context.flatten()))  # noqa: S308
        _included[memo_key] = html
    return html
