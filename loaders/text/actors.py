"""Actors from named-entity mentions: names cleaned of titles, one actor per referent.

"Putin", "Vladimir Putin" and "Russian President Vladimir Putin" are one actor: titles
are stripped, a lone surname joins the one full name that ends with it, and an acronym
joins the name it abbreviates ("Free Syrian Army (FSA)", "FT" for "Financial Times").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from graphsvc.model import Actor, ActorKind, slugify
from graphsvc.names import normalise_name
from loaders.text.vocabulary import vocabulary

KINDS = {
    "PERSON": ActorKind.person,
    "ORG": ActorKind.organization,
    "GPE": ActorKind.place,
    "LOC": ActorKind.place,
    "FAC": ActorKind.place,
}
#: "Free Syrian Army (FSA)". The long form has at most 12 more words: unbounded, a run of
#: capitalised words was tried from each of its words to its end, quadratic in the run.
_ACRONYM_PAIR = re.compile(
    r"\b([A-Z][\w-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w-]*){1,12})(?:\s+[a-z]+){0,3}\s*\(([A-Z]{2,6})\)"
)
_STOP = {"of", "the", "and", "for", "in"}


@dataclass
class Mention:
    span: Span
    name: str
    kind: ActorKind

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


@dataclass
class Cluster:
    name: str
    kinds: Counter = field(default_factory=Counter)
    surfaces: list[str] = field(default_factory=list)

    @property
    def kind(self) -> ActorKind:
        override = vocabulary()["kind_overrides"].get(self.name.lower())
        return ActorKind(override) if override else self.kinds.most_common(1)[0][0]

    def actor(self) -> Actor:
        aliases = []
        for surface in self.surfaces:
            if surface != self.name and surface not in aliases:
                aliases.append(surface)
        kind = self.kind
        return Actor(
            id=f"{kind.value}:{slugify(self.name)}",
            name=self.name,
            kind=kind,
            aliases=tuple(aliases),
        )


def clean_name(text: str) -> str:
    """Drop "the", possessives and titles ("Russian President Vladimir Putin": Vladimir Putin)."""
    name = re.sub(r"(?:'s|\u2019s|')$", "", text.strip())
    name = re.sub(r"^(?:the|The)\s+", "", name)
    prefixes = sorted(vocabulary()["name_prefixes"], key=len, reverse=True)
    demonyms = vocabulary()["demonyms"]
    changed = True
    while changed:
        changed = False
        lowered = name.lower()
        for prefix in [*prefixes, *demonyms]:
            if lowered.startswith(prefix + " ") and len(name) > len(prefix) + 1:
                candidate = name[len(prefix) + 1 :].strip()
                if candidate[:1].isupper():
                    name, changed = candidate, True
                    break
    return name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP)


def _titled_person_spans(doc: Doc) -> list[Span]:
    """ "Colonel-General Igor Sergun": capitalised words after a rank the NER missed."""
    prefixes = {p.lower() for p in vocabulary()["name_prefixes"]}
    spans = []
    for token in doc:
        if token.ent_type_ or token.text.lower() not in prefixes or not token.text[:1].isupper():
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
            end += 1
        if end - token.i >= 2:
            spans.append(doc[token.i + 1 : end])
    return spans


def _acronym_spans(doc: Doc) -> list[Span]:
    """Capitalised acronyms the NER missed ("Russia's GRU"): organisations."""
    return [
        doc[t.i : t.i + 1]
        for t in doc
        if not t.ent_type_ and t.is_upper and t.is_alpha and 2 <= len(t) <= 6 and t.pos_ == "PROPN"
    ]


def surname_mentions(doc: Doc, surnames: set[str], taken: set[int]) -> list[Mention]:
    """ "Sergun died": a known surname the NER did not tag, as a person mention."""
    return [
        Mention(doc[t.i : t.i + 1], t.text, ActorKind.person)
        for t in doc
        if t.text in surnames and t.i not in taken and t.text[:1].isupper()
    ]


def find_mentions(doc: Doc) -> list[Mention]:
    mentions = []
    for span in _acronym_spans(doc):
        mentions.append(Mention(span, span.text, ActorKind.organization))
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None or "/" in ent.text:  # photo credits: "Druzhinin/RIA Novosti/Reuters"
            continue
        previous = doc[ent.start - 1].lemma_.lower() if ent.start > 0 else ""
        if previous in vocabulary()["organization_cues"]:
            kind = ActorKind.organization  # "intelligence firm Stratfor"
        name = clean_name(ent.text)
        if (
            len(name) < 2
            or not any(c.isalpha() for c in name)
            or (name.isupper() and len(name) > 6)
        ):
            continue
        mentions.append(Mention(ent, name, kind))
    for span in _titled_person_spans(doc):
        mentions.append(Mention(span, clean_name(span.text), ActorKind.person))
    return sorted(mentions, key=lambda m: m.start)


def _surname_tokens(name: str) -> set[str]:
    words = name.split()
    if not words:
        return set()
    return {words[-1], *words[-1].split("-")}


class _Clusters:
    """The clusters made so far, indexed by what a lone surname or an acronym is matched
    on: comparing each new name with every cluster made a document cost its names squared.
    """

    def __init__(self) -> None:
        self.by_surname: dict[str, list[Cluster]] = {}
        self.by_name: dict[str, list[Cluster]] = {}
        self.by_initials: dict[str, list[Cluster]] = {}

    def add(self, cluster: Cluster) -> None:
        for token in _surname_tokens(cluster.name):
            self.by_surname.setdefault(token, []).append(cluster)
        self.by_name.setdefault(normalise_name(cluster.name), []).append(cluster)
        self.by_initials.setdefault(_initials(cluster.name), []).append(cluster)

    def person_with_surname(self, surname: str) -> Cluster | None:
        """The one person whose name ends with `surname`; none when none or several do."""
        matches = [c for c in self.by_surname.get(surname, []) if c.kinds.get(ActorKind.person)]
        return matches[0] if len(matches) == 1 else None

    def expanding(self, acronym: str, long: str | None) -> Cluster | None:
        """The one cluster named `long` (what the text says `acronym` stands for) or whose
        initials spell `acronym`; none when none or several are."""
        target = normalise_name(long) if long else ""
        named = self.by_name.get(target, []) if target else []
        matches = {id(c): c for c in [*named, *self.by_initials.get(acronym, [])]}
        return next(iter(matches.values())) if len(matches) == 1 else None


def resolve_actors(mentions: list[Mention], text: str) -> dict[int, Cluster]:
    """Cluster mentions into actors; returns mention index -> cluster."""
    acronyms = {acr: clean_name(long) for long, acr in _ACRONYM_PAIR.findall(text)}
    clusters = _Clusters()
    by_key: dict[str, Cluster] = {}
    assigned: dict[int, Cluster] = {}
    order = sorted(range(len(mentions)), key=lambda i: -len(mentions[i].name.split()))
    for index in order:
        mention = mentions[index]
        key = normalise_name(mention.name)
        cluster = by_key.get(key)
        if cluster is None and mention.kind == ActorKind.person and len(mention.name.split()) == 1:
            cluster = clusters.person_with_surname(mention.name)
        if cluster is None and mention.name.isupper() and 2 <= len(mention.name) <= 6:
            cluster = clusters.expanding(mention.name, acronyms.get(mention.name))
        if cluster is None:
            long = acronyms.get(mention.name)
            cluster = Cluster(name=long or mention.name)
            clusters.add(cluster)
        by_key[key] = cluster
        cluster.kinds[mention.kind] += 1
        for surface in (mention.span.text.strip(), mention.name):
            if surface not in cluster.surfaces:
                cluster.surfaces.append(surface)
        assigned[index] = cluster
    return assigned
