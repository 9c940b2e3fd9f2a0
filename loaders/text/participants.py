"""Who takes part in an event, beyond the names that are its subject and object.

News often names an actor only through something of it: a possessor ("Acme's shares
fell": Acme), a group named by its country or leader ("Ruritanian troops shelled",
"the general's fighters seized": the country, the general), or an event noun's own
arguments ("the sale of X to Y": Y buys X). Such links are marked `inferred` with the
words they came through, so a reader can tell them from a name in the clause.

Two errors cost more than a missed link, and are guarded against: a dateline ("OSLO,
Norway —") is never a participant (the parser often makes it the subject of the first
verb: an attacker invented by the loader), and a place is a location only when a
preposition of place ties it to the event's verb ("in", "at", "near"), not whenever a
place is named after any preposition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, LinkBasis, Participant, Role
from loaders.text.gazetteer import DEMONYM_ENDINGS
from loaders.text.span_text import span_text
from loaders.text.token_actor import TokenActor
from loaders.text.vocabulary import vocabulary

#: How much a link's basis says, most first: a name in the clause beats a resolved
#: pronoun, which beats an inference.
BASIS_RANK: dict[str, int] = {"stated": 0, "resolved": 1, "inferred": 2}


@cache
def words() -> dict[str, Any]:
    """The word lists of data/participants.yaml, as sets."""
    text = resources.files("loaders.text").joinpath("data/participants.yaml").read_text("utf-8")
    return {key: frozenset(value) for key, value in yaml.safe_load(text).items()}


@dataclass(frozen=True)
class Context:
    """What the rules read besides the parse: the actors tokens name (`actor_at`) and
    the document's place actors by name, for nationality adjectives ("Ruritanian")."""

    actor_at: Mapping[int, TokenActor]
    places: Mapping[str, TokenActor]


def weaker(basis: LinkBasis, other: LinkBasis) -> LinkBasis:
    """The weaker of two bases: a link through a resolved pronoun and a possession is
    no stronger than its weakest step."""
    return basis if BASIS_RANK[basis] >= BASIS_RANK[other] else other


def stronger(a: LinkBasis, b: LinkBasis) -> bool:
    """Whether basis `a` says more than `b` (stated > resolved > inferred)."""
    return BASIS_RANK[a] < BASIS_RANK[b]


def phrase(token: Token, last: Token | None = None, limit: int = 12) -> str:
    """The words of a noun phrase from its first word to its head, or to `last` ("Acme's
    shares", "Ruritanian troops", "shares of Acme"), at most `limit` words, for the
    `mention` of an inferred link."""
    end = (last or token).i + 1
    first = max(token.left_edge.i, end - limit)
    return "".join(t.text_with_ws for t in token.doc[first:end]).strip()[:200]


def inferred(actor: TokenActor, mention: str) -> TokenActor:
    """The actor as reached through the words `mention`, not its name in the clause."""
    return _through(actor, "inferred", mention)


def _through(actor: TokenActor, basis: LinkBasis, mention: str) -> TokenActor:
    """The actor as reached through other words than its name: no stronger than
    `basis`, with those words as the link's mention."""
    return replace(actor, basis=weaker(actor.basis, basis), mention=mention)


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for, when it is the subject or object of its
    relative clause: "Mason, who headed the agency" (Mason); for an antecedent that
    is the complement of "be", the subject it describes ("Booth was the actor who
    killed Lincoln": Booth). The parse ties the clause to its noun, so this is the
    syntax's own answer, not a guess among candidates."""
    clause = token.head
    if (
        token.lower_ not in words()["relative_pronouns"]
        or token.tag_ not in ("WP", "WDT")
        or token.dep_ not in ("nsubj", "nsubjpass", "dobj")
        or clause.dep_ != "relcl"
    ):
        return None
    antecedent = clause.head
    if antecedent.dep_ == "attr" and antecedent.head.lemma_ == "be":
        subjects = [c for c in antecedent.head.children if c.dep_ == "nsubj"]
        return subjects[0] if subjects else None
    return antecedent


def named(
    token: Token, actor_at: Mapping[int, TokenActor], compounds: bool = False
) -> list[TokenActor]:
    """Actors an argument names: its own mention, appositions and conjuncts; for objects
    also names compounded on it ("lend Russia facilities", parsed as a compound)."""
    found: list[TokenActor] = []
    deps = ("appos", "conj", "compound") if compounds else ("appos", "conj")
    for candidate in [token, *(c for c in token.children if c.dep_ in deps)]:
        actor = actor_at.get(candidate.i)
        if actor is not None and actor not in found:
            found.append(actor)
        for conj in _listed_with(candidate):
            if conj.i in actor_at and actor_at[conj.i] not in found:
                found.append(actor_at[conj.i])
    return found


def _listed_with(token: Token, depth: int = 3) -> list[Token]:
    """The conjuncts and appositions of a noun, through a list of titled names ("the
    minister, Lord A, and the mediator, Count B": the parse hangs B on "mediator", a
    conjunct of A), at most `depth` steps down."""
    found: list[Token] = []
    pending = [(c, 1) for c in token.children if c.dep_ in ("conj", "appos")]
    while pending:
        item, level = pending.pop(0)
        found.append(item)
        if level < depth:
            pending += [(c, level + 1) for c in item.children if c.dep_ in ("conj", "appos")]
    return found


def _lower(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def _listed(token: Token, key: str) -> bool:
    listed = words()[key]
    return any(form in listed for form in _lower(token))


def is_group(token: Token) -> bool:
    """A noun for people or means an actor acts through ("troops", "drone", "police",
    "government forces")."""
    if _listed(token, "state_groups"):
        return True
    compound = " ".join([*(c.lower_ for c in token.children if c.dep_ == "compound"), token.lower_])
    return compound in words()["state_groups"]


def country_of(adjective: Token, places: Mapping[str, TokenActor]) -> TokenActor | None:
    """The document's place actor a nationality adjective names ("Ruritanian" ->
    Ruritania), by the demonym list or by the usual ways English forms a demonym from a
    country's name (Syria/Syrian, Iraq/Iraqi, Turkey/Turkish, China/Chinese). Only a
    place the document names: a country the text never names is not made up."""
    text = adjective.lower_
    if not text[:1].isalpha() or not adjective.text[:1].isupper():
        return None
    before = adjective.doc[adjective.i - 2 : adjective.i]
    if (
        len(before) == 2
        and before[1].text == "-"
        and before[0].lower_ in words()["stance_prefixes"]
    ):
        return None  # "pro-Russian rebels" are not Russia's
    listed = vocabulary()["demonyms"].get(text)
    if listed is not None:
        return places.get(listed)
    for name, actor in places.items():
        if actor.kind == ActorKind.place and _demonym_of(text, name.lower()):
            return actor
    return None


def _demonym_of(adjective: str, name: str) -> bool:
    """Whether `adjective` is a demonym of the one-word place `name`: the name, or the
    name less its last one or two letters (at least four kept), and a demonym ending."""
    if " " in name or len(name) < 4 or adjective == name:
        return False
    for cut in (0, 1, 2):
        stem = name[: len(name) - cut] if cut else name
        if len(stem) < 4 or not adjective.startswith(stem):
            continue
        if adjective[len(stem) :] in DEMONYM_ENDINGS:
            return True
    return False


def behind(token: Token, role: Role, context: Context) -> list[tuple[TokenActor, Role]]:
    """The actors behind an argument that names none itself: its possessor ("Acme's
    shares", "the general's fighters"), a name compounded on it ("Apple shares",
    "Kremlin officials"), the country of a group ("Ruritanian troops"), the owner in an
    "of" phrase ("shares of Acme") and where a group comes from ("a team from the
    ministry"), each `inferred`, in the argument's role. A place
    is taken only for a group ("Paris police"), never for a thing ("a Gaza hospital" is
    where the hospital is, not who acted)."""
    actor_at = context.actor_at
    if token.like_num:
        return []  # "the Standard & Poor's 500": a name with a number, not a possession
    group = is_group(token)
    mention = phrase(token)
    found: list[tuple[TokenActor, Role]] = []
    for child in token.children:
        actors: list[TokenActor] = []
        if _one_name(child, token):
            continue  # "the Standard & Poor's 500": a name, not someone's thing
        if child.dep_ == "poss":
            actors = named(child, actor_at)
        elif child.dep_ in ("compound", "nmod"):
            actors = [a for a in named(child, actor_at) if group or a.kind != ActorKind.place]
        elif child.dep_ == "amod" and group:
            country = country_of(child, context.places)
            actors = [country] if country is not None else []
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ == "of" and _listed(token, "place_nouns"):
                    # "the town of Brod": the town is Brod, named in the clause.
                    found += [(a, role) for a in named(pobj, actor_at)]
                    continue
                owners = [a for a in named(pobj, actor_at) if group or a.kind != ActorKind.place]
                found += [(inferred(a, phrase(token, pobj)), role) for a in owners]
        found += [(inferred(a, mention), role) for a in actors]
    found += [(inferred(a, mention), role) for a in members(token, actor_at)]
    return found


def members(token: Token, actor_at: Mapping[int, TokenActor]) -> list[TokenActor]:
    """The actors a group noun no actor holds says it includes ("ten militants,
    including X", "a group of nobles that included X and Y"): what the group does or
    undergoes, they do or undergo as its members (`inferred`, by the group's words)."""
    found: list[TokenActor] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in words()["member_markers"]:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found += named(pobj, actor_at)
        elif child.dep_ == "relcl" and child.lemma_.lower() in words()["member_markers"]:
            subject = [c for c in child.children if c.dep_ == "nsubj"]
            if subject and subject[0].lower_ in words()["relative_pronouns"]:
                for obj in (c for c in child.children if c.dep_ == "dobj"):
                    found += named(obj, actor_at)
    return found


def _one_name(part: Token, head: Token) -> bool:
    """Whether two tokens lie in one named entity of the parse."""
    low, high = sorted((part.i, head.i))
    if not part.ent_type_ or part.doc[low].ent_iob_ not in ("B", "I"):
        return False
    return all(t.ent_iob_ == "I" for t in part.doc[low + 1 : high + 1])


def is_nominal(token: Token) -> bool:
    """An event noun whose arguments the rules read ("sale", "acquisition", "talks")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ in words()["amount_forms"]:
        return False
    return _listed(token, "nominal_objects") or any(
        form in vocabulary()["noun_triggers"] for form in _lower(token)
    )


def nominal(noun: Token, context: Context) -> list[tuple[TokenActor, Role]]:
    """The arguments of an event noun, by how English marks them: a possessor or "by"
    does it ("X's acquisition of Y", "the acquisition of Y by X"); "of" names what
    undergoes it when the noun takes an object or another phrase names the doer ("the
    sale of X"), else who does it ("the resignation of X"); "to" the one who acquires
    it for a transfer ("the sale of X to Y"), else someone taking part; "with",
    "between", "from" others taking part, "against" the target; a place after "in",
    "at" or "near" where it happened."""
    actor_at = context.actor_at
    doers: list[TokenActor] = []
    found: list[tuple[TokenActor, Role]] = []
    of_phrase: list[TokenActor] = []
    transfer = _listed(noun, "nominal_transfers")
    # "Kennedy's assassination", "the Oswald arrest": with no "of" phrase, the one
    # named before such a noun undergoes it; "X's acquisition of Y": X does it.
    patient = _listed(noun, "nominal_patients") and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
    )
    for child in own_phrases(noun):
        if child.dep_ == "poss":
            if patient:
                found += [(a, Role.target) for a in named(child, actor_at)]
            else:
                doers += named(child, actor_at)
        elif child.dep_ in ("compound", "nmod"):
            for actor in named(child, actor_at):
                if actor.kind == ActorKind.place:
                    found.append((actor, Role.location))  # "the Aleppo bombing"
                elif patient:
                    found.append((actor, Role.target))  # "the Kennedy assassination"
                else:
                    doers.append(actor)  # "the Assad meeting"
        elif child.dep_ in ("prep", "agent", "dative"):
            preposition = child.lower_
            actors = [a for c in child.children if c.dep_ == "pobj" for a in named(c, actor_at)]
            if not actors and child.dep_ == "prep":
                found += [(a, Role.participant) for a in represented_in(child, context)]
            if preposition == "by":
                doers += actors
            elif preposition == "of":
                of_phrase += actors
            else:
                found += [(a, _prepositional_role(a, preposition, transfer)) for a in actors]
    undergoes = bool(doers) or _listed(noun, "nominal_objects")
    found = (
        [(a, Role.agent) for a in doers]
        + [(a, Role.target if undergoes else Role.agent) for a in of_phrase]
        + found
    )
    return found


def own_phrases(noun: Token) -> list[Token]:
    """The dependents of an event noun, with the phrases the parse hangs on a date or
    time right after it: in "the assassination in 1914 of X by Y" the parser makes "of
    X" a dependent of "1914", but a year has no "of" phrase of its own; X is the noun's.
    """
    found = list(noun.children)
    for child in noun.children:
        if child.dep_ != "prep" or child.lower_ not in words()["time_prepositions"]:
            continue
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            # A year or a named day ("in 1914", "on Tuesday"), not "the anniversary
            # of X", whose "of" phrase is the date's own.
            if pobj.ent_type_ in ("DATE", "TIME") and pobj.tag_ in ("CD", "NNP"):
                found += [c for c in pobj.children if c.dep_ == "prep" and c.i > pobj.i]
    return found


def represented_in(prep: Token, context: Context) -> list[TokenActor]:
    """`represented` for each noun a preposition takes."""
    return [a for c in prep.children if c.dep_ == "pobj" for a in represented(c, context)]


def _prepositional_role(actor: TokenActor, preposition: str, transfer: bool) -> Role:
    if actor.kind == ActorKind.place:
        in_place = preposition in words()["location_prepositions"]
        return Role.location if in_place else Role.participant
    if preposition == "to" and transfer:
        return Role.agent  # "the sale of X to Y": Y acquires it
    if preposition == "against":
        return Role.target
    return Role.participant


def setting(actor: TokenActor, role: Role) -> bool:
    """Whether a participant only places the event (its location, or a place it goes to
    or comes from): not who does or undergoes it, so not what makes two mentions one
    event ("returned from Pakistan" and "left Pakistan" are not one event)."""
    return role == Role.location or (role == Role.participant and actor.kind == ActorKind.place)


def prepositional(actor: TokenActor, preposition: str) -> Role:
    """The role of an actor in a prepositional phrase on an event's verb: a place is its
    location after a preposition of place ("in Paris") and otherwise takes part ("moved
    from Dallas to Houston"); an organisation or person after "to" or "from" takes part,
    never as a location."""
    return _prepositional_role(actor, preposition, transfer=False)


def places_within(
    pobj: Token, actor_at: Mapping[int, TokenActor], depth: int = 2
) -> list[TokenActor]:
    """Places a location phrase names inside a noun that is no actor itself: one
    compounded on it ("in Waxhaw settlement"), after a preposition of place on it
    ("in a manse in Staunton", "at the shipyard in Gdansk") or the place a place noun
    names ("near her hometown of Belen"): where the noun is, the event is."""
    found: list[TokenActor] = []
    for child in pobj.children:
        if child.dep_ in ("compound", "poss", "nmod") and pobj.i not in actor_at:
            # "in Waxhaw settlement", "in Massachusetts' county of presidents".
            found += [a for a in named(child, actor_at) if a.kind == ActorKind.place]
        elif child.dep_ == "poss" and _place(actor_at.get(pobj.i)):
            # "in Louisiana's Cameron Parish": the parish lies in Louisiana.
            found += [a for a in named(child, actor_at) if a.kind == ActorKind.place]
        elif child.dep_ == "conj":
            # "in Brazoria, Galveston and Harris counties in Texas": the place on the
            # last conjunct is where each of them is (a chain: no step deeper).
            found += places_within(child, actor_at, depth)
        elif child.dep_ == "prep" and child.lower_ == "of" and _listed(pobj, "place_nouns"):
            # "near their hometown of Grants": the town is the place named.
            for inner in (c for c in child.children if c.dep_ == "pobj"):
                found += [a for a in named(inner, actor_at) if a.kind == ActorKind.place]
        elif child.dep_ == "prep" and child.lower_ in words()["location_prepositions"]:
            for inner in (c for c in child.children if c.dep_ == "pobj"):
                places = [a for a in named(inner, actor_at) if a.kind == ActorKind.place]
                if not places and depth > 1 and inner.i not in actor_at:
                    places = places_within(inner, actor_at, depth - 1)
                found += places
    return found


def _place(actor: TokenActor | None) -> bool:
    return actor is not None and actor.kind == ActorKind.place


def represented(pobj: Token, context: Context) -> list[TokenActor]:
    """Those a phrase says an event was done for or at the word of ("on behalf of
    Acme", "at the invitation of NASA's chief"): they take part in it (`inferred`)."""
    if not _listed(pobj, "represented_nouns"):
        return []
    found: list[TokenActor] = []
    for child in pobj.children:
        if child.dep_ == "poss":
            found += named(child, context.actor_at)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for owner in (c for c in child.children if c.dep_ == "pobj"):
                found += named(owner, context.actor_at) or [
                    a for a, _ in behind(owner, Role.participant, context)
                ]
    return [inferred(a, phrase(pobj, pobj)) if a.basis != "inferred" else a for a in found]


def places_on(noun: Token, actor_at: Mapping[int, TokenActor]) -> list[TokenActor]:
    """Places a preposition of place on a person the clause names puts the event at
    ("born Phoebe Moses in Willowdell", "arrested Smith in Paris"): the parse hangs
    the clause's place on the name. A place on a thing ("struck a convoy near Kirkuk")
    is where the thing is, and a place before the name ("Chicago lawyer Smith") where
    the person is from: neither is where the event was."""
    if not any(a.kind == ActorKind.person for a in named(noun, actor_at)):
        return []  # "struck a convoy near Kirkuk": where the convoy was, not the strike
    found: list[TokenActor] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in words()["location_prepositions"]:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                places = [a for a in named(pobj, actor_at) if a.kind == ActorKind.place]
                found += places or places_within(pobj, actor_at)
    return found


def argument(
    token: Token, role: Role, context: Context, compounds: bool = False, through: bool = True
) -> list[tuple[TokenActor, Role]]:
    """The actors of one argument of a verb in `role`: those it names; else, for an
    event noun, that noun's own arguments ("The acquisition of X by Y closed": Y and X,
    in their roles in the acquisition, or as participants when the verb has a doer of
    its own, with `through` False); else those behind it (`behind`)."""
    actors = named(token, context.actor_at, compounds)
    if actors:
        return [(a, role) for a in actors]
    antecedent = relative_antecedent(token)
    if antecedent is not None:
        # "Mason, who headed the agency": the relative pronoun is its antecedent.
        found = named(antecedent, context.actor_at)
        if not found and antecedent.dep_ == "appos":
            # "Oswald, the man who had assassinated Kennedy": the man is Oswald.
            found = named(antecedent.head, context.actor_at)
        return [(_through(a, "resolved", token.text), role) for a in found]
    if is_nominal(token):
        inner = nominal(token, context)
        if through:
            return inner
        return [(a, Role.participant if r != Role.location else r) for a, r in inner]
    return behind(token, role, context)


#: Dashes that end a dateline ("OSLO, Norway —", "MILAN (AP) -", AP wire style "_").
_DASHES = frozenset({"\u2014", "\u2013", "-", "--", "\u2015", "\u2212", "_"})
#: Every character of those dashes: a text holding none of them holds none of the dashes.
_DASH_CHARACTERS = frozenset("".join(_DASHES))


def dateline(sentence: Span, limit: int = 12) -> set[int]:
    """Token indices of a dateline that opens the sentence: capitalised words, commas
    and an agency in parentheses, with no verb, before a dash ("OSLO, Norway —",
    "MILAN, Italy (AP) -", "WASHINGTON (Reuters) --"). To tell it from a name followed
    by an aside ("Putin — a former spy — said"), the words before the dash must hold a
    word in capitals, a comma or a parenthesis."""
    opening = sentence[:limit]
    if not any(c in span_text(opening) for c in _DASH_CHARACTERS):
        return set()  # no dash in the opening words: no dateline (read for every event)
    for position, token in enumerate(opening):
        if token.text not in _DASHES or _party_hyphen(token):
            continue
        before = sentence[:position]
        if not before:
            return set()
        shaped = True
        for word in before:
            if word.is_punct or word.is_space:
                continue
            if word.pos_ in ("VERB", "AUX") or not (word.text[:1].isupper() or word.is_digit):
                shaped = False
                break
        marked = any(
            (w.is_upper and len(w.text) > 1 and w.is_alpha) or w.text in (",", "(") for w in before
        )
        # a dash inside brackets joins two dates ("Ann Lee (May 5, 1878 -- 1954)"): a
        # dateline closes its agency's bracket before the dash
        opened = sum(w.text == "(" for w in before) - sum(w.text == ")" for w in before)
        if shaped and marked and opened <= 0:
            return {t.i for t in before}
        return set()
    return set()


def _party_hyphen(dash: Token) -> bool:
    """A hyphen inside a word whose first part is one capital letter ("Sen. Jake Garn,
    R-Utah, said"): a party and a state, not the dash that ends a dateline."""
    if dash.i == 0 or dash.i + 1 >= len(dash.doc):
        return False
    before = dash.doc[dash.i - 1]
    return (
        not before.whitespace_
        and not dash.whitespace_
        and len(before.text) == 1
        and before.text.isupper()
    )


def strongest(
    first: Sequence[Participant], second: Sequence[Participant]
) -> tuple[Participant, ...]:
    """The participants of two mentions of one event: each actor once, in first-seen
    order, through its strongest link ("Acme said" after "its shares fell": stated)."""
    kept: dict[str, Participant] = {}
    for participant in (*first, *second):
        held = kept.get(participant.actor)
        if held is None or stronger(participant.basis, held.basis):
            kept[participant.actor] = participant
    return tuple(kept.values())
