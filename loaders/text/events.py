"""Events from verbs: who did what to whom (the dependency parse), and when.

A verb in the vocabulary triggers an event of its type; its subject is the agent, its
object (or the subject of a passive) the target, places after a preposition the
location. The date is the temporal expression that modifies the event's clause
(`loaders.text.attachment`). In news, a past event or a statement no expression
modifies is dated to the publication day, labelled `publication` (inferred); otherwise
it stays undated rather than taking another event's date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from graphsvc.model import ActorKind, EventType, Factuality, LinkBasis, Role, When, slugify
from graphsvc.temporal import TemporalExpression, find_dates
from graphsvc.temporal import calendar as cal
from graphsvc.temporal.rules import Tense
from loaders.text.attachment import (
    clause_chain,
    governor,
    is_event_noun,
    span_head,
    tense_of_span,
    tense_of_verb,
)
from loaders.text.date_ranges import join_ranges
from loaders.text.factuality import factuality_of
from loaders.text.participants import (
    Context,
    argument,
    dateline,
    named,
    nominal,
    prepositional,
    setting,
    stronger,
)
from loaders.text.vocabulary import vocabulary

SUBJECTS = {"nsubj": Role.agent, "nsubjpass": Role.target, "csubj": Role.agent}
OBJECTS = {"dobj": Role.target, "dative": Role.target, "attr": Role.target}


@dataclass(frozen=True)
class ActorRef:
    """An actor as a token of the text refers to it; `basis` and `mention` say how the
    token was tied to it (a name, a resolved pronoun or description, or an inference)."""

    id: str
    name: str
    kind: ActorKind
    basis: LinkBasis = "stated"
    mention: str | None = None


@dataclass
class EventDraft:
    """An event as one sentence tells it, before it is merged with its other mentions."""

    type: EventType
    trigger: Token
    participants: dict[str, tuple[ActorRef, Role]]
    when: When | None
    sentence: Span
    factuality: Factuality = "asserted"
    reported_by: ActorRef | None = None

    @property
    def named(self) -> bool:
        """Whether a named actor (not only a place) does or undergoes the event."""
        return any(not setting(a, role) for a, role in self.participants.values())

    def summary(self) -> str:
        agents = [_shown(a) for a, r in self.participants.values() if r == Role.agent]
        targets = [_shown(a) for a, r in self.participants.values() if r == Role.target]
        if not agents and not targets:
            return clause_words(self.trigger)
        if not agents:
            agents = [p for p in [unnamed_argument(self.trigger, SUBJECTS)] if p]
        if not targets:
            targets = [p for p in [unnamed_argument(self.trigger, OBJECTS)] if p]
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


def _shown(actor: ActorRef) -> str:
    """How a summary names an argument: by the actor's name, or by the words of an
    inferred link ("Ruritanian troops shelled Brod", not "Ruritania shelled Brod": the
    summary tells what the text says)."""
    return actor.mention if actor.basis == "inferred" and actor.mention else actor.name


#: Words before a noun that say which one it is ("the", "Iraqi", "car", "two").
_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss"})


def unnamed_argument(trigger: Token, deps: dict[str, Role]) -> str | None:
    """The words of an argument no actor was found in ("the police", "a car bomb"), for
    a summary: the noun and the modifiers before it; None for a pronoun or a clause."""
    verbs = [trigger, trigger.head] if trigger.dep_ == "xcomp" else [trigger]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in deps and child.pos_ in ("NOUN", "PROPN"):
                words = [t.text for t in child.lefts if t.dep_ in _MODIFIERS] + [child.text]
                return " ".join(words)[:80]
    return None


#: Dependents that start another clause or aside, left out of a clause's words.
_OTHER_CLAUSES = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "conj", "cc", "punct", "mark", "parataxis", "appos"}
)


def clause_words(trigger: Token, limit: int = 12) -> str:
    """The words of the trigger's own clause, for the summary of an event no actor is
    named in ("police arrested two men in the market"): its subject, the trigger and
    what hangs on it, without other clauses or asides, at most `limit` words."""
    words: list[Token] = []
    pending = [trigger]
    filed = dateline(trigger.sent)  # "OSLO, Norway —" is where, not what
    while pending:
        token = pending.pop()
        words.append(token)
        pending += [
            c
            for c in token.children
            if c.dep_ not in _OTHER_CLAUSES and not c.is_space and c.i not in filed
        ]
    words.sort(key=lambda t: t.i)
    start = next(i for i, t in enumerate(words) if t.i == trigger.i)
    # Keep the trigger in view: at most `limit` words, starting up to half before it.
    first = max(0, min(start - limit // 2, len(words) - limit))
    return " ".join(t.text for t in words[first : first + limit])


def identity_time(when: When | None) -> str:
    """The time part of an event's identity: its day for day and week precision (a week
    starts on a known day), its start month for coarser ones."""
    if when is None:
        return "undated"
    if when.precision in ("day", "week"):
        return when.start.isoformat()
    return when.start.strftime("%Y-%m")


#: Adverbs that complete a phrasal verb when the parser does not call them particles
#: ("stepped down", "backed off").
_PARTICLE_ADVERBS = frozenset({"down", "up", "off", "out", "back", "over", "away"})


def particles(verb: Token) -> list[Token]:
    """The particles of a phrasal verb, right after it ("stepped down as chief")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLE_ADVERBS)
    ]


def _trigger_type(token: Token) -> tuple[EventType, Token] | None:
    """The event type of a verb, looking through "began hitting" to "hitting"."""
    words = vocabulary()
    nouns = words["noun_triggers"]
    if is_event_noun(token, frozenset(nouns)):
        return EventType(nouns.get(token.lemma_.lower()) or nouns[token.lower_]), token
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = token.lemma_.lower()
    if lemma in words["aspect_verbs"]:
        inner = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None)
        return _trigger_type(inner) if inner is not None else None
    if lemma == "step" and not any(c.lower_ == "down" for c in particles(token)):
        return None  # "step down" (the parser reads "down" as particle or adverb), not "step"
    kind = words["event_triggers"].get(lemma)
    if kind:
        return EventType(kind), token
    # Any other verb that tells something happened is an event too, of type `other`: the
    # vocabulary types events, it does not decide which exist. States ("know", "seem")
    # and light verbs are not events.
    if token.pos_ == "VERB" and lemma not in words["not_events"] and lemma.isalpha():
        return EventType.other, token
    return None


def _argument_actors(
    token: Token, actor_at: Mapping[int, ActorRef], compounds: bool = False
) -> list[ActorRef]:
    """Actors an argument names (`loaders.text.participants.named`)."""
    return named(token, actor_at, compounds)


def _collect(trigger: Token, head: Token, context: Context) -> dict[str, tuple[ActorRef, Role]]:
    """The event's participants: the actors its arguments name or stand behind
    (`loaders.text.participants`), each actor once, by its strongest link (a name in
    the clause over a resolved pronoun over an inference)."""
    found: dict[str, tuple[ActorRef, Role]] = {}

    def add(pairs: list[tuple[ActorRef, Role]]) -> None:
        for actor, role in pairs:
            kept = found.get(actor.id)
            if kept is None or stronger(actor.basis, kept[0].basis):
                found[actor.id] = (actor, role)

    if trigger.pos_ in ("NOUN", "PROPN"):
        # "Assad meeting with Putin", "the sale of X to Y": the noun's own arguments.
        add(nominal(trigger, context))
    elif trigger.dep_ in ("xcomp", "conj") and not any(
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
        for child in objects or [c for c in governing if c.dep_ in SUBJECTS]:
            add(argument(child, Role.agent, context))
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
                        if child.dep_ == "dative":
                            # "sold its stake to IBM": the one it goes to.
                            add([(a, Role.target) for a in actors])
                        else:
                            add([(a, prepositional(a, child.lower_)) for a in actors])
    return found


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


def _distance(expression: TemporalExpression, position: int) -> int:
    return min(abs(expression.start - position), abs(expression.end - position))


#: Subordinators of a clause that happens at the same time as the one it hangs on.
_SAME_TIME = frozenset({"when", "as", "while"})


def _supported(noun: Token) -> bool:
    """A noun event that is the subject or object of a verb that only says it happened
    ("occurred", "was held", "began", "paid a visit")."""
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj") and (
        noun.head.lemma_.lower() in vocabulary()["support_verbs"]
    )


class SentenceDates:
    """The dated expressions of one sentence, found once for all its verbs, each attached
    to the verb or event noun it modifies (`loaders.text.attachment`) and read in that
    verb's tense."""

    def __init__(self, sentence: Span, expressions: list[TemporalExpression]) -> None:
        """`expressions`: the sentence's resolved expressions, offsets in the sentence
        (`DocumentDates.in_span`, or `find_dates` of the sentence alone)."""
        self.sentence = sentence
        nouns = frozenset(vocabulary()["noun_triggers"])
        self._nouns = nouns
        self._heads: dict[tuple[int, int], Token | None] = {}
        self.found = [e for e in expressions if e.when is not None]
        self.attached: dict[int, list[TemporalExpression]] = {}
        for expression in self.found:
            verb = self._governor(expression.start, expression.end, nouns)
            if verb is not None:
                self.attached.setdefault(verb.i, []).append(expression)

    @classmethod
    def alone(cls, sentence: Span, anchor: date) -> SentenceDates:
        """The sentence read on its own, as news, each expression in its verb's tense."""
        nouns = frozenset(vocabulary()["noun_triggers"])

        def tense_at(start: int, end: int) -> Tense:
            span = sentence.char_span(start, end, alignment_mode="expand")
            return tense_of_span(span, nouns)

        found = find_dates(sentence.text, anchor, tense_at=tense_at)
        return cls(sentence, join_ranges(sentence.text, [e for e in found if e.when is not None]))

    def _governor(self, start: int, end: int, nouns: frozenset[str]) -> Token | None:
        if (start, end) not in self._heads:
            head = span_head(self.sentence, start, end)
            self._heads[start, end] = governor(head, nouns) if head is not None else None
        return self._heads[start, end]

    def attached_to(self, trigger: Token) -> When | None:
        """The expression that modifies the trigger's clause (its own first, then the
        clauses it shares time with), nearest the trigger; None if no expression does."""
        position = trigger.idx - self.sentence.start_char
        chain = clause_chain(trigger)
        if trigger.pos_ in ("NOUN", "PROPN") and _supported(trigger):
            # "the ceremony was held Sunday", "the blast occurred Friday": the verb only
            # says the noun's event took place; its date is the event's.
            chain += clause_chain(trigger.head)
        # "The Aug. 7 bombings killed 224 people": what a dated event did happened in it.
        chain += [
            c for c in trigger.children if c.dep_ == "nsubj" and is_event_noun(c, self._nouns)
        ]
        # "the Dec. 21, 1988, bombing that killed 259": a relative clause on an event
        # noun tells that event, and shares its date.
        top = next((v for v in chain if v.dep_ == "relcl"), None)
        if top is not None and top.head.pos_ in ("NOUN", "PROPN"):
            chain.append(top.head)
        # "said as dawn broke Saturday", "fell when the market opened on Monday": a clause
        # of the same moment dates the verb it hangs on.
        chain += [
            clause
            for verb in list(chain)
            for clause in verb.children
            if clause.dep_ == "advcl"
            and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in _SAME_TIME for m in clause.children
            )
        ]
        for verb in chain:
            candidates = self.attached.get(verb.i)
            if candidates:
                return min(candidates, key=lambda e: _distance(e, position)).when
        return None


def _present(verb: Token, event_type: EventType) -> bool:
    """A present ("officials say", "tests link him to the crime") or something going on
    ("police are searching"): in news, on the day of the report; not a habit ("I work
    in my pharmacy every day", "the plant usually closes in July"), which has no day."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    if not auxiliaries:
        return verb.tag_ in ("VBZ", "VBP") and not _habitual(verb)
    progressive = verb.tag_ == "VBG" and auxiliaries[0].lemma_ == "be"
    return progressive and auxiliaries[0].tag_ in ("VBZ", "VBP")


def _finite(verb: Token) -> bool:
    """A verb that tells something on its own: a tensed verb, one with an auxiliary or
    a subject of its own, or an active participle with an object; not a bare participle
    that describes ("the carrier operating off San Diego", "nicknamed the Dog")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    if verb.tag_ == "VBG" and any(c.dep_ == "dobj" for c in verb.children):
        return True  # "..., flooding hundreds of homes": a doing, with what it did
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


#: Words that make a present a habit.
_HABIT = frozenset(
    {
        "usually",
        "often",
        "always",
        "sometimes",
        "generally",
        "normally",
        "regularly",
        "typically",
        "frequently",
        "rarely",
        "seldom",
        "never",
        "every",
        "each",
        "daily",
    }
)


def _habitual(verb: Token) -> bool:
    """Whether the clause says its present happens again and again."""
    for child in verb.children:
        if child.dep_ in ("advmod", "npadvmod") and (
            child.lower_ in _HABIT or any(t.lower_ in _HABIT for t in child.children)
        ):
            return True
    return False


def _past_perfect(verb: Token) -> bool:
    """ "had been rescuing", "had left": before the time the story is at, not its day."""
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _perfect_infinitive(verb: Token) -> bool:
    """ "reported to have died": some time before the report, not on its day."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in auxiliaries and "have" in auxiliaries


def publication_date(trigger: Token, event_type: EventType, published: date) -> When | None:
    """The date news implies for an event it tells with no date of its own: a past event
    or a statement (not a future, planned or hypothetical one) happened on or just before
    the publication day: the day before it or that day (news reports yesterday's events
    as often as today's); a present one ("officials say", "police are searching") holds
    on that day. Labelled `publication` and approximate: inferred, not stated."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return None  # "the bombing" may be any day's: a noun states no time
    tense = tense_of_verb(trigger)
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in trigger.children)
    if modal or tense == "future" or _perfect_infinitive(trigger) or _past_perfect(trigger):
        return None
    if _some_time_before(trigger):
        return None
    if tense == "unknown" and _present(trigger, event_type):
        return When(
            start=published, end=published, precision="day", approximate=True, basis="publication"
        )
    if not (tense == "past" or event_type == EventType.statement):
        return None
    try:
        day_before = cal.shift_days(published, -1)
    except ValueError:  # the first day of the calendar
        day_before = published
    return When(
        start=day_before,
        end=published,
        precision="day",
        approximate=True,
        basis="publication",
    )


#: Words that put an event before or after another ("before his death", "after he
#: left"): its time is told against that event, not the publication day. ("When he
#: arrived" is left out: news tells such pairs of the same day.)
_RELATIVE_TIME = frozenset({"before", "after", "since", "until", "till", "following"})


def timed_by_another(chain: list[Token]) -> bool:
    """Whether a clause places its event against another event instead of a date. A
    present perfect says the event is recent whatever came before it ("Japan has
    entered a recession after two quarters of decline")."""
    if _present_perfect(chain[0]):
        return False
    for verb in chain:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _RELATIVE_TIME:
                return True
            if child.dep_ == "advcl" and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in _RELATIVE_TIME for m in child.children
            ):
                return True
    return False


def _present_perfect(verb: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


#: Adverbs that put a present perfect at some earlier time ("has already paid",
#: "has long opposed"), not on the day of the report.
_EARLIER = frozenset({"already", "earlier", "previously", "long", "ever", "once", "before"})


def _some_time_before(verb: Token) -> bool:
    """ "The government has already contributed $3 million": a total to date or a
    standing fact, of no day."""
    return _present_perfect(verb) and any(
        c.dep_ == "advmod" and c.lower_ in _EARLIER for c in verb.children
    )


def _has_argument(trigger: Token) -> bool:
    """Whether the clause says who or what does or undergoes the event, named or not
    ("police", "they", "82 were killed"); an expletive "it" or "there" says nothing."""
    return any(
        c.dep_ in SUBJECTS or c.dep_ in OBJECTS
        for c in trigger.children
        if c.dep_ != "expl" and c.lower_ not in ("it", "there")
    )


def reporter(trigger: Token, actor_at: Mapping[int, ActorRef]) -> ActorRef | None:
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
    actor_at: dict[int, ActorRef],
    anchor: date,
    news: bool = True,
    expressions: list[TemporalExpression] | None = None,
    places: Mapping[str, ActorRef] | None = None,
) -> list[EventDraft]:
    """The events of a sentence. `expressions`: its dates as the whole document reads
    them (offsets in the sentence); without them the sentence is read alone, as news.
    `places`: the document's place actors by name, for nationality adjectives
    ("Ruritanian troops": Ruritania, when the document names it)."""
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
        noun = trigger.pos_ in ("NOUN", "PROPN")
        if noun and when is None and not participants:
            continue  # "the bombing", no one and no day named: a reference, not a report
        if not participants and not noun and not _finite(trigger):
            continue  # "the carrier operating off San Diego": a description, not news
        factuality = factuality_of(trigger)
        chain = clause_chain(trigger)
        # Only an event someone does or undergoes is dated by publication ("police
        # arrested two men"); one with a place alone or no argument needs a date of its
        # own ("he died in Moscow" is not the publication day's death of someone the
        # text does not name there).
        actors = any(not setting(a, role) for a, role in participants.values()) or any(
            _has_argument(verb) for verb in chain
        )
        # A relative clause describes someone or something ("Slepian, who provided
        # abortions", "the boat that sank"): background, not the day's news.
        background = any(v.dep_ == "relcl" for v in chain)
        inferred = (
            publication_date(trigger, event_type, anchor)
            if news
            and actors
            and not background
            and not timed_by_another(chain)
            and factuality in ("asserted", "reported")
            else None
        )
        drafts.append(
            EventDraft(
                type=event_type,
                trigger=trigger,
                participants=participants,
                when=when or inferred,
                sentence=sentence,
                factuality=factuality,
                reported_by=reporter(trigger, actor_at) if factuality == "reported" else None,
            )
        )
    return drafts
