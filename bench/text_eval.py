"""Extraction quality of the text loader on every development set with gold actors.

    .venv/bin/python -m bench.text_eval [--no-write] [--conll-limit N]

Article sets (a folder with `articles/articles.jsonl` and `gold/<id>.json`): the MEANTIME
Wikinews articles of ../shared/fixtures/meantime-stock and the sample article of
../shared/fixtures. For each:

- actors: precision and recall of distinct actors, an extracted actor matching a gold one
  when a name or alias of each agree (case and punctuation aside);
- events: recall of gold dated events, found when an extracted event comes from the gold
  sentence, has a gold participant among its own and a date overlapping the gold date;
- timeline pairs: each gold dated event x each of its gold participants, counted when an
  extracted event from the gold sentence with an overlapping date has that participant
  among its participants, so it is on that participant's timeline (how many of those
  links are `resolved` or `inferred`, not `stated`, is shown beside it).

CoNLL04 (../shared/fixtures/conll04, train and dev, one sentence a document): actor
precision and recall against the `Peop`, `Org` and `Loc` entities, and the share of
matched actors whose kind agrees with the gold type. Its spans keep titles and join
places ("President Kennedy", "Point Pleasant, Ohio"), so there a name also matches one
it is a run of whole words of. The baseline, in the same run, is
bare spaCy NER: every distinct PERSON/ORG/GPE/LOC/FAC entity text an actor, no merging.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section
from graphsvc.errors import InvalidInput
from graphsvc.model import GraphBatch
from graphsvc.names import normalise_name
from graphsvc.settings import Settings
from loaders.text.actors import KINDS
from loaders.text.article import Article
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
ARTICLE_SETS = ("meantime-stock", ".")
CONLL_SPLITS = ("train", "dev")
CONLL_KINDS = {"Peop": "person", "Org": "organization", "Loc": "place"}


@dataclass
class Counts:
    """Running totals for one set: actors (ours and bare NER), events, timeline pairs."""

    found_matched: int = 0
    gold_matched: int = 0
    found: int = 0
    gold: int = 0
    bare: list[int] = field(default_factory=lambda: [0, 0, 0])
    events_found: int = 0
    events_gold: int = 0
    pairs_found: int = 0
    pairs_gold: int = 0
    pairs_not_stated: int = 0
    kinds_right: int = 0
    kinds_checked: int = 0


def _cases(folder: Path) -> list[tuple[Article, dict]]:
    """Each article with its gold, matched by the gold's `document` (the article's id)."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in (folder / "gold").glob("*.json")]
    by_document = {g["document"]: g for g in golds}
    cases = []
    for line in (folder / "articles" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record["id"] in by_document:
            fields = {k: v for k, v in record.items() if k in Article.model_fields}
            cases.append((Article(**fields), by_document[record["id"]]))
    return cases


def _gold_names(actor: dict) -> set[str]:
    return {normalise_name(n) for n in (actor["name"], *actor["aliases"])}


def _same(names: set[str], gold: set[str], words: bool) -> bool:
    """Whether two name sets agree; with `words`, also when one name is a run of whole
    words of the other (CoNLL04's spans keep titles and joined places: "President
    Kennedy", "Point Pleasant, Ohio")."""
    if names & gold:
        return True
    return words and any(f" {n} " in f" {g} " or f" {g} " in f" {n} " for n in names for g in gold)


def _score_actors(
    found: list[set[str]], gold_names: list[set[str]], words: bool = False
) -> tuple[int, int, int]:
    """(matched extracted actors, matched gold actors, extracted actors)."""
    matched_found = sum(1 for names in found if any(_same(names, g, words) for g in gold_names))
    matched_gold = sum(1 for g in gold_names if any(_same(names, g, words) for names in found))
    return matched_found, matched_gold, len(found)


def _overlaps(start: date, end: date, expected: dict) -> bool:
    lo = date.fromisoformat(expected.get("start") or expected["start_range"][0])
    hi = date.fromisoformat(expected.get("end") or expected["end_range"][1])
    return start <= hi and end >= lo


def _bare_ner(nlp, text: str) -> list[set[str]]:
    names = {normalise_name(e.text) for e in nlp(text).ents if e.label_ in KINDS}
    return [{name} for name in names]


def _add_actors(
    counts: Counts, batch: GraphBatch, gold_names: list[set[str]], bare, words: bool = False
) -> None:
    found = [{normalise_name(n) for n in (a.name, *a.aliases)} for a in batch.actors]
    matched_found, matched_gold, extracted = _score_actors(found, gold_names, words)
    counts.found_matched += matched_found
    counts.gold_matched += matched_gold
    counts.found += extracted
    counts.gold += len(gold_names)
    bare_counts = _score_actors(bare, gold_names, words)
    counts.bare = [x + y for x, y in zip(counts.bare, bare_counts, strict=True)]


def _add_events(counts: Counts, batch: GraphBatch, gold: dict) -> None:
    """Event recall and timeline pairs of one article against its gold events."""
    names = {a.id: {normalise_name(n) for n in (a.name, *a.aliases)} for a in batch.actors}
    by_name = {a["name"]: _gold_names(a) for a in gold["actors"]}
    for expected in gold["events"]:
        candidates = [
            event
            for event in batch.events
            if event.when is not None
            and _overlaps(event.when.start, event.when.end, expected["date"])
            and any(
                expected["evidence"][:60] in s.sentence or s.sentence in expected["evidence"]
                for s in event.sources
            )
        ]
        counts.events_gold += 1
        linked: dict[str, str] = {}  # gold participant -> the basis of its best link
        for participant in expected["participants"]:
            wanted = by_name.get(participant, {normalise_name(participant)})
            bases = [
                p.basis
                for event in candidates
                for p in event.participants
                if names.get(p.actor, set()) & wanted
            ]
            if bases:
                linked[participant] = "stated" if "stated" in bases else bases[0]
        counts.events_found += bool(linked)
        counts.pairs_gold += len(expected["participants"])
        counts.pairs_found += len(linked)
        counts.pairs_not_stated += sum(1 for b in linked.values() if b != "stated")


def evaluate_articles(folder: Path, model: str) -> Counts:
    nlp = load_pipeline(model)
    counts = Counts()
    for article, gold in _cases(folder):
        batch = extract(article, model)
        _add_actors(
            counts, batch, [_gold_names(a) for a in gold["actors"]], _bare_ner(nlp, article.text)
        )
        _add_events(counts, batch, gold)
    return counts


_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'(?:re|ve|ll|d|m)\b)")


def detokenise(tokens: list[str]) -> str:
    """A PTB-tokenised sentence as a person would type it (quotes, brackets, clitics)."""
    text = " ".join(tokens).replace("`` ", '"').replace(" ''", '"')
    text = text.replace("( ", "(").replace("[ ", "[").replace("$ ", "$")
    return _SPACE_BEFORE.sub(r"\1", text)


def evaluate_conll(path: Path, model: str, limit: int | None) -> Counts:
    """Actors of CoNLL04 sentences, each loaded as its own one-sentence document."""
    nlp = load_pipeline(model)
    counts = Counts()
    for index, item in enumerate(json.loads(path.read_text(encoding="utf-8"))[:limit]):
        tokens = item["tokens"]
        gold = [
            (normalise_name(detokenise(tokens[e["start"] : e["end"]])), CONLL_KINDS[e["type"]])
            for e in item["entities"]
            if e["type"] in CONLL_KINDS
        ]
        text = detokenise(tokens)
        article = Article(id=f"conll04-{index}", text=text, published="1990-01-01")
        try:
            batch = extract(article, model)
        except InvalidInput:
            batch = GraphBatch()
        gold_names = [{name} for name, _ in gold]
        _add_actors(counts, batch, gold_names, _bare_ner(nlp, text), words=True)
        for actor in batch.actors:
            names = {normalise_name(n) for n in (actor.name, *actor.aliases)}
            expected = next((k for g, k in gold if _same(names, {g}, True)), None)
            if expected is not None:
                counts.kinds_checked += 1
                counts.kinds_right += actor.kind.value == expected
    return counts


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "-"


def rows_of(name: str, counts: Counts) -> list[list[object]]:
    """One row for the loader and one for bare NER on a set."""
    events = (
        f"{_percent(counts.events_found, counts.events_gold)} "
        f"({counts.events_found}/{counts.events_gold})"
        if counts.events_gold
        else "-"
    )
    pairs = (
        f"{_percent(counts.pairs_found, counts.pairs_gold)} "
        f"({counts.pairs_found}/{counts.pairs_gold}, {counts.pairs_not_stated} not stated)"
        if counts.pairs_gold
        else "-"
    )
    kinds = _percent(counts.kinds_right, counts.kinds_checked) if counts.kinds_checked else "-"
    bare_found, bare_gold, bare_extracted = counts.bare
    return [
        [
            name,
            "graphsvc text loader",
            counts.found,
            _percent(counts.found_matched, counts.found),
            _percent(counts.gold_matched, counts.gold),
            kinds,
            events,
            pairs,
        ],
        [
            name,
            "bare spaCy NER",
            bare_extracted,
            _percent(bare_found, bare_extracted),
            _percent(bare_gold, counts.gold),
            "-",
            "-",
            "-",
        ],
    ]


HEADERS = [
    "set",
    "system",
    "actors found",
    "actor precision",
    "actor recall",
    "kind agrees",
    "event recall",
    "timeline pairs",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--conll-limit", type=int, default=None, help="sentences per split")
    args = parser.parse_args()
    model = Settings().spacy_model
    rows: list[list[object]] = []
    for name in ARTICLE_SETS:
        folder = (SHARED / name).resolve()
        label = "sample article" if name == "." else name
        rows += rows_of(label, evaluate_articles(folder, model))
    for split in CONLL_SPLITS:
        path = SHARED / "conll04" / f"conll04_{split}.json"
        rows += rows_of(f"conll04 {split}", evaluate_conll(path, model, args.conll_limit))
    table = Table(*HEADERS, title="text loader on the development sets")
    for r in rows:
        table.add_row(*(str(c) for c in r))
    Console(width=200).print(table)
    if not args.no_write:
        notes = (
            f"Every development set with gold actors (`{model}`): the MEANTIME Wikinews "
            "articles, the sample article, and CoNLL04's train and dev sentences (one "
            "sentence a document; actors are its Peop, Org and Loc entities). Gold events "
            "are partial by construction, so events are scored by recall only. Timeline "
            "pairs: gold dated event x gold participant, counted when the event is on that "
            "participant's timeline; 'not stated' counts links made through a resolved "
            "mention or an inference. Kind agrees: matched actors whose kind is the gold "
            "type. Bare spaCy NER is the baseline measured in the same run."
        )
        update_section(
            "Text loader extraction on the development sets (bench/text_eval.py)",
            notes + "\n\n" + markdown_table(HEADERS, rows),
        )


if __name__ == "__main__":
    main()
