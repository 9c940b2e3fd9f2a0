"""Where organisations are based and places lie: modifiers and "of"/"in" after a
name, "Z-based Y", "City, Region" commas, "the province of X", homes, names that
hold a place; and the joins that carry a relation up to the region a city is in."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from spacy.tokens import Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.demonyms import demonyms
from loaders.text.gazetteer import place_evidence
from loaders.text.relations.inside import place_held_in
from loaders.text.relations.sentence import (
    _MODIFIERS,
    _demonym_places,
    _left_words,
    _places_after,
    _runs,
    _Sentence,
)
from loaders.text.relations.verbs import _subjects
from loaders.text.token_actor import TokenActor

# -- organisations and places -------------------------------------------------------------


def _organization(s: _Sentence, head: Token, org: TokenActor) -> None:
    """An organisation's place: before it ("Tokyo MAINICHI SHIMBUN", "a Hong Kong
    firm"), after of/in ("Corp. of Pittsburgh"), in an apposition about it."""
    for target, word in s.modifier_actors(head, org):
        if target.kind == ActorKind.place and word.i < head.i:
            s.add(org, RelationType.BASED_IN, target, basis="inferred")
    for child in head.lefts:
        if child.dep_ == "poss":
            # "Harvard University's John F. Kennedy School of Government"
            for target, _ in s.mentions_at(child):
                if target.kind == ActorKind.organization:
                    s.add(org, RelationType.PART_OF, target)
                elif target.kind == ActorKind.place:
                    # "Algeria's ruling party", "Japan's Sony": the place owns the name
                    s.add(org, RelationType.BASED_IN, target, basis="inferred")
    appositions = [c for c in head.children if c.dep_ == "appos" and c.i not in s.actor_at]
    for noun in appositions:
        for target, _ in s.modifier_actors(noun, org):
            if target.kind == ActorKind.place:
                s.add(org, RelationType.BASED_IN, target, basis="inferred")
    for target in _places_after(s, [*s.mention_tokens(head), *appositions], ("of", "in")):
        s.add(org, RelationType.BASED_IN, target)
    for target in _places_after(s, s.mention_tokens(head), ("at",)):
        # "State University of New York at Albany": "at" hanging on the name itself
        # (not on a verb: "spoke at Harvard in Boston" says where someone spoke)
        s.add(org, RelationType.BASED_IN, target, basis="inferred")
    seat = head.head
    if head.dep_ in ("compound", "poss") and seat.lemma_.lower() in s.words.seat_nouns:
        # "NRC headquarters in nearby Rockville", "the bank's head office in Osaka"
        targets = _places_after(s, [seat], ("in", "at")) or _place_right_after(s, seat)
        for target in targets:
            s.add(org, RelationType.BASED_IN, target)


def _seat_modifiers(s: _Sentence) -> None:
    """ "the NRC's Rockville, Md., headquarters", "the Denver headquarters of the Sierra
    Club": a place before a main seat noun whose owner is an organisation, by its
    possessive or "of", is where that organisation is based; a branch ("the Trust's
    Lisbon office") is not its seat."""
    doc = s.span.doc
    for seat in s.span:
        if seat.i in s.actor_at:
            continue
        phrase = f"{doc[seat.i - 1].lower_} {seat.lower_}" if seat.i > s.span.start else ""
        if seat.lower_ not in s.words.main_seats and phrase not in s.words.main_seats:
            continue
        owners = [
            a
            for c in seat.lefts
            if c.dep_ == "poss"
            for a, _ in s.mentions_at(c)
            if a.kind == ActorKind.organization
        ]
        for prep in (c for c in seat.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                owners += [a for a, _ in s.mentions_at(obj) if a.kind == ActorKind.organization]
        if not owners:
            continue
        places = {
            a.id: a
            for c in seat.lefts
            if c.dep_ in ("compound", "nmod")
            for w in c.subtree
            if (a := s.actor(w)) is not None and a.kind == ActorKind.place
        }
        for owner in owners:
            for place in places.values():
                s.add(owner, RelationType.BASED_IN, place)


def _place_right_after(s: _Sentence, noun: Token) -> list[TokenActor]:
    """The place of "headquarters in nearby Rockville" by word order, when the parse
    hangs the "in" elsewhere: "in", then only adjectives, determiners or compass
    words, then a place."""
    doc = s.span.doc
    at = noun.i + 1
    if at >= s.span.end or doc[at].lower_ not in ("in", "at"):
        return []
    for token in doc[at + 1 : min(at + 4, s.span.end)]:
        actor = s.actor(token)
        if actor is not None:
            return [actor] if actor.kind == ActorKind.place else []
        if token.pos_ not in ("ADJ", "DET") and token.lower_ not in s.words.compass:
            return []
    return []


def _place_descriptions(s: _Sentence, head: Token) -> list[Token]:
    """Nouns in apposition that say what kind of place a name is ("Cuenca, the third
    city in Ecuador", "Mount Blanc, Western Europe's highest peak", "Port Nolloth, one
    of the few towns in South Africa")."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.i not in s.actor_at]
    if head.dep_ == "appos" and head.head.i not in s.actor_at:
        nouns.append(head.head)  # "One of China's major provinces, Anhui"
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_.lower() in s.words.copulas:
        # "Ontario is a province of Canada", "Bavaria is the largest of Germany's
        # states": what the place is said to be describes it as an apposition does
        nouns += [c for c in verb.children if c.dep_ == "attr" and c.i not in s.actor_at]
    found = []
    for noun in nouns:
        if noun.lower_ == "one" or noun.tag_ == "JJS":
            # "one of X's provinces", "the largest of X's republics": one among them
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                found += [c for c in prep.children if c.dep_ == "pobj"]
        else:
            found.append(noun)
    return [n for n in found if n.pos_ == "NOUN" and n.lemma_.lower() in s.words.place_kinds]


def _place(s: _Sentence, head: Token, place: TokenActor) -> None:
    """A place in another: "Haifa in northern Israel", "Serbia's Kosovo", "Cuenca, the
    third city in Ecuador"."""
    for noun in _place_descriptions(s, head):
        outer = [a for a, _ in s.modifier_actors(noun, place) if a.kind == ActorKind.place]
        outer += _places_after(s, [noun], ("in", "of"))
        for target in outer:
            # "Madagascar, an island nation in the Indian Ocean": a country lies in
            # what its description names when that is no country
            if target != place and not (_is_country(place) and _is_country(target)):
                s.add(place, RelationType.LOCATED_IN, target)
    for target in _places_after(s, s.mention_tokens(head), ("in",)):
        if target != place and not _is_country(place):
            s.add(place, RelationType.LOCATED_IN, target)
            for other in _listed_with(s, head):
                # "Brazoria, Galveston and Harris counties in southeast Texas": the
                # parse hangs "in" on the last item, yet it places the whole list
                if other != target and not _is_country(other):
                    s.add(other, RelationType.LOCATED_IN, target, basis="inferred")
    for child in head.lefts:
        if child.dep_ == "poss":
            for target, _ in s.mentions_at(child):
                if target.kind == ActorKind.place and target != place and not _is_country(place):
                    s.add(place, RelationType.LOCATED_IN, target)


def _listed_with(s: _Sentence, head: Token) -> list[TokenActor]:
    """The other items of a list of places that `head` is in ("Brazoria, Galveston and
    Harris"), when each item is a place and the "in" after `head` follows them all:
    the parse hangs it on the first or the last item, yet it places the whole list."""
    first = head
    while first.dep_ == "conj" and s.actor(first.head) is not None:
        first = first.head
    items = [first, *s._conjuncts(first)]
    if len(items) < 2:
        return []
    last = max(w.i for w in items)
    if not any(c.dep_ == "prep" and c.lower_ == "in" and c.i > last for c in head.children):
        return []
    actors = [s.actor(w) for w in items]
    if any(a is None or a.kind != ActorKind.place for a in actors):
        return []
    own = [w for w in items if w.i != head.i and _places_after(s, s.mention_tokens(w), ("in",))]
    if own:
        return []  # "A in X, B in Y and C in Z": each item has its own place
    return [a for a in actors if a is not None and a != s.actor(head)]


def _counted_places(s: _Sentence) -> None:
    """ "Brazoria, Galveston and Matagorda counties in southeast Texas": places named
    before a plural place noun lie where the noun's "in" says."""
    for token in s.span:
        if token.lemma_.lower() not in s.words.place_nouns or token.i in s.actor_at:
            continue
        inner = [a for a, _ in s.modifier_actors(token, None) if a.kind == ActorKind.place]
        if not inner:
            continue
        for outer in _places_after(s, [token], ("in",)):
            for place in inner:
                if place != outer and not _is_country(place):
                    s.add(place, RelationType.LOCATED_IN, outer)


def _listed_before_noun(s: _Sentence) -> None:
    """ "throughout Brazoria, Fort Bend, Galveston and southern Harris Counties in
    southeast Texas": a plural place noun right after a list of names, then "in" and a
    place, places every item of the list that is a place (inferred), by word order:
    the parse hangs such a list in many ways. Only the run of names, commas, "and",
    "or" and compass words right before the noun counts."""
    doc = s.span.doc
    for noun in s.span:
        if noun.tag_ not in ("NNS", "NNPS") or _singular(noun) not in s.words.place_nouns:
            continue
        if noun.i in s.actor_at:
            continue
        outer = _place_right_after(s, noun)
        if not outer:
            continue
        items: dict[str, TokenActor] = {}
        at = noun.i - 1
        while at >= s.span.start:
            token = doc[at]
            actor = s.actor(token)
            if actor is not None:
                if actor.kind == ActorKind.place:
                    items[actor.id] = actor
            elif token.lower_ not in (",", "and", "or") and token.lower_ not in s.words.compass:
                break
            at -= 1
        if len(items) < 2:
            continue  # one name before a plural noun is no list of places
        for place in items.values():
            if place != outer[0] and not _is_country(place):
                s.add(place, RelationType.LOCATED_IN, outer[0], basis="inferred")


def _singular(noun: Token) -> str:
    """A plural noun's singular, lower case: the tagger gives a capitalised plural
    ("Harris Counties") itself as its lemma."""
    lemma = noun.lemma_.lower()
    if noun.tag_ != "NNPS" or lemma != noun.lower_:
        return lemma
    if lemma.endswith("ies"):
        return lemma[:-3] + "y"
    return lemma[:-1] if lemma.endswith("s") else lemma


def _stacked_in(s: _Sentence) -> None:
    """ "filmed in Tokyo and Kyoto ... in Japan": a verb with two "in" phrases, places
    in the first and a region in the second, places the first inside the second
    (inferred); a country is never put in another place this way."""
    for verb in s.span:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
        for inner, outer in pairwise(preps):
            objects = [c for c in outer.children if c.dep_ == "pobj"]
            regions = [
                a
                for o in objects
                for a, w in s.mentions_at(o)
                if a.kind == ActorKind.place and _regionlike(s, a, w)
            ]
            if len(regions) != 1:
                continue
            for obj in (c for c in inner.children if c.dep_ == "pobj"):
                for place, _ in s.mentions_at(obj):
                    if place.kind == ActorKind.place and not _is_country(place):
                        s.add(place, RelationType.LOCATED_IN, regions[0], basis="inferred")


def _based(s: _Sentence) -> None:
    """ "New Orleans-based Popeyes": a place, a hyphen, "based", then the organisation."""
    for token in s.span:
        if token.lower_ != "based" or token.i < s.span.start + 2:
            continue
        if token.nbor(-1).text not in ("-", "\u2010", "\u2011"):
            continue
        place = s.actor(token.nbor(-2))
        if place is None or place.kind != ActorKind.place:
            continue
        noun = token.head
        while noun.i < s.span.end - 1 and noun.i not in s.actor_at and noun.dep_ in _MODIFIERS:
            noun = noun.head
        for candidate in (noun, *noun.rights):
            actor = s.actor(candidate)
            if actor is not None and actor.kind == ActorKind.organization:
                s.add(actor, RelationType.BASED_IN, place)
                break


def _regionlike(s: _Sentence, place: TokenActor, token: Token) -> bool:
    evidence = place_evidence(place.name) or ""
    first, _, rest = place.name.partition(" ")
    if not evidence and rest and first.lower() in s.words.compass:
        # "West Germany", "Northern Ireland": a compass word before a country or
        # region names a part of it, itself a region
        evidence = place_evidence(rest) or ""
    text = s.span.doc[token.i : token.i + 3].text.lower()
    return (
        any(k in evidence for k in s.words.region_evidence)
        or place.name.lower() in s.words.regions
        or any(text.startswith(r) for r in s.words.regions)
    )


def _commas(s: _Sentence) -> None:
    """ "Dayton, Ohio": a place then, after one comma, a region it is in; an
    organisation then a place is based there ("Pepperell Inc., West Point, Ga.").
    Not in a list of places ("Oklahoma, Arizona and Texas")."""
    runs = _runs(s)
    doc = s.span.doc
    starting = {start: n for n, (_, start, _) in enumerate(runs)}
    for n, (first, _, end) in enumerate(runs):
        if end + 2 >= s.span.end or doc[end + 1].text != ",":
            continue
        at = end + 2
        while at < s.span.end and at not in starting and _compass_word(s, doc[at]):
            at += 1  # "Mohammadia, south-east Algeria": a direction within the region
        m = starting.get(at)
        if m is None:
            continue
        second = runs[m][0]
        if second.kind != ActorKind.place or second == first or _in_list(s, runs, n, m):
            continue
        if first.kind == ActorKind.place:
            if _regionlike(s, second, doc[at]) and not _is_country(first):
                s.add(first, RelationType.LOCATED_IN, second)
                # "Salida and Gunnison, Colorado": both are in Colorado
                previous = runs[n - 1] if n > 0 else None
                joined = previous is not None and [
                    t.lower_ for t in doc[previous[2] + 1 : runs[n][1]]
                ] in (["and"], ["or"])
                if joined and previous[0].kind == ActorKind.place and not _is_country(previous[0]):
                    s.add(previous[0], RelationType.LOCATED_IN, second, basis="inferred")
            elif _in_city(first, second) and _ends_mention_run(s, runs, m):
                # "Howard Beach, Queens": a place the gazetteer does not know, then a
                # city it knows, nothing more: a part of that city (inferred)
                s.add(first, RelationType.LOCATED_IN, second, basis="inferred")
        elif first.kind == ActorKind.organization:
            s.add(first, RelationType.BASED_IN, second)


def _mastheads(s: _Sentence) -> None:
    """ "Moscow PRAVDA", "London THE SUNDAY TIMES": a place right before an
    organisation, nothing between, is where it is based (inferred), when the parse
    missed the compound. Not a place a preposition governs ("in Detroit General
    Motors cut jobs" may say where the cutting was)."""
    runs = _runs(s)
    doc = s.span.doc
    for (first, start, end), (second, begin, _) in pairwise(runs):
        if begin != end + 1 or first.kind != ActorKind.place:
            continue
        if second.kind != ActorKind.organization:
            continue
        if any(t.dep_ == "pobj" or t.head.dep_ == "prep" for t in doc[start : end + 1]):
            continue
        s.add(second, RelationType.BASED_IN, first, basis="inferred")


def _places_in(s: _Sentence) -> None:
    """ "Haifa in northern Israel", "Gosforth in northeast England": a place, "in",
    compass words, then a place it lies in, however the parse hangs the "in"; a
    facility before "in" is located there too ("St. Nicholas Hospital in Gosforth"),
    another organisation based there."""
    runs = _runs(s)
    doc = s.span.doc
    for (first, begin, end), (second, start, _) in pairwise(runs):
        if second.kind != ActorKind.place or first == second:
            continue
        between = list(doc[end + 1 : start])
        # "Mount Blanc, in the western Alps", "the Palace of Fine Arts, in San
        # Francisco": a comma may open the phrase, when what follows is no list of
        # places ("in Boston, in Chicago and in Denver")
        comma = bool(between) and between[0].text == ","
        if comma:
            between = between[1:]
        if not between or between[0].lower_ != "in":
            continue
        # "St. Nicholas Hospital in nearby Gosforth": "nearby" places as a compass word does
        near = s.words.compass | s.words.nearby_words
        if any(w.lower_ not in near for w in _part_phrase(s, between[1:])):
            continue
        named = _regionlike(s, second, doc[start]) or "the" in [w.lower_ for w in between]
        if comma and not named and _listed_after(s, runs, second):
            continue
        if (first.kind == ActorKind.place and not _is_country(first)) or s.facility(first):
            s.add(first, RelationType.LOCATED_IN, second)
        elif first.kind == ActorKind.organization and (
            comma
            or between[0].head.pos_ not in ("VERB", "AUX")
            or _post_held(s, between[0], doc[begin : end + 1].root)
            or _destination(doc[begin : end + 1].root)
        ):
            # "the Court of Appeals in New York City", "Cox Packing Co. in Devine": an
            # "in" that a verb does not take ("sued Acme in Paris" is where it sued)
            s.add(first, RelationType.BASED_IN, second, basis="inferred")


def _part_phrase(s: _Sentence, words: list[Token]) -> list[Token]:
    """The words between "in" and a place, less a closing part phrase: "the
    southeastern part of", "the north of" name a part of the place after "of", so
    what lies in that part lies in the place, as with "in southeastern X". Only "the",
    compass words and one part noun (or a compass noun) may come before the "of"."""
    if len(words) < 3 or words[-1].lower_ != "of" or words[0].lower_ != "the":
        return words
    part = words[-2].lower_
    if part not in s.words.part_nouns and part not in s.words.compass:
        return words
    return words[:-2]


#: Relations a verb gives its subject with the organisation it takes as object that
#: place the subject inside the organisation: a post is held where the body is.
_POSTS = frozenset({RelationType.HEAD_OF, RelationType.WORKS_FOR, RelationType.FOUNDED})


def _listed_after(s: _Sentence, runs: list[tuple[TokenActor, int, int]], place: TokenActor) -> bool:
    """Whether "and"/"or" and another place follow `place` ("Acme, in Paris and in
    Rome"): a list of where things happened, not where one thing is."""
    doc = s.span.doc
    for n, (actor, _, end) in enumerate(runs[:-1]):
        if actor != place:
            continue
        gap = [t.lower_ for t in doc[end + 1 : runs[n + 1][1]]]
        if gap[:1] in (["and"], ["or"]) or gap[:2] in ([",", "and"], [",", "in"]):
            return True
    return False


def _post_held(s: _Sentence, prep: Token, org: Token) -> bool:
    """ "who headed the Centers for Disease Control in Atlanta": the parse hangs "in"
    on the verb, yet a person heading, joining or founding a body does so where the
    body is, so the place is the organisation's (inferred). Only when the organisation
    is that verb's object; "sued Acme in Paris" or "met the Khmer Rouge in Pyongyang"
    say where an act happened, not where the organisation is."""
    verb = prep.head
    frames = s.words.frames_by_lemma.get(verb.lemma_.lower(), ())
    if not any(not f.preps and f.types.get(ActorKind.organization) in _POSTS for f in frames):
        return False
    return org.dep_ == "dobj" and org.head.i == verb.i


#: Prepositions whose object is a destination or a venue: "taken to the Court of
#: Justice in The Hague", "studied at Tennessee Tech in Cookeville".
_VENUE_PREPS = frozenset({"to", "at"})


def _destination(org: Token) -> bool:
    """ "the dispute was taken to the Court of Justice in The Hague": an organisation
    a verb's "to" or "at" reaches, with "in" and a place right after it, is there,
    however the parse hangs the "in". Unlike a direct object ("sued Acme in Paris",
    where "in" says where the suing was), one goes to or is at a body where it is."""
    return org.dep_ == "pobj" and org.head.lower_ in _VENUE_PREPS


def _scene(s: _Sentence) -> None:
    """ "In Colorado, 13 inches of snow fell in Denver": a sentence set in a region by
    its opening "In <region>," places the towns it names there (inferred). Countries,
    states and regions named later are left alone: they are not parts of the scene."""
    runs = _runs(s)
    if not runs:
        return
    region, start, end = runs[0]
    doc = s.span.doc
    opening = start == s.span.start + 1 and doc[s.span.start].lower_ == "in"
    if not opening or region.kind != ActorKind.place or end + 1 >= s.span.end:
        return
    if doc[end + 1].text != "," or not _regionlike(s, region, doc[start]):
        return
    for place, first, _ in runs[1:]:
        town = place.kind == ActorKind.place and place != region
        if town and not _regionlike(s, place, doc[first]):
            s.add(place, RelationType.LOCATED_IN, region, basis="inferred")


def _in_city(first: TokenActor, second: TokenActor) -> bool:
    return place_evidence(first.name) is None and "city" in (place_evidence(second.name) or "")


def _ends_mention_run(s: _Sentence, runs: list[tuple[TokenActor, int, int]], m: int) -> bool:
    """Whether mention m is followed by no other mention after a comma, "and" or "or"
    (the end of a pair, not an item in a list)."""
    if m + 1 >= len(runs):
        return True
    gap = [t.lower_ for t in s.span.doc[runs[m][2] + 1 : runs[m + 1][1]]]
    return not gap or gap[-1] not in (",", "and", "or")


def _compass_word(s: _Sentence, token: Token) -> bool:
    return token.lower_ in s.words.compass or token.text in ("-", "\u2010", "\u2011")


def _plain_gap(s: _Sentence, end: int, start: int) -> list[str]:
    """The words between two mentions, less compass words ("Louisiana and eastern
    Texas" is a list as "Louisiana and Texas" is)."""
    words = [t.lower_ for t in s.span.doc[end + 1 : start]]
    return [w for w in words if w not in s.words.compass or w == "the"]


def _closed_list(s: _Sentence, runs: list[tuple[TokenActor, int, int]], m: int) -> bool:
    """Whether the comma-joined mentions from m on end in "and"/"or" and one more
    mention, as a list does ("Brazoria, Galveston and Harris"); a run of commas that
    ends without one is a chain of ever larger places ("the Channel, Azusa, Calif.")."""
    while m + 1 < len(runs):
        gap = _plain_gap(s, runs[m][2], runs[m + 1][1])
        if gap in (["and"], ["or"], [",", "and"], [",", "or"]):
            return True
        if gap != [","]:
            return False
        m += 1
    return False


def _telling_scene(s: _Sentence, held: Mapping[str, TokenActor]) -> None:
    """ "In Washington, the General Accounting Office says ...": a sentence opened by
    "In <place>," whose main verb has an organisation tell something places the
    organisation there (inferred). Not an organisation whose name holds another place
    ("In Washington, the Soviet news agency said": it speaks from elsewhere), and not
    a deed: "In Moscow, the ministry's group left" says nothing of where it is."""
    runs = _runs(s)
    if len(runs) < 2:
        return
    place, start, end = runs[0]
    doc = s.span.doc
    opening = start == s.span.start + 1 and doc[s.span.start].lower_ == "in"
    if not opening or place.kind != ActorKind.place or end + 1 >= s.span.end:
        return
    if doc[end + 1].text != "," or _is_country(place):
        return
    root = s.span.root
    if root.lemma_.lower() not in s.words.telling_verbs:
        return
    if place.name.lower().split()[-1] in s.words.place_nouns:
        return  # "In San Diego County, ... the state forestry agency reported": a region
    for subject in (c for c in root.children if c.dep_ == "nsubj"):
        org = s.actor(subject)
        if org is None or org.kind != ActorKind.organization:
            continue
        if held.get(org.id) is None and place_held_in(org.name) is None:
            s.add(org, RelationType.BASED_IN, place, basis="inferred")


def _in_list(s: _Sentence, runs: list[tuple[TokenActor, int, int]], n: int, m: int) -> bool:
    """Whether mentions n and m (after a comma) are items of a list: a place right
    before n after a comma in a run that "and" or "or" closes, or one after m after
    "and", "or" or a comma."""
    doc = s.span.doc
    _, start, _ = runs[n]
    before = n > 0 and runs[n - 1][2] == start - 2 and doc[start - 1].text == ","
    if before and runs[n - 1][0].kind == ActorKind.place and _closed_list(s, runs, m):
        return True
    _, _, end = runs[m]
    if m + 1 < len(runs):
        _, nxt, _ = runs[m + 1]
        gap = _plain_gap(s, end, nxt)
        if (
            gap in (["and"], ["or"], [",", "and"], [",", "or"], [","])
            and runs[m + 1][0].kind == ActorKind.place
        ):
            return not (gap == [","] and _regionlike(s, runs[m + 1][0], doc[nxt]))
    return False


def _is_country(place: TokenActor) -> bool:
    return "country" in (place_evidence(place.name) or "")


def _place_nouns(s: _Sentence) -> None:
    """ "Serbia's southern province of Kosovo", "the Chinese city of Harbin": the place
    after "of" is in the place that owns the noun."""
    for token in s.span:
        if token.lemma_.lower() not in s.words.place_nouns or token.i in s.actor_at:
            continue
        outer = [a for a, _ in s.modifier_actors(token, None) if a.kind == ActorKind.place]
        outer += [a for a, _ in _demonym_places(s, _left_words(token))]
        if not outer:
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    for inner, _ in s.mentions_at(obj):
                        if inner.kind == ActorKind.place:
                            s.add(inner, RelationType.LOCATED_IN, outer[0])


def _home_noun(s: _Sentence, token: Token) -> bool:
    """ "hometown", "home", and a place noun a "home" modifies ("his home state")."""
    lemma = token.lemma_.lower()
    if lemma in s.words.home_nouns:
        return True
    return lemma in s.words.place_nouns and any(
        c.lower_ == "home" for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")
    )


def _owners(s: _Sentence, token: Token) -> list[TokenActor]:
    """The people a noun's possessor names: a name ("Nelson's hometown"), or "his",
    "her", "their", read as the subject of the clause the noun is in when that subject
    is a person ("Jackson won in his native South Carolina": Jackson)."""
    owners = []
    for child in token.children:
        if child.dep_ != "poss":
            continue
        owners += [a for a, _ in s.mentions_at(child) if a.kind == ActorKind.person]
        if child.i in s.actor_at or child.lower_ not in _BOUND_POSSESSIVES:
            continue
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [a for a, _ in _subjects(s, verb) if a.kind == ActorKind.person]
        if len(subjects) == 1:
            owners += subjects
    return owners


#: Possessive pronouns that, in news, mostly refer to the subject of their clause.
_BOUND_POSSESSIVES = frozenset({"his", "her"})


def _homes(s: _Sentence) -> None:
    """ "Nelson's hometown of Abbott", "her Germantown home", "his native South
    Carolina", "at his home in Larchmont" with an owner: the owner lives there
    (inferred)."""
    for token in s.span:
        actor = s.actor(token)
        if actor is not None and actor.kind == ActorKind.place and token.i in s.heads:
            # "his native South Carolina": the home word modifies the place's name
            if any(c.dep_ == "amod" and c.lower_ in s.words.home_nouns for c in token.lefts):
                for owner in _owners(s, token):
                    s.add(owner, RelationType.LIVES_IN, actor, basis="inferred")
            continue
        if token.i in s.actor_at or not _home_noun(s, token):
            continue
        owners = _owners(s, token)
        if not owners:
            continue
        places = [a for a, _ in s.modifier_actors(token, None) if a.kind == ActorKind.place]
        places += _places_after(s, [token], ("of", "in"))  # "his home in Larchmont"
        # "Abbott, Willie Nelson's hometown": the noun in apposition to the place
        places += [a for a, _ in s.mentions_at(token) if a.kind == ActorKind.place]
        for owner in owners:
            for place in places:
                s.add(owner, RelationType.LIVES_IN, place, basis="inferred")


def _named_places(s: _Sentence) -> None:
    """An organisation whose name holds a place the sentence names ("Shanghai Opera",
    "Chinese Foreign Ministry" where China is named): based there, inferred. Not a
    post abroad: "the Brazilian Embassy" sits in its host country."""
    here = {a.name.lower(): a for a in s.heads.values() if a.kind == ActorKind.place}
    names = demonyms()
    for org in {a.id: a for a in s.heads.values() if a.kind == ActorKind.organization}.values():
        words = org.name.split()
        if words and words[-1].lower().strip(",.") in s.words.posts_abroad:
            continue
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i : i + size]).lower()
                place = here.get(phrase)
                if place is None and size == 1 and names.get(phrase) in s.places:
                    candidate = s.places[names[phrase]]
                    place = candidate if candidate in here.values() else None
                if place is not None:
                    s.add(org, RelationType.BASED_IN, place, basis="inferred")


# -- joins --------------------------------------------------------------------------------


def _joined(s: _Sentence) -> None:
    """What is in a city is in the region the city is in ("Pepperell, based in West
    Point, Ga.": based in Georgia too); inferred, from two relations of the sentence."""
    parts = [d for d in s.found.values() if d.type == RelationType.PART_OF]
    for draft in list(s.found.values()):
        if draft.type == RelationType.WORKS_FOR:
            for part in parts:
                if part.source == draft.target:
                    # who works for a school of Harvard works for Harvard
                    s.add(draft.source, RelationType.WORKS_FOR, part.target, basis="inferred")
    # "from Yatsushiro in Kumamoto Prefecture in southern Japan": up every level named
    for _ in range(3):
        before = len(s.found)
        located = [d for d in s.found.values() if d.type == RelationType.LOCATED_IN]
        for draft in list(s.found.values()):
            if draft.type not in (
                RelationType.BASED_IN,
                RelationType.LIVES_IN,
                RelationType.LOCATED_IN,
            ):
                continue
            for place in located:
                if place.source == draft.target and place.target != draft.source:
                    s.add(
                        draft.source,
                        draft.type,
                        place.target,
                        basis="inferred",
                        current=draft.current,
                    )
        if len(s.found) == before:
            break
