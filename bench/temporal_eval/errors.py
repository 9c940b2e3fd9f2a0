"""Our errors listed for the extractor's author: wrong values, missed and spurious
expressions, in context, spread over the documents."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from bench.temporal_eval.report import console
from bench.temporal_eval.scoring import Run
from bench.timeml import TimemlDocument, Timex, same_value


def in_context(document: TimemlDocument, start: int, end: int, width: int = 40) -> str:
    """The span marked «like this» with `width` characters either side, on one line."""
    left = document.text[max(0, start - width) : start]
    right = document.text[end : end + width]
    flat = f"{left}«{document.text[start:end]}»{right}"
    return " ".join(flat.split())


@dataclass(frozen=True)
class Mistake:
    document: TimemlDocument
    gold: Timex | None
    found: Timex | None

    @property
    def shown(self) -> Timex:
        """The span the line is about: the gold one, or ours when it is spurious."""
        anchor = self.gold or self.found
        assert anchor is not None
        return anchor

    def line(self) -> str:
        """One greppable line: document, context, gold type/value, our type/value/text."""
        context = in_context(self.document, self.shown.start, self.shown.end)
        where = f"{self.document.name[:32]:<32} {context}"
        if self.gold is None and self.found is not None:
            return f"{where}  | spurious: ours {self.found.type} {self.found.value}"
        assert self.gold is not None
        gold = f"gold {self.gold.type} {self.gold.value}"
        if self.found is None:
            return f"{where}  | {gold}  | ours: missed"
        ours = f"ours {self.found.type} {self.found.value}"
        if (self.found.start, self.found.end) != (self.gold.start, self.gold.end):
            ours += f" on «{self.found.text}»"
        return f"{where}  | {gold}  | {ours}"


def spread(per_document: list[list[Mistake]], limit: int) -> list[Mistake]:
    """Up to `limit` mistakes taken in turn from each document, then in reading order.

    Taking the first N in order would show only the first (longest) document's errors;
    round-robin shows the variety of rules that fail.
    """
    numbered = [[(i, m) for m in mistakes] for i, mistakes in enumerate(per_document)]
    turns = [item for layer in zip_longest(*numbered) for item in layer if item is not None]
    chosen = sorted(turns[:limit], key=lambda item: (item[0], item[1].shown.start))
    return [mistake for _, mistake in chosen]


def print_errors(run: Run, limit: int) -> None:
    """Value errors (wrong value or missed gold) and spurious expressions of one run."""
    wrong: list[list[Mistake]] = []
    spurious: list[list[Mistake]] = []
    for document, alignment in run.alignments:
        mistakes = [Mistake(document, g, s) for g, s in alignment.pairs if not same_value(g, s)]
        mistakes += [Mistake(document, g, None) for g in alignment.missed]
        wrong.append(sorted(mistakes, key=lambda m: m.shown.start))
        spurious.append([Mistake(document, None, s) for s in alignment.spurious])
    n_wrong = sum(m.found is not None for ms in wrong for m in ms)
    n_missed = sum(m.found is None for ms in wrong for m in ms)
    n_spurious = sum(map(len, spurious))
    console.print(
        f"{run.system} errors: {n_wrong} wrong value, {n_missed} missed, {n_spurious} spurious "
        f"(up to {limit} of each kind shown, spread over documents)",
        style="bold",
    )
    for title, groups in (("value errors", wrong), ("spurious", spurious)):
        console.print(f"-- {title}", style="bold")
        for mistake in spread(groups, limit):
            console.print(mistake.line(), markup=False, highlight=False, soft_wrap=True)
