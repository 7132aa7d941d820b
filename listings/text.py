"""Text that every output can carry: XML 1.0 (feeds, sitemaps), HTML and JSON alike."""

import re

# Everything XML 1.0 forbids: C0 controls but tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF. One such character makes a whole feed unreadable.
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return _XML_FORBIDDEN.sub("", text) if _XML_FORBIDDEN.search(text) else text


def one_line(text: str) -> str:
    """Typed input made safe and tidy: forbidden characters and controls become spaces,
    runs of whitespace one space, no space at either end."""
    return " ".join(_CONTROLS.sub(" ", _XML_FORBIDDEN.sub(" ", text)).split())
