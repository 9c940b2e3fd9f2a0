"""The extraction bench reads its gold as a person would: CoNLL04's tokens become the
sentence a user types, and CoNLL04's spans (titles kept, places joined) match the names
the loader gives."""

from __future__ import annotations

from bench.text_eval import _same, detokenise


def test_ptb_tokens_become_typed_text() -> None:
    tokens = ["`", "`", "He", "left", ",", "'", "'", "said", "Mr.", "O", "'Brien", "(", "AP", ")"]
    assert detokenise(["Kennedy", "'s", "aide", "did", "n't", "go", "."]) == (
        "Kennedy's aide didn't go."
    )
    assert detokenise(["The", "``", "JFK", "''", "film", "(", "1991", ")"]) == (
        'The "JFK" film (1991)'
    )
    assert "(AP)" in detokenise(tokens)


def test_a_name_matches_a_span_it_is_whole_words_of() -> None:
    assert _same({"kennedy"}, {"president kennedy"}, words=True)
    assert _same({"ohio"}, {"point pleasant ohio"}, words=True)
    assert not _same({"kennedy"}, {"president kennedy"}, words=False)
    assert not _same({"ken"}, {"kennedy"}, words=True)
