"""The learned relation reader: a small logistic regression over the dependency parse,
beside the rules, for the pairs of actors no rule joins.

The rules read the constructions they know ("X, the chief executive of Y", "Y-based
Z"); long sentences join two actors in ways no rule lists. A linear model over
features of the parse between the two mentions (the dependency path, the words
between, their kinds and order) learns those from CoNLL04's train split
(`loaders.text.relations.train`). Inference is plain Python over a JSON file of
weights (data/learned_relations.json): no scikit-learn at run time and no pickle, so
loading the weights cannot run code. Each type keeps its own probability threshold,
chosen by cross-validation on the training set (docs/relations.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, Relation, RelationType
from loaders.text.factuality import REPORTING_VERBS
from loaders.text.gazetteer import country, place_countries, place_evidence
from loaders.text.relation_words import relation_words
from loaders.text.token_actor import TokenActor

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "learned_relations.json"
FORMAT = "graphsvc-learned-relations/1"
NONE = "none"

#: The relation a pair of kinds can hold (source kind, target kind): the five CoNLL04
#: types the model was trained on.
TYPES: dict[tuple[ActorKind, ActorKind], RelationType] = {
    (ActorKind.person, ActorKind.organization): RelationType.WORKS_FOR,
    (ActorKind.organization, ActorKind.place): RelationType.BASED_IN,
    (ActorKind.place, ActorKind.place): RelationType.LOCATED_IN,
    (ActorKind.person, ActorKind.place): RelationType.LIVES_IN,
    (ActorKind.person, ActorKind.person): RelationType.KILLED,
}
#: Longest dependency path read word by word; longer ones are read by their shape only.
_LONG_PATH = 6
_FAR = 25  # tokens apart: beyond this no pair is read (a model of clause-level links)


def label(kind: RelationType, forward: bool) -> str:
    """A class of the model: the type and whether the earlier mention is its source."""
    return f"{kind.value}{'>' if forward else '<'}"


def labels_of(first: ActorKind, second: ActorKind) -> list[str]:
    """The classes a pair of kinds (in text order) may take, besides none."""
    found = []
    if (first, second) in TYPES:
        found.append(label(TYPES[first, second], True))
    if (second, first) in TYPES:
        found.append(label(TYPES[second, first], False))
    return found


@dataclass(frozen=True)
class Pair:
    """Two actors of one sentence, by their closest mentions (`first` before `second`)."""

    first: TokenActor
    second: TokenActor
    first_tokens: tuple[Token, ...]
    second_tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.first_tokens[0].idx

    @property
    def end(self) -> int:
        last = self.second_tokens[-1]
        return last.idx + len(last)


def mentions(
    sentence: Span, actor_at: Mapping[int, TokenActor]
) -> list[tuple[TokenActor, list[Token]]]:
    """The sentence's actor mentions in order: runs of tokens naming one actor."""
    runs: list[tuple[TokenActor, list[Token]]] = []
    for token in sentence:
        actor = actor_at.get(token.i)
        if actor is None:
            continue
        if runs and runs[-1][0] == actor and runs[-1][1][-1].i == token.i - 1:
            runs[-1][1].append(token)
        else:
            runs.append((actor, [token]))
    return runs


def pairs(sentence: Span, actor_at: Mapping[int, TokenActor]) -> Iterator[Pair]:
    """Each pair of actors whose kinds fit a type, by their closest two mentions."""
    runs = mentions(sentence, actor_at)
    best: dict[tuple[str, str], tuple[int, int, int]] = {}
    for i, (a, ta) in enumerate(runs):
        for j in range(i + 1, len(runs)):
            b, tb = runs[j]
            if a.id == b.id or not labels_of(a.kind, b.kind):
                continue
            gap = tb[0].i - ta[-1].i
            if gap > _FAR:
                continue
            key = tuple(sorted((a.id, b.id)))
            if key not in best or gap < best[key][0]:
                best[key] = (gap, i, j)
    for _, i, j in sorted(best.values(), key=lambda x: (x[1], x[2])):
        yield Pair(runs[i][0], runs[j][0], tuple(runs[i][1]), tuple(runs[j][1]))


def _head(tokens: tuple[Token, ...]) -> Token:
    """The mention's token whose head lies outside it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _word(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


def _bucket(n: int) -> str:
    for top in (0, 1, 2, 3, 5, 8, 12):
        if n <= top:
            return str(top)
    return "far"


@cache
def _place_grade(name: str) -> str:
    """How large a place is, as the gazetteer knows it: a city lies in a subdivision,
    a subdivision in a country, a country in a continent ("Dayton" -> "Ohio"), which
    says which way a place-place or organisation-place link runs in any text."""
    evidence = place_evidence(name) or ""
    for grade in relation_words().place_grades:
        if grade in evidence:
            return grade
    if name.lower() in relation_words().regions:
        return "subdivision"  # "Tenn.", "Calif.": AP state abbreviations
    return "place"


def _grade(actor: TokenActor) -> str:
    return _place_grade(actor.name) if actor.kind == ActorKind.place else actor.kind.value


#: Steps a coordination or apposition adds to a path: "X and Y of Z" and "X, a firm
#: in Z" read as "Y of Z" and "firm in Z" once they are dropped.
_SIDE_STEPS = frozenset({"conj", "appos"})


def features(pair: Pair, actor_at: Mapping[int, TokenActor]) -> list[str]:
    """The pair's features: kinds and order, the dependency path between the mentions'
    heads, the words between them, and the words around them."""
    a, b = _head(pair.first_tokens), _head(pair.second_tokens)
    kinds = f"{pair.first.kind.value}|{pair.second.kind.value}"
    found = [f"kinds={kinds}"]
    found.append(f"grades={_grade(pair.first)}|{_grade(pair.second)}")
    found.append(f"ents={a.ent_type_ or '-'}|{b.ent_type_ or '-'}")
    # the dependency path through the lowest common ancestor
    up_a, up_b = _ancestors(a), _ancestors(b)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    lca_at = next((n for n, t in enumerate(up_a) if t.i in ids_b), None)
    if lca_at is None:
        found.append("path=none")
    else:
        lca = up_a[lca_at]
        rise, fall = up_a[:lca_at], list(reversed(up_b[: ids_b[lca.i]]))
        steps = [f"{t.dep_}^" for t in rise] + [f"v{t.dep_}" for t in fall]
        found.append(f"pathdeps={' '.join(steps)}")
        # the path without the steps a list or an apposition adds
        lean = [f"{t.dep_}^" for t in rise if t.dep_ not in _SIDE_STEPS] + [
            f"v{t.dep_}" for t in fall if t.dep_ not in _SIDE_STEPS
        ]
        lca_word = _word(lca) if lca.i not in (a.i, b.i) and actor_at.get(lca.i) is None else "*"
        if len(lean) <= _LONG_PATH:
            found.append(f"leanpath={' '.join(lean)}|{lca_word}")
        found.append(f"{kinds}:lca={lca_word}")
        found.append(f"pathlen={_bucket(len(steps))}")
        inner = [t for t in [*rise[1:], lca, *fall[:-1]] if t.i not in (a.i, b.i)]
        lemmas = [_word(t) for t in inner if actor_at.get(t.i) is None]
        if len(steps) <= _LONG_PATH:
            words = []
            for t in rise:
                words.append(f"{t.dep_}^")
            if lca.i not in (a.i, b.i):
                words.append(_word(lca) if actor_at.get(lca.i) is None else "<actor>")
            for t in fall:
                words.append(f"v{t.dep_}")
            found.append(f"path={' '.join(words)}")
        found.append(f"lca={_word(lca) if lca.i not in (a.i, b.i) else '<end>'}")
        found.append(f"lcapos={lca.pos_}")
        found.append(f"ends={a.dep_}|{b.dep_}")
        found += [f"onpath={w}" for w in lemmas]
        found += [f"{kinds}:onpath={w}" for w in lemmas]
        for end, name in ((a, "a"), (b, "b")):
            # what each mention hangs on: "native of", "president of", "shot"
            if end.head.i != end.i and actor_at.get(end.head.i) is None:
                found.append(f"{name}gov={end.dep_}:{_word(end.head)}")
        links = {t.dep_ for t in rise + fall}
        if any(t.pos_ in ("VERB", "AUX") for t in [*inner, lca]):
            found.append("link=verb")
        if any(t.dep_ == "prep" for t in inner):
            found.append("link=prep")
        for dep in ("poss", "appos", "compound", "conj", "relcl", "acl", "pobj", "nsubj"):
            if dep in links:
                found.append(f"link={dep}")
    # the words between the mentions, with how far apart they are
    doc = a.doc
    between = [doc[i] for i in range(pair.first_tokens[-1].i + 1, pair.second_tokens[0].i)]
    found.append(f"gap={_bucket(len(between))}")
    plain = [t for t in between if actor_at.get(t.i) is None]
    others = {actor_at[t.i].id for t in between if actor_at.get(t.i) is not None}
    found.append(f"others={_bucket(len(others))}")
    near = "near" if len(between) <= 4 else "far"
    found += [f"btw={_word(t)}" for t in plain]
    found += [f"btw{near}={_word(t)}" for t in plain]
    if len(between) <= 4:
        found.append(f"btwseq={' '.join(_word(t) for t in between)}")
    # the words around the pair
    start, end = pair.first_tokens[0].i, pair.second_tokens[-1].i
    sentence_start, sentence_end = a.sent.start, a.sent.end
    found.append(f"pre={_word(doc[start - 1]) if start > sentence_start else '<s>'}")
    found.append(f"post={_word(doc[end + 1]) if end + 1 < sentence_end else '</s>'}")
    first_after = pair.first_tokens[-1].i + 1
    if first_after < sentence_end:
        found.append(f"after1={_word(doc[first_after])}")
    return found


def _path(a: Token, b: Token) -> list[Token]:
    """The tokens of the dependency path from `a` to `b`, both included."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    at_b = [t.i for t in up_b]
    path: list[Token] = []
    for t in up_a:
        path.append(t)
        if t.i in at_b:
            return path + list(reversed(up_b[: at_b.index(t.i)]))
    return path + list(reversed(up_b))


def unread(pair: Pair, actor_at: Mapping[int, TokenActor] | None = None) -> bool:
    """A link the model must not read, whatever it scores, as the rules read none
    there (docs/relations.md): a negation on the path ("never shot", "does not work
    for"), an intention ("tried to kill"), a role noun that gives nothing for the
    other actor's kind ("the ambassador of Norway"), a hedge ("the alleged
    assassin"), a speaker and what the reported clause names ("X said her son was
    born in Y"), or a killing past the killing verb's own argument ("Y's assassin,
    Z, who had been shot by X": X killed Z only; `actor_at`, the sentence's actors,
    tells when that argument is a third person).
    CoNLL04 has too few such sentences to teach the model this."""
    a, b = _head(pair.first_tokens), _head(pair.second_tokens)
    path = _path(a, b)
    words = relation_words()
    if any(c.dep_ == "neg" for t in path for c in t.children):
        return True
    if any(t.lemma_.lower() in words.unreal_heads for t in path):
        return True
    if any(c.dep_ == "aux" and c.lower_ in words.modals for t in path for c in t.children):
        return True
    # a role held of or to the other actor says itself what it gives for each kind
    # (data/relations.yaml `roles`): "the ambassador of Norway" names no home, where
    # "a lawyer in Dallas" may
    person, other = (
        (pair.first, pair.second)
        if pair.first.kind == ActorKind.person
        else (pair.second, pair.first)
    )
    if person.kind == ActorKind.person:
        for t, after in pairwise(path[1:-1]):
            types = words.roles.get(t.lemma_.lower())
            held = after.dep_ == "prep" and after.lower_ in words.holder_preps
            if types is not None and held and other.kind not in types:
                return True
    doc = a.doc
    near = [*path, *doc[pair.first_tokens[0].i : pair.second_tokens[-1].i + 1]]
    if any(t.lower_ in words.hedges for t in near):
        return True
    inner = path[1:-1]
    ends = {t.i for t in (*pair.first_tokens, *pair.second_tokens)}
    if _believed(path):
        return True
    people = pair.first.kind == pair.second.kind == ActorKind.person
    if people and _beyond_killing(path, ends, actor_at or {}):
        return True
    if _killer_named(inner, ends, actor_at or {}):
        return True
    for end, rest in ((a, path[1:]), (b, path[-2::-1])):
        verb = end.head
        if (
            end.dep_ in ("nsubj", "nsubjpass")
            and verb.lemma_.lower() in REPORTING_VERBS
            and any(t.dep_ == "ccomp" and t.head.i == verb.i for t in rest)
            and verb in inner
        ):
            return True
    return False


#: Steps by which a name stands for the noun it hangs on ("a gunman, X", "X and Y").
_SAME_REFERENT = frozenset({"appos", "conj", "compound"})
#: Verbs by which a group names its members ("a group of nobles that included X").
_MEMBERSHIP = frozenset({"include", "comprise"})


def _beyond_killing(path: list[Token], ends: set[int], actor_at: Mapping[int, TokenActor]) -> bool:
    """Whether a killing verb on the path has, on one side, another argument than the
    mention at that end: "Kennedy's assassin, Oswald, who had been shot by Ruby": from
    "shot" the path meets Oswald, another person, before Kennedy, so Ruby killed
    Oswald, not Kennedy; "wed the man convicted of killing King": the killing's clause
    describes "the man", and the bride is not him. The rules read each verb's own
    arguments; the model learned from too few such sentences to tell them apart.
    `ends`: the token indices of the pair's two mentions."""
    kill_verbs = _kill_verbs()
    for at, verb in enumerate(path[1:-1], start=1):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in kill_verbs:
            continue
        for side in (path[at + 1 :], path[at - 1 :: -1]):
            first = next(
                (i for i, t in enumerate(side) if t.pos_ in ("NOUN", "PROPN", "PRON")), None
            )
            if first is None or side[first].i in ends:
                continue
            noun = side[first]
            if all(_same_referent(x, y) for x, y in pairwise(side[first:])):
                continue
            other = actor_at.get(noun.i)
            if other is not None and other.kind == ActorKind.person:
                return True  # a third person is the verb's argument
            if noun.lemma_.lower() in relation_words().instruments:
                continue  # "fired the shotgun that killed Y": the weapon's wielder
            climbed = [verb, *side[:first]]
            if any(t.dep_ in ("acl", "relcl") and t.head.i == noun.i for t in climbed):
                return True  # the killing's clause describes another noun
    return False


def _believed(path: list[Token]) -> bool:
    """Whether the pair sits in a clause that is somebody's belief ("investigators
    believe X was the gunman in the shooting of Y"): from the path's top, a clausal
    complement up to a belief verb (data/relations.yaml `belief_heads`)."""
    top = min(path, key=lambda t: len(_ancestors(t)))
    token = top
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in relation_words().belief_heads:
            return True
        token = token.head
    return False


def _killer_named(inner: list[Token], ends: set[int], actor_at: Mapping[int, TokenActor]) -> bool:
    """Whether a killing on the path already names its killer with "by", and the killer
    is not at either end ("Lisbon recalls the assassination of X by Y": Y killed X, the
    city recalls it). The rules read that "by"; the model must not add another."""
    kill_words = _kill_verbs() | relation_words().kill_nouns
    for word in inner:
        if word.lemma_.lower() not in kill_words:
            continue
        for by in (c for c in word.children if c.lower_ == "by" and c.dep_ in ("agent", "prep")):
            for named in (c for c in by.children if c.dep_ == "pobj"):
                if named.i not in ends and named.i in actor_at:
                    return True
    return False


def _same_referent(x: Token, y: Token) -> bool:
    """Whether one step of a path keeps to one referent or its members: a compound of
    a name, an apposition, a conjunct ("the gunman, X"; "Lee Harvey Oswald"), a
    copula's subject and complement ("X was the man who..."), a group and what it
    includes ("a group that included X")."""
    lower = x if x.head.i == y.i else y
    head = lower.head.lemma_.lower()
    if head in _MEMBERSHIP and lower.dep_ == "dobj":
        return True
    if lower.lemma_.lower() in _MEMBERSHIP and lower.dep_ == "relcl":
        return True
    if head in relation_words().copulas and lower.dep_ in ("attr", "nsubj"):
        return True
    return lower.dep_ in _SAME_REFERENT


@cache
def _kill_verbs() -> frozenset[str]:
    """The lemmas of the verb frames that state a killing (data/relations.yaml)."""
    return frozenset(
        lemma
        for frame in relation_words().frames
        if RelationType.KILLED in frame.types.values()
        for lemma in frame.lemmas
    )


@dataclass(frozen=True)
class Model:
    """Weights per class (feature -> weight), an intercept per class, a threshold per
    relation type: what `score` needs, read from JSON."""

    classes: tuple[str, ...]
    weights: Mapping[str, Mapping[str, float]]
    intercepts: Mapping[str, float]
    thresholds: Mapping[str, float]

    def probabilities(self, feats: Iterable[str], allowed: list[str]) -> dict[str, float]:
        """Softmax over `none` and the classes the pair's kinds allow."""
        names = [NONE, *allowed]
        feats = list(feats)
        scores = {
            c: self.intercepts.get(c, 0.0) + sum(self.weights.get(c, {}).get(f, 0.0) for f in feats)
            for c in names
        }
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}

    def read(self, pair: Pair, actor_at: Mapping[int, TokenActor]) -> tuple[str, float] | None:
        """The pair's most likely class other than none, if it clears its type's
        threshold; none where the rules read none (`unread`)."""
        if unread(pair, actor_at):
            return None
        allowed = labels_of(pair.first.kind, pair.second.kind)
        probs = self.probabilities(features(pair, actor_at), allowed)
        best = max(allowed, key=lambda c: probs[c])
        if best.startswith(RelationType.LOCATED_IN.value) and (
            _larger_inside(pair, best) or _across_borders(pair, best)
        ):
            return None
        if probs[best] >= self.thresholds.get(best[:-1], 1.01) and probs[best] > probs[NONE]:
            return best, probs[best]
        return None


#: Sizes of the gazetteer's grades: a place never lies in a smaller one.
_SIZES = {"city": 0, "subdivision": 1, "country": 2, "continent": 3}


def _larger_inside(pair: Pair, cls: str) -> bool:
    """Whether a LOCATED_IN reading would put a place inside a smaller one ("talks on
    Syria in Geneva": a country is not in a city), or a country inside another country
    ("volcanoes in Nicaragua and Indonesia, deforestation in Brazil": two countries, one
    list), by the gazetteer's grades; a place it does not grade is left to the model.
    Cities and subdivisions of one grade may nest (a borough in a city)."""
    inner, outer = (pair.first, pair.second) if cls.endswith(">") else (pair.second, pair.first)
    inner_size = _SIZES.get(_grade(inner))
    outer_size = _SIZES.get(_grade(outer))
    if inner_size is None or outer_size is None:
        return False
    return inner_size > outer_size or inner_size == outer_size >= _SIZES["country"]


def _across_borders(pair: Pair, cls: str) -> bool:
    """Whether a LOCATED_IN reading would put a known city or subdivision in a country,
    or in a city or subdivision, that the gazetteer places in other countries only
    ("US officials in Frankfurt", "a rally in Washington for Armenia"): a fact of
    geography, not of this sentence, so the model's guess gives way to it."""
    inner, outer = (pair.first, pair.second) if cls.endswith(">") else (pair.second, pair.first)
    if country(inner.name) is not None:
        return False  # a country's relation to a place is `_larger_inside`'s to judge
    inside = place_countries(inner.name)
    if not inside:
        return False
    holder = country(outer.name)
    if holder is not None:
        return holder.code not in inside
    around = place_countries(outer.name)
    return bool(around) and not (inside & around)


class WeightsInvalid(ValueError):
    pass


def model_of(data: Mapping[str, Any]) -> Model:
    """The model a JSON document describes, checked: the format, the classes, finite
    weights and thresholds in (0, 1]."""
    if data.get("format") != FORMAT:
        raise WeightsInvalid(f"expected format {FORMAT!r}, got {data.get('format')!r}")
    known = {label(t, f) for t in TYPES.values() for f in (True, False)} | {NONE}
    classes = tuple(data["classes"])
    if not set(classes) <= known or NONE not in classes:
        raise WeightsInvalid(f"unknown classes: {sorted(set(classes) - known)}")
    weights = data["weights"]
    intercepts = data["intercepts"]
    for c in classes:
        values = [*weights.get(c, {}).values(), intercepts.get(c, 0.0)]
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise WeightsInvalid(f"class {c}: weights must be finite numbers")
    types = {t.value for t in TYPES.values()}
    thresholds = data["thresholds"]
    for kind, value in thresholds.items():
        if kind not in types or not (0 < value <= 1):
            raise WeightsInvalid(f"threshold {kind}={value}: a known type, in (0, 1]")
    return Model(classes, weights, intercepts, thresholds)


@cache
def load_model(path: Path = WEIGHTS) -> Model:
    """The shipped model (JSON only: loading cannot run code)."""
    return model_of(json.loads(path.read_text(encoding="utf-8")))


def learned_relations(
    sentence: Span,
    actor_at: Mapping[int, TokenActor],
    document: str,
    published: date,
    offset: int,
    model: Model | None = None,
) -> list[Relation]:
    """The relations the model reads in one sentence, basis `learned`, their offsets
    the span from the first mention to the second (`offset`: where the sentence's Doc
    starts in the document). Only named mentions count: a resolved pronoun's link is
    the rules' business."""
    if not sentence.text.strip():
        return []
    model = model or load_model()
    named = {i: r for i, r in actor_at.items() if r.basis == "stated"}
    found = []
    for pair in pairs(sentence, named):
        reading = model.read(pair, named)
        if reading is None:
            continue
        cls, _ = reading
        forward = cls.endswith(">")
        source, target = (pair.first, pair.second) if forward else (pair.second, pair.first)
        found.append(
            Relation(
                source=source.id,
                type=RelationType(cls[:-1]),
                target=target.id,
                document=document,
                sentence=sentence.text.strip(),
                basis="learned",
                stated_on=published,
                char_start=offset + pair.start,
                char_end=offset + pair.end,
            )
        )
    return found
