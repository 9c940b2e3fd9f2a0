"""Relations from the words that describe a person: a role before the name, an
apposition, a copula's complement, "of"/"from"/"at" after the name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.factuality import REPORTING_VERBS
from loaders.text.relations.places import _home_noun
from loaders.text.relations.sentence import (
    _MODIFIERS,
    _demonym_places,
    _kind_type,
    _left_words,
    _of_compound,
    _places_after,
    _runs,
    _Sentence,
)
from loaders.text.relations.verbs import _subjects, _unreal
from loaders.text.token_actor import TokenActor

# -- descriptions of people ---------------------------------------------------------------


def _descriptions(s: _Sentence, head: Token) -> Iterator[Token]:
    """Nouns that describe the person at `head`: appositions either way, the
    complement of a copula, "as" after "serve"."""
    for child in head.children:
        if child.dep_ == "appos" and child.i not in s.actor_at and child.pos_ in ("NOUN", "PROPN"):
            yield child
            # "Sen. Alan Cranston, D-Calif., chairman of ...": an apposition's apposition;
            # "a jeweler and president of Vision Seattle": its conjuncts
            yield from (
                c
                for c in child.children
                if c.dep_ in ("appos", "conj") and c.i not in s.actor_at and c.pos_ == "NOUN"
            )
            yield from _coordinated_roles(s, child)
    for clause in _who_clauses(s, head):
        if clause.lemma_ in s.words.copulas and not any(c.dep_ == "neg" for c in clause.children):
            # "Smith, who is a sergeant in the Marine Corps": the relative clause's
            # complement describes the name when its subject is the relative pronoun
            yield from (
                c
                for c in clause.children
                if c.dep_ == "attr" and c.i not in s.actor_at and c.pos_ == "NOUN"
            )
    yield from _believed_roles(s, head)
    yield from _posts_held(s, head)
    if head.dep_ == "appos" and head.head.i not in s.actor_at and head.head.pos_ == "NOUN":
        yield head.head
    post = head.head
    named = post.dep_ == "oprd" and post.head.lemma_ in s.words.naming_verbs
    if head.dep_ == "compound" and named and post.i not in s.actor_at:
        yield post  # the parse reads "named Dana Kline publisher" as one noun
    if head.dep_ in ("dobj", "oprd") and head.head.lemma_ in s.words.naming_verbs:
        # "Acme named Jane Roe publisher of the Gazette": the verb's second object
        for child in head.head.children:
            if child.dep_ == "oprd" and child.i != head.i and child.i not in s.actor_at:
                yield child
    subject = head
    if head.dep_ == "appos" and head.head.i not in s.actor_at:
        subject = head.head  # "Dole's wife, Elizabeth, is a native of Salisbury"
    if subject.dep_ in ("nsubj", "nsubjpass"):
        verb = subject.head
        if verb.lemma_ in s.words.copulas:
            for child in verb.children:
                if child.dep_ in ("attr", "acomp") and child.i not in s.actor_at:
                    yield child
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                yield from (c for c in child.children if c.dep_ == "pobj")
            if child.dep_ == "oprd" and child.i not in s.actor_at:
                yield child


def _posts_held(s: _Sentence, head: Token) -> Iterator[Token]:
    """ "X, who currently holds the position of first deputy head of Y", "X took the
    post of foreign minister": the role after "the post of" describes the person, as
    an apposition would. The person is the verb's subject or a relative clause's."""
    verbs = [head.head] if head.dep_ == "nsubj" else []
    verbs += _who_clauses(s, head)
    for verb in verbs:
        if verb.lemma_.lower() not in s.words.holding_verbs or _unreal(s, verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        for post in (c for c in verb.children if c.dep_ == "dobj"):
            if post.lemma_.lower() not in s.words.post_nouns:
                continue
            for prep in (c for c in post.children if c.dep_ == "prep" and c.lower_ == "of"):
                yield from (
                    c
                    for c in prep.children
                    if c.dep_ == "pobj" and c.pos_ == "NOUN" and c.i not in s.actor_at
                )


def _who_clauses(s: _Sentence, head: Token) -> list[Token]:
    """Relative clauses about the person at `head`: "who"/"that" clauses on the name,
    and a "who" clause the parse hangs on a word inside the name's apposition that is
    no person ("Roe, former director of Acme, who holds the post of ...": "who" hangs
    on "Acme", yet an organisation is never "who"; the person is)."""
    person = s.actor(head)
    found = []
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        subjects = [c.lower_ for c in clause.children if c.dep_ == "nsubj"]
        if subjects in (["who"], ["that"]):
            found.append(clause)
    for appos in (c for c in head.children if c.dep_ == "appos" and c.i not in s.actor_at):
        for word in appos.subtree:
            owner = s.actor(word)
            if owner == person or (owner is not None and owner.kind == ActorKind.person):
                continue
            if owner is None and word.lemma_.lower() in s.words.person_nouns:
                continue
            for clause in (c for c in word.children if c.dep_ == "relcl"):
                subjects = [c.lower_ for c in clause.children if c.dep_ == "nsubj"]
                if subjects == ["who"]:
                    found.append(clause)
    return found


def _believed_roles(s: _Sentence, head: Token) -> Iterator[Token]:
    """ "X, considered by the police to be a leader of Y", "X, believed to be the head
    of Y": the role after a belief participle's "to be" describes the name. The parse
    often hangs the participle on a noun before the name ("militants, including X,
    considered ..."), so a participle right after "X," counts too."""
    doc = s.span.doc
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    after = head.i + 1
    if after + 1 < s.span.end and doc[after].text == "," and doc[after + 1].tag_ in _PAST:
        # "Roe, believed to be ...": the parse may also read the participle as a
        # verb whose subject is the name; the comma says it is not
        participles.append(doc[after + 1])
    for verb in participles:
        if verb.lemma_.lower() not in s.words.belief_verbs or _unreal(s, verb):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        for be in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be"):
            if any(c.dep_ == "neg" for c in be.children):
                continue
            yield from (
                c
                for c in be.children
                if c.dep_ == "attr" and c.i not in s.actor_at and c.pos_ == "NOUN"
            )


#: Tags of a past participle, and of the past tense the parse may mistake it for.
_PAST = frozenset({"VBN", "VBD"})


def _posted_before_name(s: _Sentence, head: Token, person: TokenActor) -> None:
    """ "said the king's nephew and envoy in Peru, Carlos Vidal": an envoy's post in
    a place, a comma, then the name; the parse often hangs the name on the place, so
    word order is read (as `_role_before_name` reads a role of an organisation)."""
    doc = s.span.doc
    start = min(i for i, a in s.actor_at.items() if a == person and i <= head.i)
    while start > s.span.start and s.actor(doc[start - 1]) == person:
        start -= 1
    if start - 2 < s.span.start or doc[start - 1].text != ",":
        return
    place = s.actor(doc[start - 2])
    if place is None or place.kind != ActorKind.place:
        return
    obj = doc[start - 2]
    while obj.head.i != obj.i and s.actor(obj.head) == place:
        obj = obj.head
    prep = obj.head
    if obj.dep_ != "pobj" or prep.lower_ not in ("in", "to"):
        return
    noun = prep.head
    envoys = [noun, *(c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN")]
    if any(w.lemma_.lower() in s.words.envoy_roles for w in envoys) and not s.hedged(
        [*_left_words(noun), noun]
    ):
        s.add(person, RelationType.LIVES_IN, place, basis="inferred")


def _posted_places(s: _Sentence, noun: Token, person: TokenActor) -> None:
    """ "Warner, a former ambassador to Switzerland", "his son and representative in
    Thailand, X": an envoy lives where he is posted (inferred). The place after "in" or
    "to" on the envoy's noun, or on the noun it is coordinated with; "the ambassador
    of Norway" names whom he represents, not where he lives."""
    envoys = [noun, *(c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN")]
    envoys = [w for w in envoys if w.lemma_.lower() in s.words.envoy_roles]
    if not envoys or s.hedged([*_left_words(noun), noun]):
        return
    for place in _places_after(s, [noun, *envoys], ("in", "to")):
        s.add(person, RelationType.LIVES_IN, place, basis="inferred")


def _shared_homes(s: _Sentence, head: Token, person: TokenActor) -> None:
    """ "Roe vanished with his father near their hometown of Tarn", "Roe and Ames flew
    back to their home in Lyon": "their" home, in the clause of a subject of two (names
    joined by "and", or a subject with a companion after "with"), is the subject's
    home: each named person there lives there (inferred). A lone subject's "their" may
    be anyone's, and gives nothing."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return
    verb = head.head
    people = [a for a, _ in s.mentions_at(head) if a.kind == ActorKind.person]
    homes = [
        t
        for t in verb.subtree
        if _home_noun(s, t)
        and t.i not in s.actor_at
        and any(c.dep_ == "poss" and c.lower_ == "their" for c in t.children)
        and _clause_of(t) == verb
    ]
    if not homes or person not in people:
        return
    if len(people) < 2 and not _companion(s, verb):
        return
    for home in homes:
        places = [a for a, _ in s.modifier_actors(home, None) if a.kind == ActorKind.place]
        places += _places_after(s, [home], ("of", "in"))
        for owner in people:
            for place in places:
                s.add(owner, RelationType.LIVES_IN, place, basis="inferred")


def _clause_of(token: Token) -> Token:
    """The verb whose clause the token is in."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _companion(s: _Sentence, verb: Token) -> bool:
    """Whether the clause names someone with its subject: "with his father", "with
    Jane Roe" (a person after "with" in the clause)."""
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "with" or _clause_of(prep) != verb:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if any(a.kind == ActorKind.person for a, _ in s.mentions_at(obj)):
                return True
            owned = any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in obj.children)
            if owned and obj.lemma_.lower() in s.words.companion_nouns:
                return True
    return False


def _coordinated_roles(s: _Sentence, noun: Token) -> Iterator[Token]:
    """Role nouns coordinated deeper in a description ("a professor at Queens College
    and honorary president of the Socialist International"): the parse may join the
    second role to the first one's object, yet both describe the name."""
    for word in noun.subtree:
        if word.dep_ != "conj" or word.pos_ != "NOUN" or word.i in s.actor_at:
            continue
        if s.role_in([word]) is None or s.actor(word.head) is None:
            continue
        up = word.head
        while up.i != noun.i and up.dep_ in ("conj", "pobj", "prep"):
            up = up.head
        if up.i == noun.i:
            yield word


def _role_before_name(s: _Sentence) -> None:
    """ "the deputy secretary of the Foreign Ministry, Datuk Ali": a role of an
    organisation, a comma, then a name; the parse often hangs the name elsewhere, yet
    the role is the name's. Not when the role describes a name before it ("Jones, the
    chairman of Acme, and Smith")."""
    runs = _runs(s)
    doc = s.span.doc
    for (target, _, end), (person, start, _) in pairwise(runs):
        if person.kind != ActorKind.person or start != end + 2 or doc[end + 1].text != ",":
            continue
        if target.kind not in (ActorKind.organization, ActorKind.place):
            continue
        obj = doc[end]
        while obj.head.i != obj.i and s.actor(obj.head) == target:
            obj = obj.head
        prep = obj.head
        if obj.dep_ != "pobj" or prep.lower_ not in s.words.holder_preps:
            continue
        noun = prep.head
        if noun.i in s.actor_at or noun.pos_ != "NOUN" or noun.i > obj.i:
            continue
        if noun.dep_ == "appos" and s.actor(noun.head) is not None:
            continue
        if any(c.dep_ == "appos" and s.actor(c) not in (None, person) for c in noun.children):
            continue
        words = [*_left_words(noun), noun, *_of_compound(noun)]
        title = None if s.hedged(words) else s.title_in(words)
        if title is None:
            continue
        role, shown = title
        kind = _kind_type(s.words.roles[role], target)
        ended = s.ended(words)
        s.add(person, kind, target, role=shown, current=not ended)
        if kind == RelationType.LEADER_OF and not ended and not _ordinal(s, words):
            s.add(person, RelationType.LIVES_IN, target, basis="inferred")


def _born_fragments(s: _Sentence) -> None:
    """ "Gerald Ford (38th President): Born July 14, 1913, in Omaha": a biography's
    subjectless "Born" after a heading that names a person; the parse has no subject
    to give, so the heading's person is taken by word order (the colon or dash that
    ends the heading, no verb and no other person between)."""
    runs = _runs(s)
    doc = s.span.doc
    for born in s.span:
        if born.lower_ != "born" or any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in born.children
        ):
            continue
        before = [r for r in runs if r[2] < born.i]
        people = [r for r in before if r[0].kind == ActorKind.person]
        if not people or people[-1] != before[-1]:
            continue
        person, _, end = people[-1]
        between = doc[end + 1 : born.i]
        if not any(t.text in (":", "):", "_", "--") for t in between):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        place = _birthplace(s, born)
        if place is not None:
            s.add(person, RelationType.LIVES_IN, place, basis="inferred")


def _born_words(s: _Sentence) -> None:
    """ "Illinois born Charlton Heston", "the Chicago-born writer Tom Reese", "Tom
    Reese, Georgia born, ...": a place, then "born", next to a person's name, whatever
    the parse makes of it (it often reads the place as the subject of "born"). Word
    order only: before the name, nothing but nouns and adjectives between "born" and
    the name; after it, the name, a comma, the place, "born", then a comma or the end."""
    runs = _runs(s)
    doc = s.span.doc
    for at, (place, _, end) in enumerate(runs):
        if place.kind != ActorKind.place:
            continue
        born = end + 1
        if born < s.span.end and doc[born].text == "-":
            born += 1
        if born >= s.span.end or doc[born].lower_ != "born":
            continue
        after = runs[at + 1] if at + 1 < len(runs) else None
        if after is not None and after[0].kind == ActorKind.person:
            between = doc[born + 1 : after[1]]
            if len(between) <= 3 and all(
                t.pos_ in ("ADJ", "NOUN") or t.lower_ in s.words.honorifics for t in between
            ):
                s.add(after[0], RelationType.LIVES_IN, place, basis="inferred")
                continue
        before = runs[at - 1] if at else None
        closes = born + 1 >= s.span.end or doc[born + 1].text in (",", ".", ";")
        if before is None or before[0].kind != ActorKind.person or not closes:
            continue
        if before[2] + 2 == runs[at][1] and doc[before[2] + 1].text == ",":
            s.add(before[0], RelationType.LIVES_IN, place, basis="inferred")


def _spokespeople(s: _Sentence, head: Token, person: TokenActor) -> None:
    """ "Acme will cut 300 jobs, spokeswoman Jane Roe said", "The Coast Guard rescued
    seven people, said station chief Kenneth Compton", "..., said Linda Schmitt, an
    assistant product manager": a speaker whose role names no employer, telling what
    an organisation (the reported clause's subject) does, speaks for it: works for it
    (inferred). Only a role an organisation employs (data/relations.yaml `roles`:
    works for or head of), unhedged."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS:
        return
    if any(c.dep_ == "neg" for c in verb.children):
        return
    roles = []
    before = [w for w in _left_words(head) if s.actor_at.get(w.i) != person]
    if before and not s.modifier_actors(head, person):
        roles.append(before)
    for noun in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        # "a spokeswoman for the union", "the union's spokeswoman": the role names
        # its holder, an actor or not
        holder = any(
            (c.dep_ == "prep" and c.lower_ in s.words.role_preps) or c.dep_ == "poss"
            for c in noun.children
        )
        if not holder:
            roles.append([*_left_words(noun), noun])
    shown = None
    for words in roles:
        title = None if s.hedged(words) else s.title_in(words)
        if title is not None and set(s.words.roles[title[0]].values()) & _EMPLOYED:
            shown = title[1]
            break
    if shown is None:
        return
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            for body, _ in s.mentions_at(subject):
                if body.kind == ActorKind.organization:
                    s.add(person, RelationType.WORKS_FOR, body, role=shown, basis="inferred")


#: The relation types of a role that an organisation employs someone in.
_EMPLOYED = frozenset({RelationType.WORKS_FOR, RelationType.HEAD_OF})


def _legislators(s: _Sentence) -> None:
    """ "Sen. Strom Thurmond ... said Americans look to the Congress": a legislator's
    title before a name and, in the same sentence, a body that title sits in
    (data/relations.yaml `legislator_bodies`): a seat there (member of, inferred;
    "former Sen." ended). The body must be named alone, not a committee of it."""
    runs = _runs(s)
    doc = s.span.doc
    bodies = [
        (actor, _body_name(actor.name))
        for actor, _, _ in runs
        if actor.kind == ActorKind.organization
    ]
    if not bodies:
        return
    for person, start, _ in runs:
        if person.kind != ActorKind.person or start <= s.span.start:
            continue
        title = doc[start - 1]
        seats = s.words.legislator_bodies.get(title.lower_)
        if seats is None:
            continue
        before = list(doc[max(s.span.start, start - 3) : start])
        for body, name in bodies:
            if name in seats or any(name.startswith(f"{seat} of ") for seat in seats):
                s.add(
                    person,
                    RelationType.MEMBER_OF,
                    body,
                    role=title.text,
                    basis="inferred",
                    current=not s.ended(before),
                )


def _body_name(name: str) -> str:
    """An organisation's name as a legislature's: lower case, without a leading
    article or "U.S." ("the U.S. Senate" is the Senate)."""
    words = name.lower().split()
    while words and words[0] in ("the", "u.s.", "us"):
        words = words[1:]
    return " ".join(words)


def _birthplace(s: _Sentence, born: Token) -> TokenActor | None:
    """The first place after an "in" that follows "born", through the nouns of the
    phrase ("in a one-room log cabin in Hodgenville"), before the clause ends."""
    doc = s.span.doc
    inside = False
    phrase = ("DET", "ADJ", "NOUN", "NUM", "ADP")
    for token in doc[born.i + 1 : s.span.end]:
        actor = s.actor(token)
        if inside and actor is not None:
            return actor if actor.kind == ActorKind.place else None
        if token.lower_ == "in":
            inside = True
            continue
        ended = token.pos_ in ("VERB", "AUX") or token.text in (";", ".", ":")
        if ended or (inside and token.pos_ not in phrase and token.text not in ("-", ",")):
            return None
    return None


def _described_targets(
    s: _Sentence, noun: Token, own: TokenActor
) -> list[tuple[TokenActor, Token]]:
    """Actors a description names: in its modifiers ("the Acme chairman", "Y's chief"),
    after of/for/at/with/to ("chief executive of Y"), and in the noun phrase there
    ("chairman of the Montgomery County House delegation")."""
    found = s.modifier_actors(noun, own)
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in s.words.role_preps:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            mentions = s.mentions_at(obj)
            for appos in (c for c in obj.children if c.dep_ == "appos"):
                mentions += s.mentions_at(appos)  # "of the opposition party, the HSLS"
            if mentions:
                found += [(a, w) for a, w in mentions if a != own]
            else:
                found += [
                    (a, w) for a, w in s.modifier_actors(obj, own) if a.kind != ActorKind.person
                ]
    return found


def _possessor_of(word: Token, head: Token) -> bool:
    """Whether `word` lies in the possessive that owns the name at `head` ("Acme's" in
    "Acme's Jane Roe"), not deeper in a compound before it."""
    for owner in (c for c in head.lefts if c.dep_ == "poss" and word in c.subtree):
        # the name right after the possessive: "Acme's rival Jane Roe" is no employee
        after = owner.right_edge.i + 1
        first = min(t.i for t in head.subtree if t.i >= after)
        return first == after and head.doc[after].pos_ == "PROPN"
    return False


def _person(s: _Sentence, head: Token, person: TokenActor) -> None:
    """Relations from the words that describe a person."""
    before = [w for w in _left_words(head) if s.actor_at.get(w.i) != person]
    title = None if s.hedged(before) else s.title_in(before)
    role, shown = title if title else (None, None)
    ended = s.ended(before)
    types = s.words.roles.get(role or "", {})
    trades = s.words.person_nouns | s.words.trade_nouns
    occupation = next((w for w in before if w.lemma_.lower() in trades), None)
    for target, word in s.modifier_actors(head, person) + _demonym_places(s, before):
        kind = _kind_type(types, target)
        if kind is not None and target.kind == ActorKind.place and not _owns_place(s, word, head):
            # "Rochester teacher union leader X": he leads the union, not the city;
            # the place is where the union is, and he with it (inferred)
            s.add(person, RelationType.LIVES_IN, target, basis="inferred")
            continue
        employer = target.kind == ActorKind.organization and kind is None and role is None
        if employer and occupation is not None and word.i < occupation.i:
            # "striking Eastern Airlines pilot John Paul Rosser"
            s.add(
                person,
                RelationType.WORKS_FOR,
                target,
                role=occupation.text,
                basis="inferred",
                current=not ended,
            )
        if employer and occupation is None and _possessor_of(word, head):
            # "Goldman's Lloyd Blankfein", "the NRC's Jane Roe": an organisation owning a
            # bare name speaks of one of its people (a family name such as "Kennedy's
            # John" is a person, not an organisation, and gives nothing)
            s.add(person, RelationType.WORKS_FOR, target, basis="inferred", current=not ended)
        s.add(person, kind, target, role=shown, current=not ended)
        if target.kind == ActorKind.place and _owns_place(s, word, head):
            # "Haitian President Aristide", "Soviet premier Mikoyan": the place is theirs
            s.add(person, RelationType.LIVES_IN, target, basis="inferred")
    party = s.actor(head.head) if head.dep_ == "poss" else None
    if party is not None and party.kind == ActorKind.organization:
        last = party.name.lower().split()[-1:]
        if last and last[0] in s.words.member_bodies:
            # "Prime Minister Mulroney's Progressive Conservative Party": their party
            s.add(person, RelationType.MEMBER_OF, party, basis="inferred")
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in (*s.words.place_preps, "at", "with"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            targets = [t for t, _ in s.mentions_at(obj)]
            unit = obj.lemma_.lower() in s.words.unit_nouns and prep.lower_ != "from"
            if not targets and (role is not None or unit):
                # "Spokesman Dietmar Kanzer of the smaller Rollei company", "Stephanie
                # Powell, of the agency's division of groundwater": a unit of the employer
                targets = [
                    t for t, _ in s.modifier_actors(obj, person) if t.kind == ActorKind.organization
                ]
            for target in targets:
                kind = _kind_type(types, target)
                if kind is None and prep.lower_ in ("at", "with"):
                    # "Fang Kaitai at the Institute of Applied Mathematics"
                    if target.kind == ActorKind.organization:
                        s.add(person, RelationType.WORKS_FOR, target, basis="inferred")
                    continue
                if kind is None and prep.lower_ == "of":
                    # "Todd Kimberlain of the National Hurricane Center", "Gonzalez of Spain"
                    kind = {
                        ActorKind.organization: RelationType.WORKS_FOR,
                        ActorKind.place: RelationType.LIVES_IN,
                    }.get(target.kind)
                    s.add(person, kind, target, basis="inferred", current=not ended)
                    continue
                s.add(person, kind, target, role=shown, current=not ended)
                if target.kind == ActorKind.place and prep.lower_ in ("of", "from"):
                    s.add(person, RelationType.LIVES_IN, target, basis="inferred")
    _shared_homes(s, head, person)
    _posted_before_name(s, head, person)
    for noun in _descriptions(s, head):
        _posted_places(s, noun, person)
        words = [*_left_words(noun), noun]
        title = None if s.hedged(words) else s.title_in([*words, *_of_compound(noun)])
        role, shown = title if title else (None, None)
        if role is None:
            # "Richard Taylor, an Atlanta architect", "Libya's deputy ambassador, X"
            for target, word in s.modifier_actors(noun, person):
                if target.kind == ActorKind.place and _owns_place(s, word, noun):
                    s.add(person, RelationType.LIVES_IN, target, basis="inferred")
                occupation = noun.lemma_.lower() in s.words.person_nouns
                if occupation and target.kind == ActorKind.organization and word.i < noun.i:
                    # "Daniel Dewey, another former CBOT trader": as "CBOT trader Dewey"
                    s.add(
                        person,
                        RelationType.WORKS_FOR,
                        target,
                        role=noun.text,
                        basis="inferred",
                        current=not s.ended(words),
                    )
            _affiliation(s, noun, person, words)
            continue
        ended = s.ended(words)
        if not s.hedged(words):
            for place in _places_after(s, [noun], ("from",)):
                # "Paul Ober, a lawyer from Dallas": as "a Republican from Chicago"
                s.add(person, RelationType.LIVES_IN, place, basis="inferred")
        targets = _described_targets(s, noun, person)
        if not targets and noun.dep_ == "conj":
            # "a jeweler and president of Vision Seattle": "of" hangs on "jeweler"
            targets = _described_targets(s, noun.head, person)
        for target, word in targets:
            kind = _kind_type(s.words.roles[role], target)
            s.add(person, kind, target, role=shown, current=not ended)
            owned = target.kind == ActorKind.place and _owns_place(s, word, noun)
            sitting = kind == RelationType.LEADER_OF and not ended and not _ordinal(s, words)
            if owned or sitting:
                # "Louisiana's governor, Buddy Roemer", "X, the mayor of Y": a place's
                # sitting leader lives there (inferred); "the 34th president" is one of
                # a line, told for history, not where someone lives
                s.add(person, RelationType.LIVES_IN, target, basis="inferred")


def _affiliation(s: _Sentence, noun: Token, person: TokenActor, words: list[Token]) -> None:
    """ "Gary Heichel, a plant physiologist with the USDA", "a research fellow at the
    Institute": a description at or with an organisation is a job there (inferred;
    the description is kept as the role)."""
    if noun.pos_ not in ("NOUN", "PROPN") or s.hedged(words):
        return
    for place in _places_after(s, [noun], ("from",)):
        # "David Cicippio, an electronics technician from North Wales", "a Republican
        # from Chicago": where a person is from is where they live (or lived)
        s.add(person, RelationType.LIVES_IN, place, basis="inferred")
    if noun.pos_ != "NOUN":
        return
    if noun.lemma_.lower() in s.words.person_nouns:
        # "Hua Lin, a famous opera singer in Shanghai", "a lawyer in Dallas": an
        # occupation plied in a place is where the person lives (inferred)
        for place in _places_after(s, [noun], ("in",)):
            s.add(person, RelationType.LIVES_IN, place, basis="inferred")
    if noun.lemma_.lower() in s.words.ranks:
        # "Smith, who is a major in the Marine Corps": a rank in a force is a post
        # in it (the noun, not an adjective: "a major shareholder" is no rank)
        for target in _orgs_after(s, noun, tuple(s.words.role_preps)):
            s.add(person, RelationType.MEMBER_OF, target, role=noun.text, basis="inferred")
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "with"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for target, _ in s.mentions_at(obj):
                if target.kind == ActorKind.organization:
                    role = " ".join(w.text for w in words if w.pos_ in ("NOUN", "ADJ"))
                    s.add(
                        person,
                        RelationType.WORKS_FOR,
                        target,
                        role=role[:200] or None,
                        basis="inferred",
                        current=not s.ended(words),
                    )


def _ordinal(s: _Sentence, words: list[Token]) -> bool:
    """ "the 34th president", "the first mayor": a place in a line of holders."""
    return any(
        w.ent_type_ == "ORDINAL" or _NUMBERED.match(w.lower_) or w.lower_ in s.words.ordinals
        for w in words
    )


_NUMBERED = re.compile(r"^\d+(st|nd|rd|th)$")


def _orgs_after(s: _Sentence, noun: Token, preps: tuple[str, ...]) -> list[TokenActor]:
    """Organisations after one of `preps` hanging on `noun`."""
    found = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [a for a, _ in s.mentions_at(obj) if a.kind == ActorKind.organization]
    return found


def _owns_place(s: _Sentence, word: Token, noun: Token) -> bool:
    """Whether a place word before a person or role is theirs ("Soviet first deputy
    premier Mikoyan") and not another noun's ("Dallas nightclub owner Jack Ruby",
    "Phoenix newspaper reporter")."""
    if word.i >= noun.i:
        return False
    between = s.span.doc[word.i + 1 : noun.i]
    for token in between:
        if token.i in s.actor_at or token.pos_ in ("ADJ", "PUNCT", "NUM", "DET"):
            continue
        if token.lower_ in s.words.honorifics or f"{token.lower_}." in s.words.honorifics:
            continue
        if token.lemma_.lower() in s.words.person_nouns:
            continue
        plain_noun = token.pos_ in ("NOUN", "PROPN") and s.role_in([token]) is None
        if plain_noun and not _in_role_phrase(s, token, between):
            return False
    return True


def _in_role_phrase(s: _Sentence, token: Token, words: Span) -> bool:
    """ "chief" in "chief executive": a word that is part of a longer role phrase."""
    plain = [w.lower_ for w in words]
    for role in s.words.roles:
        parts = role.split()
        if token.lower_ in parts and len(parts) > 1:
            for i in range(len(plain) - len(parts) + 1):
                if plain[i : i + len(parts)] == parts:
                    return True
    return False


def _allies(s: _Sentence, head: Token, person: TokenActor) -> None:
    """ "Putin backed his long-time ally Assad": the verb's subject is the ally's."""
    if head.dep_ not in ("dobj", "pobj", "appos"):
        return
    nouns = [head.head] if head.dep_ == "appos" else []
    nouns += [w for w in head.lefts if w.dep_ in _MODIFIERS]
    if not any(n.lemma_ == "ally" for n in nouns):
        return
    verb = head.head if head.dep_ == "dobj" else head.head.head
    for subject, _ in _subjects(s, verb):
        s.add(subject, RelationType.ALLY_OF, person, role="ally")
