"""Which event a temporal expression dates: the one whose clause it modifies.

The nearest date in a sentence is often another event's: in "Ford said it wants to close
700 dealers by early June", June dates the closing, not the saying; in "officials
relayed the request before his death in January", January dates the death. So each
expression is attached by the dependency parse: from the expression's head, up the tree,
to the first verb (or event noun) it modifies. An event takes an expression attached to
its own trigger, else one attached to a verb it shares a clause with (`xcomp`, `conj`:
"agreed in August to lend" dates the lending too), never one inside a finite complement
clause below it ("said" is not dated by its complement's date) nor one inside a noun
phrase introduced by "before", "after", "since" or "until" (those date the noun's event).

The tense that reads a partial date ("on Friday", "in May") is the tense of the verb the
expression modifies, not the nearest tense cue in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphsvc.temporal.rules import Tense
from loaders.text.vocabulary import grammar_words, vocabulary_words

#: Clauses an event shares its time with when it has no expression of its own.
SHARED_CLAUSE = frozenset({"xcomp", "conj"})
#: Prepositions whose object is another event, which a date inside it belongs to.
RELATIVE_PREPOSITIONS = grammar_words("relative_time")
#: How a date written before a noun hangs on it ("the Aug. 7 bombing").
NOUN_PREMODIFIERS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
#: Verbs whose "for" phrase names a time ahead of them ("planned for early March").
SCHEDULING_VERBS = grammar_words("scheduling_verbs")
#: Of those, the ones whose object's bare date is the object's ("scheduled a news
#: conference Thursday"); "set a record Tuesday" is the setting's.
PLANNING_VERBS = grammar_words("planning_verbs")
#: Modal and future auxiliaries.
#: Subordinators of a clause that happens at the same time as the one it hangs on.
SAME_TIME = grammar_words("same_time")
#: Modals of obligation and possibility: what they govern lies ahead, unless perfect
#: ("must have left", "may have seen").
OPEN_MODALS = grammar_words("open_modals")


def is_event_noun(token: Token, event_nouns: frozenset[str]) -> bool:
    """A noun naming an event ("bombing", "the talks"), by its lemma or its form."""
    return token.pos_ in ("NOUN", "PROPN") and (
        token.lemma_.lower() in event_nouns or token.lower_ in event_nouns
    )


#: Determiners of a noun that points back at an event already told ("the", "that").
DEFINITE = grammar_words("definite_determiners")


def definite(noun: Token) -> bool:
    """A noun phrase that names one known event: "the blast", "Slepian's slaying",
    "these bombings"; not "a bombing", "another attack"."""
    return noun.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children
    )


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod")


def head_of(span: Span) -> Token:
    """The token of a span whose head lies outside it (the span's syntactic head)."""
    inside = range(span.start, span.end)
    return next((t for t in span if t.head.i not in inside or t.head.i == t.i), span[0])


def span_head(sentence: Span, start: int, end: int) -> Token | None:
    """The head of characters start..end of a sentence (sentence-relative offsets)."""
    span = sentence.char_span(start, end, alignment_mode="expand")
    return head_of(span) if span is not None and len(span) else None


def governor(head: Token, event_nouns: frozenset[str]) -> Token | None:
    """The verb or event noun an expression headed by `head` modifies, or None when it
    sits inside a noun phrase that another event owns ("before his death in January")."""
    owner = _relative_phrase_before(head)
    if owner is not None:  # "relayed it before his death in January": the death's date
        return owner if is_event_noun(owner, event_nouns) else None
    if head.dep_ in NOUN_PREMODIFIERS and head.head.pos_ == "NOUN" and head.i < head.head.i:
        # "the Jan. 14 deadline", "the 2004 budget": the date names which one; it is
        # not the date of the verb above ("gave no reason for the Jan. 14 deadline").
        # (Not before a proper noun: "as early as August Syria had agreed" is misparsed.)
        noun = head.head
        return noun if is_event_noun(noun, event_nouns) else None
    token = head
    passed_noun: Token | None = None
    in_apposition = False
    while token.head.i != token.i:
        parent = token.head
        if _is_verb(parent):
            if passed_noun is not None and _owned_by_noun(passed_noun):
                return passed_noun if is_event_noun(passed_noun, event_nouns) else None
            # "Holm, the chief executive since 2009, said": an apposition describes its
            # noun; its date is not the time of the verb the noun hangs on.
            return None if in_apposition else parent
        in_apposition = in_apposition or parent.dep_ == "appos"
        if is_event_noun(parent, event_nouns):
            return parent
        if parent.pos_ in ("NOUN", "PROPN") and passed_noun is None:
            passed_noun = parent
        token = parent
    return token if _is_verb(token) else None


def _relative_phrase_before(head: Token) -> Token | None:
    """The object of a "before/after/since ..." phrase that ends right where a
    prepositional expression begins, when the parser hung both on the same verb."""
    preposition = head.head if head.dep_ == "pobj" else head
    if preposition.dep_ != "prep":
        return None
    for sibling in preposition.head.children:
        if (
            sibling.dep_ == "prep"
            and sibling.lower_ in RELATIVE_PREPOSITIONS
            and sibling.right_edge.i == preposition.i - 1
        ):
            return next((c for c in sibling.children if c.dep_ == "pobj"), None)
    return None


def _owned_by_noun(noun: Token) -> bool:
    """A noun that is the object of "before", "after" ... names an event of its own."""
    preposition = noun.head if noun.dep_ == "pobj" else None
    return preposition is not None and preposition.lower_ in RELATIVE_PREPOSITIONS


#: Dependents that make a participle a clause with a time of its own ("after he left").
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "mark", "aux", "auxpass"})


def shares_time_with_head(token: Token) -> bool:
    """Whether a verb takes its time from the verb it hangs on: an `xcomp` or `conj`,
    or a participle clause with no subject of its own ("..., killing 12")."""
    if token.head.i == token.i:
        return False
    if token.dep_ in SHARED_CLAUSE:
        return True
    if token.dep_ != "advcl":
        return False
    children = list(token.children)
    if token.tag_ in ("VBG", "VBN") and not any(c.dep_ in _OWN_CLAUSE for c in children):
        return True
    if token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        # "met on Wednesday to finish their talks": a purpose is pursued when its
        # clause's event happens (an infinitive names no time of its own).
        return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in children)
    # "they were talking when the bomb went off": a clause of the same moment.
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in SAME_TIME for c in children)


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger, then the verbs it shares its clause's time with, nearest first: the
    verbs it is an `xcomp` or `conj` of, then its own `xcomp` complements ("asked Assad to
    step down toward the end of 2015": the parser may hang the date on either verb). A
    `ccomp` ("said that ...") is a clause of its own, with a time of its own; so is a
    finite adverbial clause ("after the talks ended"), not a participle ("the blast
    occurred Friday, toppling a building": the toppling is Friday's)."""
    chain = [trigger]
    token = trigger
    while shares_time_with_head(token):
        token = token.head
        chain.append(token)
    below = [c for c in trigger.children if c.dep_ == "xcomp"]
    while below:
        complement = below.pop(0)
        chain.append(complement)
        below += [c for c in complement.children if c.dep_ == "xcomp"]
    return chain


def tense_of_verb(verb: Token) -> Tense:
    """Past, future or unknown, from the verb's tag and its auxiliaries."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in vocabulary_words("future_auxiliaries") for a in auxiliaries):
        return "future"
    if any(a.lower_ == "would" for a in auxiliaries) and verb.tag_ in ("VB", "VBG"):
        return "future"  # "would be traveling Thursday", "said he would leave Friday"
    perfect = any(a.lemma_ == "have" for a in auxiliaries)
    if any(a.lower_ in OPEN_MODALS for a in auxiliaries) and not perfect:
        return "future"  # "must be returned by Jan. 14", "might come as soon as Tuesday"
    if any(a.lower_ in ("going",) for a in auxiliaries) or verb.lower_ == "going":
        return "future"
    if verb.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not auxiliaries:
        if verb.lemma_.lower() in SCHEDULING_VERBS:
            return "open"  # "a summit set for Washington in April": planned, maybe ahead
        return "past"  # "the decision, announced Wednesday by the INS": done
    infinitive = verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries)
    if infinitive and verb.head.tag_ in ("VBZ", "VBP"):
        return "future"  # "wants to close by June", "plans to sell in May"
    if infinitive and verb.head.lemma_.lower() in vocabulary_words("looking_ahead_verbs"):
        return "future"  # "planned to leave on Thursday": after the planning
    if infinitive:
        # "subpoenaed him to testify on Feb. 10", "ordered to remain until March 6": the
        # infinitive's event comes after its head's, maybe after the report: open.
        return "open"
    if shares_time_with_head(verb):
        return tense_of_verb(verb.head)  # "agreed to lend": lend's time is agreed's
    return "unknown"


def tense_of_span(span: Span | None, event_nouns: frozenset[str]) -> Tense:
    """The tense of the verb an expression (its tokens) modifies; "unknown" for one that
    modifies a noun or nothing, so the sentence's tense cues decide."""
    if span is None or len(span) == 0:
        return "unknown"
    head = head_of(span)
    verb = governor(head, event_nouns)
    if verb is not None and verb.pos_ in ("NOUN", "PROPN"):
        planner = verb.head
        if verb.dep_ in ("dobj", "nsubjpass") and planner.lemma_.lower() in SCHEDULING_VERBS:
            return "future"  # "has scheduled a news conference Thursday": ahead
        return "unknown"
    if verb is None:
        return "unknown"
    preposition = head.head if head.dep_ == "pobj" else None
    lemma = verb.lemma_.lower()
    if (lemma in SCHEDULING_VERBS and preposition is not None and preposition.lower_ == "for") or (
        lemma in PLANNING_VERBS
        and head.dep_ == "npadvmod"
        and any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "the accession was planned for early March", "has scheduled a news conference
        # Thursday": the date of what is planned, ahead
        return "future"
    return tense_of_verb(verb)
