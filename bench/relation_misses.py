"""The gold CoNLL04 relations the API did not return, grouped by cause, biggest first.

Reads the dump of `bench/relation_eval.py` (or runs it: an empty server, each sentence
its own document through POST /documents) and sorts every typed miss into one cause:

- `head missing` / `tail missing`: no actor the API returned carries the entity's name
  (`inside a name` when the entity's words lie inside an actor's name: "U.S." in
  "U.S. Congress");
- `wrong kind`: the end was found, with a kind the relation cannot take (a person
  typed as an organisation gives no WORKS_FOR);
- `one actor`: both ends matched the same actor;
- `other type` / `reversed`: a relation joins the two, of another type or the other
  way round;
- `no relation`: both ends found with fitting kinds and nothing joins them; these are
  grouped further by the words between the two mentions ("," "of" "'s" "in"), which
  is where a missing reading shows.

Each miss is listed with its sentence, the actors returned with their kinds and kind
evidence, and the relations returned, so a reader sees why without rerunning.

    .venv/bin/python -m bench.relation_misses [--split dev|train] [--dump FILE]
        [--type Live_In] [--cause "no relation"] [--examples 5]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

#: The actor kind each CoNLL04 relation type needs at its head and tail.
ENDS = {
    "Work_For": ("person", "organization"),
    "OrgBased_In": ("organization", "place"),
    "Located_In": ("place", "place"),
    "Live_In": ("person", "place"),
    "Kill": ("person", "person"),
}


def _between(text: str, head: str, tail: str) -> str:
    """The words between the first mentions of the two ends, in text order, or `far`."""
    a, b = text.find(head), text.find(tail)
    if a < 0 or b < 0:
        return "?"
    gap = text[a + len(head) : b] if a <= b else text[b + len(tail) : a]
    words = gap.split()
    order = " [tail first]" if a > b else ""
    if len(words) > 4:
        return "far" + order
    return (" ".join(w.lower() for w in words) or "(adjacent)") + order


def _inside(entity: str, actors: dict[str, list[Any]]) -> bool:
    words = re.escape(entity.lower())
    return any(
        re.search(rf"(^|\W){words}(\W|$)", name.lower()) and name.lower() != entity.lower()
        for name, *_ in actors.values()
    )


def cause(sentence: dict[str, Any], n: int) -> str:
    """The cause of gold relation `n` of a dumped sentence being missed."""
    head_text, kind, tail_text = sentence["gold"][n]
    h, t = sentence["gold_ends"][n]
    head, tail = sentence["entities"][h], sentence["entities"][t]
    actors = sentence["actors"]
    for label, end in (("head", head), ("tail", tail)):
        if not end["actors"]:
            inside = _inside(end["text"], actors)
            return f"{label} missing" + (" (inside a name)" if inside else "")
    want = ENDS[kind]
    for label, end, need in (("head", head, want[0]), ("tail", tail, want[1])):
        if not any(actors[a][1] == need for a in end["actors"]):
            got = "/".join(sorted({actors[a][1] for a in end["actors"]}))
            return f"wrong kind ({label} {got})"
    if set(head["actors"]) & set(tail["actors"]):
        return "one actor"
    heads = {actors[a][0] for a in head["actors"]}
    tails = {actors[a][0] for a in tail["actors"]}
    types = [r for s, r, o, _ in sentence["relations"] if s in heads and o in tails]
    if types:
        return "other type (" + "/".join(sorted(set(types))) + ")"
    if any(s in tails and o in heads for s, _, o, _ in sentence["relations"]):
        return "reversed"
    return "no relation: " + _between(sentence["text"], head_text, tail_text)


def misses(dump: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, Any], int]]:
    """(type, cause, sentence, relation index) of every gold relation missed."""
    out = []
    for sentence in dump:
        if "found" not in sentence:
            continue
        for n, (_, kind, _) in enumerate(sentence["gold"]):
            if not sentence["found"][n]["typed"]:
                out.append((kind, cause(sentence, n), sentence, n))
    return out


def _group(name: str) -> str:
    return name.split(":")[0] if name.startswith("no relation") else name.split(" (")[0]


def report(dump: list[dict[str, Any]], only_type: str | None, only: str | None, examples: int):
    found = [m for m in misses(dump) if only_type in (None, m[0])]
    by_group = Counter(_group(c) for _, c, _, _ in found)
    print(f"{len(found)} gold relations missed" + (f" ({only_type})" if only_type else ""))
    for group, count in by_group.most_common():
        per_type = Counter(k for k, c, _, _ in found if _group(c) == group)
        print(f"  {count:4d}  {group}   " + ", ".join(f"{k} {v}" for k, v in per_type.items()))
    causes: dict[str, list[tuple[str, dict[str, Any], int]]] = defaultdict(list)
    for kind, name, sentence, n in found:
        causes[name].append((kind, sentence, n))
    for name, items in sorted(causes.items(), key=lambda x: -len(x[1])):
        if only and not name.startswith(only):
            continue
        print(f"\n== {name}: {len(items)}")
        for kind, sentence, n in items[:examples]:
            head, _, tail = sentence["gold"][n]
            print(f"  [{kind}] {head} -> {tail}")
            print(f"    {sentence['text']}")
            actors = "; ".join(
                f"{a[0]} ({a[1]}{', ' + a[2] if a[2] else ''})" for a in sentence["actors"].values()
            )
            print(f"    actors: {actors}")
            if sentence["relations"]:
                joined = "; ".join(f"{s} {r} {o}" for s, r, o, _ in sentence["relations"])
                print(f"    relations: {joined}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--dump", type=Path, help="a dump of relation_eval (else it is run)")
    parser.add_argument("--type", choices=list(ENDS))
    parser.add_argument("--cause", help="list only the causes that start with this")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    if args.dump is None:
        from bench.relation_eval import run

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dump.json"
            run(args.split, None, path)
            dump = json.loads(path.read_text(encoding="utf-8"))
    else:
        dump = json.loads(args.dump.read_text(encoding="utf-8"))
    report(dump, args.type, args.cause, args.examples)


if __name__ == "__main__":
    main()
