"""Actor relations as a reader states them, from spaCy's dependency parse.

Four readings, each driven by the word lists of data/relations.yaml:

- descriptions of a person: a role noun before the name ("XBT spokesman Allan
  Fitzmaurice", "Russian President Putin", "Kennedy assassin Sirhan"), in apposition
  ("X, the chief executive of Y", "Y's chief executive, X"), after a copula ("X is the
  foreign minister of Y") or "of" ("Felipe Gonzalez of Spain");
- verbs, with their subject found through relative clauses, participles, conjunctions
  and passives ("X, who heads Y", "Y, based in Z", "Y was killed by X", "X joined Y in
  1961");
- places: "Dayton, Ohio" (located in), "Acme Corp., Dayton" and "Z-based Y" (based
  in), place words before an organisation or a person (based in, lives in);
- joins: what is based in or lives in a city also is in the region the city is in.

Each draft carries its role text, basis (stated or inferred) and validity: a date the
verb governs starts ("joined ... in 1961") or ends ("left ... in 1975") it; "former"
ends it; a present-tense statement holds when the text was written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, Precision, Relation, RelationType, When
from graphsvc.temporal.expression import TemporalExpression
from loaders.text.demonyms import demonyms
from loaders.text.events import ActorRef
from loaders.text.gazetteer import place_evidence
from loaders.text.relation_words import Basis, VerbFrame, relation_words


@dataclass(frozen=True)
class RelationDraft:
    source: ActorRef
    type: RelationType
    target: ActorRef
    sentence: Span
    role: str | None = None
    basis: Basis = "stated"
    since: tuple[date, Precision] | None = None
    until: tuple[date, Precision] | None = None
    current: bool | None = None


#: Dependencies that put a word inside the noun phrase of the word it hangs on.
_MODIFIERS = ("compound", "amod", "nmod", "poss", "npadvmod", "nummod")
_RELATIVE = {"who", "whom", "which", "that", "whose"}
_COPULAS = {"be", "become", "remain"}
_PRESENT = {"VBZ", "VBP"}


class _Sentence:
    """One sentence's actor mentions, addressed by their head token."""

    def __init__(
        self,
        sentence: Span,
        actor_at: dict[int, ActorRef],
        expressions: list[TemporalExpression],
        places: dict[str, ActorRef],
    ) -> None:
        self.span = sentence
        self.places = places
        self.actor_at = actor_at
        self.expressions = [e for e in expressions if e.when is not None]
        self.words = relation_words()
        self.heads: dict[int, ActorRef] = {}
        for token in sentence:
            actor = actor_at.get(token.i)
            if actor is None:
                continue
            head = token
            while (
                head.head.i != head.i
                and actor_at.get(head.head.i) == actor
                and sentence.start <= head.head.i < sentence.end
            ):
                head = head.head
            self.heads.setdefault(head.i, actor)
        self.found: dict[tuple[str, RelationType, str], RelationDraft] = {}

    # -- mentions ---------------------------------------------------------------------

    def actor(self, token: Token) -> ActorRef | None:
        return self.actor_at.get(token.i) if self.span.start <= token.i < self.span.end else None

    def mentions_at(self, token: Token) -> list[tuple[ActorRef, Token]]:
        """The actor a noun names, and those of its conjuncts ("Kennedy and Tippit");
        a noun in apposition to a name stands for it ("Sirhan, the man convicted...")."""
        found = []
        for word in [token, *self._conjuncts(token)]:
            actor = self.actor(word)
            if actor is not None:
                found.append((actor, word))
        if not found and token.pos_ in ("NOUN", "PROPN") and token.i not in self.actor_at:
            if token.dep_ == "appos" and self.actor(token.head) is not None:
                found.append((self.actor_at[token.head.i], token.head))
            for child in token.children:
                if child.dep_ == "appos" and self.actor(child) is not None:
                    found.append((self.actor_at[child.i], child))
            if not found and token.dep_ == "attr" and token.head.lemma_ in _COPULAS:
                # "Oswald was the lone gunman who killed Kennedy"
                copula = token.head
                if not any(c.dep_ == "neg" for c in copula.children):
                    for child in copula.children:
                        if child.dep_ == "nsubj" and self.actor(child) is not None:
                            found.append((self.actor_at[child.i], child))
        return found

    def _conjuncts(self, token: Token) -> Iterator[Token]:
        for child in token.children:
            if child.dep_ == "conj":
                yield child
                yield from self._conjuncts(child)

    def mention_tokens(self, head: Token) -> list[Token]:
        """The tokens of the mention whose head is `head`."""
        actor = self.actor_at.get(head.i)
        return [w for w in head.subtree if self.actor_at.get(w.i) == actor]

    def modifier_actors(self, noun: Token, own: ActorRef | None) -> list[tuple[ActorRef, Token]]:
        """Actors inside the noun phrase before `noun` (compounds, adjectives,
        possessors, and what hangs on them), other than `own`."""
        found: dict[str, tuple[ActorRef, Token]] = {}
        for child in noun.lefts:
            if child.dep_ not in _MODIFIERS:
                continue
            for word in child.subtree:
                actor = self.actor(word)
                if actor is not None and actor != own:
                    found.setdefault(actor.id, (actor, word))
        return list(found.values())

    # -- roles ------------------------------------------------------------------------

    def role_in(self, words: list[Token]) -> str | None:
        """The longest role phrase among `words` (not actor names)."""
        found = self.title_in(words)
        return found[0] if found else None

    def title_in(self, words: list[Token]) -> tuple[str, str] | None:
        """The longest role phrase among `words` (not actor names), and the title as
        the text words it ("foreign minister" for the role "minister")."""
        kept = [w for w in words if w.i not in self.actor_at]
        plain = [w.lower_ for w in kept]
        roles = self.words.roles
        for size in range(min(self.words.longest_role, len(plain)), 0, -1):
            for i in range(len(plain) - size, -1, -1):
                phrase = " ".join(plain[i : i + size])
                singular = phrase[:-1] if phrase.endswith("s") else phrase
                key = phrase if phrase in roles else singular if singular in roles else None
                if key is not None:
                    return key, self._title(kept, i, i + size)
        return None

    def _title(self, kept: list[Token], start: int, end: int) -> str:
        """The role's words with the adjectives and nouns right before it ("foreign",
        "deputy", "chief financial"), not "former" or a determiner."""
        while start > 0:
            word = kept[start - 1]
            if word.i != kept[start].i - 1 or word.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
            if word.lower_.strip("-") in self.words.ended or word.lower_ in self.words.hedges:
                break
            start -= 1
        return " ".join(w.text for w in kept[start:end])[:200]

    def facility(self, actor: ActorRef) -> bool:
        """A prison, theatre or plant: it is located in a place, not based there."""
        last = actor.name.split()[-1].lower() if actor.name.split() else ""
        return actor.kind == ActorKind.organization and last in self.words.facility_heads

    def hedged(self, words: list[Token]) -> bool:
        return any(w.lower_ in self.words.hedges for w in words)

    def ended(self, words: list[Token]) -> bool:
        return any(w.lower_.strip("-") in self.words.ended for w in words)

    # -- output -----------------------------------------------------------------------

    def add(
        self,
        source: ActorRef,
        kind: RelationType | None,
        target: ActorRef,
        *,
        role: str | None = None,
        basis: Basis = "stated",
        when: Token | None = None,
        starts: bool = False,
        ends: bool = False,
        current: bool | None = None,
    ) -> None:
        if kind is None or source.id == target.id:
            return
        if kind == RelationType.BASED_IN and self.facility(source):
            kind = RelationType.LOCATED_IN
        if kind == RelationType.KILLED:
            current = None  # a deed, not a state that holds or ends
        since = until = None
        dated = self.date_of(when) if when is not None else None
        if dated is not None and starts:
            since = (dated.start, dated.precision)
        elif dated is not None and ends:
            until = (dated.end, dated.precision)
        if ends:
            current = False
        draft = RelationDraft(source, kind, target, self.span, role, basis, since, until, current)
        key = (source.id, kind, target.id)
        kept = self.found.get(key)
        if kept is None:
            self.found[key] = draft
            return
        # one relation a sentence: "joined Y in 1961 and left it in 1975" gives both ends
        better = basis == "stated" and kept.basis == "inferred"
        self.found[key] = replace(
            kept,
            role=kept.role or role,
            basis="stated" if better else kept.basis,
            since=kept.since or since,
            until=kept.until or until,
            current=False if False in (kept.current, current) else kept.current or current,
        )

    def date_of(self, verb: Token) -> When | None:
        """The first dated expression inside the verb's own clause."""
        left, right = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        base = self.span.start_char
        for expression in self.expressions:
            start, end = base + expression.start, base + expression.end
            if left <= start and end <= right and expression.when is not None:
                return expression.when
        return None


def _kind_type(types: dict[ActorKind, RelationType], actor: ActorRef) -> RelationType | None:
    return types.get(actor.kind)


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
    if head.dep_ == "appos" and head.head.i not in s.actor_at and head.head.pos_ == "NOUN":
        yield head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head
        if verb.lemma_ in _COPULAS:
            for child in verb.children:
                if child.dep_ in ("attr", "acomp") and child.i not in s.actor_at:
                    yield child
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                yield from (c for c in child.children if c.dep_ == "pobj")
            if child.dep_ == "oprd" and child.i not in s.actor_at:
                yield child


def _described_targets(s: _Sentence, noun: Token, own: ActorRef) -> list[tuple[ActorRef, Token]]:
    """Actors a description names: in its modifiers ("the Acme chairman", "Y's chief"),
    after of/for/at/with/to ("chief executive of Y"), and in the noun phrase there
    ("chairman of the Montgomery County House delegation")."""
    found = s.modifier_actors(noun, own)
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at", "with", "to", "in"):
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


def _person(s: _Sentence, head: Token, person: ActorRef) -> None:
    """Relations from the words that describe a person."""
    before = [w for w in _left_words(head) if s.actor_at.get(w.i) != person]
    title = None if s.hedged(before) else s.title_in(before)
    role, shown = title if title else (None, None)
    ended = s.ended(before)
    types = s.words.roles.get(role or "", {})
    occupation = next((w for w in before if w.lemma_.lower() in s.words.person_nouns), None)
    for target, word in s.modifier_actors(head, person) + _demonym_places(s, before):
        kind = _kind_type(types, target)
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
        s.add(person, kind, target, role=shown, current=not ended)
        if target.kind == ActorKind.place and _owns_place(s, word, head):
            # "Haitian President Aristide", "Soviet premier Mikoyan": the place is theirs
            s.add(person, RelationType.LIVES_IN, target, basis="inferred")
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in (*s.words.place_preps, "at", "with"):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            targets = [t for t, _ in s.mentions_at(obj)]
            if not targets and role is not None:
                # "Spokesman Dietmar Kanzer of the smaller Rollei company"
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
    for noun in _descriptions(s, head):
        words = [*_left_words(noun), noun]
        title = None if s.hedged(words) else s.title_in([*words, *_of_compound(noun)])
        role, shown = title if title else (None, None)
        if role is None:
            # "Richard Taylor, an Atlanta architect", "Libya's deputy ambassador, X"
            for target, word in s.modifier_actors(noun, person):
                if target.kind == ActorKind.place and _owns_place(s, word, noun):
                    s.add(person, RelationType.LIVES_IN, target, basis="inferred")
            _affiliation(s, noun, person, words)
            continue
        ended = s.ended(words)
        targets = _described_targets(s, noun, person)
        if not targets and noun.dep_ == "conj":
            # "a jeweler and president of Vision Seattle": "of" hangs on "jeweler"
            targets = _described_targets(s, noun.head, person)
        for target, word in targets:
            kind = _kind_type(s.words.roles[role], target)
            s.add(person, kind, target, role=shown, current=not ended)
            if target.kind == ActorKind.place and _owns_place(s, word, noun):
                s.add(person, RelationType.LIVES_IN, target, basis="inferred")


def _affiliation(s: _Sentence, noun: Token, person: ActorRef, words: list[Token]) -> None:
    """ "Gary Heichel, a plant physiologist with the USDA", "a research fellow at the
    Institute": a description at or with an organisation is a job there (inferred;
    the description is kept as the role)."""
    if noun.pos_ != "NOUN" or s.hedged(words):
        return
    for place in _places_after(s, [noun], ("from",)):
        # "David Cicippio, an electronics technician from North Wales"
        s.add(person, RelationType.LIVES_IN, place, basis="inferred")
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


def _demonym_places(s: _Sentence, words: list[Token]) -> list[tuple[ActorRef, Token]]:
    """Places named by their adjective ("Russian President Putin": Russia), when the
    document names the place."""
    names = demonyms()
    found = []
    for word in words:
        place = names.get(word.lower_)
        if place and place in s.places and word.i not in s.actor_at:
            found.append((s.places[place], word))
    return found


def _allies(s: _Sentence, head: Token, person: ActorRef) -> None:
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


def _left_words(token: Token) -> list[Token]:
    """The words of the noun phrase before `token`, in order."""
    words = []
    for child in token.lefts:
        if child.dep_ in _MODIFIERS or child.dep_ == "det":
            words += list(child.subtree)
    return sorted(words, key=lambda w: w.i)


def _of_compound(noun: Token) -> list[Token]:
    """Words right after a role that belong to it ("chief executive officer")."""
    return [c for c in noun.rights if c.dep_ == "compound"]


# -- organisations and places -------------------------------------------------------------


def _organization(s: _Sentence, head: Token, org: ActorRef) -> None:
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
    appositions = [c for c in head.children if c.dep_ == "appos" and c.i not in s.actor_at]
    for noun in appositions:
        for target, _ in s.modifier_actors(noun, org):
            if target.kind == ActorKind.place:
                s.add(org, RelationType.BASED_IN, target, basis="inferred")
    for target in _places_after(s, [*s.mention_tokens(head), *appositions], ("of", "in")):
        s.add(org, RelationType.BASED_IN, target)


def _places_after(s: _Sentence, words: list[Token], preps: tuple[str, ...]) -> list[ActorRef]:
    """Places after of/in hanging on any word of a mention ("the International
    Committee of the Red Cross in Khartoum": "in" hangs on "Cross")."""
    found = []
    for word in words:
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [t for t, _ in s.mentions_at(obj) if t.kind == ActorKind.place]
    return found


def _place(s: _Sentence, head: Token, place: ActorRef) -> None:
    """A place in another: "Haifa in northern Israel", "Serbia's Kosovo"."""
    for target in _places_after(s, s.mention_tokens(head), ("in",)):
        if target != place and not _is_country(place):
            s.add(place, RelationType.LOCATED_IN, target)
    for child in head.lefts:
        if child.dep_ == "poss":
            for target, _ in s.mentions_at(child):
                if target.kind == ActorKind.place and target != place and not _is_country(place):
                    s.add(place, RelationType.LOCATED_IN, target)


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


def _regionlike(s: _Sentence, place: ActorRef, token: Token) -> bool:
    evidence = place_evidence(place.name) or ""
    text = s.span.doc[token.i : token.i + 3].text.lower()
    return (
        any(k in evidence for k in ("country", "subdivision", "continent"))
        or place.name.lower() in s.words.regions
        or any(text.startswith(r) for r in s.words.regions)
    )


def _runs(s: _Sentence) -> list[tuple[ActorRef, int, int]]:
    """The sentence's mentions as (actor, first token, last token), in order."""
    runs: list[tuple[ActorRef, int, int]] = []
    for token in s.span:
        actor = s.actor(token)
        if actor is None:
            continue
        if runs and runs[-1][0] == actor and runs[-1][2] == token.i - 1:
            runs[-1] = (actor, runs[-1][1], token.i)
        else:
            runs.append((actor, token.i, token.i))
    return runs


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
        m = starting.get(end + 2)
        if m is None:
            continue
        second = runs[m][0]
        if second.kind != ActorKind.place or second == first or _in_list(s, runs, n, m):
            continue
        if first.kind == ActorKind.place:
            if _regionlike(s, second, doc[end + 2]) and not _is_country(first):
                s.add(first, RelationType.LOCATED_IN, second)
                # "Salida and Gunnison, Colorado": both are in Colorado
                previous = runs[n - 1] if n > 0 else None
                joined = previous is not None and [
                    t.lower_ for t in doc[previous[2] + 1 : runs[n][1]]
                ] in (["and"], ["or"])
                if joined and previous[0].kind == ActorKind.place and not _is_country(previous[0]):
                    s.add(previous[0], RelationType.LOCATED_IN, second, basis="inferred")
        elif first.kind == ActorKind.organization:
            s.add(first, RelationType.BASED_IN, second)


def _in_list(s: _Sentence, runs: list[tuple[ActorRef, int, int]], n: int, m: int) -> bool:
    """Whether mentions n and m (after a comma) are items of a list: a place right
    before n after a comma, or one after m after "and", "or" or a comma."""
    doc = s.span.doc
    _, start, _ = runs[n]
    before = n > 0 and runs[n - 1][2] == start - 2 and doc[start - 1].text == ","
    if before and runs[n - 1][0].kind == ActorKind.place:
        return True
    _, _, end = runs[m]
    if m + 1 < len(runs):
        _, nxt, _ = runs[m + 1]
        gap = [t.lower_ for t in doc[end + 1 : nxt]]
        if (
            gap in (["and"], ["or"], [",", "and"], [",", "or"], [","])
            and runs[m + 1][0].kind == ActorKind.place
        ):
            return not (gap == [","] and _regionlike(s, runs[m + 1][0], doc[nxt]))
    return False


def _is_country(place: ActorRef) -> bool:
    return "country" in (place_evidence(place.name) or "")


# -- verbs --------------------------------------------------------------------------------


def _subjects(s: _Sentence, verb: Token, depth: int = 0) -> list[tuple[ActorRef, Token]]:
    """Who the verb is about: its subject, or, for a relative clause, participle,
    conjunct, complement or gerund, the noun or subject it inherits."""
    if depth > 4:
        return []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return s.mentions_at(verb.head) or _wielders(s, verb.head, depth)
            return s.mentions_at(child) or _wielders(s, child, depth)
    if verb.dep_ in ("relcl", "acl"):
        return s.mentions_at(verb.head)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.i != verb.i:
        return _subjects(s, verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return _subjects(s, verb.head.head, depth + 1)
    if verb.dep_ in ("acomp", "prep") and verb.head.i != verb.i:
        return _subjects(s, verb.head, depth + 1)  # "pleaded guilty to killing Y"
    return []


def _wielders(s: _Sentence, noun: Token, depth: int) -> list[tuple[ActorRef, Token]]:
    """Who used the weapon a clause names as its subject: "X fired the shots that
    killed Y", "the bomb X planted killed Y"."""
    if noun.lemma_.lower() not in s.words.instruments:
        return []
    if noun.dep_ == "dobj":
        return _subjects(s, noun.head, depth + 1)
    for child in noun.children:
        if child.dep_ == "relcl":
            return _subjects(s, child, depth + 1)
    return []


def _passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "acl"


def _objects(s: _Sentence, verb: Token) -> list[tuple[ActorRef, Token]]:
    """The verb's objects; a verb without one shares its conjunct's ("shot and
    mortally wounded Oswald")."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            found += s.mentions_at(child)
    if not found:
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ == "VERB":
                return _objects(s, child)
    return found


def _unreal(s: _Sentence, verb: Token) -> bool:
    """ "tried to kill", "refused to join": the verb is what someone meant to do."""
    return (
        verb.dep_ == "xcomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() in s.words.unreal_heads
    )


def _agents(s: _Sentence, verb: Token) -> list[tuple[ActorRef, Token]]:
    found = []
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found += s.mentions_at(obj)
    return found


def _prep_objects(s: _Sentence, verb: Token, preps: frozenset[str]) -> list[tuple[ActorRef, Token]]:
    found = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found += s.mentions_at(obj)
        if child.dep_ in ("prt", "advmod") and child.i + 1 < s.span.end:
            nxt = child.nbor(1)
            if nxt.dep_ == "prep" and nxt.lower_ in preps and nxt.head == verb:
                continue  # counted above as the verb's own child
    return found


def _verb(s: _Sentence, verb: Token, frame: VerbFrame) -> None:
    if frame.requires and not any(w.lower_ in frame.requires for w in verb.subtree):
        return
    passive = _passive(verb)
    subjects = _subjects(s, verb)
    if frame.preps:
        objects = _prep_objects(s, verb, frame.preps)
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            objects += s.mentions_at(verb.head)  # "Minnesota, where she was born"
            subjects = [m for m in subjects if m[1] != verb.head]
        pairs = [(a, b) for a, _ in subjects for b, _ in objects]
    elif passive:
        pairs = [(a, b) for a, _ in _agents(s, verb) for b, _ in subjects]
    else:
        pairs = [(a, b) for a, _ in subjects for b, _ in _objects(s, verb)]
    if frame.reverse:
        pairs = [(b, a) for a, b in pairs]
    current = True if verb.tag_ in _PRESENT or _present_copula(verb) else None
    if any(c.dep_ == "neg" for c in verb.children) or _unreal(s, verb):
        return
    for source, target in pairs:
        if source.kind not in frame.source:
            continue
        s.add(
            source,
            _kind_type(frame.types, target),
            target,
            basis=frame.basis,
            when=verb,
            starts=frame.starts,
            ends=frame.ends,
            current=current,
        )


def _present_copula(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT for c in verb.children)


def _kill_nouns(s: _Sentence) -> None:
    """ "the assassination of Y by X", "X's murder of Y"; and "X was convicted of Y's
    killing", "X, serving a sentence for the murder of Y" (inferred from the verdict)."""
    for token in s.span:
        if token.lemma_.lower() not in s.words.kill_nouns:
            continue
        victims, killers, owners = [], [], []
        for child in token.children:
            if child.dep_ in ("poss", "compound"):
                owners += s.mentions_at(child)
            if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    (victims if child.lower_ == "of" else killers).extend(s.mentions_at(obj))
        if victims:
            killers += owners  # "Oswald's murder of Kennedy"
        else:
            victims = owners  # "Kennedy's murder", "the Kennedy slaying"
        basis: Basis = "stated"
        if not killers:
            killers = _convicted(s, token)
            basis = "inferred"
        for killer, _ in killers:
            for victim, _ in victims:
                if killer.kind == victim.kind == ActorKind.person:
                    s.add(killer, RelationType.KILLED, victim, basis=basis)


def _convicted(s: _Sentence, noun: Token) -> list[tuple[ActorRef, Token]]:
    """Who a verdict or sentence names for the killing `noun` hangs on: "X was
    convicted of the murder", "X pleaded guilty to the assassination"."""
    up = noun.head
    while up.dep_ in ("prep", "pobj", "pcomp", "acomp", "dobj") and up.head.i != up.i:
        if up.pos_ == "VERB":
            break
        up = up.head
    if up.pos_ != "VERB" or up.lemma_.lower() not in s.words.verdict_verbs:
        return []
    return _subjects(s, up)


def _adjacent_kills(s: _Sentence) -> None:
    """Killings the word order states however the parse reads them: "Jack Ruby shot
    and mortally wounded Lee Harvey Oswald" (a person, a killing verb, a person) and
    "Kennedy assassin Sirhan" (a victim, a killer's noun, the killer)."""
    runs = _runs(s)
    doc = s.span.doc
    kill_verbs = {
        lemma
        for frame in s.words.frames
        if RelationType.KILLED in frame.types.values()
        for lemma in frame.lemmas
    }
    killer_nouns = {
        role for role, types in s.words.roles.items() if RelationType.KILLED in types.values()
    }
    for (first, _, end), (second, start, _) in pairwise(runs):
        if first.kind != ActorKind.person or second.kind != ActorKind.person:
            continue
        between = list(doc[end + 1 : start])
        if not between or len(between) > 4:
            continue
        words = [t.lower_ for t in between]
        if len(between) == 1 and words[0] in killer_nouns:
            s.add(second, RelationType.KILLED, first, role=words[0])
            continue
        verbs = [t for t in between if t.pos_ in ("VERB", "AUX")]
        if not verbs or between[0].lemma_.lower() not in kill_verbs:
            continue
        if between[0].tag_ not in ("VBD", "VBZ", "VBP") or _unreal(s, between[0]):
            continue
        if any(t.dep_ == "neg" for t in between) or any(
            t.pos_ not in ("VERB", "AUX", "ADV", "CCONJ") for t in between
        ):
            continue
        before = doc[max(s.span.start, between[0].i - 3) : between[0].i]
        if any(t.dep_ == "neg" or t.lower_ in ("not", "never") for t in before):
            continue
        s.add(first, RelationType.KILLED, second)


def _verbs(s: _Sentence) -> None:
    frames = s.words.frames_by_lemma
    for token in s.span:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for frame in frames.get(token.lemma_.lower(), ()):
            _verb(s, token, frame)
    _copula_places(s)


def _copula_places(s: _Sentence) -> None:
    """ "Rome is in Lazio": a place or an organisation, "be in", a place; "Madonna is
    from Bay City": a person lives (or lived) there."""
    for token in s.span:
        if token.lemma_ != "be" or any(c.dep_ == "neg" for c in token.children):
            continue
        for source, _ in _subjects(s, token):
            for target, _ in _prep_objects(s, token, frozenset({"from"})):
                if source.kind == ActorKind.person and target.kind == ActorKind.place:
                    s.add(source, RelationType.LIVES_IN, target, basis="inferred")
            for target, _ in _prep_objects(s, token, frozenset({"in"})):
                if target.kind != ActorKind.place:
                    continue
                if source.kind == ActorKind.place:
                    s.add(source, RelationType.LOCATED_IN, target, current=True)
                elif source.kind == ActorKind.organization:
                    s.add(source, RelationType.BASED_IN, target, current=True)


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


def _homes(s: _Sentence) -> None:
    """ "Nelson's hometown of Abbott", "her Germantown home" with a named owner: the
    owner lives there (inferred)."""
    for token in s.span:
        if token.lemma_.lower() not in s.words.home_nouns or token.i in s.actor_at:
            continue
        owners = [
            a
            for child in token.children
            if child.dep_ == "poss"
            for a, _ in s.mentions_at(child)
            if a.kind == ActorKind.person
        ]
        if not owners:
            continue
        places = [a for a, _ in s.modifier_actors(token, None) if a.kind == ActorKind.place]
        places += _places_after(s, [token], ("of",))
        # "Abbott, Willie Nelson's hometown": the noun in apposition to the place
        places += [a for a, _ in s.mentions_at(token) if a.kind == ActorKind.place]
        for owner in owners:
            for place in places:
                s.add(owner, RelationType.LIVES_IN, place, basis="inferred")


def _named_places(s: _Sentence) -> None:
    """An organisation whose name holds a place the sentence names ("Shanghai Opera",
    "Chinese Foreign Ministry" where China is named): based there, inferred."""
    here = {a.name.lower(): a for a in s.heads.values() if a.kind == ActorKind.place}
    names = demonyms()
    for org in {a.id: a for a in s.heads.values() if a.kind == ActorKind.organization}.values():
        words = org.name.split()
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
                    draft.source, draft.type, place.target, basis="inferred", current=draft.current
                )


def find_relations(
    sentence: Span,
    actor_at: dict[int, ActorRef],
    places: dict[str, ActorRef] | None = None,
    expressions: list[TemporalExpression] | None = None,
) -> list[RelationDraft]:
    """The relations one sentence states between the actors at `actor_at` (token index
    to actor); `expressions`: the sentence's temporal expressions (offsets relative to
    it), to date relations a verb starts or ends; `places`: the document's places by
    name, for demonyms."""
    s = _Sentence(sentence, actor_at, expressions or [], places or {})
    for i, actor in s.heads.items():
        head = sentence.doc[i]
        if actor.kind == ActorKind.person:
            _person(s, head, actor)
            _allies(s, head, actor)
        elif actor.kind == ActorKind.organization:
            _organization(s, head, actor)
        elif actor.kind == ActorKind.place:
            _place(s, head, actor)
    _based(s)
    _commas(s)
    _verbs(s)
    _kill_nouns(s)
    _adjacent_kills(s)
    _place_nouns(s)
    _homes(s)
    _named_places(s)
    _joined(s)
    return list(s.found.values())


def relation_of(draft: RelationDraft, document: str, published: date, offset: int) -> Relation:
    """The stored relation of a draft: its sentence and offsets in the document
    (`offset`: where the sentence's paragraph starts), its validity read against the
    publication date."""
    sentence = draft.sentence
    lead = len(sentence.text) - len(sentence.text.lstrip())
    since = draft.since[0] if draft.since else None
    until = draft.until[0] if draft.until else None
    if since is not None and until is not None and since > until:
        since = until = None
    if draft.current is False and until is None and (since is None or since <= published):
        until = published  # "the former chief executive": ended by the time of writing
    return Relation(
        source=draft.source.id,
        type=draft.type,
        target=draft.target.id,
        document=document,
        sentence=sentence.text.strip(),
        role=draft.role,
        basis=draft.basis,
        since=since,
        until=until,
        since_precision=draft.since[1] if since is not None and draft.since else None,
        until_precision=draft.until[1] if until is not None and draft.until else None,
        current=draft.current,
        stated_on=published,
        char_start=offset + lead,
        char_end=offset + len(sentence.text.rstrip()),
    )


def merged(kept: Relation | None, new: Relation) -> Relation:
    """One relation a document (its identity): a later sentence adds what the first
    did not say ("joined Y in 1961" ... "left Y in 1975"); the first sentence stays the
    evidence."""
    if kept is None:
        return new
    since = kept.since or new.since
    until = kept.until or new.until
    if since and until and since > until:
        return kept
    return kept.model_copy(
        update={
            "since": since,
            "since_precision": kept.since_precision if kept.since else new.since_precision,
            "until": until,
            "until_precision": kept.until_precision if kept.until else new.until_precision,
            "role": kept.role or new.role,
            "basis": "stated" if "stated" in (kept.basis, new.basis) else kept.basis,
            "current": False if False in (kept.current, new.current) else kept.current,
        }
    )
