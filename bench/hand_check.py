"""Draw dated events from the text loader for a by-hand check (docs/hand_check.md).

    .venv/bin/python -m bench.hand_check [--seed 13] [--aquaint 20] [--per-history 10]
                                         [--json OUT.json]

Runs the text loader (`bench.event_dating.run_loader`: an `Article` with the DCT as
published date, through `loaders.text.pipeline.extract`) on

* the AQUAINT TimeML newswire files (../shared/fixtures/timeml/aquaint, 73 files), and
* two WikiWars histories, `07_IraqWar` and `18_SovietsInAfghanistan`
  (../shared/fixtures/timeml/wikiwars, the files whose names contain those strings).

Pool: every extracted event with a date (`event.when is not None`) whose factuality is
shown by default (`SHOWN_FACTUALITIES`: asserted, planned, reported). Each pool is put in
a fixed order (document name, then event id) and drawn with `random.Random(seed).sample`:
`--aquaint` events from the AQUAINT pool, `--per-history` from each history, so both
kinds of text are covered (default 20 + 10 + 10 = 40). One `Random(seed)` makes the
draws in that order (AQUAINT, then the histories in the order above).

For each drawn event it prints the document, summary, type, participants (names from
`batch.actors`), date (start..end, precision, basis, text), factuality, the source
sentence with its trigger word and the ~300 characters of the document before that
sentence, for a reader to judge (docs/hand_check.md).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.event_dating import SHARED, run_loader
from bench.timeml import TimemlDocument, load_document, load_documents
from graphsvc.model import SHOWN_FACTUALITIES, Event, GraphBatch
from graphsvc.settings import Settings

AQUAINT = SHARED / "aquaint"
WIKIWARS = SHARED / "wikiwars"
HISTORIES = ("07_IraqWar", "18_SovietsInAfghanistan")
CONTEXT_CHARS = 300


@dataclass(frozen=True)
class Drawn:
    """One dated event, with what a reader needs to judge it."""

    source: str  # "aquaint" or the history name
    document: str
    event_id: str
    summary: str
    type: str
    participants: list[str]  # "name (role)"
    start: str
    end: str
    precision: str
    basis: str
    when_text: str | None
    factuality: str
    sentence: str
    trigger: str | None
    trigger_offset: int | None  # where the trigger starts in `sentence`
    before: str  # the document text just before the sentence


def _history_documents() -> list[TimemlDocument]:
    documents = []
    for name in HISTORIES:
        paths = sorted(p for p in WIKIWARS.glob("*.tml") if name in p.name)
        if not paths:
            raise SystemExit(f"no WikiWars file named like {name!r} in {WIKIWARS}")
        documents.extend(load_document(path) for path in paths)
    return documents


def _drawn(source: str, document: TimemlDocument, batch: GraphBatch, event: Event) -> Drawn:
    names = {actor.id: actor.name for actor in batch.actors}
    first = event.sources[0] if event.sources else None
    trigger = None
    trigger_offset = None
    before = ""
    sentence = ""
    if first is not None:
        sentence = first.sentence
        if first.trigger_start is not None and first.trigger_end is not None:
            trigger = document.text[first.trigger_start : first.trigger_end]
            if first.char_start is not None:
                trigger_offset = first.trigger_start - first.char_start
        if first.char_start is not None:
            before = document.text[max(0, first.char_start - CONTEXT_CHARS) : first.char_start]
    when = event.when
    if when is None:
        raise ValueError(f"{event.id} has no date")
    return Drawn(
        source=source,
        document=document.name,
        event_id=event.id,
        summary=event.summary,
        type=str(event.type),
        participants=[f"{names.get(p.actor, p.actor)} ({p.role})" for p in event.participants],
        start=when.start.isoformat(),
        end=when.end.isoformat(),
        precision=when.precision,
        basis=str(when.basis),
        when_text=when.text,
        factuality=event.factuality,
        sentence=sentence,
        trigger=trigger,
        trigger_offset=trigger_offset,
        before=before,
    )


def pool(source: str, documents: list[TimemlDocument], model: str) -> list[Drawn]:
    """Dated, shown events of `documents`, ordered by document name then event id."""
    result = []
    for document in documents:
        batch = run_loader(document, model)
        if batch is None:
            continue
        for event in batch.events:
            if event.when is not None and event.factuality in SHOWN_FACTUALITIES:
                result.append(_drawn(source, document, batch, event))
    result.sort(key=lambda d: (d.document, d.event_id))
    return result


def draw(
    seed: int, aquaint: int, per_history: int, model: str
) -> tuple[list[Drawn], dict[str, int]]:
    """`aquaint` events from the AQUAINT pool, then `per_history` from each history, and
    the size of every pool."""
    rng = random.Random(seed)
    sizes: dict[str, int] = {}
    aquaint_pool = pool("aquaint", load_documents(AQUAINT), model)
    sizes["aquaint"] = len(aquaint_pool)
    drawn = rng.sample(aquaint_pool, min(aquaint, len(aquaint_pool)))
    for document in _history_documents():
        history_pool = pool(document.name, [document], model)
        sizes[document.name] = len(history_pool)
        drawn.extend(rng.sample(history_pool, min(per_history, len(history_pool))))
    return drawn, sizes


def show(index: int, item: Drawn) -> str:
    when = (
        f"{item.start}..{item.end} ({item.precision}, basis={item.basis}, text={item.when_text!r})"
    )
    before = " ".join(item.before.split())
    return "\n".join(
        [
            f"[{index}] {item.document} {item.event_id}",
            f"  summary:      {item.summary}",
            f"  type:         {item.type}",
            f"  participants: {'; '.join(item.participants)}",
            f"  when:         {when}",
            f"  factuality:   {item.factuality}",
            f"  trigger:      {item.trigger!r}",
            f"  sentence:     {' '.join(item.sentence.split())}",
            f"  before:       ...{before}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--aquaint", type=int, default=20, help="events drawn from AQUAINT")
    parser.add_argument("--per-history", type=int, default=10, help="events per history")
    parser.add_argument("--json", type=Path, help="also write the drawn events here")
    args = parser.parse_args()
    model = Settings().spacy_model
    drawn, sizes = draw(args.seed, args.aquaint, args.per_history, model)
    print(
        f"model={model} seed={args.seed} pools: " + ", ".join(f"{k}={v}" for k, v in sizes.items())
    )
    for index, item in enumerate(drawn, 1):
        print(show(index, item))
        print()
    if args.json is not None:
        payload = {
            "seed": args.seed,
            "model": model,
            "pools": sizes,
            "events": [asdict(d) for d in drawn],
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
