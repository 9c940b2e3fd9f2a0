"""Text made safe for the format it is written into.

Exports carry text from articles and from whoever posted records, so a summary, a name
or a sentence may hold what a reader program would act on: a spreadsheet formula, HTML,
or a control character that XML or iCalendar cannot hold. Each writer passes its text
through one of these at the point it is written; the JSON export alone keeps text
exactly as stored (JSON escapes everything), so nothing is lost for a program.
"""

from __future__ import annotations

import re
import unicodedata

#: What makes a spreadsheet read a cell as a formula (OWASP's list: `=`, `+`, `-`, `@`,
#: tab, carriage return); full-width and small forms (U+FF1D, U+FE62) are caught through
#: NFKC, which folds them to these.
FORMULA_STARTS = frozenset("=+-@\t\r")

#: Characters neither XML 1.0 (its `Char` production allows only #x9, #xA, #xD,
#: #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF) nor RFC 5545 text (no CONTROL but
#: HTAB) can hold, plus DEL and the C1 controls, which both allow or merely discourage
#: but no reader shows; LF is kept (both formats carry line breaks), CR is folded into it.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_cell(value: str) -> str:
    """`value`, with a leading `'` if a spreadsheet would take it for a formula.

    Every such cell gets the quote, as OWASP advises, negative numbers included: no
    column of the CSV export is numeric (dates are ISO and start with a digit, ids and
    enumerations with a letter), so a cell starting with `-` is always text. Leading
    spaces are looked through, as some spreadsheets trim them before deciding.
    """
    first = value.lstrip(" ")[:1]
    if not first.isascii():
        first = unicodedata.normalize("NFKC", first)[:1]
    return "'" + value if value[:1] in FORMULA_STARTS or first in FORMULA_STARTS else value


def _replacement(match: re.Match[str]) -> str:
    # Separator-like controls (VT, FF, FS..US, NEL) stand between words: a space keeps
    # the words apart; anything else is dropped.
    return " " if match.group().isspace() else ""


def plain_text(value: str) -> str:
    """`value` without the characters XML 1.0 and iCalendar text forbid: line breaks
    become LF, separator-like controls a space, other controls (NUL, ESC, DEL, C1),
    lone surrogates and U+FFFE/U+FFFF are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub(_replacement, value)
