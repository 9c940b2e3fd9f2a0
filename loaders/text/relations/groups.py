"""Where organisations are based when the sentence names them in groups: a located
description before a list of them ("the two main parties in Ruritania, the Green Party
and the Farmers' Union"), a place's possessive on the noun their name modifies
("Ruritania's Green (Ecology) party"), a bracketed list of the places a body joins
("the Northern Pact (Ruritania, Vesperia and Lorland)"), a branch placed by "in" ("the
Acme bureau in Kestrel"), and an acronym in brackets, which stands for the name before
it and so shares its places."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.relations.places import _place_right_after
from loaders.text.relations.sentence import _places_after, _runs, _Sentence
from loaders.text.token_actor import TokenActor

#: What may stand between a list's items inside brackets.
_LIST_GLUE = frozenset({",", "and", "or"})

#: What may stand between the names of a list of organisations.
_LIST_WORDS = _LIST_GLUE | {"the", "(", ")"}

#: Dependencies by which a name hangs on the common noun that says what it is
#: ("Ettahadi party", "the Green (Ecology) party").
_NAME_ON_NOUN = ("compound", "nmod", "amod", "appos")


def group_readings(s: _Sentence) -> None:
    """The readings that do not depend on other relations (see the module doc)."""
    _located_groups(s)
    _possessed_groups(s)
    _bracketed_places(s)
    _branches(s)


def _org_heads(s: _Sentence) -> list[tuple[Token, TokenActor]]:
    return [(s.span.doc[i], a) for i, a in s.heads.items() if a.kind == ActorKind.organization]


def _group_noun(s: _Sentence, token: Token) -> bool:
    return (
        token.pos_ == "NOUN"
        and token.i not in s.actor_at
        and token.lemma_.lower() in s.words.group_nouns
        and token.lemma_.lower() not in s.words.posts_abroad
    )


def _located_groups(s: _Sentence) -> None:
    """ "the two main parties in Ruritania, the Green Party and the Farmers' Union",
    "Ruritania's largest banks, Acme Bank and ...": a noun naming organisations of a
    kind, placed by "in" or by a place's possessive, then a comma and the names: each
    name (with the names joined to it by "and") is based in that place (inferred). By
    word order, since the parse often makes the names a new subject."""
    doc = s.span.doc
    runs = _runs(s)
    starting = {start: actor for actor, start, _ in runs}
    for noun in s.span:
        if not _group_noun(s, noun):
            continue
        places = [a for c in noun.lefts if c.dep_ == "poss" for a, _ in s.mentions_at(c)]
        end = noun.i
        after = _place_in_after(s, noun)
        if after is not None:
            place, end = after
            places.append(place)
        places = [p for p in places if p.kind == ActorKind.place]
        if not places:
            continue
        at = end + 1
        if at >= s.span.end or doc[at].text != ",":
            continue
        at += 1
        while at < s.span.end and doc[at].pos_ == "DET" and at not in starting:
            at += 1
        first = starting.get(at)
        if first is None or first.kind != ActorKind.organization:
            continue
        for org in _with_conjuncts(s, first, at):
            for place in places:
                s.add(org, RelationType.BASED_IN, place, basis="inferred")


def _place_in_after(s: _Sentence, noun: Token) -> tuple[TokenActor, int] | None:
    """The place of "parties in northern Ruritania" right after the noun, by word order:
    "in", then only determiners or compass words, then a place; with the place's last
    token."""
    doc = s.span.doc
    at = noun.i + 1
    if at >= s.span.end or doc[at].lower_ != "in":
        return None
    for token in doc[at + 1 : min(at + 4, s.span.end)]:
        actor = s.actor(token)
        if actor is not None:
            if actor.kind != ActorKind.place:
                return None
            end = token.i
            while end + 1 < s.span.end and s.actor(doc[end + 1]) == actor:
                end += 1
            return actor, end
        if token.pos_ != "DET" and token.lower_ not in s.words.compass:
            return None
    return None


def _with_conjuncts(s: _Sentence, org: TokenActor, start: int) -> list[TokenActor]:
    """The organisation whose mention starts at `start` and the organisations listed
    after it: joined to it by "and"/"or" in the parse, or by word order through commas,
    "and", "or", articles and bracketed acronyms ("the Green Party (GP), the Farmers'
    Union and the Left Bloc")."""
    doc = s.span.doc
    token = doc[start]
    while s.actor(token.head) == org and token.head.i != token.i:
        token = token.head
    found = {org.id: org}
    for conj in s._conjuncts(token):
        actor = s.actor(conj)
        if actor is not None and actor.kind == ActorKind.organization:
            found.setdefault(actor.id, actor)
    runs = _runs(s)
    at = next(n for n, (_, first, _) in enumerate(runs) if first == start)
    for (_, _, end), (actor, first, _) in pairwise(runs[at:]):
        if any(t.lower_ not in _LIST_WORDS for t in doc[end + 1 : first]):
            break
        if actor.kind != ActorKind.organization:
            break
        found.setdefault(actor.id, actor)
    return list(found.values())


def _possessed_groups(s: _Sentence) -> None:
    """ "Ruritania's Green (Ecology) party", "Vesperia's Kronbank bank": the name hangs
    on a common noun of its kind, and a place owns that noun: the place owns the body
    (inferred). Not a post abroad ("Ruritania's Oslo embassy" is in Norway)."""
    for head, org in _org_heads(s):
        first = min(w.i for w in s.mention_tokens(head))
        token = head
        for _ in range(3):
            if token.dep_ not in _NAME_ON_NOUN or token.head.i == token.i:
                break
            token = token.head
            if token.i in s.actor_at and s.actor(token) != org:
                break
            if not _group_noun(s, token):
                continue
            for child in token.lefts:
                # the owner before the name: in "between Acme, Bolt and Ruritania's
                # Kronbank firm" the parse may hang Acme on "firm" too
                if child.dep_ != "poss" or child.i > first:
                    continue
                for place, _ in s.mentions_at(child):
                    if place.kind == ActorKind.place:
                        s.add(org, RelationType.BASED_IN, place, basis="inferred")
            break


def _bracketed_places(s: _Sentence) -> None:
    """ "the Northern Pact (Ruritania, Vesperia and Lorland)": an organisation, then
    brackets that hold nothing but places in a list: the places it is made of, so based
    in each (inferred)."""
    doc = s.span.doc
    runs = _runs(s)
    for n, (org, _, end) in enumerate(runs):
        if org.kind != ActorKind.organization or end + 2 >= s.span.end:
            continue
        if doc[end + 1].text != "(":
            continue
        places: list[TokenActor] = []
        at = end + 2
        for actor, start, last in runs[n + 1 :]:
            gap = [t.lower_ for t in doc[at:start]]
            if any(w not in _LIST_GLUE for w in gap) or actor.kind != ActorKind.place:
                break
            places.append(actor)
            at = last + 1
        if places and at < s.span.end and doc[at].text == ")":
            for place in places:
                s.add(org, RelationType.BASED_IN, place, basis="inferred")


def _branches(s: _Sentence) -> None:
    """ "the Acme bureau in Kestrel", "a Bolt store in Vesper", "the bank's office in
    Kestrel": a branch named after the organisation and placed by "in" puts the
    organisation there (inferred): it is based there, if not only there. A place before
    the noun ("Acme's Kestrel office") is left to the seat reading, which keeps it out."""
    for head, org in _org_heads(s):
        noun = head
        while noun.dep_ in ("compound", "nmod", "amod") and noun.head.i != noun.i:
            noun = noun.head  # "the Acme news bureau"
            if noun.i in s.actor_at or noun.pos_ != "NOUN":
                break
        if head.dep_ == "poss" and head.head.i not in s.actor_at:
            noun = head.head  # "the bank's office in Kestrel"
        if noun.i in s.actor_at or noun.pos_ != "NOUN" or noun.i == head.i:
            continue
        if noun.lemma_.lower() not in s.words.branch_nouns:
            continue
        targets = _places_after(s, [noun], ("in",)) or _place_right_after(s, noun)
        for place in targets:
            s.add(org, RelationType.BASED_IN, place, basis="inferred")


def _acronym(name: str) -> bool:
    """ "BSP", "ITAR-TASS": one short word of capitals."""
    letters = name.replace("-", "").replace(".", "").replace("&", "")
    return " " not in name and 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _named_by(s: _Sentence, token: Token, name: TokenActor) -> bool:
    """Whether the first name above `token` in the parse, through words that name no
    actor ("the Ruritanian Socialist (formerly Communist) Party (RSP)": RSP hangs on
    "Party", which hangs on the cut name), is `name`."""
    for _ in range(3):
        if token.head.i == token.i:
            return False
        token = token.head
        actor = s.actor(token)
        if actor is not None:
            return actor == name
    return False


def acronym_copies(s: _Sentence) -> None:
    """ "the Ruritanian Socialist Party (RSP)", "RSP (Ruritanian Socialist Party)": an
    acronym in brackets names the same body as the name next to it, so it is based
    where that name is (inferred), both ways. Run after the other readings."""
    doc = s.span.doc
    runs = _runs(s)
    pairs: list[tuple[TokenActor, TokenActor]] = []
    for n, (actor, start, end) in enumerate(runs):
        if actor.kind != ActorKind.organization:
            continue
        if start - 1 < s.span.start or end + 1 >= s.span.end:
            continue
        if doc[start - 1].text != "(" or doc[end + 1].text != ")" or n == 0:
            continue
        before, _, last = runs[n - 1]
        if before.kind != ActorKind.organization or before == actor:
            continue
        if _acronym(actor.name) == _acronym(before.name):
            continue
        adjacent = last == start - 2
        apposed = _named_by(s, doc[start], before)
        if adjacent or apposed:
            pairs.append((before, actor))
    for one, other in pairs:
        for draft in list(s.found.values()):
            if draft.type not in (RelationType.BASED_IN, RelationType.LOCATED_IN):
                continue
            if draft.source == one:
                s.add(other, draft.type, draft.target, basis="inferred")
            elif draft.source == other:
                s.add(one, draft.type, draft.target, basis="inferred")
