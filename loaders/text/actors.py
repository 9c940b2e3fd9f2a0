"""Actors from named-entity mentions: whole names, right kinds, one actor per referent.

"Putin", "Vladimir Putin" and "Russian President Vladimir Putin" are one actor: titles
are stripped from persons' names (and only theirs: "General Motors" keeps its "General"),
a lone surname joins the one full name that ends with it, a first word the one
organisation it begins ("Northrop" and "Northrop Grumman"), an acronym the name it
abbreviates ("Free Syrian Army (FSA)"), a legal-form variant its base ("General Motors
Corporation" = "General Motors"), and every form of a country its ISO country ("US",
"U.S.", "America": United States). Non-actors are refused (`loaders.text.non_actors`);
kinds come from evidence (`loaders.text.kinds`), kept on the actor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from cleanco import prepare_default_terms
from spacy.tokens import Doc, Span, Token

from graphsvc.model import Actor, ActorKind, slugify
from graphsvc.names import normalise_name
from loaders.text.datelines import opening_names
from loaders.text.gazetteer import Country, country, country_acting, place_evidence
from loaders.text.kinds import (
    COMPASS,
    RANK,
    Kind,
    decide_kind,
    doer_context,
    heading,
    landforms,
    legal_form,
    may_be_a_person,
    organisation_base,
    organisation_word,
    organization_head,
    person_context,
    ranks,
)
from loaders.text.non_actors import (
    not_an_actor,
    numbered_place,
    party_tag,
    product_model,
    vocative,
)
from loaders.text.relation_words import relation_words
from loaders.text.vocabulary import actor_words, grammar_words, vocabulary

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
_STOP = grammar_words("name_stopwords")


@dataclass
class Mention:
    span: Span
    name: str
    kind: ActorKind
    evidence: str = "ner"

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def rank(self) -> int:
        return RANK.get(self.evidence.split(":", 1)[0], RANK["ner"])


@dataclass
class Cluster:
    name: str
    kinds: Counter = field(default_factory=Counter)
    surfaces: list[str] = field(default_factory=list)
    #: The strongest evidence seen for each kind, as (rank, evidence).
    evidence: dict[ActorKind, tuple[int, str]] = field(default_factory=dict)
    extra_aliases: tuple[str, ...] = ()

    def add(self, mention: Mention) -> None:
        self.kinds[mention.kind] += 1
        best = self.evidence.get(mention.kind)
        if best is None or mention.rank < best[0]:
            self.evidence[mention.kind] = (mention.rank, mention.evidence)
        for surface in (strip_possessive(mention.span.text), mention.name):
            if surface and surface not in self.surfaces:
                self.surfaces.append(surface)

    @property
    def kind(self) -> ActorKind:
        """The kind the strongest evidence gives; among equals, the most mentioned, then
        the kind of the fullest name (the first mention added)."""
        first = list(self.kinds)
        return min(self.kinds, key=lambda k: (self.evidence[k][0], -self.kinds[k], first.index(k)))

    def actor(self) -> Actor:
        aliases = []
        for surface in (*self.surfaces, *self.extra_aliases):
            if surface != self.name and surface not in aliases:
                aliases.append(surface)
        kind = self.kind
        return Actor(
            id=f"{kind.value}:{slugify(self.name)}",
            name=self.name,
            kind=kind,
            aliases=tuple(aliases),
            kind_evidence=self.evidence[kind][1],
        )


def strip_possessive(text: str) -> str:
    """A surface as written, without a possessive: "Apple Computer's" -> Apple Computer."""
    return re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", text.strip()).strip()


def strip_article(text: str) -> str:
    """A name without a leading "the" or a possessive: "the US Government's" ->
    "US Government"."""
    return re.sub(r"^(?:the|The|THE)\s+", "", strip_possessive(text)).strip()


def clean_name(text: str) -> str:
    """A person's name without "the", possessives and the titles before it ("Russian
    President Vladimir Putin": Vladimir Putin). Other kinds keep every word."""
    name = strip_article(text)
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


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(p.lower() for p in vocabulary()["name_prefixes"]) | ranks()


def _titled_person_spans(doc: Doc) -> list[Span]:
    """ "Colonel-General Igor Sergun": capitalised words after a rank the NER missed."""
    prefixes = _prefixes()
    spans = []
    for token in doc:
        if token.ent_type_ or token.text.lower() not in prefixes or not token.text[:1].isupper():
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and not doc[end].ent_type_
            and doc[end].lower_ not in prefixes  # "Detective Sgt. Olsen": the next title
        ):
            end += 1
        if end - token.i >= 2 and organisation_word(doc[end - 1].text) is None:
            spans.append(doc[token.i + 1 : end])
    return spans


def _acronym_spans(doc: Doc) -> list[Span]:
    """Capitalised acronyms the NER missed ("Russia's GRU"): organisations; not legal
    forms ("Chrysler LLC"), time zones, currencies or titles."""
    return [
        doc[t.i : t.i + 1]
        for t in doc
        if (not t.ent_type_ or _cut_acronym(t))
        and t.is_upper
        and t.is_alpha
        and 2 <= len(t) <= 6
        and t.pos_ == "PROPN"
        and t.lower_ not in _legal_form_words()
        and not_an_actor(t.text) is None
        and country(t.text) is None
    ]


#: An ordinal written in figures: "12th", "82nd", "1st".
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


@cache
def _numbered_units() -> frozenset[str]:
    return frozenset(actor_words()["numbered_units"])


def _ordinal_before(span: Span) -> bool:
    """ "the 82nd" + "Airborne Division": an ordinal in figures right before a name
    whose words say it is a numbered unit."""
    doc = span.doc
    return (
        span.start > 0
        and _ORDINAL.match(doc[span.start - 1].text) is not None
        and any(t.lower_ in _numbered_units() for t in span)
    )


def _numbered_unit_spans(doc: Doc) -> list[Span]:
    """ "the 12th Brigade", which the tagger left untagged or tagged as an ordinal only:
    an ordinal in figures and capitalised words up to one that names a unit. The number
    is part of the name, so two units are two actors."""
    spans = []
    for token in doc:
        if _ORDINAL.match(token.text) is None:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        named = end - token.i >= 2 and doc[end - 1].lower_ in _numbered_units()
        if named and not any(t.ent_type_ in KINDS for t in doc[token.i + 1 : end]):
            spans.append(doc[token.i : end])
    return spans


def _cut_acronym(token: Token) -> bool:
    """ "the Union of Free Democrats (SZDSZ": an acronym the tagger ran into the name
    before it with its opening bracket only; `repair_span` cuts the name at that
    bracket, so the acronym is a mention of its own (it joins the name before it, see
    `resolve_actors`)."""
    doc = token.doc
    if token.i < 1 or token.i + 1 >= len(doc) or token.ent_type_ != "ORG":
        return False
    opening = doc[token.i - 1]
    return opening.text == "(" and opening.ent_iob_ == "I" and doc[token.i + 1].text == ")"


@cache
def _legal_form_words() -> frozenset[str]:
    """Single words that are a legal form ("LLC", "Inc", "plc", "AG")."""
    return frozenset(
        words[0] for size, words in prepare_default_terms() if size == 1 and words[0].isalpha()
    )


#: A name written on to the one before it: "O'Leary", "O\u2019Brien", "Al-Sadr".
_NAME_PARTICLE = re.compile(r"^[A-Z][a-z]?['\u2019-][A-Z][\w'\u2019-]+$")


def repair_span(ent: Span) -> Span | None:
    """An entity span with the whole name: cut at an unclosed bracket ("The Software
    Development Kit (SDK" -> the name before it) or an unopened one ("SDK) Party" ->
    the acronym), grown over a name written on to it
    ("Michael" + "O-apostrophe-Leary") or a legal form after it ("Chrysler" + "LLC")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if ent.label_ == "ORG" and _ordinal_before(ent):
        start -= 1
    for i in range(start, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
            end = i
            break
        # "the Thai Rak Thai (TRT) Party": the tagger may begin a name inside the
        # bracket ("TRT) Party"); what stands before the unopened ")" is the acronym.
        if doc[i].text == ")" and not any(doc[j].text == "(" for j in range(start, i)):
            end = i
            break
    while end < len(doc) and not doc[end].ent_type_:
        token = doc[end]
        particle = token.text[:1].isupper() and _NAME_PARTICLE.match(token.text) is not None
        legal = token.lower_.strip(".") in _legal_form_words() and (
            token.text[:1].isupper() or token.lower_ == "plc"
        )
        if not (particle or legal):
            break
        end += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (".", ")")):
        end -= 1
    end = _past_aside(ent, end)
    # "Coast Guard Lt." + "Steve Hardy": a rank the tagger ran on to an organisation
    # belongs to the person after it.
    while (
        ent.label_ == "ORG"
        and end - start >= 2
        and doc[end - 1].lower_ in ranks()
        and doc[end - 1].text[:1].isupper()
    ):
        end -= 1
    return doc[start:end] if end > start else None


#: The most words a bracketed aside inside a name holds ("(formerly Communist)").
_ASIDE_WORDS = 4


def _past_aside(ent: Span, end: int) -> int:
    """ "the Hungarian Socialist (formerly Communist) Party": an organisation the tagger
    cut at a bracketed aside, when a capitalised word that ends organisations' names
    follows the closing bracket; the name goes on to that word (the aside is left out
    of the name, `name_without_asides`, but kept in the alias as written)."""
    doc = ent.doc
    if ent.label_ != "ORG" or end >= len(doc) - 2 or doc[end].text != "(":
        return end
    close = next(
        (i for i in range(end + 1, min(end + 2 + _ASIDE_WORDS, len(doc))) if doc[i].text == ")"),
        None,
    )
    if close is None or close == end + 1 or close + 1 >= len(doc):
        return end
    inside = doc[end + 1 : close]
    if any(t.text in ("(", ",") or t.like_num for t in inside):
        return end
    if len(inside) == 1 and inside[0].is_upper:
        return end  # "the Democratic Left (DL) Party": an acronym, its own mention
    head = doc[close + 1]
    if head.ent_type_ and head.ent_type_ != "ORG":
        return end
    named = organisation_word(head.text) or head.lower_ in relation_words().member_bodies
    if not head.text[:1].isupper() or not named:
        return end
    return close + 2


#: A bracketed aside inside a name, with the space before it.
_ASIDE = re.compile(r"\s*\([^()]*\)")


def name_without_asides(name: str) -> str:
    """ "Hungarian Socialist (formerly Communist) Party" -> "Hungarian Socialist Party":
    the name as it is called, with what the writer put in brackets inside it left out."""
    if "(" not in name or name.startswith("("):
        return name
    return " ".join(_ASIDE.sub("", name).split())


def surname_mentions(doc: Doc, surnames: set[str], taken: set[int]) -> list[Mention]:
    """ "Sergun died": a known surname the NER did not tag, as a person mention."""
    return [
        Mention(doc[t.i : t.i + 1], t.text, ActorKind.person, "ner: surname")
        for t in doc
        if t.text in surnames and t.i not in taken and t.text[:1].isupper()
    ]


def _mention(span: Span, label: str, tagged: ActorKind) -> Mention | None:
    """The mention a span names, or None for a non-actor or a fragment."""
    raw = strip_article(span.text)
    after = span.doc[span.end : span.end + 4]
    following = " ".join(t.text for t in after if t.tag_ != "POS" and not t.like_num)
    if len(raw) < 2 or not any(c.isalpha() for c in raw) or (raw.isupper() and len(raw) > 6):
        return None
    if not_an_actor(raw, following) is not None:
        return None
    numbered = not_an_actor(f"{raw} {after[0].text}") if after and after[0].like_num else None
    if numbered is not None and not product_model(f"{raw} {after[0].text}"):
        return None  # "Standard & Poor's" + "500": an index named with its number
    # ("Boeing" + "747": the maker is still named, only "Boeing 747" is a product)
    if numbered_place(raw, tagged == ActorKind.place) and place_evidence(raw) is None:
        return None
    if party_tag(span):
        return None  # "D-Calif.": whom a legislator represents, not a place of the text
    decided: Kind = decide_kind(span, raw, tagged, label)
    name = clean_name(raw) if decided.kind == ActorKind.person else name_without_asides(raw)
    if decided.kind == ActorKind.person and not_an_actor(name, following) is not None:
        return None
    if decided.kind == ActorKind.person and vocative(span):
        return None  # "Thanks, John.": the one spoken to
    return Mention(_with_landform(span, decided), name, decided.kind, decided.evidence)


def _with_landform(span: Span, decided: Kind) -> Span:
    """ "the Sahara desert": the landform noun that made the name a place is written as
    part of it, so the mention (and the actor's aliases) keep it; the name does not."""
    doc = span.doc
    if span.end >= len(doc) or decided.kind != ActorKind.place:
        return span
    noun = doc[span.end]
    if decided.evidence != f"descriptor: {noun.lemma_.lower()}" or noun.lower_ not in landforms():
        return span
    start = span.start + 1 if len(span) > 1 and span[0].lower_ == "the" else span.start
    return doc[start : span.end + 1]


#: Words that join two halves of one organisation's name the tagger split ("Federal
#: Service" + "for" + "Financial Markets").
_NAME_JOINERS = grammar_words("name_joiners")


#: A possessive's token as written; the tagger does not always tag it POS inside a name.
_POSSESSIVES = frozenset({"'s", "\u2019s"})


def split_entity(ent: Span) -> list[Span]:
    """An entity the tagger ran on over two names, cut where no name goes on: after a
    place's possessive ("Japan's Norvik Bank": the country, then the bank), at a verb
    in lower case ("Skadden, Arps said Popeyes": two firms), or at "in" before a place
    the gazetteer knows, a point of the compass allowed before it ("Exford in central
    Vermont": a town, then its state)."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        token = doc[i]
        possessive = token.tag_ == "POS" or token.lower_ in _POSSESSIVES
        if possessive and place_evidence(doc[ent.start : i].text) is not None:
            # "Algeria's Ettahadi party": the place that owns the name is its own mention
            # (a place the gazetteer knows; "McDonald's Corp." is one firm's name).
            return [
                Span(doc, ent.start, i, label="GPE"),
                Span(doc, i + 1, ent.end, label=ent.label_),
            ]
        if not token.is_lower or not token.is_alpha:
            continue
        if token.pos_ in ("VERB", "AUX") and doc[i + 1].text[:1].isupper():
            return [
                Span(doc, ent.start, i, label=ent.label_),
                Span(doc, i + 1, ent.end, label=ent.label_),
            ]
        if token.lower_ == "in":
            start = i + 1
            while start < ent.end - 1 and doc[start].lower_ in COMPASS:
                start += 1
            if place_evidence(doc[start : ent.end].text) is not None:
                return [
                    Span(doc, ent.start, i, label=ent.label_),
                    Span(doc, start, ent.end, label="GPE"),
                ]
    return [ent]


def _joined_entities(doc: Doc) -> list[Span]:
    """The document's entities, with an organisation rejoined across "for", "of" or "on"
    when the tagger cut it in two around that word."""
    ents = [part for ent in doc.ents for part in split_entity(ent)]
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        split = (
            previous is not None
            and previous.label_ == "ORG"
            and ent.label_ == "ORG"
            and ent.start == previous.end + 1
            and doc[previous.end].lower_ in _NAME_JOINERS
            # "Waste Disposal Co. of Randolph": a legal form ends the name, what
            # follows "of" is where the firm is.
            and not legal_form(previous.text)
        )
        # "Chrysler" + "LLC" tagged apart: the legal form ends the name before it.
        suffix = (
            previous is not None
            and ent.start == previous.end
            and len(ent) == 1
            and ent[0].lower_.strip(".") in _legal_form_words()
        )
        if previous is not None and (split or suffix or _partners_cut(previous, ent)):
            label = ent.label_ if ent.label_ == "ORG" else previous.label_
            joined[-1] = Span(doc, previous.start, ent.end, label=label)
            continue
        joined.append(ent)
    return joined


def _partners(span: Span) -> bool:
    """Whether a span is a run of partners' names joined by commas and "&" ("Pierce,
    Fenner & Smith Inc."): capitalised words and commas before the "&"."""
    words = [t.text for t in span]
    if "&" not in words:
        return False
    before = span[: words.index("&")]
    return any(t.text == "," for t in before) or (
        len(before) >= 1 and all(t.text == "," or t.text[:1].isupper() for t in before)
    )


def _partners_cut(previous: Span, ent: Span) -> bool:
    """ "Merrill Lynch" + "," + "Pierce, Fenner & Smith Inc.": a firm named by its
    partners, which the tagger cut at a comma. Joined only when the part after the
    comma is itself a partners' name with "&" (a list of firms is written with "and":
    "Ford, General Motors Corp. and Chrysler"), and the part before is capitalised
    words the tagger read as a name."""
    doc = ent.doc
    if ent.label_ != "ORG" or previous.label_ not in ("ORG", "PERSON"):
        return False
    if ent.start != previous.end + 1 or doc[previous.end].text != ",":
        return False
    if len(previous) > 3 or not all(t.text[:1].isupper() for t in previous):
        return False
    if legal_form(previous.text) or organization_head(previous.text):
        return False  # "Kestrel Holdings, Goldman, Sachs & Co.": a whole name, then the next
    return _partners(ent)


def _gazetteer_spans(doc: Doc) -> list[Span]:
    """Countries and continents the NER missed ("US stock markets", "in Europe and
    Asia"): capitalised words, up to four, that the gazetteer names."""
    spans = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or not token.text[:1].isupper():
            i += 1
            continue
        # The longest run of untagged words from here, four at most.
        end = i + 1
        while end < len(doc) and end - i < 4 and not doc[end].ent_type_:
            end += 1
        found = None
        for stop in range(end, i, -1):
            window = doc[i:stop]
            if not window[-1].text[:1].isupper():
                continue
            proper = token.pos_ == "PROPN" or window.text.replace(".", "").isupper()
            evidence = place_evidence(window.text)
            # "Wyoming: Crews battled ...": a heading the tagger reads as a noun.
            if evidence is not None and ((evidence in _SPOTTED and proper) or heading(window)):
                found = window
                break
        if found is not None:
            spans.append(found)
            i = found.end
        else:
            i += 1
    return spans


#: Gazetteer entries found in text the NER left untagged: unambiguous kinds only.
_SPOTTED = frozenset({"gazetteer: country", "gazetteer: continent"})


def _opening_mentions(doc: Doc) -> list[Mention]:
    """Dateline towns and source-line cities and sources (`loaders.text.datelines`):
    read by the line's shape, so they come before, and win over, the tagger's spans."""
    return [
        Mention(found.span, found.name, ActorKind(found.kind), found.evidence)
        for found in opening_names(doc)
        if not_an_actor(found.name) is None
    ]


def find_mentions(doc: Doc) -> list[Mention]:
    mentions = _opening_mentions(doc)
    claimed = {t.i for m in mentions for t in m.span}

    def free(span: Span) -> bool:
        return not any(t.i in claimed for t in span)

    for span in _gazetteer_spans(doc):
        if free(span):
            mentions.append(
                Mention(span, span.text, ActorKind.place, place_evidence(span.text) or "")
            )
    for span in _acronym_spans(doc):
        if free(span):
            mentions.append(Mention(span, span.text, ActorKind.organization, "ner: acronym"))
    for span in _numbered_unit_spans(doc):
        if free(span):
            mentions.append(
                Mention(span, span.text, ActorKind.organization, "context: a numbered unit")
            )
    for ent in _joined_entities(doc):
        tagged = KINDS.get(ent.label_)
        if tagged is None or "/" in ent.text:  # photo credits: "Druzhinin/RIA Novosti/Reuters"
            continue
        span = repair_span(ent)
        mention = _mention(span, ent.label_, tagged) if span is not None else None
        if mention is not None and free(mention.span):
            mentions.append(mention)
    for span in _titled_person_spans(doc):
        name = clean_name(span.text)
        if not_an_actor(name) is None and free(span):
            mentions.append(Mention(span, name, ActorKind.person, "descriptor: title"))
    taken = {t.i for m in mentions for t in m.span}
    for span in _untagged_person_spans(doc, taken):
        evidence = person_context(span) or doer_context(span) or "context: a person"
        mentions.append(Mention(span, span.text, ActorKind.person, evidence))
    return sorted(mentions, key=lambda m: m.start)


def _untagged_person_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """ "Winter, 53, a former law professor", "Tal, a senior ministry official": a name
    the tagger missed, with what the sentence says of people only (an age after it, an
    occupation in apposition, being killed)."""
    spans = []
    for token in doc:
        if token.i in taken or _named(token) or token.pos_ not in ("PROPN", "NOUN"):
            continue
        if token.dep_ == "compound" or not token.text[:1].isupper() or not token.is_alpha:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
            start -= 1
        span = doc[start : token.i + 1]
        if any(t.i in taken or _named(t) or not t.is_alpha or t.is_stop for t in span):
            continue
        if len(span.text) < 3 or not_an_actor(span.text) is not None:
            continue
        if place_evidence(span.text) is not None or span[0].lower_ in _prefixes():
            continue
        context = person_context(span)
        if token.pos_ == "NOUN":
            # "Winter, 53, a former professor": a capitalised common noun is a name
            # where an age or an occupation is set off after it, as none is after a thing.
            said = context is not None and context not in ("context: who", _AGE)
            if (said or (context == _AGE and _age_closed(token))) and _lone_capital(token):
                spans.append(span)
            continue
        if context is None and may_be_a_person(span.text):
            context = doer_context(span)
        if context is not None and context != "context: who":
            spans.append(span)
    return spans


#: What `person_context` says of an age written after a name.
_AGE = "context: an age after the name"


def _age_closed(token: Token) -> bool:
    """ "Winter, 53, a ...": the age set off by commas on both sides; "Sales, 20
    percent higher" has a number, not an age."""
    doc = token.doc
    return token.i + 3 < len(doc) and doc[token.i + 3].text == ","


#: Labels the tagger gives a surname it does not know ("Sturholm" a nationality,
#: "Mendes" a product): no actor's kind, so what the sentence says decides.
_STRAY_LABELS = frozenset({"NORP", "PRODUCT"})


def _named(token: Token) -> bool:
    """Whether the tagger gave the token a label that stands, so the search for names it
    missed leaves it alone: any but a stray label on a word no nationality spells."""
    if not token.ent_type_:
        return False
    return token.ent_type_ not in _STRAY_LABELS or not_an_actor(token.text) is not None


def _lone_capital(token: Token) -> bool:
    """A common noun written as a name ("Winter") and set off by a comma before what
    the sentence says of it ("Winter, 53, a former professor")."""
    doc = token.doc
    followed = token.i + 1 < len(doc) and doc[token.i + 1].text == ","
    return token.text[:1].isupper() and token.text[1:].islower() and followed


def _surname_tokens(name: str) -> set[str]:
    """What a lone surname may be written as: the last word ("al-Maliki", "Maliki")."""
    words = name.split()
    if not words:
        return set()
    parts = [p for p in re.split(r"[-\u2019']", words[-1]) if len(p) >= 3]
    return {normalise_name(words[-1]), *(normalise_name(p) for p in parts)}


class _Clusters:
    """The clusters made so far, indexed by what a lone surname, a first word or an
    acronym is matched on: comparing each new name with every cluster made a document
    cost its names squared."""

    def __init__(self) -> None:
        self.by_surname: dict[str, list[Cluster]] = {}
        self.by_first_name: dict[str, list[Cluster]] = {}
        self.by_name: dict[str, list[Cluster]] = {}
        self.by_initials: dict[str, list[Cluster]] = {}
        self.by_first_word: dict[str, list[Cluster]] = {}

    def add(self, cluster: Cluster, kind: ActorKind) -> None:
        words = cluster.name.split()
        if kind == ActorKind.person:
            for token in _surname_tokens(cluster.name):
                self.by_surname.setdefault(token, []).append(cluster)
            if len(words) >= 2:
                self.by_first_name.setdefault(normalise_name(words[0]), []).append(cluster)
        if kind == ActorKind.organization and len(words) >= 2:
            self.by_first_word.setdefault(normalise_name(words[0]), []).append(cluster)
        self.by_name.setdefault(normalise_name(cluster.name), []).append(cluster)
        self.by_initials.setdefault(_initials(cluster.name), []).append(cluster)

    def person_with_surname(self, word: str) -> Cluster | None:
        """The one person whose surname is `word`, else the one whose first name it is
        ("Saddam" for Saddam Hussein); none when none or several are."""
        for index in (self.by_surname, self.by_first_name):
            matches = index.get(normalise_name(word), [])
            if matches:
                return matches[0] if len(matches) == 1 else None
        return None

    def organisation_beginning(self, word: str) -> Cluster | None:
        """The one organisation whose name begins with `word` ("Northrop" for "Northrop
        Grumman"); none when none or several do."""
        matches = self.by_first_word.get(normalise_name(word), [])
        return matches[0] if len(matches) == 1 else None

    def expanding(self, acronym: str, long: str | None) -> Cluster | None:
        """The one cluster named `long` (what the text says `acronym` stands for) or whose
        initials spell `acronym`; none when none or several are."""
        target = normalise_name(long) if long else ""
        named = self.by_name.get(target, []) if target else []
        matches = {id(c): c for c in [*named, *self.by_initials.get(acronym, [])]}
        return next(iter(matches.values())) if len(matches) == 1 else None


def _country_named(mention: Mention) -> Country | None:
    """The country a place mention names ("U.S.", "the US Government")."""
    return country_acting(mention.name) if mention.kind == ActorKind.place else None


def identity(mention: Mention) -> tuple[str, str, tuple[str, ...]]:
    """What makes two mentions one actor: (key, the actor's name, ISO aliases). A country
    by its ISO code, an organisation by its name without legal form, else the name."""
    place = _country_named(mention)
    if place is not None:
        return f"country:{place.code}", place.name, place.aliases
    if mention.kind == ActorKind.organization and legal_form(mention.name):
        base = organisation_base(mention.name)
        return normalise_name(base), base, ()
    if mention.kind == ActorKind.person and len(mention.name.split()) >= 2:
        return transliteration_key(mention.name), mention.name, ()
    return normalise_name(mention.name), mention.name, ()


#: Article prefixes of Arabic names, written with or without a hyphen ("al-Maliki").
_NAME_ARTICLES = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ul)[-\s]+", re.IGNORECASE)


def transliteration_key(name: str) -> str:
    """One key for the spellings of a person's name in Latin letters: "Nouri al-Maliki",
    "Nuri al-Maliki" and "Nuri el-Maliki" share it (vowel runs count as one vowel, the
    article before a name is dropped); "Ali al-Maliki" and "George W. Bush" beside
    "George Bush" do not: every name must agree, so each corroborates the others."""
    words = [_NAME_ARTICLES.sub("", w) for w in name.split()]
    return "person~" + "|".join(_vowels(normalise_name(w)) for w in words if w)


def _vowels(word: str) -> str:
    return re.sub(r"[aeiouy]+", "a", word.replace(" ", ""))


def _joins(clusters: _Clusters, mention: Mention, acronyms: dict[str, str]) -> Cluster | None:
    """The cluster a short mention stands for: a lone surname's person (whatever the
    tagger called the surname, unless stronger evidence made it something else), a
    first word's organisation, an acronym's long form."""
    words = mention.name.split()
    weak = mention.evidence.startswith("ner")
    if len(words) == 1 and (mention.kind == ActorKind.person or weak):
        if mention.kind == ActorKind.organization:
            found = clusters.organisation_beginning(mention.name)
            if found is not None:
                return found
        found = clusters.person_with_surname(mention.name)
        if found is not None:
            return found
    if mention.name.isupper() and 2 <= len(mention.name) <= 6:
        return clusters.expanding(mention.name, acronyms.get(mention.name))
    return None


def unify_kinds(mentions: list[Mention]) -> list[Mention]:
    """One name, one kind within a document: every mention of a name takes the kind of
    the strongest evidence any of them has (then the most mentioned), so "Henry Ford"
    tagged a person once and an organisation once is one actor, not two."""
    by_name: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_name.setdefault(normalise_name(mention.name), []).append(mention)
    for group in by_name.values():
        if len({m.kind for m in group}) < 2:
            continue
        counts = Counter(m.kind for m in group)
        best = min(group, key=lambda m: (m.rank, -counts[m.kind]))
        for mention in group:
            mention.kind, mention.evidence = best.kind, best.evidence
    return mentions


#: What joins a name to another name of the same referent ("Lehi, also known as the
#: Stern Gang", "Mohamed Issa, also known as Cheiko").
_ALSO_KNOWN = re.compile(
    r"^[\s,(]*(?:also\s+known\s+as|better\s+known\s+as|known\s+as|a\.?k\.?a\.?|"
    r"nicknamed|alias)[\s\"'\u201c]*(?:the\s+)?$",
    re.IGNORECASE,
)


def share_alias_kinds(mentions: list[Mention]) -> list[Mention]:
    """ "X, also known as Y": Y names what X names, so it takes X's kind when X's
    evidence is at least as strong (the tagger reads many a nickname as a place or a
    firm)."""
    ordered = sorted(mentions, key=lambda m: (id(m.span.doc), m.start))
    for before, after in pairwise(ordered):
        if before.span.doc is not after.span.doc or before.kind == after.kind:
            continue
        between = before.span.doc.text[before.end : after.start]
        if _ALSO_KNOWN.match(between) and before.rank <= after.rank:
            after.kind, after.evidence = before.kind, f"context: also known as {before.name}"
    return mentions


def resolve_actors(mentions: list[Mention], text: str) -> dict[int, Cluster]:
    """Cluster mentions into actors; returns mention index -> cluster. Longer names go
    first, so a short one finds the full name it stands for."""
    share_alias_kinds(mentions)
    unify_kinds(mentions)
    acronyms = {acr: strip_article(long) for long, acr in _ACRONYM_PAIR.findall(text)}
    clusters = _Clusters()
    by_key: dict[str, Cluster] = {}
    assigned: dict[int, Cluster] = {}
    order = sorted(range(len(mentions)), key=lambda i: -len(mentions[i].name.split()))
    for index in order:
        mention = mentions[index]
        key, name, iso_names = identity(mention)
        cluster = by_key.get(key) or _joins(clusters, mention, acronyms)
        if cluster is None:
            long = acronyms.get(mention.name)
            cluster = Cluster(name=long or name, extra_aliases=iso_names)
            clusters.add(cluster, mention.kind)
        by_key[key] = cluster
        cluster.add(mention)
        assigned[index] = cluster
    return assigned
