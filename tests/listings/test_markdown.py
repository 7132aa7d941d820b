"""Posting text in Markdown: formatted where it is meant, inert everywhere it goes (the
posting page, RSS, Atom, JSON-LD), and plain text reading as it did before Markdown."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.utils.html import linebreaks

from listings.markdown import markdown_to_text, render_markdown, sanitize_html
from tests.factories import JobPostingFactory
from tests.test_html_validity import _problems, _save
from tests.test_html_validity import missing as vnu_missing

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
REL = "nofollow noopener noreferrer ugc"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<a href="x" style="color:red">styled</a>',
    '<iframe src="https://example.org/frame"></iframe>',
    '<a href="javascript:alert(1)">raw link</a>',
    "<javascript:alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[x](//example.org/protocol-relative)",
    '[x](https://example.org/"onmouseover="alert(1))',
    "<!-- a comment --> and <b onclick=alert(1)>bold</b>",
]
# Elements that posting text may never open, in any output.
FORBIDDEN_TAGS = ("script", "style", "svg", "iframe", "img", "object", "embed", "form", "math")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcset")


class _Elements(HTMLParser):
    """Every element opened in a piece of HTML, with its attributes, as a browser sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def active_markup(html: str, *, whole_page: bool = False) -> list[str]:
    """What in `html` could run, restyle or leave the page: forbidden elements, event
    handlers, style attributes, URLs other than http(s) and mailto. Text never counts:
    a payload shown as the characters typed is harmless. A whole page has its own scripts,
    icons and relative links: there only handlers, styles and script or data URLs count."""
    problems = []
    if not whole_page:
        problems += [f"<{tag}" for tag in FORBIDDEN_TAGS if f"<{tag}" in html.lower()]
    for tag, attrs in elements(html):
        if not whole_page and tag in FORBIDDEN_TAGS:
            problems.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"{tag} {name}")
            if name not in URL_ATTRIBUTES:
                continue
            url = re.sub(r"\s", "", value or "").lower()
            if (
                url.startswith(("javascript:", "data:", "vbscript:"))
                if whole_page
                else not url.startswith(("http://", "https://", "mailto:"))
            ):
                problems.append(f"{tag} {name}={value}")
    return problems


def posting_text(response) -> str:
    """The posting page's own words: its "About the job" section after the title."""
    match = re.search(
        r'<section class="fact-section prose" aria-labelledby="description-title">(.*?)</section>',
        response.text,
        re.S,
    )
    assert match, "the posting page has its description section"
    return match.group(1).split("About the job</h2>", 1)[1]


def json_ld_description(response) -> str:
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.text, re.S
    )
    assert len(blocks) == 1, "posting text never closes the JSON-LD script early"
    return json.loads(blocks[0])["description"]


def rss_description(client) -> str:
    root = ET.fromstring(client.get("/jobs/feed/rss/").content)
    return root.find("./channel/item/description").text


def atom_summary(client) -> str:
    root = ET.fromstring(client.get("/jobs/feed/atom/").content)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    return summary.text


class Structure(HTMLParser):
    """HTML as its elements and their words, ignoring how the same thing was spelled
    (`<br>` and `<br>\\n`, `&quot;` and `"`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("open", tag, *sorted(f"{k}={v}" for k, v in attrs)))

    def handle_endtag(self, tag):
        self.events.append(("close", tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def structure(html: str) -> list[tuple[str, ...]]:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser.events


# Payloads: none reaches any output as markup -----------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendering_a_payload_leaves_nothing_active(payload):
    html = render_markdown(f"Great team.\n\n{payload}\n\nApply today.")
    assert active_markup(html) == []
    assert "Great team." in html  # the rest of the text survives


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_stay_inert_on_the_page_feeds_and_json_ld(client, payload):
    posting = JobPostingFactory(
        description=f"About us.\n\n{payload}",
        requirements=f"A license.\n\n{payload}",
        benefits=f"Dental.\n\n{payload}",
    )
    response = client.get(posting.get_absolute_url())
    text = posting_text(response)
    for words in ("About us.", "A license.", "Dental."):
        assert words in text
    assert active_markup(text) == []
    # Anywhere on the page (which has its own scripts and icons): no handler, style or
    # script URL, so nothing from the posting reached an attribute such as a meta tag's.
    assert active_markup(response.text, whole_page=True) == []
    assert active_markup(json_ld_description(response)) == []
    for summary in (rss_description(client), atom_summary(client)):
        assert "About us." in summary
        assert active_markup(summary) == []


def test_the_sanitizer_alone_strips_raw_html_that_markdown_would_have_escaped():
    # The second line of defence: were raw HTML ever to pass the Markdown step.
    html = sanitize_html(
        '<script>alert(1)</script><p style="color:red" onclick="x()">Hi '
        '<a href="javascript:alert(1)" onmouseover="x()">a</a> '
        '<a href="/relative">b</a> <img src=x onerror=alert(1)>'
        '<iframe src="https://example.org"></iframe><svg onload=alert(1)></svg>'
        '<a href="data:text/html;base64,PHNjcmlwdD4=">c</a>'
        '<a href="https://example.org/ok" title="t" rel="opener">d</a></p>'
    )
    assert active_markup(html) == []
    assert "alert(1)" not in html  # script content is dropped, not shown
    assert f'<a href="https://example.org/ok" rel="{REL}">d</a>' in html


# What Markdown is for -----------------------------------------------------------------


def test_bold_lists_links_and_headings_show_on_the_posting_page(client):
    posting = JobPostingFactory(
        description=(
            "# Schedule\n\n**Four-day week**, *no weekends*.\n\n## Caseload\n\n"
            "- 40 students\n- 2 campuses\n\n1. Interview\n2. Offer\n\n"
            "See [our team](https://example.org/team) or write to <jobs@example.org>."
        ),
        requirements="> Licensed in Texas",
        benefits="---\n\nCEUs paid",
    )
    text = posting_text(client.get(posting.get_absolute_url()))
    assert "<h3>Schedule</h3>" in text
    assert "<h4>Caseload</h4>" in text
    assert "<strong>Four-day week</strong>" in text
    assert "<em>no weekends</em>" in text
    assert "<ul>\n<li>40 students</li>\n<li>2 campuses</li>\n</ul>" in text
    assert "<ol>\n<li>Interview</li>" in text
    assert f'<a href="https://example.org/team" rel="{REL}">our team</a>' in text
    assert f'<a href="mailto:jobs@example.org" rel="{REL}">jobs@example.org</a>' in text
    assert "<blockquote>\n<p>Licensed in Texas</p>\n</blockquote>" in text
    assert "<hr>" in text
    assert "<h1" not in text
    assert "<h2" not in text  # the section's own title outranks everything typed


def test_json_ld_description_is_the_same_sanitized_html(client):
    posting = JobPostingFactory(
        description="**Caseload** of 40\n\n- sensory gym\n- [site](https://example.org)",
        requirements="# License",
    )
    html = json_ld_description(client.get(posting.get_absolute_url()))
    assert html.startswith("<p><strong>Caseload</strong> of 40</p>")
    assert "<li>sensory gym</li>" in html
    assert f'<a href="https://example.org" rel="{REL}">site</a>' in html
    assert "<h3>Requirements</h3><h3>License</h3>" in html


def test_feed_summaries_are_the_words_without_markdown_or_markup(client):
    JobPostingFactory(
        description="# Schedule\n\n**Four-day week** with [our team](https://example.org).\n"
        "- sensory gym"
    )
    for summary in (rss_description(client), atom_summary(client)):
        assert summary.endswith("Schedule Four-day week with our team. sensory gym")
        assert "<" not in summary
        assert "*" not in summary


def test_links_go_only_to_outside_web_and_email_addresses():
    html = render_markdown(
        "[a](/admin/) [b](//example.org) [c](ftp://example.org) [d](http://example.org) "
        "[e](mailto:a@example.org)"
    )
    assert "[a](/admin/) [b](//example.org) [c](ftp://example.org)" in html  # left as typed
    assert [attrs for tag, attrs in elements(html) if tag == "a"] == [
        [("href", "http://example.org"), ("rel", REL)],
        [("href", "mailto:a@example.org"), ("rel", REL)],
    ]


def test_text_only_versions_drop_markdown_and_unescape_entities():
    assert (
        markdown_to_text("# Pay\n\n**$38** & up <b>now</b>\n\n- dental\n- vision")
        == "Pay $38 & up <b>now</b> dental vision"
    )


# Plain text reads as before -----------------------------------------------------------

# As the demo writer builds descriptions (demo/generator/text.py): paragraphs apart by a
# blank line, with a single newline, an ampersand, quotes and a typed tag added.
PLAIN_TEXT = (
    "Bright Futures Therapy is an outpatient pediatric therapy clinic in Austin, Texas, "
    "with OT, speech and physical therapy under one roof.\n\n"
    "Day to day you will complete evaluations with standardized tools (PDMS-2, BOT-2, "
    'Sensory Profile 2, Beery VMI), set family-centred goals, treat & document in "our" EMR.\n'
    "Caseload: about 40 students on direct service and 12 on consult.\n\n"
    "Master's degree from an ACOTE-accredited program. <b>Not</b> bold.\n\n\n"
    "CEU allowance of $1,000 a year. Eligible employer for PSLF (50% of the time)."
)


def test_plain_text_renders_as_linebreaks_did():
    assert structure(render_markdown(PLAIN_TEXT)) == structure(
        linebreaks(PLAIN_TEXT, autoescape=True)
    )


def test_plain_text_on_the_posting_page_keeps_its_paragraphs_and_line_breaks(client):
    posting = JobPostingFactory(description=PLAIN_TEXT, requirements="A\nB", benefits="C\n\nD")
    text = posting_text(client.get(posting.get_absolute_url()))
    assert structure(text) == [
        *structure(linebreaks(PLAIN_TEXT, autoescape=True)),
        ("open", "h3", "class=fact-section__subtitle"),
        ("text", "Requirements, in the employer's words"),
        ("close", "h3"),
        *structure("<p>A<br>B</p>"),
        ("open", "h3", "class=fact-section__subtitle"),
        ("text", "Benefits"),
        ("close", "h3"),
        *structure("<p>C</p><p>D</p>"),
    ]


def test_dash_lines_become_a_list_where_they_were_run_together():
    # The one change to plain text, and an improvement: "- " lines were one paragraph
    # joined by <br>; now they are a list.
    assert structure(render_markdown("Benefits:\n- Health\n- Dental")) == structure(
        "<p>Benefits:</p><ul><li>Health</li><li>Dental</li></ul>"
    )


def test_pasted_tables_indentation_and_references_stay_as_typed():
    text = "| a | b |\n|---|---|\n\n    indented line\n\n[1]: https://example.org"
    assert structure(render_markdown(text)) == structure(
        "<p>| a | b |<br>|---|---|</p><p>indented line</p><p>[1]: https://example.org</p>"
    )


@pytest.mark.skipif(vnu_missing, reason="Nu HTML Checker not installed (make test installs it)")
def test_a_posting_page_with_every_markdown_feature_is_valid_html(client, tmp_path):
    posting = JobPostingFactory(
        description=(
            "# Heading\n\n## Sub\n\n**b** *i* [l](https://example.org) <a@example.org>\n"
            "line\n\n- a\n- b\n\n3. c\n4. d\n\n> quote\n\n---\n\n" + "\n\n".join(PAYLOADS)
        ),
        requirements="# Also\n\n- x",
        benefits="[rel](/relative)",
    )
    paths = [posting.get_absolute_url()]
    assert _problems(paths, _save(client, paths, tmp_path)) == []
