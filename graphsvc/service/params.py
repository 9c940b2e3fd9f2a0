"""User parameters read the same way by every adapter: dates as text, comma-separated
choices, numbers under the server's ceilings, text under its length limit.

Each failure is an `InvalidInput` (422) or `PayloadTooLarge` (413) whose message names
the parameter and, for a ceiling, the setting that sets it; the HTTP API shows it as a
problem, the MCP server as a tool error, the command line as one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from graphsvc.errors import InvalidInput, PayloadTooLarge
from graphsvc.model import SHOWN_FACTUALITIES, DateBasis, Factuality, When, utc_now
from graphsvc.settings import Settings
from graphsvc.store.base import Window
from graphsvc.temporal import parse_iso_partial, resolve_phrase
from graphsvc.typed_dates import AmbiguousDate, read_typed_date

#: How a date bound may be written, for the help of `since` and `until`.
DATE_HELP = (
    "`2015`, `2015-09`, `2015-09-30`, or a phrase such as `September 2015`, `Q3 2015`, "
    "`last week` (read against today); `{name}` keeps what overlaps from the {edge}."
)


def parse_bound(text: str) -> When:
    """A partial ISO date, else any phrase the temporal module resolves (against today),
    else a date as people type it ("22.01.2016", "22 janvier 2016": dateparser); an
    ambiguous one ("03-02-2009") is an error that says so."""
    try:
        return parse_iso_partial(text)
    except ValueError:
        if re.fullmatch(r"\s*\d{4}([-/.]\d{1,2}){0,2}\s*", text):
            raise  # year first is ISO: its own message says which part is wrong
        numeric = re.fullmatch(r"[\d\s\-/.:]*", text) is not None
        when = None if numeric else resolve_phrase(text, utc_now().date())
        if when is not None:
            return when
        try:
            day = read_typed_date(text)
        except AmbiguousDate:
            raise
        except ValueError:
            raise ValueError(
                f"{text!r} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD, a phrase such as "
                "'September 2015', 'Q3 2015' or 'last week', or a day such as '22.01.2016'"
            ) from None
        return When(start=day, end=day, precision="day", text=text)


def window_from(since: str | None, until: str | None) -> Window:
    """`since=2015-09` starts on Sep 1 and `until=2015-09` ends on Sep 30: whole units."""
    start = end = None
    errors = []
    for name, text in (("since", since), ("until", until)):
        if text is None:
            continue
        try:
            when = parse_bound(text)
        except ValueError as exc:
            errors.append({"field": f"query parameter {name}", "message": str(exc)})
            continue
        if name == "since":
            start = when.start
        else:
            end = when.end
    if errors:
        raise InvalidInput(f"{errors[0]['field']}: {errors[0]['message']}", errors=errors)
    if start and end and start > end:
        raise InvalidInput(
            f"since ({since}) is after until ({until}): the range is empty",
            errors=[{"field": "query parameter since", "message": "must not be after until"}],
        )
    return Window(since=start, until=end)


def window_as_of(as_of: str | None, since: str | None, until: str | None) -> Window:
    """The window of `as_of` (a day, or the unit named), or of since/until."""
    if as_of is None:
        return window_from(since, until)
    if since is not None or until is not None:
        message = "as_of names one day; give either as_of or since/until, not both"
        raise InvalidInput(message, errors=[{"field": "query parameter as_of", "message": message}])
    try:
        when = parse_bound(as_of)
    except ValueError as exc:
        raise InvalidInput(
            f"query parameter as_of: {exc}",
            errors=[{"field": "query parameter as_of", "message": str(exc)}],
        ) from None
    return Window(since=when.start, until=when.end)


def at_most(value: int, ceiling: int, name: str, setting: str) -> int:
    """A 422 naming the setting when a parameter is over the server's configured ceiling."""
    if value > ceiling:
        message = f"{name}={value} is over this server's limit of {ceiling} (setting {setting})"
        raise InvalidInput(
            message, errors=[{"field": f"query parameter {name}", "message": message}]
        )
    return value


def page_limit(settings: Settings, limit: int) -> int:
    """`limit` of a page, at most GRAPHSVC_MAX_PAGE_SIZE."""
    return at_most(limit, settings.max_page_size, "limit", "GRAPHSVC_MAX_PAGE_SIZE")


def hop_limit(settings: Settings, max_hops: int) -> int:
    """`max_hops` of a path search, at most GRAPHSVC_MAX_HOPS."""
    return at_most(max_hops, settings.max_hops, "max_hops", "GRAPHSVC_MAX_HOPS")


BASES = ("text", "context", "publication")
FACTUALITIES = ("asserted", "negated", "planned", "possible", "reported")


def _choices(values: Sequence[str], allowed: tuple[str, ...], parameter: str) -> tuple[str, ...]:
    """Comma-separated or repeated names, each one of `allowed` (422 naming it if not)."""
    found: list[str] = []
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if name not in allowed:
                message = f"{parameter} {name!r} is not one of {', '.join(allowed)}"
                raise InvalidInput(
                    message,
                    errors=[{"field": f"query parameter {parameter}", "message": message}],
                )
            if name not in found:
                found.append(name)
    return tuple(found)


def bases_from(values: Sequence[str] | None) -> tuple[DateBasis, ...]:
    """`basis=text,context` or `basis=text&basis=context`; 422 naming an unknown one."""
    return _choices(values or [], BASES, "basis")  # type: ignore[return-value]


def factualities_from(values: Sequence[str] | None) -> tuple[Factuality, ...]:
    """`factuality=negated,possible`; the default when absent; 422 for an unknown one."""
    if not values:
        return SHOWN_FACTUALITIES
    return _choices(values, FACTUALITIES, "factuality")  # type: ignore[return-value]


def check_text_lengths(given: Iterable[tuple[str, object]], ceiling: int) -> None:
    """422 when a parameter's text is longer than `ceiling` (GRAPHSVC_MAX_TEXT_PARAM_CHARS),
    before a date parser or a store spends time on it."""
    errors = [
        {
            "field": f"parameter {name}",
            "message": f"{name} is {len(str(value))} characters long; at most {ceiling} "
            "(setting GRAPHSVC_MAX_TEXT_PARAM_CHARS)",
        }
        for name, value in given
        if len(str(value)) > ceiling
    ]
    if errors:
        raise InvalidInput(errors[0]["message"], errors=errors)


def check_record_count(count: int, ceiling: int) -> None:
    """413 when one request holds more records than GRAPHSVC_MAX_RECORDS_PER_REQUEST."""
    if count > ceiling:
        raise PayloadTooLarge(
            f"the body holds {count} records; at most {ceiling} a request "
            "(setting GRAPHSVC_MAX_RECORDS_PER_REQUEST): split it, or use `graphsvc load`"
        )
