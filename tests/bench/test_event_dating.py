"""Gold and scoring of bench/event_dating.py, on a hand-written TimeML file (no spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.event_dating import (
    Counts,
    GoldEvent,
    SystemEvent,
    baseline_events,
    gold_events,
    score,
)
from bench.timeml import load_document, timex_interval
from graphsvc.model import When

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>tiny</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="TIME" value="2010-03-05T10:00" '
    'functionInDocument="CREATION_TIME">2010-03-05</TIMEX3></DCT>\n'
    "<TITLE>Dam opens</TITLE>\n"
    '<TEXT>The dam <EVENT eid="e1" class="OCCURRENCE">opened</EVENT> on '
    '<TIMEX3 tid="t1" type="DATE" value="2010-03-02">Tuesday</TIMEX3>, officials '
    '<EVENT eid="e2" class="REPORTING">said</EVENT>.\n'
    'Work had <EVENT eid="e3" class="ASPECTUAL">begun</EVENT> in '
    '<TIMEX3 tid="t2" type="DATE" value="2008-FA">autumn 2008</TIMEX3> and '
    '<EVENT eid="e4" class="OCCURRENCE">stopped</EVENT> '
    '<TIMEX3 tid="t3" type="DATE" value="PAST_REF">once</TIMEX3>; it was not '
    '<EVENT eid="e5" class="STATE">easy</EVENT>, nor would it '
    '<EVENT eid="e6" class="OCCURRENCE">fail</EVENT> in '
    '<TIMEX3 tid="t4" type="DATE" value="2010-03">March</TIMEX3>.</TEXT>\n'
    '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" polarity="POS"/>\n'
    '<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" polarity="POS"/>\n'
    '<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" polarity="POS"/>\n'
    '<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" polarity="POS"/>\n'
    '<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" polarity="NEG"/>\n'
    '<MAKEINSTANCE eventID="e6" eiid="ei6" tense="NONE" polarity="NEG" modality="would"/>\n'
    '<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>\n'
    '<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2"/>\n'
    '<TLINK lid="l3" relType="DURING" eventInstanceID="ei3" relatedToTime="t2"/>\n'
    '<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t3"/>\n'
    '<TLINK lid="l5" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t0"/>\n'
    '<TLINK lid="l6" relType="BEFORE" eventInstanceID="ei6" relatedToTime="t0"/>\n'
    '<TLINK lid="l7" relType="IS_INCLUDED" eventInstanceID="ei6" relatedToTime="t4"/>\n'
    '<TLINK lid="l8" relType="SIMULTANEOUS" eventInstanceID="ei1" relatedToTime="t4"/>\n'
    "</TimeML>\n"
)


@pytest.fixture
def document(tmp_path: Path):
    path = tmp_path / "tiny.tml"
    path.write_text(TML, encoding="utf-8")
    return load_document(path)


def test_events_keep_offsets_class_and_instance_attributes(document) -> None:
    assert document.dct == date(2010, 3, 5)
    assert [e.text for e in document.events] == [
        "opened",
        "said",
        "begun",
        "stopped",
        "easy",
        "fail",
    ]
    assert all(document.text[e.start : e.end] == e.text for e in document.events)
    assert document.events[0].start == len("The dam ")
    e6 = document.events[-1]
    assert (e6.eid, e6.event_class, e6.instances, e6.polarity, e6.modality) == (
        "e6",
        "OCCURRENCE",
        ("ei6",),
        "NEG",
        "would",
    )
    assert document.times["t0"].creation_time
    assert [g.text for g in document.gold] == ["Tuesday", "autumn 2008", "once", "March"]


def test_gold_events_are_dated_by_a_qualifying_link(document) -> None:
    gold = {g.eid: g for g in gold_events(document)}
    # e4: PAST_REF names no interval; e5: a STATE; e6: BEFORE does not date, but its
    # IS_INCLUDED link to March does
    assert sorted(gold) == ["e1", "e2", "e3", "e6"]
    # e1 is in Tuesday and in March: the narrower interval wins
    assert (gold["e1"].when.start, gold["e1"].when.end, gold["e1"].tid) == (
        date(2010, 3, 2),
        date(2010, 3, 2),
        "t1",
    )
    # a TLINK written time-first, to the DCT: the DCT day
    assert gold["e2"].by_dct and gold["e2"].when.start == gold["e2"].when.end == date(2010, 3, 5)
    assert (gold["e3"].when.start, gold["e3"].when.end) == (date(2008, 9, 1), date(2008, 11, 30))
    assert gold["e3"].when.precision == "season"
    assert gold["e6"].when.precision == "month"
    assert document.text[gold["e3"].start : gold["e3"].end] == "begun"


def test_timex_interval() -> None:
    week = timex_interval("1998-W9")
    assert week is not None and (week.start, week.end) == (date(1998, 2, 23), date(1998, 3, 1))
    quarter = timex_interval("1998-Q4")
    assert quarter is not None and (quarter.start, quarter.end) == (
        date(1998, 10, 1),
        date(1998, 12, 31),
    )
    day = timex_interval("1998-08-07TNI")
    assert day is not None and day.start == day.end == date(1998, 8, 7)
    decade = timex_interval("199")
    assert decade is not None and decade.start == date(1990, 1, 1)
    for value in ("PRESENT_REF", "1998-XX", "199X", "P1D", "1998-13", ""):
        assert timex_interval(value) is None


def _when(start: date, end: date | None = None) -> When:
    return When(start=start, end=end or start, precision="day")


def _gold(start: int, end: int, when: When) -> GoldEvent:
    return GoldEvent(start, end, "x" * (end - start), "e", "OCCURRENCE", when, "t1", False)


def test_score_matches_by_trigger_overlap_and_dates_by_interval_overlap() -> None:
    march = When(start=date(2010, 3, 1), end=date(2010, 3, 31), precision="month")
    gold = [
        _gold(0, 6, _when(date(2010, 3, 2))),  # right: a week holding the day
        _gold(10, 14, _when(date(2010, 3, 5))),  # matched twice: one wrong, one undated
        _gold(20, 25, march),  # right and within: a day inside the month
        _gold(30, 35, march),  # not matched: the trigger only touches the span
    ]
    system = [
        SystemEvent(_when(date(2010, 3, 1), date(2010, 3, 7)), ((2, 5),), "text"),
        SystemEvent(_when(date(2010, 3, 4)), ((12, 13),), "publication"),
        SystemEvent(None, ((10, 14), (100, 104))),
        SystemEvent(_when(date(2010, 3, 31)), ((22, 24),)),
        SystemEvent(_when(date(2010, 3, 31)), ((35, 40),)),
    ]
    counts = score(gold, system)
    assert (counts.gold, counts.found, counts.right, counts.within) == (4, 3, 2, 1)
    assert (counts.dated_pairs, counts.right_pairs) == (3, 2)
    assert counts.by_basis == {"text": 1, "publication": 1, "-": 1}
    assert counts.right_by_basis == {"text": 1, "-": 1}
    total = counts + Counts(gold=1)
    assert (total.gold, total.right, total.by_basis["text"]) == (5, 2, 1)


def test_baseline_takes_the_nearest_date_of_the_sentence(document) -> None:
    gold = gold_events(document)
    first_line = document.text.index("\n")
    sentences = [(0, first_line), (first_line + 1, len(document.text))]
    guessed = {
        g.eid: s.when for g, s in zip(gold, baseline_events(document, gold, sentences), strict=True)
    }
    assert guessed["e1"] is not None and guessed["e1"].start == date(2010, 3, 2)  # "on Tuesday"
    assert guessed["e2"] is not None and guessed["e2"].start == date(2010, 3, 2)
    # "begun in autumn 2008" is nearer than "in March"
    assert guessed["e3"] is not None and guessed["e3"].start.year == 2008
    counts = score(gold, baseline_events(document, gold, sentences))
    assert counts.found == counts.gold == 4
