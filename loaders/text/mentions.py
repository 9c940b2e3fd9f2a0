"""Mentions resolved inside a document: pronouns, descriptions and bare names to actors.

"He founded the company in 1976" tells of the founder and of his company only through
"he" and "the company". This step ties such a mention to an actor of the document when
the evidence is good and leaves it alone when it is not: a wrong link puts an event on
the wrong timeline, a missing one only leaves it off.

Evidence, in the way news is written:

- agreement: "he"/"she" a person (and not one of the other gender, when a title, a
  gendered noun or an earlier pronoun says it), "it" an organisation or place, "they"
  an organisation; a description's head noun against how the text describes the actor
  ("the carmaker" is a company the text called a carmaker; "the minister" a person it
  titled minister; "the Russian leader" one titled president and called Russian);
- salience (after Lappin and Leass, 1994): each mention weighs by its grammatical role
  (subject most), all weights halve at each sentence, and an actor is as salient as its
  most salient mention, so the subject of the sentence just read leads;
- competition: unnamed nouns ("the man", "the deal", "analysts") are weighed too, and
  a pronoun they may mean stays unresolved, as does one two actors fit about equally.

Why a document-level step and not a spaCy component: each paragraph is its own `Doc`
(parsed in other processes when the load is parallel), and a pronoun's antecedent is
often in the paragraph before; the actors are clustered over the whole document only
after the parse. So the step takes the parsed paragraphs and the named mentions
(token -> `ActorRef`, per paragraph) and returns what it resolved; it also writes each
resolved token's `ActorRef` to `Token._.resolved_actor`, so later steps that work on a
`Doc` can read it there. It visits each token once and weighs only actors mentioned in
the last few sentences (descriptions: the actors of the document so far), so its cost
grows with the document's length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from graphsvc.model import Actor, ActorKind
from loaders.text.events import ActorRef
from loaders.text.vocabulary import vocabulary

if not Token.has_extension("resolved_actor"):
    Token.set_extension("resolved_actor", default=None)


@cache
def words() -> dict[str, Any]:
    """The resolver's word lists (data/mentions.yaml), read once."""
    text = resources.files("loaders.text").joinpath("data/mentions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _gender_of_word() -> dict[str, str]:
    return {w: g for g, ws in words()["gender_words"].items() for w in ws}


@cache
def _heads() -> dict[str, tuple[ActorKind, bool]]:
    """Description head -> (kind it fits, generic)."""
    found: dict[str, tuple[ActorKind, bool]] = {}
    for kind, groups in words()["descriptions"].items():
        for word in groups["generic"]:
            found.setdefault(word, (ActorKind(kind), True))
        for word in groups["specific"]:
            found.setdefault(word, (ActorKind(kind), False))
    return found


@cache
def _statement_verbs() -> frozenset[str]:
    """Verbs of saying (the vocabulary's `statement` triggers): their subject speaks,
    so "it said" is an organisation or a person, not "the deal"."""
    triggers = vocabulary()["event_triggers"]
    return frozenset(lemma for lemma, kind in triggers.items() if kind == "statement")


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

#: "the 58-year-old" (spaCy cuts it in five tokens, so it is found in the text), and an
#: age before a name ("58-year-old Carla Mendes").
_AGE_DESCRIPTION = re.compile(r"\b[Tt]he (\d{1,3})-year-old\b")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s*$")
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to an actor: the paragraph (its start offset in the text), the
    tokens of the mention in that paragraph's Doc, and the actor with basis `resolved`
    and the mention's words."""

    paragraph: int
    tokens: tuple[int, ...]
    ref: ActorRef
    evidence: str


@dataclass
class _Entity:
    """What the document has said so far about one actor (or one unnamed noun)."""

    ref: ActorRef | None
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


def _role(token: Token) -> str:
    # "Smith and Jones met": a conjunct has the role of the first of its list; "the
    # carmaker Koenig Motors": an apposition that of the noun it names.
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return "subject"
    if dep in ("dobj", "dative", "attr", "oprd"):
        return "object"
    if dep == "poss":
        return "possessor"
    if dep == "pobj":
        # "the second-largest bank in the United States": inside another noun phrase,
        # not what the clause is about (Lappin and Leass's head-noun emphasis).
        return "embedded" if token.head.head.pos_ in ("NOUN", "PROPN") else "oblique"
    return "other"


def _matrix(token: Token) -> bool:
    """A subject of the sentence's main verb (or of a verb joined to it)."""
    head = token.head
    return _role(token) == "subject" and (head.dep_ == "ROOT" or head.head.dep_ == "ROOT")


#: Object forms of pronouns, and the clauses whose subject such a form may be ("let him
#: go", "asked her to stay"): there it is the object of the verb above.
_ACCUSATIVE = frozenset({"him", "her", "them"})
_CLAUSE_OBJECTS = frozenset({"ccomp", "xcomp"})


def _cataphora(token: Token, verb: Token) -> bool:
    """ "In her tenure, Adele Chatfield-Taylor...", "Like his father, Smith...": a pronoun
    before the named subject of its own clause most often means that subject, which is
    not read yet; left alone."""
    top = verb
    while top.dep_ in ("advcl", "prep", "pcomp") and top.head.i != top.i:
        top = top.head
    for clause in {verb.i: verb, top.i: top}.values():
        subject = next((c for c in clause.children if _role(c) == "subject"), None)
        if subject is None or subject.i < token.i:
            continue
        # The subject's own words, not its whole subtree (a clause may hang on it).
        if any(t.pos_ == "PROPN" for t in (subject, *subject.children)):
            return True
    return False


def _clause_verb(token: Token) -> Token:
    """The verb whose clause a token is in (itself when none is above it)."""
    current = token
    while current.head.i != current.i and current.pos_ not in ("VERB", "AUX"):
        current = current.head
    return current


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

    def entity(self, ref: ActorRef) -> _Entity:
        entity = self.entities.get(ref.id)
        if entity is None:
            entity = _Entity(ActorRef(ref.id, ref.name, ref.kind), ref.kind)
            actor = self.actors.get(ref.id)
            if actor is not None:
                entity.descriptors |= _actor_descriptors(actor)
                entity.weak = (actor.kind_evidence or "ner").startswith("ner")
            entity.one_word = len(ref.name.split()) == 1
            for word in _short_forms(ref):
                self.by_word.setdefault(word, set()).add(ref.id)
            self.entities[ref.id] = entity
        return entity

    def named(self, span: Span, ref: ActorRef) -> None:
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
        return bool(kinds[cls] or kinds["person"])
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


@cache
def _leader_words() -> frozenset[str]:
    return frozenset(w for title in words()["leader_titles"] for w in title.split()[-1:])


def _short_forms(ref: ActorRef) -> list[str]:
    """What a bare word may stand for a person as: the first and last word of a full
    name written as names are ("Harald Brenner": Harald, Brenner). Organisations' first
    words are left to the actor clustering, which sees every mention."""
    words_ = ref.name.split()
    if ref.kind != ActorKind.person or not 2 <= len(words_) <= 4:
        return []
    if not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words_):
        return []
    return [w for w in dict.fromkeys([words_[0], words_[-1]]) if len(w) >= 3]


def _actor_descriptors(actor: Actor) -> set[str]:
    """What the actor's own record says it is: its descriptor evidence ("descriptor:
    carmaker") and, for an organisation, the words of its names ("Deutsche Bank")."""
    found: set[str] = set()
    evidence = actor.kind_evidence or ""
    if evidence.startswith("descriptor:"):
        found.add(evidence.split(":", 1)[1].strip().lower())
    if "country" in evidence:
        found.update({"country", "nation"})
    if "city" in evidence:
        found.add("city")
    if actor.kind == ActorKind.organization:
        for name in (actor.name, *actor.aliases):
            found.update(w.lower() for w in name.split())
    return found


def _cues(span: Span) -> set[str]:
    """Words the text puts beside a name to say who it is: titles and modifiers before it
    ("Russian President Vladimir Putin", "Mrs Smith"), the head of an apposition ("Putin,
    the Russian leader", "his wife, Mary"), the noun it is compounded on, and what a
    copula says it is ("Toyota is a carmaker")."""
    doc = span.doc
    found: set[str] = set()
    position = span.start - 1
    while (
        position >= 0
        and doc[position].pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT")
        and (doc[position].text not in (",", "(", ")"))
    ):
        token = doc[position]
        if token.pos_ != "PUNCT":
            found.add(token.lower_)
            found.add(token.lemma_.lower())
        position -= 1
    found.update(t.lower_ for t in span if t.lower_ in _gender_of_word())
    head = span.root
    appositions = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        appositions.append(head.head)
    for noun in appositions:
        if noun.i in range(span.start, span.end):
            continue
        found.add(noun.lemma_.lower())
        found.update(c.lower_ for c in noun.children if c.dep_ in ("amod", "compound"))
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        for attr in (c for c in head.head.children if c.dep_ == "attr"):
            found.add(attr.lemma_.lower())
            found.update(c.lower_ for c in attr.children if c.dep_ in ("amod", "compound"))
    return found


def _expletive(token: Token) -> bool:
    """ "it is likely that", "it seems", "it emerged that", "it is raining": an "it"
    that stands for the clause after it or for nothing."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    lemma = verb.lemma_.lower()
    later = [c for c in verb.children if c.i > token.i]
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in later)
    if token.dep_ == "nsubjpass":
        return clause  # "it was reported that", "it is expected to"
    if lemma in words()["expletive_verbs"]:
        weather = lemma in ("rain", "snow")
        return clause or weather or any(c.dep_ == "acomp" for c in later)
    return False


def _inside_quotes(paragraph: Doc) -> set[int]:
    """The token indices between an opening and a closing quotation mark."""
    inside: set[int] = set()
    open_ = False
    for token in paragraph:
        if token.text in _QUOTES:
            open_ = token.text != "\u201d" and (not open_ or token.text == "\u201c")
            continue
        if open_:
            inside.add(token.i)
    return inside


def _noun_class(token: Token, at: Mapping[int, ActorRef]) -> tuple[str, bool] | None:
    """The class of an unnamed noun head that a pronoun may mean, and whether plural:
    `male`/`female`/`person` for people, `organization` for "the company", else
    `thing`; None for times, amounts and parts of names."""
    if token.pos_ != "NOUN" or token.dep_ in ("compound", "npadvmod", "nmod", "attr"):
        return None  # an attribute ("he is a good man") is its subject, not another one
    # A name after the noun is what the noun describes; one before ("U.S. authorities")
    # only modifies a noun that is someone else.
    if any(
        c.dep_ in ("appos", "compound") and c.i in at and c.i > token.i for c in token.children
    ) or (token.dep_ == "appos" and token.head.i in at):
        return None  # "the carmaker Koenig Motors", "Acme, the bank,": the name is the mention
    if token.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"):
        return None
    lemma = token.lemma_.lower()
    plural = token.tag_ in ("NNS", "NNPS")
    gender = _gender_of_word().get(lemma)
    if gender:
        return gender, plural
    if lemma in _person_nouns():
        return "person", plural
    head = _heads().get(lemma)
    if head is not None and head[0] == ActorKind.organization:
        return "organization", plural
    if head is not None and head[0] == ActorKind.person:
        return "person", plural
    return "thing", plural


def _unknown_name(token: Token) -> bool:
    """The last word of a capitalised name that no actor holds and that may be a
    person's (untagged, or tagged a person and refused)."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.dep_ != "compound"
        and token.ent_type_ not in _NOT_NAMES
    )


#: Entity types that are never a person's name.
_NOT_NAMES = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "GPE", "LOC"}
)


@cache
def _person_nouns() -> frozenset[str]:
    return frozenset(words()["person_nouns"])


def _description(token: Token) -> list[Token] | None:
    """The words of a definite description headed by `token` ("the company", "the
    Russian leader", "the 58-year-old"), or None when it is not one."""
    lemma = token.lemma_.lower()
    if lemma not in _heads() or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.dep_ in ("compound", "appos", "amod") or token.tag_ in ("NNS", "NNPS"):
        return None  # part of a name ("the carmaker Toyota"), or a plural
    if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in token.children):
        return None  # "the carmaker, Koenig Motors,": the name says who it is
    if token.dep_ == "attr" and any(c.dep_ == "nsubj" for c in token.head.children):
        return None  # "Acme is the company that...": says what the subject is
    lefts = list(token.lefts)
    if not lefts or lefts[0].lower_ not in ("the", "this", "that"):
        return None
    if lefts[0].lower_ == "this" and _heads()[lemma][0] == ActorKind.place:
        return None  # "this country" is the writer's
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
        return None  # "the company of ..." names what it is in the words after
    return [*lefts, token]


def resolve_mentions(
    paragraphs: Sequence[tuple[int, Doc]],
    named: Mapping[int, Mapping[int, ActorRef]],
    actors: Mapping[str, Actor],
) -> list[Resolved]:
    """Resolve the pronouns and descriptions of a document's paragraphs (start offset,
    parsed Doc, in reading order) to the actors its names refer to (`named`: per
    paragraph, token index -> ActorRef). Mentions already named are not touched."""
    discourse = _Discourse(actors)
    pronouns = words()["pronouns"]
    for start, doc in paragraphs:
        at = named.get(start, {})
        quoted = _inside_quotes(doc) if any(t.text in _QUOTES for t in doc) else set()
        for sentence in doc.sents:
            discourse.next_sentence()
            _read_sentence(discourse, start, sentence, at, quoted, pronouns)
    return discourse.found


def _read_sentence(
    discourse: _Discourse,
    start: int,
    sentence: Span,
    at: Mapping[int, ActorRef],
    quoted: set[int],
    pronouns: Mapping[str, str],
) -> None:
    doc = sentence.doc
    ages = _age_descriptions(sentence, at)
    index = sentence.start
    while index < sentence.end:
        token = doc[index]
        if index in ages:
            tokens, age = ages[index]
            found = _resolve_age(discourse, age)
            if found is not None:
                _link(discourse, start, tokens, found, None)
            index = tokens[-1].i + 1
            continue
        ref = at.get(index)
        if ref is not None:
            end = index + 1
            while end < sentence.end and at.get(end) == ref:
                end += 1
            span = doc[index:end]
            discourse.named(span, ref)
            entity = discourse.entities[ref.id]
            for i in range(index, end):
                discourse.at[i] = entity
            index = end
            continue
        lower = token.lower_
        if lower in pronouns and token.pos_ == "PRON":
            found = discourse.resolve_pronoun(token, index in quoted)
            if found is not None:
                _link(discourse, start, [token], found, pronouns[lower])
        else:
            description = _description(token) if token.pos_ in ("NOUN", "ADJ", "PROPN") else None
            found = None
            if description is not None and not any(t.i in at for t in description):
                found = discourse.resolve_description(token, description)
            if found is not None:
                _link(discourse, start, description, found, None)
            else:
                cls = _noun_class(token, at)
                if cls is not None:
                    discourse.noun(token, *cls)
                elif _unknown_name(token):
                    named = discourse.bare_name(token)
                    if named is not None:
                        _link(discourse, start, [token], named, None)
                    else:
                        # A name the loader did not make an actor ("MacKenzie" the
                        # tagger missed): it may be whom "he" means, so it competes.
                        discourse.noun(token, "person", False)
        index += 1


def _age_descriptions(
    sentence: Span, at: Mapping[int, ActorRef]
) -> dict[int, tuple[list[Token], str]]:
    """ "the 58-year-old" (and "the 58-year-old man") in a sentence: first token -> the
    description's tokens and the age; none that touches a name."""
    found: dict[int, tuple[list[Token], str]] = {}
    if "year-old" not in sentence.text:
        return found
    for match in _AGE_DESCRIPTION.finditer(sentence.text):
        span = sentence.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        tokens = list(span)
        following = sentence.doc[span.end] if span.end < sentence.end else None
        if following is not None and following.pos_ == "NOUN":
            if _noun_class(following, at) not in (("male", False), ("female", False)) and (
                following.lemma_.lower() not in _person_nouns()
            ):
                continue  # "the 50-year-old alliance" is no person
            tokens.append(following)
        if not any(t.i in at for t in tokens):
            found[tokens[0].i] = (tokens, match.group(1))
    return found


def _resolve_age(discourse: _Discourse, age: str) -> tuple[_Entity, str] | None:
    """ "the 58-year-old": the person the text gave that age ("Smith, 58,", "58-year-old
    Smith"), if one clearly leads; none when the text gave no one that age."""
    scored = [
        (e.salience(discourse.now), e)
        for e in discourse.entities.values()
        if e.kind == ActorKind.person and age in e.ages
    ]
    chosen = _choose(scored, _MARGIN)
    return (chosen, "description: age") if chosen else None


def _link(
    discourse: _Discourse,
    start: int,
    tokens: list[Token],
    found: tuple[_Entity, str],
    gender: str | None,
) -> None:
    entity, evidence = found
    assert entity.ref is not None
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text
    ref = ActorRef(entity.ref.id, entity.ref.name, entity.ref.kind, "resolved", text)
    entity.add(discourse.now, _role(head), _matrix(head))
    discourse.seen(entity)
    if gender in ("male", "female"):
        entity.genders[gender] += 1
    for token in tokens:
        token._.resolved_actor = ref
        discourse.at[token.i] = entity
    discourse.found.append(Resolved(start, tuple(t.i for t in tokens), ref, evidence))
