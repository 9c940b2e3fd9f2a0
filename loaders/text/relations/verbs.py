"""Relations a verb states, with its subject found through relative clauses,
participles, conjunctions and passives; and "X is in Y" / "X is from Y"."""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.relation_words import Basis, VerbFrame
from loaders.text.relations.sentence import (
    _PRESENT,
    _kind_type,
    _Sentence,
)
from loaders.text.token_actor import TokenActor

# -- verbs --------------------------------------------------------------------------------


def _nearest_first(verb: Token, subjects: list[Token]) -> list[Token]:
    """Subjects before the verb, nearest first, then those after it: when the parse
    gives a verb two, the far one is a heading or a dateline the sentence opens with."""
    return sorted(subjects, key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))


def _subjects(s: _Sentence, verb: Token, depth: int = 0) -> list[tuple[TokenActor, Token]]:
    """Who the verb is about: its subject, or, for a relative clause, participle,
    conjunct, complement or gerund, the noun or subject it inherits."""
    if depth > 4:
        return []
    subjects = _nearest_first(verb, [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")])
    for child in subjects:
        if child.lower_ in s.words.relative_pronouns and verb.dep_ == "relcl":
            return _antecedents(s, verb) or _wielders(s, verb.head, depth)
        # the parse sometimes gives a verb two subjects ("Today's Highlight: ...,
        # Eisenhower was born in Denison"; a dateline, "OSLO, Norway - Maria Holm
        # joined Statoil"): the nearest that names an actor is meant
        found = s.mentions_at(child) or _wielders(s, child, depth)
        if found or len(subjects) == 1:
            return found
    if subjects:
        return []
    if verb.dep_ in ("relcl", "acl"):
        return _antecedents(s, verb)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.i != verb.i:
        return _subjects(s, verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        up = verb.head.head
        if up.dep_ == "dobj" and up.head.lemma_.lower() in s.words.verdict_verbs:
            return s.mentions_at(up)  # "convicted sniper X of killing Y": "of" on "sniper"
        if up.lemma_.lower() in s.words.verdict_verbs:
            # "a jury convicted X of killing Y": the verdict's object did it
            objects = [m for c in up.children if c.dep_ == "dobj" for m in s.mentions_at(c)]
            if objects:
                return objects
        return _subjects(s, up, depth + 1)
    if verb.dep_ in ("acomp", "prep") and verb.head.i != verb.i:
        return _subjects(s, verb.head, depth + 1)  # "pleaded guilty to killing Y"
    return []


def _antecedents(s: _Sentence, clause: Token) -> list[tuple[TokenActor, Token]]:
    """The actors a relative clause or participle is about: its noun and the noun's
    conjuncts before the clause ("Kennedy and Tippit, who were shot"), not those after
    it ("Ruby, who killed Oswald, and Jim Bakker": Bakker killed no one)."""
    start = clause.left_edge.i
    return [(actor, word) for actor, word in s.mentions_at(clause.head) if word.i < start]


def _wielders(s: _Sentence, noun: Token, depth: int) -> list[tuple[TokenActor, Token]]:
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


def _objects(s: _Sentence, verb: Token) -> list[tuple[TokenActor, Token]]:
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
    """ "tried to kill", "refused to join": the verb is what someone meant to do;
    "may join", "could have killed": what might be."""
    if any(c.dep_ == "aux" and c.lower_ in s.words.modals for c in verb.children):
        return True
    return (
        verb.dep_ == "xcomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() in s.words.unreal_heads
    )


def _agents(s: _Sentence, verb: Token) -> list[tuple[TokenActor, Token]]:
    found = []
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found += s.mentions_at(obj)
    return found


def _through_dates(verb: Token) -> list[Token]:
    """The verb's prepositions, and those the parse hangs on a date the verb governs
    ("born on Feb. 5, 1907, in Portland": "in" hangs on "Feb.")."""
    preps = []
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        preps.append(child)
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            if obj.ent_type_ in ("DATE", "TIME"):
                preps += [c for c in obj.children if c.dep_ == "prep"]
    return preps


def _prep_objects(
    s: _Sentence, verb: Token, preps: frozenset[str]
) -> list[tuple[TokenActor, Token]]:
    found = []
    for child in _through_dates(verb):
        if child.lower_ in preps:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found += s.mentions_at(obj)
    return found


def _unparsed_subjects(s: _Sentence, verb: Token) -> list[tuple[TokenActor, Token]]:
    """Who a place or employer verb is about when the parse gives no named subject:
    a name in apposition inside the subject ("the 20th president of the United States,
    James Garfield, was born in Orange"), or, for a participle with no subject at all
    ("Born in 1913 in Omaha", "Gerald Ford: Born ... in Omaha"), the sentence's only
    person."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject = next(iter(_nearest_first(verb, subjects)), None)
    if subject is not None:
        return [
            (a, w)
            for w in subject.subtree
            if w.dep_ == "appos" and (a := s.actor(w)) is not None and a.kind == ActorKind.person
        ]
    if verb.tag_ not in ("VBN", "VBG") or verb.dep_ in ("relcl", "acl"):
        return []
    people = {a.id: (a, s.span.doc[i]) for i, a in s.heads.items() if a.kind == ActorKind.person}
    return list(people.values()) if len(people) == 1 else []


def _verb(s: _Sentence, verb: Token, frame: VerbFrame) -> None:
    if frame.requires and not any(w.lower_ in frame.requires for w in verb.subtree):
        return
    passive = _passive(verb)
    subjects = _subjects(s, verb)
    if frame.preps and not subjects:
        subjects = _unparsed_subjects(s, verb)
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
    basis: Basis = "inferred" if _by_verdict(s, verb) else frame.basis
    if any(c.dep_ == "neg" for c in verb.children) or _unreal(s, verb):
        return
    for source, target in pairs:
        if source.kind not in frame.source:
            continue
        s.add(
            source,
            _kind_type(frame.types, target),
            target,
            basis=basis,
            when=verb,
            starts=frame.starts,
            ends=frame.ends,
            current=current,
        )


def _by_verdict(s: _Sentence, verb: Token) -> bool:
    """ "convicted X of killing Y": what a court found, not what the text states."""
    if verb.dep_ != "pcomp" or verb.head.dep_ != "prep":
        return False
    up = verb.head.head
    verdicts = s.words.verdict_verbs
    return up.lemma_.lower() in verdicts or (
        up.dep_ == "dobj" and up.head.lemma_.lower() in verdicts
    )


def _present_copula(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT for c in verb.children)


def _verbs(s: _Sentence) -> None:
    frames = s.words.frames_by_lemma
    for token in s.span:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        # a phrasal verb is its lemma with its particle ("set up" a party is founding it)
        keys = [lemma, *(f"{lemma} {c.lower_}" for c in token.children if c.dep_ == "prt")]
        for key in keys:
            for frame in frames.get(key, ()):
                _verb(s, token, frame)
    _copula_places(s)
    _served_in(s)


def _served_in(s: _Sentence) -> None:
    """ "X, who served 24 years in Congress", "served on the commission": serving in
    or on a body is a seat in it (member of). Not a facility ("serving 99 years in
    Folsom Prison") nor a verb with a penalty as its object; an organisation that is
    no body ("served in Acme") is still a post there, which is what member of says
    for the employer of a person."""
    for verb in s.span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() != "serve":
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _unreal(s, verb):
            continue
        if any(
            c.dep_ == "dobj" and c.lemma_.lower() in s.words.penalty_nouns for c in verb.children
        ):
            continue
        up = verb.head
        if _by_verdict(s, verb) or (up.i != verb.i and up.lemma_.lower() in s.words.verdict_verbs):
            continue  # "sentenced to serve in ...": a penalty
        bodies = [
            a
            for a, _ in _prep_objects(s, verb, frozenset({"in", "on"}))
            if a.kind == ActorKind.organization and not s.facility(a)
        ]
        if not bodies:
            continue
        current = True if verb.tag_ in _PRESENT or _present_copula(verb) else None
        for person, _ in _subjects(s, verb):
            if person.kind != ActorKind.person:
                continue
            for body in bodies:
                s.add(person, RelationType.MEMBER_OF, body, when=verb, current=current)


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
