"""HTML bounded before lxml parses it: attributes per element and elements per page.

libxml2's HTML parser (under lxml and trafilatura) compares each attribute of a tag
with every one before it, so a tag of n attributes costs about n^2 or worse: one
`<p a0=1 ... a199999=1>` of 2 MB ran minutes of CPU and took gigabytes. A page's text
never lives in attributes, so a tag keeps its first `MAX_ATTRIBUTES` and the rest are
dropped here, in one linear scan, before any parser sees them. Trafilatura's own cost
grows with the number of elements (about 0.1 ms each), so a page of more than
`MAX_ELEMENTS` start tags is refused with a message naming the cap.
"""

from __future__ import annotations

import re

from graphsvc.errors import InvalidInput

#: Attributes a start tag keeps (the first ones); a real page's busiest tags carry a
#: few dozen (class, id, data-*, aria-*).
MAX_ATTRIBUTES = 100
#: Start tags a page may have; a long article page has a few thousand.
MAX_ELEMENTS = 50_000

#: Where a start tag begins. Comments, scripts and styles are scanned too: where one
#: ends is where the parser decides (`<!-->` closes a comment for some), so a tag
#: inside one may be a real tag to it; cutting a comment's text changes no article text.
_TAG_START = re.compile(r"<[A-Za-z]")
_TAG_NAME = re.compile(r"[^\s/>]*")
#: One attribute (name, optional value), the tag's end, or one stray character (the
#: parser skips those and reads on, so the scan does too). Each alternative begins with
#: a different character and no quantifier can re-split what it took, so a match costs
#: the length it consumes and the scan of a tag stays linear.
_ATTRIBUTE = re.compile(
    r"""\s*(?:(/?>)|([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?|["'/=])"""
)


def bounded_html(html: str) -> str:
    """`html` with each start tag cut to its first `MAX_ATTRIBUTES` attributes.

    InvalidInput when it has more than `MAX_ELEMENTS` start tags. Only tags over the
    cap are rewritten; everything else is passed on as it was.
    """
    pieces: list[str] = []
    kept_from = 0  # html[kept_from:] has not been copied into `pieces` yet
    elements = 0
    position = 0
    while (found := _TAG_START.search(html, position)) is not None:
        elements += 1
        if elements > MAX_ELEMENTS:
            raise InvalidInput(
                f"the HTML has more than {MAX_ELEMENTS:,} elements (the cap of "
                "loaders.text.html_bounds.MAX_ELEMENTS): send the article's own HTML or its text"
            )
        name = _TAG_NAME.match(html, found.start() + 1)
        assert name is not None  # the pattern matches the empty string
        position, cut = _scan_attributes(html, name.end())
        if cut is not None:
            pieces.append(html[kept_from:cut])
            pieces.append(">")
            kept_from = position
    if not pieces:
        return html
    pieces.append(html[kept_from:])
    return "".join(pieces)


def _scan_attributes(html: str, position: int) -> tuple[int, int | None]:
    """Where the tag that has attributes from `position` on ends, and where it must be
    cut (after its last kept attribute), or None when it keeps them all."""
    count = 0
    cut = None
    while True:
        match = _ATTRIBUTE.match(html, position)
        if match is None:
            return len(html), cut  # the page ends inside the tag
        position = match.end()
        if match.group(1) is not None:
            return position, cut
        if match.group(2) is not None:
            count += 1
            if count == MAX_ATTRIBUTES:
                cut = position
