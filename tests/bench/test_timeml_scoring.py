"""TempEval-3 scoring as bench/temporal_eval uses it.

Protects the rules that make the temporal figures comparable with published ones: strict
means the same offsets, relaxed means overlap with each expression used once, values are
judged on relaxed matches but divided by all system and all gold expressions, and gold
offsets index the `<TEXT>` content with every tag removed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.timeml import Counts, Timex, align, load_document, same_value, score, scores, total


def _t(start: int, end: int, value: str, kind: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), kind, value)


def test_strict_needs_same_offsets_relaxed_needs_overlap() -> None:
    gold = [_t(0, 8, "2008-09-04"), _t(20, 29, "2008-W35"), _t(40, 45, "P5Y", "DURATION")]
    system = [_t(0, 8, "2008-09-04"), _t(25, 29, "2008-W36"), _t(60, 64, "2008")]
    counts = score(gold, system)
    assert counts == Counts(gold=3, system=3, strict=1, relaxed=2, value=1, type=2)
    result = scores(counts)
    assert result.strict.f1 == pytest.approx(1 / 3)
    assert result.relaxed.precision == result.relaxed.recall == pytest.approx(2 / 3)


def test_one_system_span_matches_one_gold_span() -> None:
    """A long system span over two gold spans is one match; the other gold is missed."""
    gold = [_t(0, 10, "2008-09"), _t(12, 20, "2008-09-04")]
    system = [_t(0, 20, "2008-09-04")]
    alignment = align(gold, system)
    # greedy by overlap: 10 characters with the first gold span beat 8 with the second
    assert alignment.pairs == [(gold[0], system[0])]
    assert alignment.missed == [gold[1]]
    assert alignment.spurious == []
    counts = score(gold, system)
    assert (counts.relaxed, counts.value) == (1, 0)


def test_one_gold_span_matches_one_system_span() -> None:
    gold = [_t(0, 20, "P1Y", "DURATION")]
    system = [_t(0, 5, "2008"), _t(6, 20, "P1Y", "DURATION")]
    alignment = align(gold, system)
    assert alignment.pairs == [(gold[0], system[1])]  # the larger overlap wins
    assert alignment.spurious == [system[0]]
    assert score(gold, system) == Counts(gold=1, system=2, strict=0, relaxed=1, value=1, type=1)


def test_exact_span_wins_a_tie_with_a_longer_span() -> None:
    """Same overlap, tighter pair first, so a strict match is never lost to a longer span."""
    gold = [_t(5, 10, "2008-09-04")]
    system = [_t(0, 15, "2008-09"), _t(5, 10, "2008-09-04")]
    assert align(gold, system).pairs == [(gold[0], system[1])]
    assert score(gold, system).strict == 1


def test_value_scores_divide_by_all_system_and_all_gold() -> None:
    gold = [_t(0, 4, "2008"), _t(10, 14, "2009"), _t(20, 24, "2010"), _t(30, 34, "2011")]
    system = [_t(0, 4, "2008"), _t(10, 14, "2009-01-01")]  # 2 matches, 1 right value
    result = scores(score(gold, system))
    assert result.value.precision == pytest.approx(1 / 2)
    assert result.value.recall == pytest.approx(1 / 4)
    assert result.value.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert result.relaxed.precision == 1.0
    assert result.type_accuracy == 1.0


def test_values_compare_as_trimmed_strings_only() -> None:
    assert same_value(_t(0, 1, " 2008-09-04 "), _t(0, 1, "2008-09-04"))
    assert not same_value(_t(0, 1, "2008-09-04"), _t(0, 1, "2008-09-04T00:00"))
    assert not same_value(_t(0, 1, "P1Y"), _t(0, 1, "P12M"))


def test_type_accuracy_is_over_relaxed_matches() -> None:
    gold = [_t(0, 4, "P1D", "DURATION"), _t(10, 14, "2008", "DATE"), _t(20, 24, "2009")]
    system = [_t(0, 4, "P1D", "DATE"), _t(10, 14, "2008", "DATE")]
    assert scores(score(gold, system)).type_accuracy == pytest.approx(1 / 2)


def test_no_system_output_scores_zero_without_dividing_by_zero() -> None:
    counts = score([_t(0, 4, "2008")], [])
    assert counts == Counts(gold=1, system=0)
    result = scores(counts)
    assert (result.relaxed.precision, result.relaxed.recall, result.relaxed.f1) == (0, 0, 0)
    assert result.value.f1 == 0.0 and result.type_accuracy == 0.0
    assert scores(Counts()).strict.f1 == 0.0


def test_counts_are_summed_over_documents_before_dividing() -> None:
    """Micro-average: a 1-expression document does not weigh as much as a 3-expression one."""
    short = score([_t(0, 4, "2008")], [_t(0, 4, "2008")])
    long = score([_t(0, 4, "2008"), _t(5, 9, "2009"), _t(10, 14, "2010")], [])
    summed = total([short, long])
    assert summed == Counts(gold=4, system=1, strict=1, relaxed=1, value=1, type=1)
    assert scores(summed).relaxed.recall == pytest.approx(1 / 4)  # not (1 + 0) / 2


TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>doc</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2008-09-04" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">2008-09-04</TIMEX3></DCT>\n'
    "<TITLE>Stocks fall &amp; rise</TITLE>\n"
    '<TEXT>Stocks fell <TIMEX3 tid="t1" type="DATE" value="2008-09-04" '
    'anchorTimeID="t0">Thursday</TIMEX3> &amp; rose\n'
    '<TIMEX3 tid="t2" type="DATE" value="2008-W35">last <TIMEX3 tid="t3" type="DURATION" '
    'value="P1W">week</TIMEX3></TIMEX3> after <S>a <TIMEX3 tid="t4" type="TIME" '
    'value="2008-09-04T16:08Z">16:08 UTC</TIMEX3> close</S>.</TEXT>\n</TimeML>\n'
)


def test_load_document_offsets_index_the_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    document = load_document(path)
    assert document.name == "doc"
    assert document.dct == date(2008, 9, 4)
    # the title and DCT are not part of the text; entities are decoded, tags removed
    assert document.text == "Stocks fell Thursday & rose\nlast week after a 16:08 UTC close."
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Thursday", "DATE", "2008-09-04"),
        ("last week", "DATE", "2008-W35"),  # the outer of two nested TIMEX3
        ("16:08 UTC", "TIME", "2008-09-04T16:08Z"),  # inside another tag
    ]
    assert all(document.text[g.start : g.end] == g.text for g in document.gold)
    assert (document.gold[1].start, document.gold[1].end) == (28, 37)


def test_load_document_without_creation_time_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nodct.tml"
    path.write_text("<TimeML><TEXT>On Monday.</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(ValueError, match="CREATION_TIME"):
        load_document(path)
