"""Actor relations on CoNLL04, measured as a user gets them: through the HTTP API.

Starts a real, empty `graphsvc serve` on the embedded store, posts each sentence as its
own document (POST /documents, with a `published` date), then reads the relations back
(GET /actors/{id}, GET /actors/{id}/relations, kept to that document) and scores them
against the gold relations:

- typed: a gold (head, type, tail) is found when a relation of a mapped graphsvc type
  joins the two entities' actors in the gold direction (`TYPES`);
- any link: the two actors are joined by any relation, either way, or share an event
  of the document;
- precision: of the relations of a mapped type between two gold entities' actors,
  the share that is a gold relation of that type (HEAD_OF, LEADER_OF and MEMBER_OF
  count as Work_For when the tail is an organisation, and are not counted otherwise).
  A relation with an end no gold entity names is not counted (CoNLL04 annotates only
  its five types between named entities).

Names match case- and punctuation-insensitively, or when one name is the other with
words before it ("President Lincoln" and "Lincoln").

    .venv/bin/python -m bench.relation_eval [--split dev|train|both] [--limit N]
        [--dump out.json] [--no-write] [--direct]

`--direct` reads each sentence with the loader in this process instead of through a
server: the same batch the API would store, for quick iteration while developing
(not written to docs/benchmarks.md; the HTTP run is the measure).

`--dump` keeps, per sentence, the gold relations and whether each was found, the
entities and the actors each matched, the actors returned with their kinds and kind
evidence, and the relations returned: `bench/relation_misses.py` reads it.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
from rich.console import Console
from rich.table import Table

from bench.report import markdown_table, update_section

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "conll04"
#: CoNLL04 type -> graphsvc relation types that state it (head -> tail as in CoNLL04).
TYPES: dict[str, tuple[str, ...]] = {
    "Work_For": ("WORKS_FOR", "HEAD_OF", "LEADER_OF", "MEMBER_OF"),
    "OrgBased_In": ("BASED_IN",),
    "Located_In": ("LOCATED_IN",),
    "Live_In": ("LIVES_IN",),
    "Kill": ("KILLED",),
}
#: Offices that count as working for an organisation (not for a place: "Haitian
#: President Aristide" is LEADER_OF Haiti, which CoNLL04 calls Live_In).
OFFICES = {"HEAD_OF", "LEADER_OF", "MEMBER_OF"}


def conll_type(graph_type: str, tail_type: str) -> str | None:
    """The CoNLL04 type a graphsvc relation states, given the gold type of its tail."""
    if graph_type in OFFICES:
        return "Work_For" if tail_type == "Org" else None
    return next((c for c, gs in TYPES.items() if graph_type in gs), None)


PUBLISHED = "1990-06-01"


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """PTB tokens back to running text, with each token's character span (the corpus
    splits `` and '' into two tokens each: both get the quote's span)."""
    merged: list[str] = []
    index: list[int] = []
    for raw in tokens:
        if merged and raw in ("`", "'") and merged[-1] == raw:
            merged[-1] = raw * 2
        else:
            merged.append(raw)
        index.append(len(merged) - 1)
    text, spans = "", []
    quote_open = False
    for i, raw in enumerate(merged):
        token = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(raw, raw)
        glue_left = (
            token in {",", ".", ":", ";", "?", "!", ")", "%", "'s", "'", "n't", "'re", "'ve"}
            or (token.startswith("'") and len(token) <= 3)
            or (token == '"' and quote_open)
        )
        prev = merged[i - 1] if i else ""
        glue_prev = prev in {"(", "$", "``"}
        if token == '"':
            quote_open = not quote_open
        if text and not glue_left and not glue_prev:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, [spans[i] for i in index]


def norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def names_match(gold: str, name: str) -> bool:
    a, b = norm(gold), norm(name)
    if not a or not b:
        return False
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


@dataclass
class Score:
    gold: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)
    linked: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    sentences: int = 0


@contextmanager
def server() -> Iterator[str]:
    from tests.e2e.server import running_server, server_env

    with tempfile.TemporaryDirectory() as data:
        env = server_env(GRAPHSVC_DATA_DIR=data, GRAPHSVC_BACKEND="embedded")
        with running_server(env, Path(data) / "server.log") as (base, _):
            yield base


def _get(client: httpx2.Client, path: str, **params: Any) -> Any:
    response = client.get(path, params=params, follow_redirects=True)
    response.raise_for_status()
    return response.json()


@dataclass
class Reading:
    """What the service returned for one sentence: actors (id -> names, and kind with
    its evidence), relations (source, type, target, role) and each event's participants."""

    actors: dict[str, list[str]]
    kinds: dict[str, tuple[str, Any]]
    relations: set[tuple[str, str, str, str | None]]
    events: list[set[str]]


def read_api(client: httpx2.Client, text: str) -> Reading | int:
    """The sentence posted as a user posts it, read back through the API (or the
    refusal's status code)."""
    response = client.post("/documents", json={"text": text, "published": PUBLISHED})
    if response.status_code != 200:
        return response.status_code
    result = response.json()
    document = result["document"]
    actors, actor_kinds = {}, {}
    for actor_id in dict.fromkeys(result["actors"]):
        detail = _get(client, f"/actors/{actor_id}")
        actors[detail["id"]] = [detail["name"], *detail.get("aliases", [])]
        actor_kinds[detail["id"]] = (detail["kind"], detail.get("kind_evidence"))
    relations = set()
    for actor_id in actors:
        page = _get(client, f"/actors/{actor_id}/relations", limit=200)
        for item_ in page["items"]:
            other = item_["actor"]["id"]
            for rel in item_["relations"]:
                if rel.get("document") != document:
                    continue
                pair = (actor_id, other) if rel["direction"] == "out" else (other, actor_id)
                relations.add((pair[0], rel["type"], pair[1], rel.get("role")))
    shared = [set(e["participants"]) for e in result["events"]]
    return Reading(actors, actor_kinds, relations, shared)


def read_direct(text: str) -> Reading:
    """The sentence read by the loader in this process, without a server: the same
    batch the API stores, for quick iteration (the API's figures are the measure)."""
    from graphsvc.settings import Settings
    from loaders.text.article import Article
    from loaders.text.pipeline import extract

    batch = extract(Article(text=text, published=PUBLISHED), Settings().spacy_model)
    return Reading(
        {a.id: [a.name, *a.aliases] for a in batch.actors},
        {a.id: (a.kind.value, a.kind_evidence) for a in batch.actors},
        {(r.source, r.type.value, r.target, r.role) for r in batch.relations},
        [{p.actor for p in e.participants} for e in batch.events],
    )


def score_sentence(
    client: httpx2.Client | None, item: dict[str, Any], score: Score, dump: list
) -> None:
    text, spans = detokenize(item["tokens"])
    entities = [text[spans[e["start"]][0] : spans[e["end"] - 1][1]] for e in item["entities"]]
    gold = {(r["head"], r["type"], r["tail"]) for r in item["relations"]}
    for _, kind, _ in gold:
        score.gold[kind] += 1
    score.sentences += 1
    reading = read_direct(text) if client is None else read_api(client, text)
    if isinstance(reading, int):
        score.refused += 1
        dump.append({"text": text, "refused": reading, "gold": sorted(gold)})
        return
    actors, actor_kinds = reading.actors, reading.kinds
    relations, shared = reading.relations, reading.events
    of_entity = {
        i: {a for a, names in actors.items() if any(names_match(e, n) for n in names)}
        for i, e in enumerate(entities)
    }
    found = []
    for head, kind, tail in gold:
        heads, tails = of_entity[head], of_entity[tail]
        tail_type = item["entities"][tail]["type"]
        typed = any(
            s in heads and t in tails and conll_type(r, tail_type) == kind
            for s, r, t, _ in relations
        )
        linked = (
            typed
            or any(
                (s in heads and t in tails) or (s in tails and t in heads)
                for s, _, t, _ in relations
            )
            or any(heads & ev and tails & ev for ev in shared)
        )
        score.typed[kind] += typed
        score.linked[kind] += linked
        found.append({"typed": typed, "linked": linked})
    predicted = []
    for s, r, t, role in relations:
        heads = [i for i, a in of_entity.items() if s in a]
        tails = [i for i, a in of_entity.items() if t in a]
        kinds = {conll_type(r, item["entities"][x]["type"]) for x in tails} - {None}
        if not heads or not kinds:
            predicted.append((actors[s][0], r, actors[t][0], role, None))
            continue
        kind = kinds.pop()
        right = any((h, kind, t_) in gold for h in heads for t_ in tails)
        score.predicted[kind] += 1
        score.correct[kind] += right
        predicted.append((actors[s][0], r, actors[t][0], role, right))
    dump.append(
        {
            "text": text,
            "gold": [(entities[h], k, entities[t]) for h, k, t in gold],
            "found": found,
            "entities": [
                {"text": e, "type": x["type"], "actors": sorted(of_entity[i])}
                for i, (e, x) in enumerate(zip(entities, item["entities"], strict=True))
            ],
            "gold_ends": [(h, t) for h, _, t in gold],
            "actors": {a: [names[0], *actor_kinds[a]] for a, names in actors.items()},
            "relations": [[actors[s][0], r, actors[t][0], role] for s, r, t, role in relations],
            "predicted": predicted,
        }
    )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "-"


def rows(score: Score) -> list[list[object]]:
    out = []
    for kind in [*TYPES, "all"]:
        pick = (lambda c: sum(c.values())) if kind == "all" else (lambda c, k=kind: c[k])
        g, t, lk, p, c = (
            pick(x) for x in (score.gold, score.typed, score.linked, score.predicted, score.correct)
        )
        out.append(
            [
                kind,
                g,
                f"{t} ({_ratio(t, g)})",
                f"{c}/{p} ({_ratio(c, p)})",
                f"{lk} ({_ratio(lk, g)})",
            ]
        )
    return out


HEADERS = ["type", "gold", "typed recall", "precision", "any link"]


def run(split: str, limit: int | None, dump_path: Path | None, direct: bool = False) -> Score:
    data = json.loads((FIXTURES / f"conll04_{split}.json").read_text(encoding="utf-8"))
    if limit:
        data = data[:limit]
    score, dump = Score(), []
    if direct:
        for item in data:
            score_sentence(None, item, score, dump)
    else:
        with server() as base, httpx2.Client(base_url=base, timeout=60) as client:
            for item in data:
                score_sentence(client, item, score, dump)
    if dump_path:
        dump_path.write_text(json.dumps(dump, indent=1, ensure_ascii=False), encoding="utf-8")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train", "both"], default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--direct",
        action="store_true",
        help="read in this process, no server (quick; not written to docs)",
    )
    args = parser.parse_args()
    console = Console()
    bodies = []
    for split in ["train", "dev"] if args.split == "both" else [args.split]:
        dump = args.dump.with_suffix(f".{split}.json") if args.dump else None
        score = run(split, args.limit, dump, args.direct)
        table = Table(
            title=f"CoNLL04 {split}: {score.sentences} sentences, {score.refused} refused"
        )
        for header in HEADERS:
            table.add_column(header)
        for row in rows(score):
            table.add_row(*map(str, row))
        console.print(table)
        bodies.append(
            f"**{split}** ({score.sentences} sentences, one document each; "
            f"{score.refused} refused)\n\n" + markdown_table(HEADERS, rows(score))
        )
    if not args.no_write and not args.limit and not args.direct:
        update_section(
            "Actor relations on CoNLL04 (bench/relation_eval.py)",
            "Each sentence posted as its own document to an empty server (embedded store), "
            "relations read back through GET /actors/{id}/relations. Typed: the gold "
            "direction and a mapped type (Work_For: WORKS_FOR, HEAD_OF, LEADER_OF, "
            "MEMBER_OF; OrgBased_In: BASED_IN; Located_In: LOCATED_IN; Live_In: LIVES_IN; "
            "Kill: KILLED). Any link: a relation either way or a shared event. Precision: "
            "relations of a mapped type between gold entities.\n\n" + "\n\n".join(bodies),
        )


if __name__ == "__main__":
    main()
