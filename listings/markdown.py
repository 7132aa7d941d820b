"""Posting text (description, requirements, benefits) typed as Markdown, shown sanitized.

Two passes. markdown-it-py, with raw HTML off, turns the text into HTML, escapes any markup
typed into it and makes links only to absolute http, https and mailto addresses
(`listings.links.outside_link`); `[x](javascript:...)` or `[x](/path)` stays text as typed.
nh3 then keeps only `ALLOWED_TAGS`, drops every attribute but a link's `href` (same
schemes, nothing relative) and a numbered list's `start`, and marks links as the
employer's, not ours. Each pass alone stops the usual payloads; the second is there for
what the first might let through by mistake.

Plain text typed before Markdown reads as it did with `|linebreaks`: a blank line starts a
paragraph and a single newline is a line break. Lines starting "- " or "1. " become lists.

The Markdown features a posting has no use for, or that would change how plain text reads,
are off: tables, images, code (indented, fenced, `backticks`), strikethrough and link
reference definitions (a line like "[1]: see below" would silently disappear).
"""

from html import unescape

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

from listings.links import outside_link

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "hr"}
)
LINK_REL = "nofollow noopener noreferrer ugc"  # user-generated, unvouched for


class _PostingMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Links and autolinks only to outside web and email addresses."""
        return bool(outside_link(url, mailto=True))


# Configured once and only read afterwards: parse and render keep their state per call.
_PARSER = _PostingMarkdown(
    "js-default", {"html": False, "linkify": False, "typographer": False, "breaks": True}
).disable(["table", "image", "code", "fence", "backticks", "strikethrough", "reference"])
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"*": set(), "a": {"href"}, "ol": {"start"}},  # "*": not even title or lang
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",  # a relative link means another thing in a feed or search result
    link_rel=LINK_REL,
)
_TAGS_REMOVED = nh3.Cleaner(tags=set())


def _shift_headings(tokens: list[Token]) -> None:
    """Headings sit below the page's h2 sections: # becomes h3, ## and deeper h4."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h3" if token.tag == "h1" else "h4"


def sanitize_html(html: str) -> SafeString:
    """`html` with only `ALLOWED_TAGS`, their few attributes and outside links left."""
    return mark_safe(_CLEANER.clean(html))  # noqa: S308 - nh3 keeps only the allow-list


def render_markdown(text: str) -> SafeString:
    """The text as sanitized HTML, safe to place in a page, a feed or JSON-LD as it is."""
    tokens = _PARSER.parse(text)
    _shift_headings(tokens)
    return sanitize_html(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def markdown_to_text(text: str) -> str:
    """The text as one line of plain words, Markdown and any markup gone, for where only
    text goes (feed summaries, meta descriptions). Not escaped: escape it where it is used.
    """
    # The renderer ends each block and line break with a newline, so words stay apart.
    stripped = _TAGS_REMOVED.clean(render_markdown(text))
    return " ".join(unescape(stripped).split())
