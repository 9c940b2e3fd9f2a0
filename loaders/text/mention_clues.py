"""What the words around a mention say, for resolving it (`loaders.text.mentions`).

Grammatical role and clause, quotes, titles and appositions beside a name, the head
noun of a definite description, whether an "it" stands for nothing: each read from
the parse of one sentence, with the resolver's word lists (data/mentions.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from graphsvc.model import Actor, ActorKind
from loaders.text.token_actor import TokenActor
from loaders.text.vocabulary import grammar_words, vocabulary


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


#: "the 58-year-old" (spaCy cuts it in five tokens, so it is found in the text), and an
#: age before a name ("58-year-old Carla Mendes").
_AGE_DESCRIPTION = re.compile(r"\b[Tt]he (\d{1,3})-year-old\b")


_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s*$")


_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


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
_ACCUSATIVE = grammar_words("accusatives")


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
        if token.head.i == subject.i and token.dep_ == "poss":
            # "Its chief executive, Jean Roe, said": the subject's own possessor is not
            # the name in apposition to it (nobody is their own chief executive)
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


@cache
def _leader_words() -> frozenset[str]:
    return frozenset(w for title in words()["leader_titles"] for w in title.split()[-1:])


def _short_forms(ref: TokenActor) -> list[str]:
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


def _noun_class(token: Token, at: Mapping[int, TokenActor]) -> tuple[str, bool] | None:
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


#: Determiners of a definite description ("the company", "this minister").
_DEFINITE = grammar_words("definite_determiners")


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
    if not lefts or lefts[0].lower_ not in _DEFINITE:
        return None
    if lefts[0].lower_ == "this" and _heads()[lemma][0] == ActorKind.place:
        return None  # "this country" is the writer's
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
        return None  # "the company of ..." names what it is in the words after
    return [*lefts, token]
