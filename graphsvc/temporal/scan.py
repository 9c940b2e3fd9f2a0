r"""Find every rule's matches in a text in one pass over it, not one pass per rule.

Scanning the text with each of some forty regexes made `find_dates` spend most of its
time in the regex engine trying patterns at positions where they cannot start. Each
rule's regex is read once (Python's own regex parser) for the first few characters any
of its matches can start with; one scan of the text finds the positions where some
rule's start occurs, and each rule is tried only there, with `pattern.match` at those
positions in order: the same matches `finditer` gives, since a search is a match tried
at each position in turn and these are the only positions where one can succeed.

The start sets are over-approximations (lookarounds, word boundaries and repeats beyond
what is needed are left out), so the scan may try a rule where it fails, never skip
one where it matches. Both the starts and the text are read folded, the way the regex
engine compares characters under IGNORECASE (the Kelvin sign is a "k"), with any
decimal digit as 0 and any space as a blank (`\d` and `\s` match Unicode ones). A rule
whose start cannot be bounded (it may begin with any character, or match nothing) is
scanned with `finditer` as before.
"""

from __future__ import annotations

# Python's own regex parser and case tables (no stubs): what the scan reads must be what
# the regex engine matches, so it reads the engine's parse, not a parse of its own
import _sre  # type: ignore[import-not-found]
import codecs
import re
import re._casefix  # type: ignore[import-not-found]
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable, Iterator, Sequence
from functools import cache, cached_property
from itertools import product
from typing import Any

from graphsvc.temporal.lexicon import alternation

#: How many characters of a match's start are read: enough to tell "the " from "then"
#: and "they", few enough that each rule's start set stays small.
PREFIX = 6
#: A class with more members than this (`\w`, a negated class) ends a start.
_WIDEST_CLASS = 40
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
#: How the scan reads ASCII: letters in lower case, every digit as 0, every space as a
#: blank, so that each rule has a few starts ("jan ", "the ", "0 ye"), not thousands.
_ASCII_FOLD = {
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    **{digit: "0" for digit in "123456789"},
    **{space: " " for space in _ASCII_SPACE},
}
#: The same, as a table for bytes: an ASCII text is scanned as bytes, the fastest way.
_FOLD_BYTES = bytes(ord(_ASCII_FOLD.get(chr(byte), chr(byte))) for byte in range(128)) + bytes(
    range(128, 256)
)
#: Lower-case characters IGNORECASE takes for one another although they differ (a long
#: s and "s", a dotless i and "i"; `re._casefix`): each such class reads as its least.
_CASE_CLASSES = {
    chr(char): chr(min(char, *others)) for char, others in re._casefix._EXTRA_CASES.items()
}


@cache
def _fold(char: str) -> str:
    """How the scan reads one character: as the regex engine compares it under
    IGNORECASE (its simple lower case, or its case class), with every decimal digit as
    0 (`\\d` matches any) and every space as a blank (`\\s` too). Word characters stay
    word characters, so `\b` falls where it falls in the text."""
    if char in _ASCII_FOLD:
        return _ASCII_FOLD[char]
    if char.isascii():
        return char
    if char.isdecimal():
        return "0"
    if char.isspace():
        return " "
    lower = chr(_sre.unicode_tolower(ord(char)))
    return _CASE_CLASSES.get(lower, lower)


def _folded(text: str) -> str | bytes:
    """`text` read as the scan reads it, one character (or byte) for each of its own."""
    if text.isascii():
        return text.encode("ascii").translate(_FOLD_BYTES)
    table = {ord(char): _fold(char) for char in set(text)}
    return text.translate(table)


#: What a character that does not fold to ASCII reads as in `folded_bytes`: a byte no
#: start and no cue word holds, a word character where it is one (`\b` falls where it
#: falls in the text: the engine's `\w` is `str.isalnum()` and "_").
WORD_STAND_IN, OTHER_STAND_IN = "_", "\x01"


@cache
def _stand_in(char: str) -> str:
    folded = _fold(char)
    if folded.isascii():
        return folded
    return WORD_STAND_IN if char.isalnum() else OTHER_STAND_IN


def _encode_folded(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_stand_in(char) for char in chunk), error.end


codecs.register_error("graphsvc-temporal-fold", _encode_folded)


def folded_bytes(text: str) -> bytes:
    """Any text read as the scan reads it, as bytes (the regex engine's fastest input):
    ASCII folded as `_fold` reads it, and each other character as its fold when that is
    ASCII ("\u212a", the Kelvin sign, is "k"), else as a stand-in that no start and
    no cue word holds. So the scan of a Unicode text is as fast as an ASCII one's, for
    starts and cue words written in ASCII (`Scanner` checks)."""
    return text.encode("ascii", "graphsvc-temporal-fold").translate(_FOLD_BYTES)


_CATEGORIES = {
    sre.CATEGORY_DIGIT: "0",
    sre.CATEGORY_SPACE: " ",
}

#: A start: the characters read (folded) and whether the match may go on with any
#: character after them (the start was cut at `PREFIX` or at a class too wide to list).
Start = tuple[str, bool]


def _chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a class `[...]` matches, folded; None when too many to list."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(_fold(chr(av)))
        elif op is sre.RANGE:
            low, high = av
            if high - low > _WIDEST_CLASS:
                return None
            chars.update(_fold(chr(c)) for c in range(low, high + 1))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])
        else:  # NEGATE, \w, \S...
            return None
    return chars


def _join(heads: set[Start], tails: set[Start]) -> set[Start]:
    joined: set[Start] = set()
    for (head, open_head), (tail, open_tail) in product(heads, tails):
        if open_head or len(head) >= PREFIX:
            joined.add((head, True))
            continue
        text = (head + tail)[:PREFIX]
        joined.add((text, open_tail or len(head + tail) > PREFIX or len(text) == PREFIX))
    return joined


def _starts(items: Sequence[tuple[Any, Any]]) -> set[Start]:
    """What a sequence of parsed regex items can start with, up to `PREFIX` characters."""
    found: set[Start] = {("", False)}
    for op, av in items:
        if all(open_ or len(text) >= PREFIX for text, open_ in found):
            break
        found = _join(found, _item(op, av))
    return found


def _item(op: Any, av: Any) -> set[Start]:
    if op is sre.LITERAL:
        return {(_fold(chr(av)), False)}
    if op is sre.IN:
        chars = _chars(av)
        if chars is None:
            return {("", True)}
        return {(c, False) for c in chars}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {("", False)}  # zero width: leaving the condition out only widens the set
    if op is sre.SUBPATTERN:
        return _starts(av[-1])
    if op is sre.BRANCH:
        return set().union(*(_starts(branch) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _starts(body)
        found: set[Start] = {("", False)} if low == 0 else set()
        current: set[Start] = {("", False)}
        read = min(high, max(low, PREFIX))
        for count in range(1, read + 1):
            current = _join(current, once)
            if count >= low:
                found |= current
        if high > read and any(not text for text, _open in once):
            # repeats of what may be empty: a short start may go on in any way
            found = {(text, open_ or len(text) < PREFIX) for text, open_ in found}
        return found
    if op is sre.ATOMIC_GROUP:
        return _starts(av)
    return {("", True)}  # ANY, NOT_LITERAL, back references: any character


def starts_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The strings one of which every match of `pattern` starts with, when the text is
    read folded (`_FOLD`); None when some match may start with any character or be
    empty."""
    texts = {text for text, _open in _starts(_parsed(pattern))}
    if "" in texts:
        return None
    return frozenset(texts)


def at_word_start(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` starts at a word boundary (it opens with `\b`)."""
    items = _parsed(pattern)
    return bool(items) and items[0] == (sre.AT, sre.AT_BOUNDARY)


@cache
def _parsed(pattern: re.Pattern[str]) -> list[tuple[Any, Any]]:
    return list(sre_parse.parse(pattern.pattern, pattern.flags).data)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _by_first(starts: Sequence[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for text in starts:
        groups.setdefault(text[0], []).append(text[1:])
    return groups


def _first_then(groups: dict[str, list[str]], boundary: bool) -> str:
    """A regex that takes one character of a start and looks ahead for the rest, one
    branch a first character: the engine then skips in C to the characters that may
    begin a start (a pattern opening with `\b` or a lookahead is tried at every
    position), and consuming one character finds overlapping starts too. `boundary`:
    the start is preceded by a word character (`\b` before a non-word one)."""
    branches = []
    for first, rests in sorted(groups.items()):
        char = re.escape(first)
        behind = f"(?<=\\w{char})" if boundary else ""
        branches.append(f"{char}{behind}(?=(?:{alternation(rests)}))")
    return "(?:" + "|".join(branches) + ")"


class _Finder:
    """One scan of the folded text for the starts of the rules that share a word-boundary
    requirement, and which of those rules each occurrence may begin."""

    #: Past this many remembered windows the memo starts over (a server reads any text).
    MEMO_SIZE = 50_000

    def __init__(self, table: dict[str, list[int]], word_start: bool) -> None:
        self.table = {text: tuple(indices) for text, indices in table.items()}
        self.lengths = sorted({len(text) for text in self.table})
        self.word_start = word_start
        self.bytes_patterns = (
            self._bytes_patterns(list(table)) if all(text.isascii() for text in table) else None
        )
        self.memo: dict[str | bytes, tuple[int, ...]] = {}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The starts in a str text (built when first needed: only a scanner with a
        start that is not ASCII reads texts as str)."""
        boundary = r"\b" if self.word_start else ""
        return re.compile(f"{boundary}(?=(?:{alternation(self.table)}))")

    def _bytes_patterns(
        self, starts: list[str]
    ) -> tuple[re.Pattern[bytes] | None, re.Pattern[bytes] | None, re.Pattern[bytes] | None]:
        """(after a separator, at the text's start, others) for `folded_bytes` texts:
        `\b` before a word character is a non-word character before it, taken as the
        match's first character (its position + 1 is the start's); before a non-word
        character, a word character behind it."""

        def compiled(pattern: str) -> re.Pattern[bytes]:
            return re.compile(pattern.encode("ascii"))

        if not self.word_start:
            return None, None, compiled(_first_then(_by_first(starts), boundary=False))
        words = [text for text in starts if _is_word(text[0])]
        others = [text for text in starts if not _is_word(text[0])]
        return (
            compiled(f"[^\\w](?=(?:{alternation(words)}))") if words else None,
            compiled(f"(?:{alternation(words)})") if words else None,
            compiled(_first_then(_by_first(others), boundary=True)) if others else None,
        )

    def windows(self, folded: str | bytes) -> dict[str | bytes, list[int]]:
        """The positions where some of the rules' starts occur in the folded text, in
        order, by the `PREFIX` characters there: the rules a window may begin are
        looked up once a window, not once a position."""
        if isinstance(folded, bytes) and self.bytes_patterns is None:
            folded = folded.decode("ascii")  # a start is not ASCII: read the text's str
        if isinstance(folded, bytes):
            assert self.bytes_patterns is not None
            found = self._byte_positions(folded, *self.bytes_patterns)
        else:
            found = [match.start() for match in self.pattern.finditer(folded)]
        windows: dict[str | bytes, list[int]] = {}
        for position in found:
            window = folded[position : position + PREFIX]
            listed = windows.get(window)
            if listed is None:
                windows[window] = [position]
            else:
                listed.append(position)
        return windows

    @staticmethod
    def _byte_positions(
        folded: bytes,
        after_separator: re.Pattern[bytes] | None,
        at_start: re.Pattern[bytes] | None,
        others: re.Pattern[bytes] | None,
    ) -> list[int]:
        found = []
        if at_start is not None and at_start.match(folded):
            found.append(0)
        if after_separator is not None:
            found += [match.start() + 1 for match in after_separator.finditer(folded)]
        if others is not None:
            more = [match.start() for match in others.finditer(folded)]
            found = sorted(found + more) if found else more
        return found

    def rules_at(self, window: str | bytes) -> tuple[int, ...]:
        """The rules with a start that `window` (PREFIX folded characters) begins with."""
        found = self.memo.get(window)
        if found is None:
            if len(self.memo) > self.MEMO_SIZE:
                self.memo.clear()
            text = window.decode("ascii") if isinstance(window, bytes) else window
            rules = {index for n in self.lengths for index in self.table.get(text[:n], ())}
            found = self.memo[window] = tuple(sorted(rules))
        return found


#: The rules to scan: a set of indices, or a test asked only about the rules whose starts
#: occur in the text (a rule's gate costs a search of the whole text).
Active = set[int] | Callable[[int], bool]


class Scanner:
    """Every rule's matches in a text, as each rule's `finditer` would give them."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        starts = [starts_of(pattern) for pattern in self.patterns]
        self.unbounded = [index for index, found in enumerate(starts) if found is None]
        self.bounded = [index for index, found in enumerate(starts) if found is not None]
        tables: dict[bool, dict[str, list[int]]] = {True: {}, False: {}}
        for index, found in enumerate(starts):
            table = tables[at_word_start(self.patterns[index])]
            for text in found or ():
                table.setdefault(text, []).append(index)
        self.finders = [_Finder(table, word_start) for word_start, table in tables.items() if table]
        every = "".join(text for table in tables.values() for text in table)
        #: Whether any text may be scanned as `folded_bytes`: every start is ASCII and
        #: holds no stand-in character.
        self.reads_bytes = every.isascii() and not {WORD_STAND_IN, OTHER_STAND_IN} & set(every)

    def fold(self, text: str) -> str | bytes:
        """`text` as this scanner reads it (`folded_bytes` when it can)."""
        return folded_bytes(text) if self.reads_bytes else _folded(text)

    def candidates(
        self, text: str, active: Active, folded: str | bytes | None = None
    ) -> dict[int, list[int]]:
        """For each active bounded rule where one of its starts occurs, those positions
        in order (`active` is asked only about those rules). `folded`: `self.fold(text)`,
        when the caller has it already."""
        if folded is None:
            folded = self.fold(text)
        positions: dict[int, list[int]] = {}
        for finder in self.finders:  # each rule's starts are in one finder's table
            for window, found in finder.windows(folded).items():
                for index in finder.rules_at(window):
                    listed = positions.get(index)
                    if listed is None:
                        positions[index] = list(found)
                    else:
                        listed += found
        allowed = active.__contains__ if isinstance(active, set) else active
        return {index: sorted(positions[index]) for index in sorted(positions) if allowed(index)}

    def matches(
        self, text: str, active: Active, folded: str | bytes | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(rule index, match) for the active rules: each rule's matches in text order,
        the same as its `pattern.finditer(text)`."""
        for index, positions in self.candidates(text, active, folded).items():
            pattern = self.patterns[index]
            reached = 0
            for position in positions:
                if position < reached:
                    continue
                match = pattern.match(text, position)
                if match is not None:
                    yield index, match
                    reached = match.end()  # starts are never empty: the match is not
        allowed = active.__contains__ if isinstance(active, set) else active
        for index in self.unbounded:
            if allowed(index):
                for match in self.patterns[index].finditer(text):
                    yield index, match
