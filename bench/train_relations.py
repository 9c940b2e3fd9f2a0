"""Train the learned relation reader (`loaders.text.relations.learned`) on CoNLL04 train.

Each training sentence goes through the loader's own spaCy pipeline (the actors it
finds, the rules' relations); every pair of actors whose kinds fit a type becomes one
example, labelled by the gold relation between the entities its actors name (names
matched as bench/relation_eval.py matches them), else `none`. A multinomial logistic
regression (scikit-learn, a development dependency only) is fitted on them; its weights
are written as JSON, a dict of feature -> weight per class, which the loader scores in
plain Python.

The threshold of each type comes from 5-fold cross-validation on train alone (folds by
sentence): the lowest probability at which the type's relations on train, the rules'
and the model's out-of-fold readings of the pairs the rules leave unrelated together,
reach `--precision` (0.85), the model's own at least `--floor` (0.75, the aim by
type); where the rules alone stand below `--precision`, the model's own must reach it.
Classes are weighted inversely to their frequency (`--unbalanced`: not). The dev
split is never read.

    .venv/bin/python -m bench.train_relations [--limit N] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.relation_eval import FIXTURES, PUBLISHED, detokenize, names_match
from graphsvc.model import RelationType
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.nlp import load_pipeline
from loaders.text.prepared import prepare
from loaders.text.relations.learned import (
    FORMAT,
    NONE,
    WEIGHTS,
    Model,
    features,
    label,
    labels_of,
    model_of,
    pairs,
    unread,
)

#: CoNLL04 type -> the graphsvc type the model learns for it.
GOLD: dict[str, RelationType] = {
    "Work_For": RelationType.WORKS_FOR,
    "OrgBased_In": RelationType.BASED_IN,
    "Located_In": RelationType.LOCATED_IN,
    "Live_In": RelationType.LIVES_IN,
    "Kill": RelationType.KILLED,
}
#: Offices the scorer counts as working for an organisation (bench/relation_eval.py).
OFFICES = {RelationType.HEAD_OF, RelationType.LEADER_OF, RelationType.MEMBER_OF}
C = 2.0  # inverse regularisation: 0.5, 1, 2 and 8 tried on train folds (docs/relations.md)
FOLDS = 5
SEED = 7
MIN_COUNT = 2  # pairs a feature must occur in to get a weight
FLOOR = 0.75  # the model's own precision, out of fold, at the threshold: the aim by type
#: Weights are rounded and smaller ones dropped: the JSON stays small (under 2 MB, git-
#: friendly) and byte-for-byte reproducible.
DIGITS = 3


@dataclass(frozen=True)
class Example:
    sentence: int  # index of the CoNLL04 item: folds keep a sentence's pairs together
    features: tuple[str, ...]
    allowed: tuple[str, ...]
    gold: str
    by_rule: bool  # the rules already relate the pair: the model's reading is not used


@dataclass
class RuleScore:
    """The rules' relations of the five types between gold entities, and how many are
    right: the thresholds keep each type's precision, rules and model together."""

    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)


def _rule_type(kind: RelationType, tail_type: str) -> str | None:
    """The type a rule's relation counts as (an office in an organisation: WORKS_FOR)."""
    if kind in OFFICES:
        return RelationType.WORKS_FOR.value if tail_type == "Org" else None
    return kind.value if kind in GOLD.values() else None


def examples(
    items: list[dict[str, Any]], model: str, rules: RuleScore | None = None
) -> list[Example]:
    """The pairs of each item, read by the loader's pipeline, with their gold class;
    `rules` counts the rules' relations."""
    nlp = load_pipeline(model)
    found: list[Example] = []
    for n, item in enumerate(items):
        text, spans = detokenize(item["tokens"])
        entities = [text[spans[e["start"]][0] : spans[e["end"] - 1][1]] for e in item["entities"]]
        prepared = prepare(Article(text=text, published=PUBLISHED))
        settings = {"graphsvc_document": {"prepared": prepared, "resolver": None}}
        docs = list(nlp.pipe(prepared.paragraphs(), component_cfg=settings))
        if not docs:
            continue
        actors = docs[0]._.document_actors
        named = {
            a.id: [i for i, e in enumerate(entities) if any(names_match(e, x) for x in names)]
            for a in actors.values()
            for names in [[a.name, *a.aliases]]
        }
        gold: dict[tuple[int, int], RelationType] = {}
        for rel in item["relations"]:
            gold[rel["head"], rel["tail"]] = GOLD[rel["type"]]
        ruled = {
            frozenset((r.source, r.target))
            for r in docs[0]._.graph_relations
            if r.basis != "learned"
        }
        for r in docs[0]._.graph_relations:
            heads, tails = named.get(r.source, []), named.get(r.target, [])
            if rules is None or r.basis == "learned" or not heads or not tails:
                continue
            kind = _rule_type(r.type, item["entities"][tails[0]]["type"])
            if kind is None:
                continue
            rules.predicted[kind] += 1
            rules.correct[kind] += any(
                gold.get((h, t)) is not None and _rule_type(gold[h, t], "Org") == kind
                for h in heads
                for t in tails
            )
        for doc in docs:
            refs = {i: r for i, r in doc._.graph_actors.items() if r.basis == "stated"}
            for sentence in doc.sents:
                for pair in pairs(sentence, refs):
                    if unread(pair, refs):
                        continue  # never read by the model: no example either
                    allowed = labels_of(pair.first.kind, pair.second.kind)
                    truth = NONE
                    for forward, (s, t) in (
                        (True, (pair.first, pair.second)),
                        (False, (pair.second, pair.first)),
                    ):
                        for h in named.get(s.id, []):
                            for tl in named.get(t.id, []):
                                kind = gold.get((h, tl))
                                if kind is not None and label(kind, forward) in allowed:
                                    truth = label(kind, forward)
                    found.append(
                        Example(
                            n,
                            tuple(features(pair, refs)),
                            tuple(allowed),
                            truth,
                            frozenset((pair.first.id, pair.second.id)) in ruled,
                        )
                    )
    return found


def fit(data: list[Example], c: float = C, balanced: bool = False) -> dict[str, Any]:
    """The weights document of a logistic regression fitted on `data` (`balanced`:
    classes weighted inversely to their frequency, so rare types are not drowned by
    `none`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # a feature seen in one pair only says nothing general (and would bloat the weights)
    seen = Counter(f for e in data for f in set(e.features))
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in e.features if seen[f] >= MIN_COUNT} for e in data])
    y = [e.gold for e in data]
    regression = LogisticRegression(
        C=c, max_iter=2000, class_weight="balanced" if balanced else None
    )
    regression.fit(x, y)
    names = vectorizer.get_feature_names_out()
    classes = [str(k) for k in regression.classes_]
    coef, intercept = regression.coef_, regression.intercept_
    if len(classes) == 2:  # a binary fit keeps one row: the second class against the first
        coef = [-coef[0] / 2, coef[0] / 2]
        intercept = [-intercept[0] / 2, intercept[0] / 2]
    weights = {}
    for row, cls in enumerate(classes):
        kept = {
            str(f): round(float(w), DIGITS)
            for f, w in zip(names, coef[row], strict=True)
            if abs(w) >= 10**-DIGITS
        }
        weights[cls] = dict(sorted(kept.items()))
    return {
        "format": FORMAT,
        "classes": classes,
        "intercepts": {
            c_: round(float(b), DIGITS) for c_, b in zip(classes, intercept, strict=True)
        },
        "weights": weights,
        "thresholds": {},
    }


def _predictions(model: Model, data: list[Example]) -> list[tuple[str, float]]:
    out = []
    for e in data:
        probs = model.probabilities(e.features, list(e.allowed))
        best = max(e.allowed, key=lambda c: probs[c])
        out.append((best, probs[best]))
    return out


def cross_validated(
    data: list[Example], c: float = C, balanced: bool = False
) -> list[tuple[str, float]]:
    """Out-of-fold predictions (best class, probability), folds by sentence."""
    sentences = sorted({e.sentence for e in data})
    random.Random(SEED).shuffle(sentences)
    fold_of = {s: i % FOLDS for i, s in enumerate(sentences)}
    out: list[tuple[str, float] | None] = [None] * len(data)
    for k in range(FOLDS):
        train = [e for e in data if fold_of[e.sentence] != k]
        test = [(i, e) for i, e in enumerate(data) if fold_of[e.sentence] == k]
        document = fit(train, c, balanced)
        document["thresholds"] = {}
        model = model_of(document)
        for (i, _), p in zip(test, _predictions(model, [e for _, e in test]), strict=True):
            out[i] = p
    return [p for p in out if p is not None]


def thresholds(
    data: list[Example],
    predicted: list[tuple[str, float]],
    precision: float,
    rules: RuleScore,
    floor: float = FLOOR,
) -> tuple[dict[str, float], list[list[object]]]:
    """Per type, the lowest probability at which the type's relations on train, the
    rules' and the model's out-of-fold readings of the pairs the rules leave unrelated
    together, reach `precision`, the model's own at least `floor`; and a row per type."""
    by_type: dict[str, list[tuple[float, bool]]] = {}
    gold_count: Counter[str] = Counter()
    for e, (cls, p) in zip(data, predicted, strict=True):
        if e.by_rule:
            continue
        if e.gold != NONE:
            gold_count[e.gold[:-1]] += 1
        by_type.setdefault(cls[:-1], []).append((p, cls == e.gold))
    chosen, rows = {}, []
    for kind in sorted({t.value for t in GOLD.values()}):
        scored = sorted(by_type.get(kind, []), reverse=True)
        ruled, ruled_right = rules.predicted[kind], rules.correct[kind]
        best = None
        right = 0
        for n, (p, ok) in enumerate(scored, start=1):
            right += ok
            if p < 0.5:
                break
            together = (ruled_right + right) / (ruled + n)
            # where the rules alone stand below the aim, the model must not pull the
            # type lower than they do: its own readings then have to reach the aim
            below = ruled > 0 and ruled_right / ruled < precision
            own = right / n
            if (together >= precision or (below and own >= precision)) and own >= floor and n >= 5:
                best = (p, right, n)
        rule_share = f"{ruled_right}/{ruled}"
        if best is None:
            chosen[kind] = 1.0
            rows.append([kind, gold_count[kind], rule_share, "-", "-"])
            continue
        chosen[kind] = round(best[0], 4)
        rows.append([kind, gold_count[kind], rule_share, chosen[kind], f"{best[1]}/{best[2]}"])
    return chosen, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--precision", type=float, default=0.85)
    parser.add_argument("--floor", type=float, default=FLOOR)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument(
        "--unbalanced", action="store_true", help="weigh every pair alike (no class balance)"
    )
    args = parser.parse_args()
    items = json.loads((FIXTURES / "conll04_train.json").read_text(encoding="utf-8"))
    if args.limit:
        items = items[: args.limit]
    rules = RuleScore()
    data = examples(items, Settings().spacy_model, rules)
    print(f"{len(data)} pairs, classes {Counter(e.gold for e in data)}")
    balanced = not args.unbalanced
    predicted = cross_validated(data, args.c, balanced)
    chosen, rows = thresholds(data, predicted, args.precision, rules, args.floor)
    print("type, gold pairs no rule relates, rules right, threshold, model right (out of fold)")
    for row in rows:
        print(*row, sep="\t")
    document = fit(data, args.c, balanced)
    document["thresholds"] = chosen
    document["trained_on"] = f"CoNLL04 train ({len(items)} sentences, {len(data)} pairs)"
    document["c"] = args.c
    document["class_weight"] = "balanced" if balanced else "none"
    model_of(document)
    args.out.write_text(
        json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
