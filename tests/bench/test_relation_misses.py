"""The miss analysis of bench/relation_misses.py sorts each missed gold relation into
one cause, from a dump of bench/relation_eval.py (a sentence written for this test)."""

from __future__ import annotations

from typing import Any

from bench.relation_misses import cause, misses

TEXT = "Ann Lee, a spokeswoman for Acme Corp., said Bob Day lives in Lyon, France."


def _sentence(**changes: Any) -> dict[str, Any]:
    sentence = {
        "text": TEXT,
        "gold": [
            ["Ann Lee", "Work_For", "Acme Corp."],
            ["Bob Day", "Live_In", "Lyon"],
            ["Lyon", "Located_In", "France"],
            ["Ann Lee", "Live_In", "France"],
        ],
        "found": [{"typed": False, "linked": False} for _ in range(4)],
        "gold_ends": [[0, 1], [2, 3], [3, 4], [0, 4]],
        "entities": [
            {"text": "Ann Lee", "type": "Peop", "actors": ["person:ann-lee"]},
            {"text": "Acme Corp.", "type": "Org", "actors": ["person:acme"]},
            {"text": "Bob Day", "type": "Peop", "actors": []},
            {"text": "Lyon", "type": "Loc", "actors": ["place:lyon"]},
            {"text": "France", "type": "Loc", "actors": ["place:france"]},
        ],
        "actors": {
            "person:ann-lee": ["Ann Lee", "person", "ner: PERSON"],
            "person:acme": ["Acme", "person", "ner: PERSON"],
            "place:lyon": ["Lyon", "place", "gazetteer: city"],
            "place:france": ["France", "place", "gazetteer: country"],
        },
        "relations": [["France", "LOCATED_IN", "Lyon", None]],
    }
    sentence.update(changes)
    return sentence


def test_each_miss_gets_its_cause() -> None:
    sentence = _sentence()
    assert cause(sentence, 0) == "wrong kind (tail person)"
    assert cause(sentence, 1) == "head missing"
    assert cause(sentence, 2) == "reversed"
    assert cause(sentence, 3).startswith("no relation: ")


def test_an_end_inside_an_actors_name_says_so() -> None:
    sentence = _sentence(
        actors={**_sentence()["actors"], "org:x": ["Bob Day Fund", "organization", None]}
    )
    assert cause(sentence, 1) == "head missing (inside a name)"


def test_found_relations_are_not_misses() -> None:
    found = [{"typed": True, "linked": True}] * 4
    assert misses([_sentence(found=found)]) == []
    assert [kind for kind, *_ in misses([_sentence()])] == [
        "Work_For",
        "Live_In",
        "Located_In",
        "Live_In",
    ]
