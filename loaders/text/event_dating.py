"""When an event happened: the date its clause states, or the day news implies.

Split from `loaders.text.events`, which finds the events: this module dates them. A
sentence's expressions are attached to the verbs they modify once
(`SentenceDates`); an event no expression dates takes the publication day only when
news implies it (a past or present told with no other time: `publication_date`).
An expression that only bounds its event ("before March", "by Tuesday", "until
December 12") gives a date open at its start (`bounded_by`), not the bound's own days.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Span, Token

from graphsvc.model import EventType, When
from graphsvc.temporal import TemporalExpression, find_dates
from graphsvc.temporal import calendar as cal
from graphsvc.temporal.rules import Tense
from loaders.text.attachment import (
    SAME_TIME,
    clause_chain,
    governor,
    is_event_noun,
    span_head,
    tense_of_span,
    tense_of_verb,
)
from loaders.text.date_ranges import join_ranges
from loaders.text.vocabulary import grammar_words, vocabulary_words


def _distance(expression: TemporalExpression, position: int) -> int:
    return min(abs(expression.start - position), abs(expression.end - position))


def _supported(noun: Token) -> bool:
    """A noun event that is the subject or object of a verb that only says it happened
    ("occurred", "was held", "began", "paid a visit")."""
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj") and (
        noun.head.lemma_.lower() in vocabulary_words("support_verbs")
    )


class SentenceDates:
    """The dated expressions of one sentence, found once for all its verbs, each attached
    to the verb or event noun it modifies (`loaders.text.attachment`) and read in that
    verb's tense."""

    def __init__(self, sentence: Span, expressions: list[TemporalExpression]) -> None:
        """`expressions`: the sentence's resolved expressions, offsets in the sentence
        (`DocumentDates.in_span`, or `find_dates` of the sentence alone)."""
        self.sentence = sentence
        nouns = vocabulary_words("noun_triggers")
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
        nouns = vocabulary_words("noun_triggers")

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
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in SAME_TIME for m in clause.children)
        ]
        for verb in chain:
            candidates = self.attached.get(verb.i)
            if candidates:
                best = min(candidates, key=lambda e: _distance(e, position))
                head = span_head(self.sentence, best.start, best.end)
                assert best.when is not None  # `found` holds resolved expressions only
                return bounded_by(best.when, head, verb)
        return None


#: Prepositions that bound an event by a date without dating it: "before" (strictly
#: earlier), "by" (a deadline: on or before), "until"/"till" (a state that held up
#: to that day). After, since and from bound the other side: an open end the model
#: does not offer, so those keep the expression's date as before.
_STRICTLY_BEFORE = grammar_words("bound_strictly_before")
_ON_OR_BEFORE = grammar_words("bound_on_or_before")


def _preposition(head: Token) -> str | None:
    """The preposition a date expression is the object of ("before March" -> before,
    "prior to March" -> before), lower case; None when it has none."""
    if head.dep_ != "pobj":
        return None
    prep = head.head
    if prep.lower_ == "to" and prep.head.lower_ == "prior":
        return "before"
    return prep.lower_


def bounded_by(when: When, head: Token | None, verb: Token) -> When:
    """The date an expression gives the event it modifies: its own, or, when it is the
    object of a bounding preposition, the open interval it bounds ("fired before March
    1997": on or before 1997-02-28). "Did not arrive until Friday" says the arrival
    was on Friday: a negated clause keeps the expression's date. Labelled `context`:
    the text gives a time the event is told against, not the event's own date."""
    word = _preposition(head) if head is not None else None
    if word is None or any(c.dep_ == "neg" for c in verb.children):
        return when
    if word in _STRICTLY_BEFORE:
        return open_before(when.start, when, strictly=True)
    if word in _ON_OR_BEFORE:
        return open_before(when.end, when, strictly=False)
    return when


def open_before(bound: date, source: When, strictly: bool) -> When:
    """On or before `bound` (before it, if `strictly`), nothing known of how long
    before: `start` is set to the last possible day too (the day the timeline orders
    the event by, see `When`). Keeps the source's precision, text and anchor."""
    try:
        end = bound - timedelta(days=1) if strictly else bound
    except OverflowError:  # before the first day of the calendar: no such day
        end = bound
    return When(
        start=end,
        end=end,
        precision=source.precision,
        approximate=source.approximate,
        open_start=True,
        text=source.text,
        anchor=source.anchor,
        basis="context",
    )


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


#: Words that make a present a habit.
_HABIT = grammar_words("habit")


def _habitual(verb: Token) -> bool:
    """Whether the clause says its present happens again and again."""
    for child in verb.children:
        if child.dep_ in ("advmod", "npadvmod") and (
            child.lower_ in _HABIT or any(t.lower_ in _HABIT for t in child.children)
        ):
            return True
    return False


def past_perfect(verb: Token) -> bool:
    """ "had been rescuing", "had left": before the time the story is at, not its day."""
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _perfect_infinitive(verb: Token) -> bool:
    """ "reported to have died": some time before the report, not on its day."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in auxiliaries and "have" in auxiliaries


def publication_date(
    trigger: Token, event_type: EventType, published: date, present_only: bool = False
) -> When | None:
    """The date news implies for an event it tells with no date of its own: a past event
    or a statement (not a future, planned or hypothetical one) happened on or just before
    the publication day: the day before it or that day (news reports yesterday's events
    as often as today's); a present one ("officials say", "police are searching") holds
    on that day. Labelled `publication` and approximate: inferred, not stated.
    `present_only`: only that present (a broadcast's speech in a text not read as news:
    what a speaker says is going on is going on the day of the broadcast, while its
    pasts belong to the story told)."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return None  # "the bombing" may be any day's: a noun states no time
    tense = tense_of_verb(trigger)
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in trigger.children)
    if modal or tense == "future" or _perfect_infinitive(trigger) or past_perfect(trigger):
        return None
    if _some_time_before(trigger):
        return None
    if tense == "unknown" and _present(trigger, event_type):
        return When(
            start=published, end=published, precision="day", approximate=True, basis="publication"
        )
    if present_only or not (tense == "past" or event_type == EventType.statement):
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


def state_date(verb: Token, published: date) -> When | None:
    """The day a state told in the present of a news report holds on: the publication
    day, the report's reference time ("officials believe", "Kopp is wanted", "they are
    expected to join", "I do think"). A past state ("he wanted") held at some time of
    the story, a modal or habitual one at none: None, and the state is left out rather
    than dated by a guess. Labelled `publication` and approximate, as inferred."""
    if verb.pos_ != "VERB" or _habitual(verb):
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return None
    if not auxiliaries:
        present = verb.tag_ in ("VBZ", "VBP")
    else:
        first = auxiliaries[0]
        # "is wanted", "are hoping", "does not know" / "I do think": a present auxiliary.
        form = (first.lemma_ == "be" and verb.tag_ in ("VBN", "VBG")) or (
            first.lemma_ == "do" and verb.tag_ == "VB"
        )
        present = form and first.tag_ in ("VBZ", "VBP") and len(auxiliaries) == 1
    if not present:
        return None
    return When(
        start=published, end=published, precision="day", approximate=True, basis="publication"
    )


#: Words that put an event before or after another ("before his death", "after he
#: left"): its time is told against that event, not the publication day. ("When he
#: arrived" is left out: news tells such pairs of the same day.)
_RELATIVE_TIME = grammar_words("relative_time")


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
_EARLIER = grammar_words("earlier")


def _some_time_before(verb: Token) -> bool:
    """ "The government has already contributed $3 million": a total to date or a
    standing fact, of no day."""
    return _present_perfect(verb) and any(
        c.dep_ == "advmod" and c.lower_ in _EARLIER for c in verb.children
    )
