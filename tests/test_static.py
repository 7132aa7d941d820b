"""The stylesheet parses: one stray brace makes browsers drop the rules after it."""

import re
from pathlib import Path

CSS = Path(__file__).parent.parent / "static/css/site.css"


def test_every_brace_in_the_stylesheet_is_matched():
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.S)
    depth = 0
    for line_number, line in enumerate(text.splitlines(), 1):
        for character in line:
            depth += {"{": 1, "}": -1}.get(character, 0)
            assert depth >= 0, f"unmatched }} on line {line_number} (comments stripped)"
    assert depth == 0
