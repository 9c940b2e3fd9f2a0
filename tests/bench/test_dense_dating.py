"""The dense event-dating gold (bench/dense_gold.py) and its scorer (bench/dense_dating.py):
every gold file validates against its TimeML file, the schema refuses what makes no
sense, and the scorer judges a hand-made example as the docstring says (no spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from bench.dating_system import SystemEvent
from bench.dense_dating import (
    Anchor,
    DenseResult,
    Outcome,
    anchors,
    baseline,
    class_rows,
    judge,
    kind_rows,
    losses,
    rows_of,
    within,
)
from bench.dense_gold import (
    GOLD_DIR,
    GoldFile,
    Window,
    check_against,
    load_all,
    read_gold,
)
from bench.timeml import EventMention, TimemlDocument
from graphsvc.model import When

DCT = date(2000, 3, 28)


def _gold(*events: dict) -> GoldFile:
    return GoldFile.model_validate(
        {"document": "doc", "dct": DCT, "annotator": "test", "events": list(events)}
    )


def test_every_gold_file_validates_against_its_timeml_file(shared_fixtures: Path) -> None:
    pairs = load_all(GOLD_DIR, shared_fixtures / "timeml" / "aquaint")
    assert len(pairs) >= 8
    for gold, document in pairs:
        # every EVENT of the file is annotated, once, with its own text
        assert [e.eid for e in gold.events] == [e.eid for e in document.events]
        for event in gold.events:
            if event.kind != "none":
                window = event.window()
                assert window.first is None or window.last is None or window.first <= window.last


def test_bounds_are_exclusive_and_partial_dates_name_their_whole_span() -> None:
    gold = _gold(
        {"eid": "e1", "text": "a", "kind": "window", "after": "1998-07", "before": 1999},
        {"eid": "e2", "text": "b", "kind": "window", "after": date(2000, 3, 25)},
        {
            "eid": "e3",
            "text": "c",
            "kind": "range",
            "begin": {"before": "1998-08-08"},
            "end": date(1998, 8, 26),
        },
        {"eid": "e4", "text": "d", "kind": "day", "day": date(1998, 8, 7)},
    )
    windows = [e.window() for e in gold.events]
    assert windows == [
        Window(date(1998, 8, 1), date(1998, 12, 31)),
        Window(date(2000, 3, 26), None),
        Window(None, date(1998, 8, 26)),
        Window(date(1998, 8, 7), date(1998, 8, 7)),
    ]
    assert [w.bounded for w in windows] == [True, False, False, True]


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"kind": "window"}, "needs `after`, `before` or both"),
        ({"kind": "window", "after": "1998-08-07", "before": "1998-08-08"}, "no day is after"),
        (
            {"kind": "range", "begin": date(1998, 8, 9), "end": {"before": "1998-08-08"}},
            "begins after it ends",
        ),
        ({"kind": "none", "reason": "boring"}, "reason"),
        ({"kind": "sometime"}, "kind"),
        ({"kind": "day", "day": date(1998, 8, 7), "when": "x"}, "Extra inputs"),
        ({"kind": "window", "after": "98-08"}, "pattern"),
    ],
)
def test_the_schema_refuses_what_makes_no_sense(event: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _gold({"eid": "e1", "text": "a", **event})


def test_an_eid_annotated_twice_is_refused() -> None:
    event = {"eid": "e1", "text": "a", "kind": "day", "day": DCT}
    with pytest.raises(ValidationError, match="annotated twice"):
        _gold(event, event)


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("document: x\ndct: 2000-03-28\nannotator: t\nevents: [{eid: e1}]\n")
    with pytest.raises(ValueError, match=r"^x\.yaml: "):
        read_gold(path)


def _document(text: str, events: list[tuple[str, str]]) -> TimemlDocument:
    mentions = []
    for eid, word in events:
        start = text.index(word)
        mentions.append(EventMention(start, start + len(word), word, eid, "OCCURRENCE"))
    return TimemlDocument("doc", DCT, text, [], mentions)


def test_check_against_names_every_disagreement() -> None:
    document = _document("He said it fell.", [("e1", "said"), ("e2", "fell")])
    gold = _gold(
        {"eid": "e1", "text": "says", "kind": "day", "day": DCT},
        {"eid": "e9", "text": "x", "kind": "day", "day": DCT},
    )
    problems = check_against(gold, document)
    assert problems == [
        "doc: e1: text 'says' is 'said' in the file",
        "doc: e2 ('fell') is not annotated",
        "doc: e9 is not an EVENT of the file",
    ]


def _when(start: date, end: date | None = None, precision: str = "day") -> When:
    return When(start=start, end=end or start, precision=precision)


def _anchor(kind: str, first: date | None, last: date | None, span=(10, 14)) -> Anchor:
    return Anchor("e", span[0], span[1], kind, Window(first, last))


def test_judge_a_day_the_publication_window_and_precision() -> None:
    day = _anchor("day", DCT, DCT)
    monday = date(2000, 3, 27)
    exact = judge(day, [SystemEvent(_when(DCT), ((12, 13),))], DCT)
    assert (exact.found, exact.dated, exact.right, exact.strict) == (True, True, True, True)
    # the loader's [DCT - 1, DCT] for an undated report: right, but not strictly
    report = judge(day, [SystemEvent(_when(monday, DCT), ((10, 14),))], DCT)
    assert (report.right, report.strict) == (True, False)
    # the same two days for a gold day outside them are wrong
    sunday = _anchor("day", date(2000, 3, 26), date(2000, 3, 26))
    assert not judge(sunday, [SystemEvent(_when(monday, DCT), ((10, 14),))], DCT).right
    # the month holds the day but is less precise than the gold: wrong
    month = _when(date(2000, 3, 1), date(2000, 3, 31), "month")
    assert not judge(day, [SystemEvent(month, ((10, 14),))], DCT).right
    # the narrowest of several dated matches is the answer; an undated one is ignored
    several = [
        SystemEvent(month, ((10, 14),)),
        SystemEvent(None, ((11, 12),)),
        SystemEvent(_when(DCT), ((13, 20),)),
    ]
    assert judge(day, several, DCT).strict


def test_judge_found_dated_and_not_found() -> None:
    window = _anchor("window", date(2000, 3, 26), DCT)
    touching = [SystemEvent(_when(DCT), ((14, 18),))]  # ends where the gold begins: no overlap
    assert judge(window, touching, DCT) == judge(window, [], DCT)
    outcome = judge(window, [*touching, SystemEvent(None, ((9, 11),))], DCT)
    assert (outcome.found, outcome.dated, outcome.right) == (True, False, False)
    assert judge(window, [SystemEvent(_when(date(2000, 3, 26)), ((9, 11),))], DCT).right
    assert outcome.bounded and outcome.kind == "window"


def test_within_open_windows_and_ranges() -> None:
    before = Window(None, date(2000, 3, 27))
    assert within(before, _when(date(1999, 1, 1), date(2000, 3, 27)))
    assert not within(before, _when(DCT))
    # a range: any days inside [earliest begin, latest end] are right
    assert within(Window(date(1998, 8, 7), date(1998, 8, 26)), _when(date(1998, 8, 10)))
    assert not within(Window(date(1998, 8, 7), None), _when(date(1998, 8, 6), date(1998, 8, 8)))


def test_anchors_leave_out_unanchorable_events_by_reason() -> None:
    document = _document(
        "Castro said on Sunday that exiles might take him; they did not leave.",
        [("e1", "said"), ("e2", "take"), ("e3", "leave")],
    )
    gold = _gold(
        {"eid": "e1", "text": "said", "kind": "day", "day": date(2000, 3, 26)},
        {"eid": "e2", "text": "take", "kind": "none", "reason": "hypothetical"},
        {"eid": "e3", "text": "leave", "kind": "none", "reason": "negated"},
    )
    scored, left_out = anchors(gold, document)
    assert [(a.eid, a.start, a.kind) for a in scored] == [("e1", 7, "day")]
    assert left_out == {"hypothetical": 1, "negated": 1}


def test_baseline_takes_the_nearest_date_else_the_publication_day() -> None:
    text = "Castro spoke on Sunday and on Tuesday. The boy stayed."
    document = _document(text, [("e1", "spoke"), ("e2", "stayed")])
    scored = [
        Anchor("e1", text.index("spoke"), text.index("spoke") + 5, "day", Window(None, None)),
        Anchor("e2", text.index("stayed"), text.index("stayed") + 6, "day", Window(None, None)),
    ]
    first = text.index(". ") + 1
    guessed = baseline(document, scored, [(0, first), (first + 1, len(text))])
    assert guessed[0].when is not None and guessed[0].when.start == date(2000, 3, 26)
    assert guessed[1].when is not None and guessed[1].when.start == DCT
    assert guessed[1].when.basis == "publication"
    assert [g.triggers for g in guessed] == [((a.start, a.end),) for a in scored]


def test_rows_split_bounded_from_open_events_and_count_losses() -> None:
    def outcome(bounded: bool, found: bool, dated: bool, right: bool, strict: bool) -> Outcome:
        return Outcome("day", bounded, found, dated, right, strict)

    ours = [
        outcome(True, True, True, True, False),  # right by the publication window only
        outcome(True, True, True, False, False),  # dated wrong
        outcome(True, True, False, False, False),  # found, undated
        outcome(True, False, False, False, False),  # not found
        outcome(False, True, True, True, True),  # open gold window
    ]
    base = [outcome(o.bounded, True, True, True, True) for o in ours[:4]]
    base.append(outcome(False, True, True, False, False))
    result = DenseResult(documents=1, ours=ours, base=base)
    bounded_ours, bounded_base, all_ours, _ = rows_of(result)
    # n, found, dated, right, strict, precision, precision (strict)
    assert bounded_ours[2:] == [
        4,
        "75.0 (3/4)",
        "50.0 (2/4)",
        "25.0 (1/4)",
        "0.0 (0/4)",
        "50.0 (1/2)",
        "0.0 (0/2)",
    ]
    assert bounded_base[5] == "100.0 (4/4)"
    assert all_ours[2] == 5 and all_ours[5] == "40.0 (2/5)"
    assert kind_rows(result)[0] == ["day", 4, "25.0 (1/4)", "100.0 (4/4)"]
    assert losses(result) == (
        "Where the loader loses, of 4 bounded events: 1 not found, 1 found but undated, "
        "1 dated wrong (the baseline is wrong on 0 of the 2 the loader dates)."
    )


def test_class_rows_count_found_dated_and_right_per_timeml_class() -> None:
    def outcome(event_class: str, found: bool, dated: bool, right: bool) -> Outcome:
        return Outcome("day", True, found, dated, right, right, event_class=event_class)

    ours = [
        outcome("STATE", False, False, False),
        outcome("STATE", True, True, True),
        outcome("REPORTING", True, True, False),
    ]
    base = [outcome(o.event_class, True, True, True) for o in ours]
    rows = class_rows(DenseResult(documents=1, ours=ours, base=base))
    assert rows == [
        ["REPORTING", 1, "100.0 (1/1)", "100.0 (1/1)", "0.0 (0/1)", "100.0 (1/1)"],
        ["STATE", 2, "50.0 (1/2)", "50.0 (1/2)", "50.0 (1/2)", "100.0 (2/2)"],
    ]
