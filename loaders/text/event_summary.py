"""How an event is told in its summary: who, the verb with its particles, whom, where.

Split from `loaders.text.events`: the words of arguments no actor holds ("the police",
"a car bomb") and of the trigger's own clause, for events no actor is named in.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.model import Role
from loaders.text.participants import dateline
from loaders.text.vocabulary import grammar_words

#: Words before a noun that say which one it is ("the", "Iraqi", "car", "two").
_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss"})


def unnamed_argument(trigger: Token, deps: dict[str, Role]) -> str | None:
    """The words of an argument no actor was found in ("the police", "a car bomb"), for
    a summary: the noun and the modifiers before it; None for a pronoun or a clause."""
    verbs = [trigger, trigger.head] if trigger.dep_ == "xcomp" else [trigger]
    for verb in verbs:
        for child in verb.children:
            if verb is not trigger and child.dep_ in _CONTROLLERS:
                continue  # "asked Assad to step down": Assad steps down, is not stepped
            if child.dep_ in deps and child.pos_ in ("NOUN", "PROPN"):
                words = [t for t in child.lefts if t.dep_ in _MODIFIERS] + [child]
                return as_written(words)[:80]
    return None


#: A governing verb's objects, which are its complement's doers, not its objects.
_CONTROLLERS = frozenset({"dobj", "dative"})

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
    return as_written(words[first : first + limit])


def as_written(words: list[Token]) -> str:
    """Tokens in order as the text spells them: neighbours keep the text's own spacing
    ("won't", "Acme's", "U.S."), a gap between tokens not side by side is one space."""
    out = []
    for word, after in zip(words, [*words[1:], None], strict=True):
        out.append(word.text)
        if after is not None:
            out.append(word.whitespace_ if after.i == word.i + 1 else " ")
    return "".join(out)


#: Adverbs that complete a phrasal verb when the parser does not call them particles
#: ("stepped down", "backed off").
_PARTICLE_ADVERBS = grammar_words("particle_adverbs")


def particles(verb: Token) -> list[Token]:
    """The particles of a phrasal verb, right after it ("stepped down as chief")."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in _PARTICLE_ADVERBS)
    ]
