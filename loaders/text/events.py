"""Events from verbs: who did what to whom (the dependency parse), and when.

A verb in the vocabulary triggers an event of its type; its subject is the agent, its
object (or the subject of a passive) the target, places after a preposition the
location. The date is the temporal expression that modifies the event's clause
(`loaders.text.attachment`). In news, a past event or a statement no expression
modifies is dated to the publication day, labelled `publication` (inferred); otherwise
it stays undated rather than taking another event's date. The dating lives in
`loaders.text.event_dating`, the words of a summary in `loaders.text.event_summary`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, EventType, Factuality, Role, When, slugify
from graphsvc.temporal import TemporalExpression
from loaders.text.attachment import clause_chain, definite, is_event_noun
from loaders.text.distant_arguments import charged, clued, passive_agents, subjects
from loaders.text.event_dating import (
    SentenceDates,
    publication_date,
    state_date,
    timed_by_another,
)
from loaders.text.event_summary import clause_words, particles, unnamed_argument
from loaders.text.factuality import factuality_of
from loaders.text.participants import (
    Context,
    argument,
    dateline,
    named,
    nominal,
    places_on,
    places_within,
    prepositional,
    represented,
    setting,
    stronger,
    words,
)
from loaders.text.token_actor import TokenActor
from loaders.text.vocabulary import vocabulary, vocabulary_words

SUBJECTS = {"nsubj": Role.agent, "nsubjpass": Role.target, "csubj": Role.agent}
OBJECTS = {"dobj": Role.target, "dative": Role.target, "attr": Role.target}
#: Where a summary looks for the words of an agent or target no actor holds: a passive's
#: subject undergoes the event ("Kopp was arrested": "arrested Kopp", not "Kopp
#: arrested Kopp").
_AGENT_WORDS = {dep: role for dep, role in SUBJECTS.items() if role == Role.agent}
_TARGET_WORDS = {**OBJECTS, "nsubjpass": Role.target}


@dataclass
class EventDraft:
    """An event as one sentence tells it, before it is merged with its other mentions."""

    type: EventType
    trigger: Token
    participants: dict[str, tuple[TokenActor, Role]]
    when: When | None
    sentence: Span
    factuality: Factuality = "asserted"
    reported_by: TokenActor | None = None
    #: The event this mention names, told elsewhere in the article ("the blast" after
    #: "a bomb went off on Aug. 7"): it is that event (`loaders.text.event_reference`).
    refers_to: EventDraft | None = None
    #: A definite nominal event with no date or participant of its own ("the
    #: bombings"): kept only if the article dates the event it names.
    pending: bool = False

    @property
    def named(self) -> bool:
        """Whether a named actor (not only a place) does or undergoes the event."""
        return any(not setting(a, role) for a, role in self.participants.values())

    def summary(self) -> str:
        # Members reached through one group read as the group once ("a group of nobles
        # that included A and B assassinated C"), not the group twice.
        agents = list(
            dict.fromkeys(_shown(a) for a, r in self.participants.values() if r == Role.agent)
        )
        targets = list(
            dict.fromkeys(_shown(a) for a, r in self.participants.values() if r == Role.target)
        )
        if (not agents and not targets) or is_state(self.trigger):
            # A state reads as its clause: "the three are expected to join NATO", not
            # "the three expected NATO".
            return clause_words(self.trigger)
        if not agents:
            agents = [p for p in [unnamed_argument(self.trigger, _AGENT_WORDS)] if p]
        if not targets:
            targets = [p for p in [unnamed_argument(self.trigger, _TARGET_WORDS)] if p]
        places = [a.name for a, r in self.participants.values() if r == Role.location]
        verb = " ".join([self.trigger.text, *(c.text for c in particles(self.trigger))])
        parts = [", ".join(agents), verb, ", ".join(targets)]
        if places:
            parts.append("in " + ", ".join(places))
        return " ".join(p for p in parts if p).strip()

    def event_id(self, document: str = "", offset: int = 0) -> str:
        """Same type, same participants, same time at the event's own precision: one
        event across documents. A day-precision event (a date stated to the day, or a
        publication day) merges only with reports of that day: two announcements on the
        15th and the 27th stay two; a coarser one merges within its start month.

        An event no named actor takes part in has nothing to recognise it by in another
        report ("a bomb exploded" twice is not one explosion): it is its own mention, in
        `document` at trigger `offset`, and never merges."""
        ids = sorted(a.id for a, role in self.participants.values() if not setting(a, role))
        # A failed or possible ratification is not the ratification: kept apart.
        shown = self.factuality in ("asserted", "reported")
        kind = self.type.value if shown else f"{self.type.value}~{self.factuality}"
        scope = [] if ids else [document, str(offset), self.trigger.lemma_.lower()]
        if ids and self.type == EventType.other:
            # An untyped event is told apart by its verb: "Kopp fled" and "Kopp hid"
            # are two events, whoever takes part.
            scope = [self.trigger.lemma_.lower()]
        key = "|".join([kind, identity_time(self.when), *ids, *scope])
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        names = [i.split(":")[-1] for i in ids[:2]] or [self.trigger.lemma_.lower()]
        lead = slugify(" ".join([self.type.value, *names]))[:60]
        return f"event:{lead}-{digest}"


def _shown(actor: TokenActor) -> str:
    """How a summary names an argument: by the actor's name, or by the words of an
    inferred link ("Ruritanian troops shelled Brod", not "Ruritania shelled Brod": the
    summary tells what the text says)."""
    return actor.mention if actor.basis == "inferred" and actor.mention else actor.name


def identity_time(when: When | None) -> str:
    """The time part of an event's identity: its day for day and week precision (a week
    starts on a known day), its start month for coarser ones."""
    if when is None:
        return "undated"
    if when.basis == "publication":
        # The day-before-or-of-publication window is the report's: named by its last
        # day, so "told" (inferred) is not one with "announced on Monday", the day before.
        return when.end.isoformat()
    if when.precision in ("day", "week"):
        return when.start.isoformat()
    return when.start.strftime("%Y-%m")


def _amount(token: Token) -> bool:
    """A plural that names an amount ("sales rose", "deliveries fell"), not events."""
    return token.lower_ in words()["amount_forms"]


def _trigger_type(token: Token) -> tuple[EventType, Token] | None:
    """The event type of a verb, looking through "began hitting" to "hitting"."""
    words = vocabulary()
    nouns = words["noun_triggers"]
    if is_event_noun(token, vocabulary_words("noun_triggers")) and not _amount(token):
        # "sales rose": an amount, not a sale.
        return EventType(nouns.get(token.lemma_.lower()) or nouns[token.lower_]), token
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = token.lemma_.lower()
    if lemma in vocabulary_words("aspect_verbs"):
        inner = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None)
        if inner is not None:
            return _trigger_type(inner)
        # "kept the boy in Miami", "ended a news conference": with no clause to look
        # through, the aspectual verb is the event (TimeML's ASPECTUAL); when its
        # argument is an event noun ("the talks ended"), that noun tells the event.
        event_nouns = vocabulary_words("noun_triggers")
        arguments = [c for c in token.children if c.dep_ in (*SUBJECTS, *OBJECTS)]
        if token.pos_ != "VERB" or any(is_event_noun(a, event_nouns) for a in arguments):
            return None
        return EventType.other, token
    if lemma in vocabulary_words("change_verbs") and token.pos_ in ("VERB", "AUX"):
        return EventType.other, token  # "became the last country to ratify": a change
    if is_state(token):
        return EventType.other, token
    if lemma == "step" and not any(c.lower_ == "down" for c in particles(token)):
        return None  # "step down" (the parser reads "down" as particle or adverb), not "step"
    kind = words["event_triggers"].get(lemma)
    if kind:
        return EventType(kind), token
    # Any other verb that tells something happened is an event too, of type `other`: the
    # vocabulary types events, it does not decide which exist. States other than
    # `state_verbs` ("seem", "belong") and light verbs are not events.
    if token.pos_ == "VERB" and lemma not in vocabulary_words("not_events") and lemma.isalpha():
        return EventType.other, token
    return None


def is_state(token: Token) -> bool:
    """A verb of state readers place in time ("officials believe", "Kopp is wanted"):
    an event only when a time supports it (`find_events`)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in vocabulary_words("state_verbs")


def _present_attitude(verb: Token, published: date) -> bool:
    """A present state with a clause of its own ("are expected to join in April",
    "want to question him Friday"): a date in the sentence is its complement's, while
    the attitude holds in the present of the report."""
    has_clause = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
    return has_clause and state_date(verb, published) is not None


def _argument_actors(
    token: Token, actor_at: Mapping[int, TokenActor], compounds: bool = False
) -> list[TokenActor]:
    """Actors an argument names (`loaders.text.participants.named`)."""
    return named(token, actor_at, compounds)


def _collect(trigger: Token, head: Token, context: Context) -> dict[str, tuple[TokenActor, Role]]:
    """The event's participants: the actors its arguments name or stand behind
    (`loaders.text.participants`), each actor once, by its strongest link (a name in
    the clause over a resolved pronoun over an inference)."""
    found: dict[str, tuple[TokenActor, Role]] = {}

    def add(pairs: list[tuple[TokenActor, Role]]) -> None:
        for actor, role in pairs:
            kept = found.get(actor.id)
            if kept is None or stronger(actor.basis, kept[0].basis):
                found[actor.id] = (actor, role)

    if trigger.pos_ in ("NOUN", "PROPN"):
        # "Assad meeting with Putin", "the sale of X to Y": the noun's own arguments.
        add(nominal(trigger, context))
        if not any(role == Role.agent for _, role in found.values()):
            # "convicted of the murder of X": the verdict says who did it.
            add(charged(trigger, context))
        else:
            # "convicted of murder in the death of X": X dies; the one convicted
            # takes part in the death, beside its own agent.
            add([(a, Role.participant) for a, _ in charged(trigger, context, done=False)])
    elif (trigger.dep_ in ("xcomp", "conj") or _purpose(trigger)) and not any(
        c.dep_ in SUBJECTS for c in trigger.children
    ):
        # "Syria had agreed to lend Russia facilities": lend's subject is agreed's; but
        # "asked Assad to step down": step's subject is the one asked.
        governing = trigger.head.children
        objects = (
            [c for c in trigger.head.children if c.dep_ in OBJECTS]
            if trigger.dep_ == "xcomp"
            else []
        )
        controllers = [a for child in objects for a in argument(child, Role.agent, context)]
        if not controllers:
            # "is leaving office to return to Harvard": an object no one is named in
            # ("office") does not act; the subject does.
            governors = [c for c in governing if c.dep_ in SUBJECTS]
            controllers = [a for child in governors for a in argument(child, Role.agent, context)]
        add(controllers)
    elif (controller := gerund_controller(trigger)) is not None:
        # "after shooting Lincoln", "convicted of killing X": the gerund's doer is the
        # subject of the clause it completes.
        for actor in subjects(controller, context):
            add([(clued(actor, f"{controller.text} {trigger.head.text}"), Role.agent)])
    elif participle_of(trigger) is not None:
        noun, role = participle_of(trigger)  # type: ignore[misc]
        add(argument(noun, role, context, through=False))
    inverted = _inverted_subject(trigger)
    if inverted is not None:
        add(argument(inverted, Role.agent, context))
    for complement in (c for c in trigger.children if c.dep_ == "xcomp"):
        # "agreed to lend Russia facilities": what was agreed involves Russia too.
        for child in complement.children:
            if child.dep_ in OBJECTS:
                add(argument(child, Role.target, context, compounds=True, through=False))
    for verb in {trigger, head}:
        doer = any(c.dep_ in ("nsubj", "csubj", "agent") for c in verb.children)
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                # "The acquisition of X by Y closed": the verb only tells the noun's
                # event, whose roles hold; "the resignation of X was announced" is
                # someone else's announcement, in which X only takes part.
                through = child.dep_ == "nsubj"
                add(argument(child, SUBJECTS[child.dep_], context, through=through))
            elif child.dep_ in OBJECTS and child.pos_ != "ADP":
                add(argument(child, OBJECTS[child.dep_], context, True, through=not doer))
            elif child.dep_ == "agent":
                for pobj in child.children:
                    add(argument(pobj, Role.agent, context))
            elif child.dep_ in ("prep", "dative"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        actors = named(pobj, context.actor_at)
                        if not actors:
                            # "signed on behalf of Acme": Acme takes part.
                            add([(a, Role.participant) for a in represented(pobj, context)])
                        if child.lower_ in words()["location_prepositions"] and all(
                            a.kind == ActorKind.place for a in actors
                        ):
                            # "born in a manse in Staunton", "works at the embassy in
                            # Beirut": where the manse or the embassy is, it happened.
                            add([(a, Role.location) for a in places_within(pobj, context.actor_at)])
                        if child.dep_ == "dative":
                            # "sold its stake to IBM": the one it goes to.
                            add([(a, Role.target) for a in actors])
                        else:
                            add([(a, prepositional(a, child.lower_)) for a in actors])
    for verb in {trigger, head}:
        if verb.dep_ == "relcl" and any(
            c.dep_ == "advmod" and c.lower_ in words()["place_relatives"] for c in verb.children
        ):
            # "Minnesota, where she was born": the clause happened at its antecedent.
            place = verb.head
            places = [a for a in named(place, context.actor_at) if a.kind == ActorKind.place]
            add([(a, Role.location) for a in places or places_within(place, context.actor_at)])
        for child in verb.children:
            if child.dep_ in ("oprd", "dobj"):
                # "born Phoebe Moses in Willowdell", "arrested Smith in Paris": the parse
                # hangs the event's place on the person named.
                add([(a, Role.location) for a in places_on(child, context.actor_at)])
    if trigger.pos_ in ("VERB", "AUX") and not any(r == Role.agent for _, r in found.values()):
        # "was shot ... in the courtyard of the Dakota by Chapman": "by" on a later noun.
        add([(a, Role.agent) for a in passive_agents(trigger, context)])
    return found


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose ("left office to return to Harvard"): its doer is the
    subject of the verb it serves."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def gerund_controller(verb: Token) -> Token | None:
    """The verb whose subject does a gerund with no subject of its own that completes
    one of its prepositions ("Booth escaped after shooting Lincoln", "X was convicted
    of killing Y": Booth, X), or None."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.dep_ != "prep":
        return None
    if any(c.dep_ in (*SUBJECTS, "poss") for c in verb.children):
        return None  # "after he left", "his leaving": a doer of its own
    host = verb.head.head
    if verb.head.lower_ in words()["time_prepositions_of_clauses"]:
        # "arrested 80 minutes after shooting X", "arrested during a film after
        # shooting X": a time clause tells when the clause's subject did it, wherever
        # the parse hangs it (a span of time, or a plain noun of the clause).
        for _ in range(2):
            if host.pos_ in ("VERB", "AUX"):
                break
            if host.dep_ == "pobj" and host.head.dep_ == "prep":
                host = host.head.head
            elif host.dep_ == "npadvmod" and host.ent_type_ in ("DATE", "TIME"):
                host = host.head
            else:
                break
    return host if host.pos_ in ("VERB", "AUX") else None


def participle_of(verb: Token) -> tuple[Token, Role] | None:
    """The noun a participle clause with no subject of its own is about, and its role:
    the noun it describes ("Jackson, born in Waxhaw": Jackson; "a man arrested by
    police": the man) or the subject of the clause it hangs on ("Born in Ohio, Smith
    moved", "troops fired, killing 12": the troops). A past participle is passive (its
    noun undergoes the event), a present one active."""
    if verb.tag_ not in ("VBN", "VBG") or verb.dep_ not in ("acl", "advcl"):
        return None
    if any(c.dep_ in (*SUBJECTS, "mark", "aux", "auxpass") for c in verb.children):
        return None  # "after he left", "while being questioned": a clause of its own
    role = Role.target if verb.tag_ == "VBN" else Role.agent
    if verb.dep_ == "acl":
        noun = verb.head
        return (noun, role) if noun.pos_ in ("NOUN", "PROPN") else None
    subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS]
    return (subjects[0], role) if subjects else None


def _inverted_subject(verb: Token) -> Token | None:
    """The subject of an inverted report ("...,'' said analyst Chris Weafer, commenting
    on the decision"), which the parser often hangs on the participle after it: the
    subject of a participle clause right of a verb that has no subject of its own,
    starting just after the verb."""
    if verb.pos_ != "VERB" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    for clause in verb.rights:
        if clause.dep_ in ("ccomp", "advcl", "xcomp") and clause.tag_ == "VBG":
            for subject in clause.children:
                if subject.dep_ == "nsubj" and subject.left_edge.i == verb.i + 1:
                    return subject
    return None


def _finite(verb: Token) -> bool:
    """A verb that tells something on its own: a tensed verb, one with an auxiliary or
    a subject of its own, or an active participle with an object; not a bare participle
    that describes ("the carrier operating off San Diego", "nicknamed the Dog")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    if verb.tag_ == "VBG" and any(c.dep_ == "dobj" for c in verb.children):
        return True  # "..., flooding hundreds of homes": a doing, with what it did
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


def _has_argument(trigger: Token) -> bool:
    """Whether the clause says who or what does or undergoes the event, named or not
    ("police", "they", "82 were killed"); an expletive "it" or "there" says nothing."""
    return any(
        c.dep_ in SUBJECTS or c.dep_ in OBJECTS
        for c in trigger.children
        if c.dep_ != "expl" and c.lower_ not in ("it", "there")
    )


def reporter(trigger: Token, actor_at: Mapping[int, TokenActor]) -> TokenActor | None:
    """Who says a reported event happened: the named subject of the reporting verb whose
    complement holds it ("officials said ...": no one named; "Reuters reported ...")."""
    verb = trigger
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp":
        return None
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        for actor in _argument_actors(subject, actor_at):
            return actor
    return None


def find_events(
    sentence: Span,
    actor_at: dict[int, TokenActor],
    anchor: date,
    news: bool = True,
    expressions: list[TemporalExpression] | None = None,
    places: Mapping[str, TokenActor] | None = None,
    on_air: bool = False,
) -> list[EventDraft]:
    """The events of a sentence. `expressions`: its dates as the whole document reads
    them (offsets in the sentence); without them the sentence is read alone, as news.
    `places`: the document's place actors by name, for nationality adjectives
    ("Ruritanian troops": Ruritania, when the document names it). `on_air`: the
    sentence is a broadcast's speech (`loaders.text.transcript`), whose present is the
    day it was on air even in a text read as a narrative."""
    drafts = []
    dates: SentenceDates | None = None
    # A dateline ("OSLO, Norway —") says where the report was filed: no one in it
    # takes part in the sentence's events, whatever the parse makes of it.
    excluded = dateline(sentence)
    if excluded:
        actor_at = {i: ref for i, ref in actor_at.items() if i not in excluded}
    context = Context(actor_at, places or {})
    for token in sentence:
        typed = _trigger_type(token)
        if typed is None:
            continue
        event_type, trigger = typed
        participants = _collect(trigger, token, context)
        if dates is None:
            dates = (
                SentenceDates(sentence, expressions)
                if expressions is not None
                else SentenceDates.alone(sentence, anchor)
            )
        when = dates.attached_to(trigger)
        state = is_state(trigger)
        if state and _present_attitude(trigger, anchor):
            when = None  # "are expected to join in April": April is the joining's
        noun = trigger.pos_ in ("NOUN", "PROPN")
        pending = noun and when is None and not participants
        if pending and not definite(trigger):
            continue  # "a bombing", no one and no day named: a mention, not a report
        if not participants and not noun and not _finite(trigger):
            continue  # "the carrier operating off San Diego": a description, not news
        factuality = factuality_of(trigger)
        chain = clause_chain(trigger)
        # Only an event someone does or undergoes is dated by publication ("police
        # arrested two men"); one with a place alone or no argument needs a date of its
        # own ("he died in Moscow" is not the publication day's death of someone the
        # text does not name there).
        actors = (
            any(not setting(a, role) for a, role in participants.values())
            or any(_has_argument(verb) for verb in chain)
            # "Scharping, ending a visit, said Poland was prepared": what was said is
            # there, whoever the parse makes the speaker.
            or (
                event_type == EventType.statement
                and any(c.dep_ == "ccomp" for c in trigger.children)
            )
        )
        # A relative clause describes someone or something ("Slepian, who provided
        # abortions", "the boat that sank"): background, not the day's news.
        # So does a participle on a noun ("Jackson, born in Waxhaw", "a man arrested by
        # police"): it tells who the noun is, not what the day brought.
        background = any(v.dep_ == "relcl" for v in chain) or (
            trigger.dep_ == "acl" and participle_of(trigger) is not None
        )
        inferred = (
            (
                state_date(trigger, anchor)
                if state
                else publication_date(trigger, event_type, anchor, present_only=not news)
            )
            if (news or on_air)
            and actors
            and not background
            and not timed_by_another(chain)
            and factuality in ("asserted", "reported")
            else None
        )
        if state and (when or inferred) is None:
            continue  # "he wanted a recount": a state no time supports is not news
        drafts.append(
            EventDraft(
                type=event_type,
                trigger=trigger,
                participants=participants,
                when=when or inferred,
                sentence=sentence,
                factuality=factuality,
                reported_by=reporter(trigger, actor_at) if factuality == "reported" else None,
                pending=pending,
            )
        )
    return drafts
