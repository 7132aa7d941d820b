"""RSS and Atom: safe text, well-formed XML, links that keep the filters, permanent ids."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, query=""):
    root = ET.fromstring(client.get(f"/jobs/feed/rss/{query}").content)
    return root, root.findall("./channel/item")


def atom_entries(client, query=""):
    root = ET.fromstring(client.get(f"/jobs/feed/atom/{query}").content)
    return root, root.findall(f"{ATOM}entry")


def test_markup_in_a_description_reaches_readers_as_text_not_markup(client):
    JobPostingFactory(description="Great team <img src=x onerror=alert(1)> and <b>bold</b>.")
    _, items = rss_items(client)
    # After XML parsing, what a reader renders as HTML must carry no tag.
    description = items[0].find("description").text
    assert "<img" not in description
    assert "&lt;img src=x onerror=alert(1)&gt;" in description
    _, entries = atom_entries(client)
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<img" not in summary.text


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x0b", "\x1f"])
def test_characters_xml_cannot_carry_never_break_a_feed(client, character):
    posting = JobPostingFactory(
        title=f"School OT{character}", description=f"Caseload{character} 40"
    )
    assert character not in posting.title  # stripped when stored
    for path in ("/jobs/feed/rss/", "/jobs/feed/atom/"):
        ET.fromstring(client.get(path).content)
        ET.fromstring(client.get(path, {"q": f"school{character}"}).content)


def test_the_self_link_keeps_the_filters(client):
    JobPostingFactory(role="cota")
    root, _ = rss_items(client, "?role=cota&page=3")
    self_link = root.find("./channel/{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href").endswith("/jobs/feed/rss/?role=cota")
    root, _ = atom_entries(client, "?role=cota")
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href").endswith("/jobs/feed/atom/?role=cota")


def test_entry_ids_are_permanent_tag_uris_and_entries_have_authors(client):
    posting = JobPostingFactory(title="Before")
    _, entries = atom_entries(client)
    first_id = entries[0].find(f"{ATOM}id").text
    assert first_id == f"tag:127.0.0.1,2026:posting:{posting.pk}"
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == posting.employer.name
    posting.title = "After"
    posting.save()
    _, entries = atom_entries(client)
    assert entries[0].find(f"{ATOM}id").text == first_id


def test_summaries_end_on_a_whole_word_with_an_ellipsis(client):
    JobPostingFactory(description=" ".join(["sensory"] * 200))
    _, items = rss_items(client)
    description = items[0].find("description").text
    assert description.endswith("sensory…")
    assert description.count("sensory") == 60
