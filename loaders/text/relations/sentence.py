"""One sentence's actor mentions and the relations found in it: the state every
reading of the relation finder shares, and the noun-phrase helpers they all use."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from graphsvc.model import LINK_BASIS_RANK as _BASIS_RANK
from graphsvc.model import ActorKind, Precision, RelationType, When
from graphsvc.temporal.expression import TemporalExpression
from loaders.text.demonyms import demonyms
from loaders.text.relation_words import Basis, relation_words
from loaders.text.token_actor import TokenActor


@dataclass(frozen=True)
class RelationDraft:
    source: TokenActor
    type: RelationType
    target: TokenActor
    sentence: Span
    role: str | None = None
    basis: Basis = "stated"
    since: tuple[date, Precision] | None = None
    until: tuple[date, Precision] | None = None
    current: bool | None = None


#: Dependencies that put a word inside the noun phrase of the word it hangs on.
_MODIFIERS = ("compound", "amod", "nmod", "poss", "npadvmod", "nummod")
_PRESENT = {"VBZ", "VBP"}


class _Sentence:
    """One sentence's actor mentions, addressed by their head token."""

    def __init__(
        self,
        sentence: Span,
        actor_at: dict[int, TokenActor],
        expressions: list[TemporalExpression],
        places: dict[str, TokenActor],
    ) -> None:
        self.span = sentence
        self.places = places
        self.actor_at = actor_at
        self.expressions = [e for e in expressions if e.when is not None]
        self.words = relation_words()
        self.heads: dict[int, TokenActor] = {}
        doc = sentence.doc
        # The sentence's actor tokens, in order: looked up among the paragraph's few
        # actor tokens rather than by visiting every token of the sentence.
        for i in sorted(i for i in actor_at if sentence.start <= i < sentence.end):
            actor = actor_at[i]
            if actor is None:
                continue
            head = doc[i]
            while (
                head.head.i != head.i
                and actor_at.get(head.head.i) == actor
                and sentence.start <= head.head.i < sentence.end
            ):
                head = head.head
            self.heads.setdefault(head.i, actor)
        self.found: dict[tuple[str, RelationType, str], RelationDraft] = {}
        self.runs: list[tuple[TokenActor, int, int]] | None = None  # see `_runs`

    # -- mentions ---------------------------------------------------------------------

    def actor(self, token: Token) -> TokenActor | None:
        return self.actor_at.get(token.i) if self.span.start <= token.i < self.span.end else None

    def mentions_at(self, token: Token) -> list[tuple[TokenActor, Token]]:
        """The actor a noun names, and those of its conjuncts ("Kennedy and Tippit");
        a noun in apposition to a name stands for it ("Sirhan, the man convicted...")."""
        found = []
        for word in [token, *self._conjuncts(token)]:
            actor = self.actor(word)
            if actor is not None:
                found.append((actor, word))
        if not found and token.pos_ in ("NOUN", "PROPN") and token.i not in self.actor_at:
            if token.dep_ == "appos" and self.actor(token.head) is not None:
                found.append((self.actor_at[token.head.i], token.head))
            for child in token.children:
                if child.dep_ == "appos" and self.actor(child) is not None:
                    found.append((self.actor_at[child.i], child))
            if not found and token.dep_ == "pobj" and token.head.lower_ == "as":
                # "X was identified as the man who killed Y", "named X as the man..."
                verb = token.head.head
                deps = (
                    ("nsubjpass",) if any(c.dep_ == "auxpass" for c in verb.children) else ("dobj",)
                )
                for child in verb.children:
                    if child.dep_ in deps and self.actor(child) is not None:
                        found.append((self.actor_at[child.i], child))
            if not found and token.dep_ == "attr" and token.head.lemma_ in self.words.copulas:
                # "Oswald was the lone gunman who killed Kennedy"
                copula = token.head
                if not any(c.dep_ == "neg" for c in copula.children):
                    for child in copula.children:
                        if child.dep_ == "nsubj" and self.actor(child) is not None:
                            found.append((self.actor_at[child.i], child))
        return found

    def _conjuncts(self, token: Token) -> Iterator[Token]:
        for child in token.children:
            if child.dep_ == "conj":
                yield child
                yield from self._conjuncts(child)

    def mention_tokens(self, head: Token) -> list[Token]:
        """The tokens of the mention whose head is `head`."""
        actor = self.actor_at.get(head.i)
        return [w for w in head.subtree if self.actor_at.get(w.i) == actor]

    def modifier_actors(
        self, noun: Token, own: TokenActor | None
    ) -> list[tuple[TokenActor, Token]]:
        """Actors inside the noun phrase before `noun` (compounds, adjectives,
        possessors, and what hangs on them), other than `own`."""
        found: dict[str, tuple[TokenActor, Token]] = {}
        for child in noun.lefts:
            if child.dep_ not in _MODIFIERS:
                continue
            for word in child.subtree:
                actor = self.actor(word)
                if actor is not None and actor != own:
                    found.setdefault(actor.id, (actor, word))
        return list(found.values())

    # -- roles ------------------------------------------------------------------------

    def role_in(self, words: list[Token]) -> str | None:
        """The longest role phrase among `words` (not actor names)."""
        found = self.title_in(words)
        return found[0] if found else None

    def title_in(self, words: list[Token]) -> tuple[str, str] | None:
        """The longest role phrase among `words` (not actor names), and the title as
        the text words it ("foreign minister" for the role "minister")."""
        kept = [w for w in words if w.i not in self.actor_at]
        plain = [w.lower_ for w in kept]
        roles = self.words.roles
        for size in range(min(self.words.longest_role, len(plain)), 0, -1):
            for i in range(len(plain) - size, -1, -1):
                phrase = " ".join(plain[i : i + size])
                singular = phrase[:-1] if phrase.endswith("s") else phrase
                key = phrase if phrase in roles else singular if singular in roles else None
                if key is not None:
                    return key, self._title(kept, i, i + size)
        return None

    def _title(self, kept: list[Token], start: int, end: int) -> str:
        """The role's words with the adjectives and nouns right before it ("foreign",
        "deputy", "chief financial"), not "former" or a determiner."""
        while start > 0:
            word = kept[start - 1]
            if word.i != kept[start].i - 1 or word.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
            if word.lower_.strip("-") in self.words.ended or word.lower_ in self.words.hedges:
                break
            start -= 1
        return " ".join(w.text for w in kept[start:end])[:200]

    def facility(self, actor: TokenActor) -> bool:
        """A prison, theatre or plant: it is located in a place, not based there."""
        words = actor.name.lower().split()
        if actor.kind != ActorKind.organization or not words:
            return False
        # the name's head noun: its last word, or the word before "of" ("Statue of
        # Liberty", "Museum of Modern Art"; "Bank of Canada" stays an organisation)
        heads = {words[-1]}
        if "of" in words[1:]:
            heads.add(words[words.index("of", 1) - 1])
        return bool(heads & set(self.words.facility_heads))

    def hedged(self, words: list[Token]) -> bool:
        return any(w.lower_ in self.words.hedges for w in words)

    def ended(self, words: list[Token]) -> bool:
        return any(w.lower_.strip("-") in self.words.ended for w in words)

    # -- output -----------------------------------------------------------------------

    def add(
        self,
        source: TokenActor,
        kind: RelationType | None,
        target: TokenActor,
        *,
        role: str | None = None,
        basis: Basis = "stated",
        when: Token | None = None,
        starts: bool = False,
        ends: bool = False,
        current: bool | None = None,
    ) -> None:
        if kind is None or source.id == target.id:
            return
        if kind == RelationType.BASED_IN and self.facility(source):
            kind = RelationType.LOCATED_IN
        if kind == RelationType.KILLED:
            current = None  # a deed, not a state that holds or ends
        since = until = None
        dated = self.date_of(when) if when is not None else None
        if dated is not None and starts:
            since = (dated.start, dated.precision)
        elif dated is not None and ends:
            until = (dated.end, dated.precision)
        if ends:
            current = False
        if basis == "stated":
            # What the text says of "she" is said of the actor only through the
            # resolution, or of "Ruritanian troops" only through the inference.
            basis = max((basis, source.basis, target.basis), key=_BASIS_RANK.__getitem__)
        draft = RelationDraft(source, kind, target, self.span, role, basis, since, until, current)
        key = (source.id, kind, target.id)
        kept = self.found.get(key)
        if kept is None:
            self.found[key] = draft
            return
        # one relation a sentence: "joined Y in 1961 and left it in 1975" gives both ends
        better = basis in _BASIS_RANK and _BASIS_RANK[basis] < _BASIS_RANK.get(kept.basis, -1)
        self.found[key] = replace(
            kept,
            role=kept.role or role,
            basis=basis if better else kept.basis,
            since=kept.since or since,
            until=kept.until or until,
            current=False if False in (kept.current, current) else kept.current or current,
        )

    def date_of(self, verb: Token) -> When | None:
        """The first dated expression inside the verb's own clause."""
        left, right = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        base = self.span.start_char
        for expression in self.expressions:
            start, end = base + expression.start, base + expression.end
            if left <= start and end <= right and expression.when is not None:
                return expression.when
        return None


def _kind_type(types: dict[ActorKind, RelationType], actor: TokenActor) -> RelationType | None:
    return types.get(actor.kind)


def _demonym_places(s: _Sentence, words: list[Token]) -> list[tuple[TokenActor, Token]]:
    """Places named by their adjective ("Russian President Putin": Russia), when the
    document names the place."""
    names = demonyms()
    found = []
    for word in words:
        place = names.get(word.lower_)
        if place and place in s.places and word.i not in s.actor_at:
            found.append((s.places[place], word))
    return found


def _left_words(token: Token) -> list[Token]:
    """The words of the noun phrase before `token`, in order."""
    words = []
    for child in token.lefts:
        if child.dep_ in _MODIFIERS or child.dep_ == "det":
            words += list(child.subtree)
    return sorted(words, key=lambda w: w.i)


def _of_compound(noun: Token) -> list[Token]:
    """Words right after a role that belong to it ("chief executive officer")."""
    return [c for c in noun.rights if c.dep_ == "compound"]


def _runs(s: _Sentence) -> list[tuple[TokenActor, int, int]]:
    """The sentence's mentions as (actor, first token, last token), in order; worked
    out once a sentence (several readings walk them), returned as a fresh list."""
    if s.runs is None:
        runs: list[tuple[TokenActor, int, int]] = []
        for token in s.span:
            actor = s.actor(token)
            if actor is None:
                continue
            if runs and runs[-1][0] == actor and runs[-1][2] == token.i - 1:
                runs[-1] = (actor, runs[-1][1], token.i)
            else:
                runs.append((actor, token.i, token.i))
        s.runs = runs
    return list(s.runs)


def _places_after(s: _Sentence, words: list[Token], preps: tuple[str, ...]) -> list[TokenActor]:
    """Places after of/in hanging on any word of a mention ("the International
    Committee of the Red Cross in Khartoum": "in" hangs on "Cross")."""
    found = []
    for word in words:
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [t for t, _ in s.mentions_at(obj) if t.kind == ActorKind.place]
    return found
