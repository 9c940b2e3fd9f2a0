"""TempEval-3 scoring as the temporal bench uses it: one-to-one relaxed matching, strict
spans, values over system and gold counts, and TimeML text offsets."""

from __future__ import annotations

from pathlib import Path

from bench.timeml import Counts, Timex, load_document, score, scores


def _t(start: int, end: int, value: str, kind: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), kind, value)


def test_strict_relaxed_and_value_matches() -> None:
    gold = [_t(0, 8, "2008-09-04"), _t(20, 29, "2008-W35"), _t(40, 45, "P5Y", "DURATION")]
    system = [_t(0, 8, "2008-09-04"), _t(25, 29, "2008-W36"), _t(60, 64, "2008")]
    counts, pairs = score(gold, system)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed, counts.value) == (
        3,
        3,
        1,
        2,
        1,
    )
    assert pairs[2] == (gold[2], None)
    result = scores(counts)
    assert round(result["relaxed_f1"], 3) == round(2 / 3, 3)
    assert round(result["value_p"], 3) == round(1 / 3, 3) == round(result["value_r"], 3)


def test_each_expression_matches_once() -> None:
    gold = [_t(0, 10, "a"), _t(12, 20, "b")]
    system = [_t(0, 20, "a")]  # one long span overlapping both gold spans
    counts, _ = score(gold, system)
    assert counts.relaxed == 1 and counts.value == 1


def test_no_system_output_scores_zero() -> None:
    counts, pairs = score([_t(0, 4, "2008")], [])
    assert scores(counts)["relaxed_f1"] == 0.0 and pairs[0][1] is None
    assert scores(Counts())["value_f1"] == 0.0


def test_timeml_offsets_and_nested_tags(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2008-09-04" '
        'functionInDocument="CREATION_TIME">2008-09-04</TIMEX3></DCT><TEXT>Stocks fell '
        '<TIMEX3 tid="t1" type="DATE" value="2008-09-04">Thursday</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="2008-W35">last <X>week</X></TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.dct.isoformat() == "2008-09-04"
    assert document.text == "Stocks fell Thursday and last week."
    assert [(document.text[g.start : g.end], g.value) for g in document.gold] == [
        ("Thursday", "2008-09-04"),
        ("last week", "2008-W35"),
    ]
