"""Killings: nouns ("the assassination of Y by X"), verdicts ("convicted of the
murder of Y") and word order ("X shot and killed Y", "Kennedy assassin Sirhan")."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Token

from graphsvc.model import ActorKind, RelationType, Role
from loaders.text.distant_arguments import charged, passive_agents
from loaders.text.participants import Context, own_phrases
from loaders.text.relation_words import Basis
from loaders.text.relations.sentence import (
    _runs,
    _Sentence,
)
from loaders.text.relations.verbs import _subjects, _unreal
from loaders.text.token_actor import TokenActor


def _kill_nouns(s: _Sentence) -> None:
    """ "the assassination of Y by X", "X's murder of Y"; and "X was convicted of Y's
    killing", "X, serving a sentence for the murder of Y" (inferred from the verdict)."""
    for token in s.span:
        if token.lemma_.lower() not in s.words.kill_nouns:
            continue
        victims, killers, owners = [], [], []
        for child in own_phrases(token):
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
        found = [killer for killer, _ in killers]
        if not found:
            # "convicted on Tuesday of the murder of Y", "serving a sentence for the
            # slaying of Y": the verdict the parse puts further away (the event's agent).
            context = Context(s.actor_at, s.places)
            found = [a for a, role in charged(token, context) if role == Role.agent]
        for killer in found:
            for victim, _ in victims:
                if killer.kind == victim.kind == ActorKind.person and killer.id != victim.id:
                    s.add(killer, RelationType.KILLED, victim, basis=basis)


def _distant_killers(s: _Sentence) -> None:
    """ "Y was shot ... in the courtyard of the Dakota by X", "Y was murdered on the
    orders of X": a killing verb's passive doer the parse hangs away from the verb
    (`loaders.text.distant_arguments`), inferred."""
    kill_verbs = _kill_verbs(s)
    context = Context(s.actor_at, s.places)
    for token in s.span:
        if token.pos_ != "VERB" or token.lemma_.lower() not in kill_verbs or _unreal(s, token):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        victims = [m for c in token.children if c.dep_ == "nsubjpass" for m in s.mentions_at(c)]
        for killer in passive_agents(token, context):
            for victim, _ in victims:
                if killer.kind == victim.kind == ActorKind.person and killer.id != victim.id:
                    s.add(killer, RelationType.KILLED, victim, basis="inferred")


def _kill_verbs(s: _Sentence) -> set[str]:
    """The lemmas of the verb frames that state a killing."""
    return {
        lemma
        for frame in s.words.frames
        if RelationType.KILLED in frame.types.values()
        for lemma in frame.lemmas
    }


def _convicted(s: _Sentence, noun: Token) -> list[tuple[TokenActor, Token]]:
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
    kill_verbs = _kill_verbs(s)
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
        if _owned_killer(words, killer_nouns):
            # "Kennedy's assassin, Oswald": the parse often hangs the name on the verb
            s.add(second, RelationType.KILLED, first, role=words[1])
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


def _owned_killer(words: list[str], killer_nouns: set[str]) -> bool:
    """ "'s assassin," between a victim and a name: the possessive's killer, named in
    apposition (the comma) or right after the noun; nothing else may come between
    (a hedge such as "alleged" or another noun makes it no statement)."""
    if len(words) not in (2, 3) or words[0] not in ("'s", "'") or words[1] not in killer_nouns:
        return False
    return words[2:] in ([], [","])
