"""Pages kept whole for every visitor of a kind, with a slot for each visitor's own part
(`page_shell`)."""

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.utils.safestring import mark_safe

from listings.caching.base import used_token
from listings.caching.content import content_key, get_content, keep_content

SLOT = mark_safe("<!--otjobs:visitor-->")  # where each visitor's own part goes (page_shell)


def _shell_key(request: HttpRequest, name: str, signature: object) -> str | None:
    if len(get_messages(request)) or used_token(request):
        return None  # flashed messages for this visitor, or a token in use: not shared
    return content_key(request, name + "#shell", (signature, request.user.is_authenticated))


def stored_shell(request: HttpRequest, name: str, signature: object) -> tuple[str, str] | None:
    """The shell `page_shell` kept for this page, signature and kind of visitor, if any."""
    key = _shell_key(request, name, signature)
    return None if key is None else get_content(key)


def page_shell(
    request: HttpRequest, name: str, signature: object, render: Callable[[str], str]
) -> tuple[str, str] | None:
    """A whole page as every visitor of one kind (signed in or not) gets it, with one slot
    for what is each visitor's own: the HTML before and after the slot.

    `render(SLOT)` renders the page with SLOT where the visitor's part goes; the result is
    kept like content while `signature` (and the day) holds, so that a view fills the slot
    and renders nothing else. None, and the view renders the whole page, when the page can't
    be shared: flashed messages wait for this visitor, or something already used the
    request's CSRF token or CSP nonce, or the render did (what it made is then discarded).
    """
    key = _shell_key(request, name, signature)
    if key is None:
        return None
    shell = get_content(key)
    if shell is None:
        html = render(SLOT)
        if used_token(request) or html.count(SLOT) != 1:
            return None
        before, _, after = html.partition(SLOT)
        shell = (before, after)
        keep_content(key, shell)
    return shell
