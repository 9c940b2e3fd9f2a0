"""Mentions resolved inside a document: pronouns, descriptions and bare names to actors.

"He founded the company in 1976" tells of the founder and of his company only through
"he" and "the company". This step ties such a mention to an actor of the document when
the evidence is good and leaves it alone when it is not: a wrong link puts an event on
the wrong timeline, a missing one only leaves it off.

Evidence, in the way news is written:

- agreement: "he"/"she" a person (and not one of the other gender, when a title, a
  gendered noun or an earlier pronoun says it), "it" an organisation or place, "they"
  an organisation; a description's head noun against how the text describes the actor
  ("the carmaker" is a company the text called a carmaker; "the minister" a person it
  titled minister; "the Russian leader" one titled president and called Russian);
- salience (after Lappin and Leass, 1994): each mention weighs by its grammatical role
  (subject most), all weights halve at each sentence, and an actor is as salient as its
  most salient mention, so the subject of the sentence just read leads;
- competition: unnamed nouns ("the man", "the deal", "analysts") are weighed too, and
  a pronoun they may mean stays unresolved, as does one two actors fit about equally.

A document-level step, run by the `graphsvc_mentions` component
(`loaders.text.components.mentions`): each paragraph is its own `Doc` and a pronoun's
antecedent is often in the paragraph before, so the component hands this step all the
article's paragraphs and the named mentions (token -> `TokenActor`, per paragraph), and
it returns what it resolved; it also writes each resolved token's `TokenActor` to
`Token._.resolved_actor`. It visits each token once and weighs only actors mentioned in
the last few sentences (descriptions: the actors of the document so far), so its cost
grows with the document's length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from graphsvc.model import Actor, ActorKind
from loaders.text.discourse import _MARGIN, Resolved, _choose, _Discourse, _Entity
from loaders.text.mention_clues import (
    _AGE_DESCRIPTION,
    _QUOTES,
    _description,
    _inside_quotes,
    _matrix,
    _noun_class,
    _person_nouns,
    _role,
    _unknown_name,
    words,
)
from loaders.text.participants import dateline
from loaders.text.span_text import span_text
from loaders.text.token_actor import TokenActor

__all__ = ["Resolved", "resolve_mentions", "words"]

if not Token.has_extension("resolved_actor"):
    Token.set_extension("resolved_actor", default=None)


def resolve_mentions(
    paragraphs: Sequence[tuple[int, Doc]],
    named: Mapping[int, Mapping[int, TokenActor]],
    actors: Mapping[str, Actor],
) -> list[Resolved]:
    """Resolve the pronouns and descriptions of a document's paragraphs (start offset,
    parsed Doc, in reading order) to the actors its names refer to (`named`: per
    paragraph, token index -> TokenActor). Mentions already named are not touched."""
    discourse = _Discourse(actors)
    pronouns = words()["pronouns"]
    for start, doc in paragraphs:
        at = named.get(start, {})
        quoted = _inside_quotes(doc) if any(t.text in _QUOTES for t in doc) else set()
        for sentence in doc.sents:
            discourse.next_sentence()
            _read_sentence(discourse, start, sentence, at, quoted, pronouns)
    return discourse.found


def _read_sentence(
    discourse: _Discourse,
    start: int,
    sentence: Span,
    at: Mapping[int, TokenActor],
    quoted: set[int],
    pronouns: Mapping[str, str],
) -> None:
    doc = sentence.doc
    ages = _age_descriptions(sentence, at)
    # a dateline ("OSLO, Norway -") says where the reporter files from: its places are
    # no one the story goes on to call "it" or "its"
    filed_from = dateline(sentence)
    index = sentence.start
    while index < sentence.end:
        token = doc[index]
        if index in ages:
            tokens, age = ages[index]
            found = _resolve_age(discourse, age)
            if found is not None:
                _link(discourse, start, tokens, found, None)
            index = tokens[-1].i + 1
            continue
        ref = at.get(index)
        if ref is not None:
            end = index + 1
            while end < sentence.end and at.get(end) == ref:
                end += 1
            if index in filed_from:
                index = end
                continue
            span = doc[index:end]
            discourse.named(span, ref)
            entity = discourse.entities[ref.id]
            for i in range(index, end):
                discourse.at[i] = entity
            index = end
            continue
        lower = token.lower_
        if lower in pronouns and token.pos_ == "PRON":
            found = discourse.resolve_pronoun(token, index in quoted)
            if found is not None:
                _link(discourse, start, [token], found, pronouns[lower])
        else:
            description = _description(token) if token.pos_ in ("NOUN", "ADJ", "PROPN") else None
            found = None
            if description is not None and not any(t.i in at for t in description):
                found = discourse.resolve_description(token, description)
            if found is not None:
                _link(discourse, start, description, found, None)
            else:
                cls = _noun_class(token, at)
                if cls is not None:
                    discourse.noun(token, *cls)
                elif _unknown_name(token):
                    named = discourse.bare_name(token)
                    if named is not None:
                        _link(discourse, start, [token], named, None)
                    else:
                        # A name the loader did not make an actor ("MacKenzie" the
                        # tagger missed): it may be whom "he" means, so it competes.
                        discourse.noun(token, "person", False)
        index += 1


def _age_descriptions(
    sentence: Span, at: Mapping[int, TokenActor]
) -> dict[int, tuple[list[Token], str]]:
    """ "the 58-year-old" (and "the 58-year-old man") in a sentence: first token -> the
    description's tokens and the age; none that touches a name."""
    found: dict[int, tuple[list[Token], str]] = {}
    text = span_text(sentence)
    if "year-old" not in text:
        return found
    for match in _AGE_DESCRIPTION.finditer(text):
        span = sentence.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        tokens = list(span)
        following = sentence.doc[span.end] if span.end < sentence.end else None
        if following is not None and following.pos_ == "NOUN":
            if _noun_class(following, at) not in (("male", False), ("female", False)) and (
                following.lemma_.lower() not in _person_nouns()
            ):
                continue  # "the 50-year-old alliance" is no person
            tokens.append(following)
        if not any(t.i in at for t in tokens):
            found[tokens[0].i] = (tokens, match.group(1))
    return found


def _resolve_age(discourse: _Discourse, age: str) -> tuple[_Entity, str] | None:
    """ "the 58-year-old": the person the text gave that age ("Smith, 58,", "58-year-old
    Smith"), if one clearly leads; none when the text gave no one that age."""
    scored = [
        (e.salience(discourse.now), e)
        for e in discourse.entities.values()
        if e.kind == ActorKind.person and age in e.ages
    ]
    chosen = _choose(scored, _MARGIN)
    return (chosen, "description: age") if chosen else None


def _link(
    discourse: _Discourse,
    start: int,
    tokens: list[Token],
    found: tuple[_Entity, str],
    gender: str | None,
) -> None:
    entity, evidence = found
    assert entity.ref is not None
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text
    ref = TokenActor(entity.ref.id, entity.ref.name, entity.ref.kind, "resolved", text)
    entity.add(discourse.now, _role(head), _matrix(head))
    discourse.seen(entity)
    if gender in ("male", "female"):
        entity.genders[gender] += 1
    for token in tokens:
        token._.resolved_actor = ref
        discourse.at[token.i] = entity
    discourse.found.append(Resolved(start, tuple(t.i for t in tokens), ref, evidence))
