"""Pronoun resolution on GAP (Webster et al., 2018): how often the resolver answers, and
how often its answer is right.

    .venv/bin/python -m bench.gap_eval [--limit N] [--no-write]

Each GAP row is a Wikipedia snippet with one pronoun and two names, A and B, labelled
for whether each is the pronoun's antecedent. The snippet goes through the loader's own
steps (parse, actor mentions and clusters, `loaders.text.mentions`) with nothing from the
labels; the labelled spans are used only to read the answer: the actor the pronoun was
resolved to is A when one of its mentions overlaps A's span (or its name is A's), B
likewise, and *neither* when it is a third actor. An abstention is counted apart: a
wrong link would put an event on the wrong timeline, a missing one only leaves it off.
The development and validation sets are development material; GAP's test set is kept
for measuring.
"""

from __future__ import annotations

import argparse
import csv
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from spacy.tokens import Doc

from bench.report import markdown_table, update_section
from graphsvc.model import ActorKind
from graphsvc.names import normalise_name
from graphsvc.settings import Settings
from loaders.text.actors import Mention, find_mentions, resolve_actors, surname_mentions
from loaders.text.mentions import resolve_mentions
from loaders.text.nlp import load_pipeline
from loaders.text.token_actor import TokenActor

GAP = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "gap"
SETS = ("gap-development.tsv", "gap-validation.tsv")


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    pronoun: str
    offset: int
    a: tuple[str, int]
    b: tuple[str, int]
    gold: str  # "A", "B" or "neither"


def rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        found = []
        for r in reader:
            gold = "A" if r["A-coref"] == "TRUE" else "B" if r["B-coref"] == "TRUE" else "neither"
            found.append(
                Row(
                    r["ID"],
                    r["Text"],
                    r["Pronoun"],
                    int(r["Pronoun-offset"]),
                    (r["A"], int(r["A-offset"])),
                    (r["B"], int(r["B-offset"])),
                    gold,
                )
            )
    return found


def named_refs(doc: Doc) -> tuple[dict[int, TokenActor], dict[str, list[tuple[int, int]]], dict]:
    """The loader's actors of one snippet, as the pipeline finds them: token -> TokenActor,
    each actor's character spans, and the actors."""
    mentions: list[Mention] = find_mentions(doc)
    surnames = {
        m.name.split()[-1]
        for m in mentions
        if m.kind == ActorKind.person and len(m.name.split()) >= 2
    }
    taken = {t.i for m in mentions for t in m.span}
    mentions += surname_mentions(doc, surnames, taken)
    clusters = resolve_actors(mentions, doc.text)
    found = {id(c): c.actor() for c in clusters.values()}
    actors = {a.id: a for a in found.values()}
    refs: dict[int, TokenActor] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for index, mention in enumerate(mentions):
        actor = found[id(clusters[index])]
        for token in mention.span:
            refs[token.i] = TokenActor(actor.id, actor.name, actor.kind)
        spans.setdefault(actor.id, []).append((mention.start, mention.end))
    return refs, spans, actors


def _is(name: tuple[str, int], actor_id: str, spans: dict, actors: dict) -> bool:
    """Whether a labelled name is the actor: a mention overlaps its span, or, when the
    tagger missed that span, a name of the actor is the label's."""
    text, offset = name
    end = offset + len(text)
    if any(s < end and offset < e for s, e in spans.get(actor_id, [])):
        return True
    actor = actors[actor_id]
    label = normalise_name(text)
    return any(normalise_name(n) == label for n in (actor.name, *actor.aliases))


def answer(doc: Doc, row: Row) -> str | None:
    """The resolver's answer for the row's pronoun: "A", "B", "neither", or None."""
    refs, spans, actors = named_refs(doc)
    resolved = resolve_mentions([(0, doc)], {0: refs}, actors)
    end = row.offset + len(row.pronoun)
    for item in resolved:
        token = doc[item.tokens[-1]]
        if token.idx < end and row.offset < token.idx + len(token):
            if _is(row.a, item.ref.id, spans, actors):
                return "A"
            if _is(row.b, item.ref.id, spans, actors):
                return "B"
            return "neither"
    return None


def evaluate(path: Path, model: str, limit: int | None) -> dict[str, object]:
    nlp = load_pipeline(model)
    data = rows(path)[:limit]
    answered = right = 0
    by_gold = {"A": [0, 0], "B": [0, 0], "neither": [0, 0]}
    started = time.perf_counter()
    for row, doc in zip(data, nlp.pipe(r.text for r in data), strict=True):
        said = answer(doc, row)
        if said is None:
            continue
        answered += 1
        right += said == row.gold
        by_gold[row.gold][0] += 1
        by_gold[row.gold][1] += said == row.gold
    seconds = time.perf_counter() - started
    return {
        "set": path.name,
        "pronouns": len(data),
        "answered": answered,
        "share": answered / len(data) if data else 0.0,
        "accuracy": right / answered if answered else 0.0,
        "right": right,
        "by_gold": by_gold,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="rows per set")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    model = Settings().spacy_model
    headers = ["set", "pronouns", "answered", "share answered", "accuracy on answered"]
    results = [evaluate(GAP / name, model, args.limit) for name in SETS if (GAP / name).exists()]
    table_rows = [
        [
            r["set"],
            r["pronouns"],
            r["answered"],
            f"{100 * r['share']:.1f} %",
            f"{100 * r['accuracy']:.1f} % ({r['right']}/{r['answered']})",
        ]
        for r in results
    ]
    table = Table(*headers, title="GAP: pronouns resolved (snippet context, no URL)")
    for r in table_rows:
        table.add_row(*(str(c) for c in r))
    console = Console(width=160)
    console.print(table)
    for r in results:
        detail = ", ".join(
            f"gold {gold}: {ok}/{n} right" for gold, (n, ok) in r["by_gold"].items() if n
        )
        console.print(f"{r['set']}: {detail}; {r['seconds']:.1f} s")
    if not args.no_write and args.limit is None:
        notes = (
            f"`bench/gap_eval.py`, `{model}`: each GAP snippet through the loader's parse, "
            "actor clusters and `loaders.text.mentions`, nothing from the labels; an answer "
            "is A, B, or *neither* (a third actor). Abstentions are counted apart: an "
            "abstention is better than a wrong link. Development material only (GAP's test "
            "set is kept for measuring)."
        )
        update_section(
            "GAP pronoun resolution", notes + "\n\n" + markdown_table(headers, table_rows)
        )


if __name__ == "__main__":
    main()
