"""Participants a sentence names away from the event's own words.

Long news sentences put an event's doer where the parse does not hang it on the event:

- a passive's "by" phrase after other phrases, which the parser attaches to the nearest
  noun ("Lennon was shot to death ... in the courtyard of the Dakota by Mark David
  Chapman": "by" hangs on "courtyard"); and the one on whose orders it was done
  ("was murdered on the orders of Pizarro");
- the one a charge, verdict or suspicion is about, for a nominal event with no doer of
  its own ("X was convicted of Kennedy's murder", "X, suspected of the assassination of
  King", "serving a sentence for the slaying of King"): the charge says who is held to
  have done it;
- those whose own action takes place in a nominal event ("conspiring with Booth in the
  assassination of Lincoln", "was wounded in the bombing"): they take part in it.

Each such link is marked `inferred` with the words it came through: the text relates
the actor to the event, but not in the event's own clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.model import ActorKind, Role
from loaders.text.participants import Context, inferred, is_nominal, named, phrase, words
from loaders.text.token_actor import TokenActor

#: Kinds that can do something: a place "by" a noun is where, not who ("by the river").
_DOERS = (ActorKind.person, ActorKind.organization)


def clued(actor: TokenActor, clue: str) -> TokenActor:
    """The actor reached through `clue`, the words that tie it to the event, kept with
    its name so a summary reads "Smith (convicted of) killing Jones"."""
    return inferred(actor, f"{actor.mention or actor.name} ({clue})")


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _command(noun: Token, context: Context) -> list[TokenActor]:
    """Who gave an order a noun names ("the orders of Pizarro", "Pizarro's orders")."""
    if not any(form in words()["command_nouns"] for form in (noun.lower_, noun.lemma_.lower())):
        return []
    found: list[TokenActor] = []
    for child in noun.children:
        if child.dep_ == "poss":
            found += named(child, context.actor_at)
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in _pobjs(child):
                found += named(pobj, context.actor_at)
    return [a for a in found if a.kind in _DOERS]


def passive_agents(verb: Token, context: Context, depth: int = 3) -> list[TokenActor]:
    """The doer of a passive verb that has no "by" phrase of its own: a "by" phrase on
    a plain noun of the verb's prepositional phrases (not on an event noun, whose doer
    it is, nor past a clause of its own: "a house owned by X"), or the one whose orders
    it followed. Only a person or an organisation is a doer."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    found: list[TokenActor] = []
    pending = [(p, depth) for p in verb.children if p.dep_ == "prep"]
    while pending:
        prep, left = pending.pop()
        for pobj in _pobjs(prep):
            if prep.lower_ == "by" and prep.head.i != verb.i:
                actors = [a for a in named(pobj, context.actor_at) if a.kind in _DOERS]
                found += [inferred(a, phrase(pobj, pobj)) for a in actors]
                continue
            if prep.lower_ == "by":
                # A "by" the parser left as a plain preposition on the verb itself.
                found += [a for a in named(pobj, context.actor_at) if a.kind in _DOERS]
                continue
            commanders = _command(pobj, context)
            if commanders:
                found += [inferred(a, phrase(pobj)) for a in commanders]
                continue
            if left <= 1 or pobj.pos_ not in ("NOUN", "PROPN") or is_nominal(pobj):
                continue
            if pobj.i in context.actor_at:
                continue  # "in Paris by car": a named place ends the search
            pending += [(c, left - 1) for c in pobj.children if c.dep_ == "prep"]
    return found


def _listed(token: Token, key: str) -> bool:
    return any(form in words()[key] for form in (token.lower_, token.lemma_.lower()))


def _host(noun: Token) -> tuple[Token, str, bool] | None:
    """The verb a nominal event hangs on through a preposition, the preposition, and
    whether a verdict noun lies between ("serving a sentence for the murder of X",
    "charged with crimes in the slayings of X")."""
    token, verdict, preposition = noun, False, ""
    for _ in range(4):
        if token.dep_ not in ("pobj", "pcomp") or token.head.dep_ != "prep":
            return None
        # The preposition the event noun itself takes ("of the murder") tells how.
        preposition = preposition or token.head.lower_
        host = token.head.head
        if host.pos_ in ("VERB", "AUX"):
            return host, preposition, verdict
        if host.ent_type_ in ("DATE", "TIME"):
            # "convicted on Tuesday of the murder": the parse hangs "of" on the date.
            if host.dep_ == "npadvmod" and host.head.pos_ in ("VERB", "AUX"):
                return host.head, preposition, verdict
            token = host
            continue
        if host.pos_ != "NOUN" or not _listed(host, "charge_nouns"):
            return None
        verdict = True
        if host.dep_ == "dobj":
            return host.head, preposition, verdict
        token = host
    return None


def subjects(verb: Token, context: Context) -> list[TokenActor]:
    """Who a verb is about: its subject, or the noun its participle describes ("Ray,
    suspected of ..."), or, for a clause with no subject ("after being convicted of
    conspiring"), the subject of the verb it hangs on."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return [a for s in subjects for a in named(s, context.actor_at)]
        if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
            noun = verb.head
            found = named(noun, context.actor_at)
            if not found and noun.dep_ == "appos":
                # "Ray, the man convicted of ...": the man is Ray.
                found = named(noun.head, context.actor_at)
            return found
        up = verb.head
        if verb.dep_ == "pcomp":
            up = up.head
        if (
            up.i == verb.i
            or up.pos_ not in ("VERB", "AUX")
            or verb.dep_
            not in (
                "pcomp",
                "xcomp",
                "advcl",
                "conj",
            )
        ):
            return []
        verb = up
    return []


def _suspects(noun: Token, context: Context) -> list[tuple[TokenActor, Role]]:
    """Those a noun for a suspect or perpetrator places in a nominal event ("X, the
    only suspect in the assassination", "whether X was the gunman in the shooting"):
    the one it describes, by apposition or as the subject of "be", takes part
    (participant, `inferred`): the noun is no proof of who did it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in words()["suspect_of"]:
        return []
    role_noun = prep.head
    if role_noun.pos_ != "NOUN" or not _listed(role_noun, "suspect_nouns"):
        return []
    if role_noun.dep_ == "appos":
        found = named(role_noun.head, context.actor_at)
    elif role_noun.dep_ == "attr" and role_noun.head.lemma_ == "be":
        found = [
            a
            for s in role_noun.head.children
            if s.dep_ == "nsubj"
            for a in named(s, context.actor_at)
        ]
    else:
        return []
    mention = f"{role_noun.text} {prep.lower_}"
    return [(clued(a, mention), Role.participant) for a in found if a.kind in _DOERS]


def _accused(verb: Token, lemma: str, context: Context) -> list[TokenActor]:
    """Who a verdict or an accusation is about: its subject ("X was charged", "X
    confessed"), but the object of an active accusation ("police arrested X after the
    killing of Y", "prosecutors charged X in the slaying"): the police are not suspects."""
    if lemma in words()["accusation_verbs"] and any(c.dep_ == "nsubj" for c in verb.children):
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:
            return [a for o in objects for a in named(o, context.actor_at)]
    return subjects(verb, context)


def charged(noun: Token, context: Context, done: bool = True) -> list[tuple[TokenActor, Role]]:
    """Those a nominal event with no doer of its own is laid at by the clause it hangs
    on: the one convicted of it or sentenced for it does it (agent); the one suspected,
    accused or charged with it, or whose action takes place in it ("conspiring with
    Booth in the assassination"), takes part (participant). All `inferred`. With
    `done` False, the noun has a doer of its own: only an event noun that is not done
    to someone ("the death of X") can then have the convicted one take part."""
    hosted = _host(noun)
    if hosted is None:
        return _suspects(noun, context)
    verb, preposition, verdict = hosted
    listed = _listed(noun, "nominal_objects")
    if not done and listed:
        return []  # "X's murder of Y": a doer of its own, named in the noun phrase
    lemma = verb.lemma_.lower()
    judged = lemma in words()["conviction_verbs"] or lemma in words()["accusation_verbs"]
    if not listed and not verdict and (preposition == "to" or not judged):
        # "sentenced to death": a death is no one's deed, and the punishment is not
        # the crime; but "convicted (of murder) in the death of X" makes it someone's.
        return []
    if lemma in words()["conviction_verbs"] or (verdict and lemma in words()["serving_verbs"]):
        role = Role.agent
    elif (
        lemma in words()["accusation_verbs"]
        or verdict
        or (preposition == "in" and verb.pos_ == "VERB")
    ):
        role = Role.participant
    else:
        return []
    mention = f"{verb.text} {preposition}"
    found = [(clued(a, mention), role) for a in _accused(verb, lemma, context)]
    if preposition == "in":
        # "conspiring with Booth in the assassination": Booth takes part too.
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
            for pobj in _pobjs(prep):
                found += [
                    (clued(a, mention), Role.participant)
                    for a in named(pobj, context.actor_at)
                    if a.kind in _DOERS
                ]
    return [(a, r) for a, r in found if a.kind in _DOERS]
