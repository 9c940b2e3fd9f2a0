"""bench/gap_eval.py reads GAP's format and scores an answer by the labelled spans only.
Rows written for this test, in GAP's columns."""

from __future__ import annotations

from pathlib import Path

from bench.gap_eval import answer, rows
from graphsvc.settings import Settings
from loaders.text.nlp import load_pipeline

HEADER = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL"


def _row(id_: str, text: str, pronoun: str, a: str, b: str, gold: str) -> str:
    offset = text.index(" " + pronoun + " ") + 1
    return "\t".join(
        [
            id_,
            text,
            pronoun,
            str(offset),
            a,
            str(text.index(a)),
            "TRUE" if gold == "A" else "FALSE",
            b,
            str(text.index(b)),
            "TRUE" if gold == "B" else "FALSE",
            "",
        ]
    )


def test_rows_are_read_and_answers_mapped_to_the_labelled_names(tmp_path: Path) -> None:
    path = tmp_path / "gap.tsv"
    lines = [
        HEADER,
        _row(
            "t-1",
            "Mrs Ingrid Solheim hired Mr Tom Reed in 1990. Later she sold the firm.",
            "she",
            "Ingrid Solheim",
            "Tom Reed",
            "A",
        ),
        _row(
            "t-2",
            "John Smith and Peter Brown met in Geneva on Monday. Later he left.",
            "he",
            "John Smith",
            "Peter Brown",
            "neither",
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = rows(path)
    assert [r.gold for r in read] == ["A", "neither"]
    assert read[0].text[read[0].offset : read[0].offset + 3] == "she"
    nlp = load_pipeline(Settings().spacy_model)
    first, second = (nlp(r.text) for r in read)
    assert answer(first, read[0]) == "A"  # Mr Reed is no "she"
    assert answer(second, read[1]) is None  # two men alike: no answer
