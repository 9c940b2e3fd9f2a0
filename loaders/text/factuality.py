"""What a sentence says of an event's reality, read from the parse around its trigger.

"The Senate failed to ratify the treaty" does not report a ratification, and "the
airline was to take delivery in May" reports a plan, not a delivery. Each event gets a
factuality, so a timeline can show what happened and keep the rest apart:

- `negated`: a negation on the trigger ("did not sign"), a subject that denies it ("no
  action was announced", "nobody was hurt") or a verb above it that denies its
  complement ("failed to", "refused to", "declined to");
- `possible`: a modal ("may", "could", "would"), or a clause under "if" or "unless";
- `planned`: a future ("will", "is to", "is due to", "is going to") or a verb of intent
  above it ("plans to", "agreed to", "wants to");
- `reported`: the complement of a reporting verb ("officials said the army shelled");
- `asserted`: anything else.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.model import Factuality
from loaders.text.vocabulary import grammar_words, vocabulary_words

NEGATING_VERBS = grammar_words("negating_verbs")
POSSIBLE_MODALS = grammar_words("possible_modals")
CONDITIONS = grammar_words("conditions")
REPORTING_VERBS = grammar_words("reporting_verbs")


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]


def _conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


#: Subjects that deny the event: "no one was hurt", "nothing was announced".
NEGATIVE_SUBJECTS = grammar_words("negative_subjects")


def _nobody(child: Token) -> bool:
    """A subject that says no one did it ("No action was ever announced", "nobody")."""
    if child.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if child.lower_ in NEGATIVE_SUBJECTS:
        return True
    return any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)


def _own(verb: Token) -> Factuality | None:
    """What the trigger's own auxiliaries, negation and subordinator say."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) or any(_nobody(c) for c in children):
        return "negated"
    auxiliaries = [a.lower_ for a in _auxiliaries(verb)]
    if any(a in POSSIBLE_MODALS for a in auxiliaries):
        return "possible"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in children):
        return "possible"
    if any(c.dep_ == "advcl" and _conditional(c) for c in children):
        return "possible"  # "if the talks fail, the union will strike"
    if any(a in vocabulary_words("future_auxiliaries") for a in auxiliaries):
        return "planned"
    return None


def _is_to_be(governor: Token) -> bool:
    """ "was to take", "is due to open", "is going to sign"."""
    if governor.lemma_ == "be":
        return True
    return governor.lower_ == "going" or (governor.lower_ == "due" and governor.dep_ == "acomp")


def factuality_of(trigger: Token) -> Factuality:
    """The factuality of the event a trigger names, from the trigger up its clauses."""
    verb = trigger
    for _ in range(8):  # clauses nest a few levels deep at most
        own = _own(verb)
        if own is not None:
            return own
        if verb.dep_ == "advcl" and _conditional(verb):
            return "possible"
        governor = verb.head
        if governor.i == verb.i:
            return "asserted"
        lemma = governor.lemma_.lower()
        if verb.dep_ == "xcomp":
            if lemma in NEGATING_VERBS:
                return "negated" if _own(governor) != "negated" else "asserted"
            if lemma in vocabulary_words("intent_verbs") or _is_to_be(governor):
                return "planned"
        if verb.dep_ == "ccomp" and lemma in REPORTING_VERBS:
            inherited = _own(governor)
            return inherited if inherited in ("negated", "possible") else "reported"
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp"):
            return "asserted"
        verb = governor
    return "asserted"
