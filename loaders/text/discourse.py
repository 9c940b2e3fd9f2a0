"""The state a document's reading carries for mention resolution: who is salient now.

Each actor (and each unnamed noun a pronoun may mean instead) keeps its salience, the
genders, descriptors and ages the text gave it; a pronoun or a description is resolved
to the one candidate that clearly outweighs the others (`loaders.text.mentions` reads
the sentences, `loaders.text.mention_clues` the words around each mention).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graphsvc.model import Actor, ActorKind
from loaders.text.mention_clues import (
    _ACCUSATIVE,
    _AGE_BEFORE,
    _CLAUSE_OBJECTS,
    _actor_descriptors,
    _cataphora,
    _clause_verb,
    _cues,
    _expletive,
    _gender_of_word,
    _heads,
    _leader_words,
    _matrix,
    _role,
    _short_forms,
    _statement_verbs,
    words,
)
from loaders.text.token_actor import TokenActor

#: Salience a mention adds to its actor, by grammatical role (Lappin and Leass's
#: weights: object 50, oblique 40, nothing inside another noun phrase, plus 100 for
#: being in the sentence; the subject's 80 raised to 120, which answered more of GAP's
#: development pronouns, and more of its validation ones at the same accuracy).
_ROLE_WEIGHT = {
    "subject": 120,
    "object": 50,
    "oblique": 40,
    "possessor": 40,
    "other": 30,
    "embedded": 0,
}


_SENTENCE_WEIGHT = 100


#: What a mention's weight keeps at each next sentence.
_DECAY = 0.5


#: Extra weight for the subject of the main clause, and for a candidate whose last
#: mention had the pronoun's role (parallelism).
_MATRIX_BONUS = 20


_PARALLEL_BONUS = 35


#: How many sentences back a pronoun's antecedent may be; a description's, any.
_PRONOUN_WINDOW = 2


#: How much the best candidate must outweigh the next for a link (inside quotes, where
#: "he" may be someone only the speaker knows, twice that).
_MARGIN = 1.8


_QUOTED_MARGIN = 3.6


#: "It" and "they" more: what they mean is as often a thing the text does not type ("It
#: cost $5 million" after "Acme bought a factory"), except as the subject of "said".
_THING_MARGIN = 2.5


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to an actor: the paragraph (its start offset in the text), the
    tokens of the mention in that paragraph's Doc, and the actor with basis `resolved`
    and the mention's words."""

    paragraph: int
    tokens: tuple[int, ...]
    ref: TokenActor
    evidence: str


@dataclass
class _Entity:
    """What the document has said so far about one actor (or one unnamed noun)."""

    ref: TokenActor | None
    kind: ActorKind | None
    weight: float = 0.0
    sentence: int = 0  # when `weight` was last brought up to date
    last_role: str = "other"
    genders: Counter = field(default_factory=Counter)
    descriptors: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    plural: bool = False
    weak: bool = False  # its kind is only the tagger's
    one_word: bool = False

    @property
    def maybe_person(self) -> bool:
        """An organisation only the tagger calls one, by a one-word name: it may well be
        a person ("Geller said"), so it competes for "he" and "she" without winning."""
        return self.kind == ActorKind.organization and self.weak and self.one_word

    def salience(self, now: int) -> float:
        return self.weight * _DECAY ** (now - self.sentence)

    def add(self, now: int, role: str, matrix: bool) -> None:
        """A new mention: the actor is as salient as its most salient mention. (Adding
        the weights, as Lappin and Leass do, let a much-named actor outweigh the subject
        of the sentence just read: fewer of GAP's development and validation pronouns
        were right.)"""
        weight = _SENTENCE_WEIGHT + _ROLE_WEIGHT[role] + (_MATRIX_BONUS if matrix else 0)
        self.weight = max(self.salience(now), weight)
        self.sentence = now
        self.last_role = role

    @property
    def gender(self) -> str | None:
        if not self.genders:
            return None
        (top, count), *rest = self.genders.most_common(2)
        return top if not rest or count > rest[0][1] else None


class _Discourse:
    """The state carried across the paragraphs of one document, in reading order."""

    def __init__(self, actors: Mapping[str, Actor]) -> None:
        self.actors = actors
        self.entities: dict[str, _Entity] = {}
        self.nouns: dict[str, _Entity] = {}
        self.now = 0
        self.found: list[Resolved] = []
        #: This sentence's mentions so far: token index -> entity.
        self.at: dict[int, _Entity] = {}
        #: A person's first and last name -> its actors.
        self.by_word: dict[str, set[str]] = {}
        #: What was mentioned in each of the last sentences (a pronoun looks no further
        #: back, so it weighs only these, not everything the document has named).
        self.recent: dict[int, dict[int, _Entity]] = {}

    def next_sentence(self) -> None:
        self.now += 1
        self.at = {}
        self.recent[self.now] = {}
        self.recent.pop(self.now - _PRONOUN_WINDOW - 1, None)

    def seen(self, entity: _Entity) -> None:
        self.recent[self.now][id(entity)] = entity

    def window(self) -> list[_Entity]:
        """Actors and nouns mentioned in the pronoun window, each once."""
        found: dict[int, _Entity] = {}
        for sentence in self.recent.values():
            found.update(sentence)
        return list(found.values())

    # -- what the text says about an actor -------------------------------------------

    def entity(self, ref: TokenActor) -> _Entity:
        entity = self.entities.get(ref.id)
        if entity is None:
            entity = _Entity(TokenActor(ref.id, ref.name, ref.kind), ref.kind)
            actor = self.actors.get(ref.id)
            if actor is not None:
                entity.descriptors |= _actor_descriptors(actor)
                entity.weak = (actor.kind_evidence or "ner").startswith("ner")
            entity.one_word = len(ref.name.split()) == 1
            for word in _short_forms(ref):
                self.by_word.setdefault(word, set()).add(ref.id)
            self.entities[ref.id] = entity
        return entity

    def named(self, span: Span, ref: TokenActor) -> None:
        """A name of an actor: its weight, and what the words around it say of it."""
        head = span.root
        entity = self.entity(ref)
        entity.add(self.now, _role(head), _matrix(head))
        self.seen(entity)
        if head.dep_ != "conj" and any(c.dep_ == "conj" for c in head.children):
            # "Poland, Hungary and the Czech Republic": together a "they" of their own.
            self.noun(head, "organization", True, key=f"and:{id(span.doc)}:{head.i}")
        cues = _cues(span)
        entity.descriptors |= cues
        for word in cues:
            gender = _gender_of_word().get(word)
            if gender and ref.kind == ActorKind.person:
                entity.genders[gender] += 2
        # The words just before, not `doc.text` (built anew on each call: a long
        # paragraph's names would cost its length each).
        before = _AGE_BEFORE.search(span.doc[max(0, span.start - 6) : span.start].text + " ")
        if before:
            entity.ages.add(before.group(1))
        for child in head.children:  # "Smith, 58, said"
            if child.dep_ in ("appos", "amod", "npadvmod") and child.like_num:
                entity.ages.add(child.text)

    def bare_name(self, token: Token) -> tuple[_Entity, str] | None:
        """ "Brenner" or "Harald" the tagger did not take for a name, after "Harald
        Brenner": the one actor so far whose first or last name it is."""
        ids = self.by_word.get(token.text, set())
        if len(ids) != 1 or token.ent_type_ not in ("", "PERSON"):
            return None
        return self.entities[next(iter(ids))], "name: part of an earlier full name"

    def noun(self, token: Token, cls: str, plural: bool, key: str | None = None) -> None:
        """An unnamed noun phrase that a pronoun may mean instead of an actor."""
        key = key or f"{cls}:{token.lemma_.lower()}"
        entity = self.nouns.get(key)
        if entity is None:
            entity = self.nouns[key] = _Entity(None, None, plural=plural)
            entity.genders[cls] += 1
        entity.add(self.now, _role(token), _matrix(token))
        self.seen(entity)

    # -- resolution ----------------------------------------------------------------------

    def resolve_pronoun(self, token: Token, quoted: bool) -> tuple[_Entity, str] | None:
        cls = words()["pronouns"][token.lower_]
        if cls == "thing" and _expletive(token):
            return None
        role = _role(token)
        reflexive = token.lower_ in words()["reflexives"]
        verb = _clause_verb(token)
        if _cataphora(token, verb):
            return None
        if (
            role == "subject"
            and token.lower_ in _ACCUSATIVE
            and verb.dep_ in _CLAUSE_OBJECTS
            and not any(c.tag_ == "MD" for c in verb.children)
        ):
            # "Jacques allows him to sit": him is the object of allows, not Jacques.
            role, verb = "object", verb.head
        speaker = verb.lemma_.lower() in _statement_verbs() and role == "subject"
        scored: list[tuple[float, _Entity]] = []
        rivals: list[_Entity] = []
        nouns: list[_Entity] = []
        for entity in self.window():
            if entity.ref is None:
                nouns.append(entity)
                continue
            if not _agrees(entity, cls):
                if cls in ("male", "female") and entity.maybe_person:
                    rivals.append(entity)  # "Geller" the tagger called an organisation
                continue
            if (
                not reflexive
                and role in ("object", "oblique")
                and self._local_subject(entity, token, verb)
            ):
                continue  # "Smith met him": him is not Smith
            score = entity.salience(self.now)
            if entity.last_role == role:
                score += _PARALLEL_BONUS
            scored.append((score, entity))
        for entity in [*nouns, *rivals]:
            if entity.ref is None and not _noun_competes(entity, cls, speaker):
                continue
            score = entity.salience(self.now)
            if entity.last_role == role:
                score += _PARALLEL_BONUS
            scored.append((score, entity))
        margin = _MARGIN
        if cls in ("thing", "group") and not speaker:
            margin = _THING_MARGIN
        if quoted:
            margin = _QUOTED_MARGIN
        chosen = _choose(scored, margin, frozenset(id(r) for r in rivals))
        if chosen is not None and cls == "thing":
            chosen.weak = False  # "it" said of it: no person, whatever the tagger's doubt
        return (chosen, f"pronoun: most salient of {len(scored)}") if chosen else None

    def _local_subject(self, entity: _Entity, token: Token, verb: Token) -> bool:
        """Whether the actor is the subject of the pronoun's own clause, named in it."""
        subject = next((c for c in verb.children if _role(c) == "subject"), None)
        return subject is not None and self.at.get(subject.i) is entity

    def resolve_description(self, head: Token, words_: list[Token]) -> tuple[_Entity, str] | None:
        kind, generic = _heads()[head.lemma_.lower()]
        modifiers = [
            w.lower_
            for w in words_
            if w.i != head.i and w.dep_ in ("amod", "compound", "nmod") and w.is_alpha
        ]
        loose = words()["loose_modifiers"]
        needed = [m for m in modifiers if m not in loose]
        scored: list[tuple[float, _Entity]] = []
        # "the country" is the one just named, or the reader's own: no further back.
        pool = self.window() if kind == ActorKind.place else self.entities.values()
        for entity in pool:
            if entity.ref is None:
                continue
            if entity.kind != kind or not _fits(entity, head.lemma_.lower(), generic, kind):
                continue
            if any(m not in entity.descriptors for m in needed):
                continue
            scored.append((entity.salience(self.now), entity))
        # An earlier unnamed "a company" or "the minister" is another candidate.
        rival = self.nouns.get(f"{kind.value}:{head.lemma_.lower()}")
        if rival is not None:
            scored.append((rival.salience(self.now), rival))
        chosen = _choose(scored, _MARGIN)
        if chosen is not None:
            chosen.weak = False  # "the company" said of it: its kind is the text's now
        return (chosen, f"description: {head.lemma_.lower()}") if chosen else None


def _choose(
    scored: list[tuple[float, _Entity]], margin: float, cannot_win: frozenset[int] = frozenset()
) -> _Entity | None:
    """The one actor that clearly outweighs every other candidate (and is not among
    `cannot_win`, by id), else None."""
    if not scored:
        return None
    scored.sort(key=lambda pair: -pair[0])
    best_score, best = scored[0]
    if best.ref is None or id(best) in cannot_win or best_score <= 0:
        return None
    if len(scored) > 1 and best_score < margin * scored[1][0]:
        return None
    return best


def _agrees(entity: _Entity, cls: str) -> bool:
    if cls in ("male", "female"):
        if entity.kind != ActorKind.person:
            return False
        gender = entity.gender
        return gender is None or gender == cls
    if cls == "thing":
        return entity.kind in (ActorKind.organization, ActorKind.place)
    return entity.kind == ActorKind.organization  # "they"


def _noun_competes(entity: _Entity, cls: str, speaker: bool) -> bool:
    """Whether an unnamed noun may be what a pronoun of class `cls` means: a person noun
    of a fitting gender for "he"/"she", a singular thing for "it" (one that can speak,
    for the subject of "said"), a plural for "they"."""
    kinds = entity.genders
    if cls in ("male", "female"):
        # "investigators", "the guards": a plural is never "he" or "she"
        return not entity.plural and bool(kinds[cls] or kinds["person"])
    if cls == "thing":
        if entity.plural:
            return False
        return (
            bool(kinds["organization"])
            if speaker
            else bool(kinds["thing"] or kinds["organization"])
        )
    return entity.plural and not (speaker and kinds["thing"])


def _fits(entity: _Entity, head: str, generic: bool, kind: ActorKind) -> bool:
    """Whether a description's head noun fits what the text says the actor is."""
    if generic:
        return True
    if head in entity.descriptors:
        return True
    if head == "leader" and kind == ActorKind.person:
        return bool(entity.descriptors & _leader_words())
    return False
