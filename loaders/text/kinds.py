"""An actor's kind from evidence, strongest first, and the evidence kept with it:

1. a legal form ends the name ("Chrysler LLC", "Volkswagen AG": `cleanco`'s list);
2. a last word only organisations' names end with ("Kestrel Labs", "Norvik Holdings");
   a descriptor right before it ("the carmaker General Motors", "analyst Chris Weafer",
   "the city of Homs": `data/actor_words.yaml`), or a person's title or honorific
   ("President Lincoln", "Mr. Jacobs"): the text says so. A person descriptor never
   reaches through "of" ("the president of the United States" is no person), and a
   descriptor of a thing does not overrule a tagger that read a person's name ("the
   automaker Henry Ford": the man);
3. the gazetteer knows it as a country or continent, or as a city or subdivision of
   more than one word; a one-word city or subdivision ("Lincoln", "Mary" may be people)
   only where the tagger read a place or the sentence uses it as one ("in Boise",
   "Austin, Texas");
4. a known name whose tag is often wrong (`kind_overrides`: the Kremlin);
5. an apposition that says what the name is ("Harrington, a professor", "Apex, the
   chipmaker"), under the same limit as a descriptor before it; then the sentence
   around a name the tagger did not call a person shows one: an age after it
   ("Jacobs, 20,"), "who" ("Campbell, who ..."), being born ("Simon was born"), being
   killed ("shot Lincoln", "Lincoln's assassin"), an occupation in apposition ("Warner,
   a former ambassador"); a name after an age and "of" is a place ("Sullivan, 30, of
   Boothbay"), and so is one before "native" or "resident" ("a Fargo native") or
   before a comma and a state or country ("Kinderhook, N.Y.", "BLYTHE, Calif.");
6. the named-entity tag, last.

Within a document one name is one actor whatever its mentions drew: the kind is the
one of its strongest evidence (`loaders.text.actors.unify_kinds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from cleanco import basename
from spacy.tokens import Doc, Span, Token

from graphsvc.model import ActorKind, RelationType
from loaders.text.demonyms import demonyms
from loaders.text.gazetteer import place_evidence
from loaders.text.relation_words import relation_words
from loaders.text.vocabulary import actor_words, vocabulary

#: Evidence rank: a lower number outranks a higher one when mentions of one actor differ.
RANK = {
    "legal form": 0,
    "descriptor": 1,
    "gazetteer": 2,
    "vocabulary": 3,
    "context": 4,
    "ner": 5,
}


@dataclass(frozen=True)
class Kind:
    kind: ActorKind
    evidence: str  # "legal form: LLC", "gazetteer: city", "descriptor: carmaker", "ner: ORG"

    @property
    def rank(self) -> int:
        return RANK[self.evidence.split(":", 1)[0]]


@lru_cache(maxsize=4096)
def legal_form(name: str) -> str | None:
    """The legal-form words that end an organisation's name ("LLC"), or None. Remembered
    per name: cleanco's basename was about 6 % of the loader's work beyond parsing, and a
    document asks about the same names many times."""
    base = basename(name)
    if not base or base == name.strip() or len(base) >= len(name.strip()):
        return None
    form = name.strip()[len(base) :].strip(" ,.")
    # Written as a legal form is written ("LLC", "Inc", "AG", "plc"), not a word that
    # happens to be one in some country ("at", "co" in running text).
    letters = form.lstrip("&, ")
    return form if letters and (letters[:1].isupper() or letters.lower() == "plc") else None


def organisation_base(name: str) -> str:
    """The name without its legal form ("General Motors Corporation" -> General Motors)."""
    return basename(name) if legal_form(name) else name


@cache
def _descriptors() -> dict[str, ActorKind]:
    found: dict[str, ActorKind] = {}
    for kind, words in actor_words()["descriptors"].items():
        for word in words:
            found.setdefault(word, ActorKind(kind))
    return found


@cache
def _organization_heads() -> frozenset[str]:
    return frozenset(actor_words()["organization_heads"])


def organization_head(name: str) -> str | None:
    """The last word of a name of several that only organisations end with ("Kestrel
    Labs", "Norvik Holdings"), written capitalised as part of the name."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper() or place_evidence(name) is not None:
        return None
    last = words[-1].lower().strip(".,")
    if last in _organization_heads():
        return last
    # "John F. Kennedy School of Government", "Circuit Court of Appeals": an
    # organisation's word before "of" inside the name, whatever words end it.
    for word, after in pairwise(words):
        if after == "of" and word[:1].isupper() and organisation_word(word) is not None:
            return word.lower()
    return None


@cache
def _place_heads() -> dict[str, bool]:
    """Place-name head -> whether it is never a surname (so it overrules a person tag)."""
    found = {w: False for w in actor_words()["weak_place_heads"]}
    found.update({w: True for w in actor_words()["place_heads"]})
    return found


@cache
def _organisation_words() -> frozenset[str]:
    """Words that make a name an organisation's wherever they stand in it ("Mountain
    Empire Unified School District", "Texas Department of Agriculture")."""
    return frozenset(actor_words()["organization_heads"]) | frozenset(
        actor_words()["organization_words"]
    )


def organisation_word(word: str) -> str | None:
    """The word, lower case, when it belongs to organisations' names ("Department")."""
    lowered = word.lower().strip(".,")
    return lowered if lowered in _organisation_words() else None


def place_head(name: str, tagged: ActorKind) -> str | None:
    """A word that only names of places end with ("Custer National Forest", "Cameron
    Parish", "San Gabriel River Channel") or begin with ("Fort Bend", "Port Nolloth"),
    in a name with no word of an organisation's ("School District" is a board, not a
    place)."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3):
        return None
    lowered = [w.lower().strip(".,") for w in words]
    if any(w in _organisation_words() for w in lowered):
        return None
    strong = _place_heads().get(lowered[-1])
    if strong is not None and words[-1][:1].isupper():
        return lowered[-1] if strong or tagged != ActorKind.person else None
    if lowered[0] in _place_openers() and tagged != ActorKind.person:
        return lowered[0]
    return None


@cache
def _place_openers() -> frozenset[str]:
    """First words of places' names ("Fort Bend", "Port Nolloth", "Mount Kenya")."""
    return frozenset(actor_words()["place_openers"])


def descriptor_after(span: Span) -> tuple[ActorKind, str] | None:
    """A lower-case descriptor the name is written on ("the Minox company", "China's
    Great Wall firm", "Lazio province", "the Najd plateau"): the noun says what the
    name is. Only for organisations and places: "the Smith spokesman" is not Smith."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    noun = doc[span.end]
    if noun.pos_ != "NOUN" or not noun.text.islower():
        return None
    named = span[1:] if len(span) > 1 and span[0].dep_ == "det" else span  # "the Najd"
    root = named.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "Umbria and Lazio provinces"
        root = root.head
    if root.head.i != noun.i or root.dep_ not in ("compound", "nmod", "amod"):
        return None
    kind = _descriptors().get(noun.lemma_.lower())
    if kind is None and noun.lower_ in landforms():
        kind = ActorKind.place  # "the Sierra Nevada foothills"
    if kind is None or kind == ActorKind.person:
        return None
    if noun.tag_ in ("NNS", "NNPS") and kind != ActorKind.place:
        return None  # "Umbria and Lazio provinces" are places; "Apple shares" no company
    if kind == ActorKind.organization and place_evidence(span.text) is not None:
        return None  # "a US bank", "the Paris firm": the place is where, not the name
    return kind, noun.lemma_.lower()


@cache
def landforms() -> frozenset[str]:
    """Nouns of land and water a place's name is written on ("plateau", "foothills")."""
    return frozenset(actor_words()["landform_nouns"])


@cache
def _person_titles() -> frozenset[str]:
    return frozenset(p.lower() for p in vocabulary()["name_prefixes"]) | ranks()


@cache
def ranks() -> frozenset[str]:
    """Ranks and offices written before a name ("Lt.", "Administrator"): lower case."""
    return frozenset(actor_words()["ranks"])


def descriptor_before(span: Span) -> str | None:
    """The descriptor noun right before a name ("carmaker"), or before "of" ("the city
    of Homs") when it describes a place or an organisation: "the president of X" says
    what somebody else is, not X."""
    doc = span.doc
    position = span.start - 1
    through_of = position >= 1 and doc[position].lower_ == "of"
    if through_of:
        position -= 1
    if position < 0:
        return None
    word = doc[position].lemma_.lower()
    kind = descriptor_kind(word)
    if kind is None or doc[position].pos_ != "NOUN":
        return None
    if word not in _descriptors() and not span.start <= doc[position].head.i < span.end:
        return None  # "a veteran Goldman Sachs trader": the occupation is the trader's
    if through_of and kind == ActorKind.person:
        return None
    named = any(organisation_word(w) for w in span.text.split())
    if named and kind != ActorKind.organization:
        return None  # "the state Supreme Court": the court of a state, not a state
    return word


def _place_named(name: str, tagged: ActorKind) -> bool:
    """Whether the name is a place by its own words: the gazetteer knows it, or a word
    only places' names end or begin with stands in it ("Miami Beach")."""
    return place_evidence(name) is not None or place_head(name, tagged) is not None


def descriptor_kind(word: str) -> ActorKind | None:
    """The kind a descriptor noun says a name after it is: the descriptors' own list,
    then the occupations that only people hold ("U.S. citizen Ana Ruiz", "surgeon
    Ilse Damrow": data/relations.yaml `person_nouns`)."""
    kind = _descriptors().get(word)
    if kind is None and word in _person_nouns():
        kind = ActorKind.person
    return kind


#: Words that only ever stand before a person's name.
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})


def title_before(span: Span, tagged: ActorKind) -> str | None:
    """A person's title or honorific written right before the name ("President Lincoln",
    "Mr. Jacobs"), capitalised as titles are; or as the first word of a name the tagger
    did not call an organisation ("Prince Ranariddh", but not "General Motors")."""
    doc = span.doc
    first = span[0]
    titled = len(span) >= 2 and first.text[:1].isupper() and first.lower_ in _person_titles()
    if titled and (first.lower_ in _HONORIFICS or tagged != ActorKind.organization):
        return first.lower_
    position = span.start - 1
    before = doc[position] if position >= 0 else None
    if before is not None and before.text[:1].isupper() and before.lower_ in _person_titles():
        return before.lower_
    return None


#: Prepositions that make the name after them a place when the gazetteer knows it.
_PLACE_PREPOSITIONS = frozenset(actor_words()["place_prepositions"])


def used_as_place(span: Span) -> bool:
    """The sentence uses the name as a place: after "in", "at", "from"... or followed by
    a comma and another gazetteer place ("Boise, Idaho")."""
    doc = span.doc
    if span.start >= 1 and doc[span.start - 1].lower_ in _PLACE_PREPOSITIONS:
        return True
    root = span.root  # "in her native Galicia": the preposition governs the phrase
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return True
    if root.dep_ == "compound" and root.head.lemma_.lower() in relation_words().home_nouns:
        return True  # "his Marseille home"
    if located_context(span) is not None or heading(span):
        return True
    after = doc[span.end + 1 : span.end + 4] if span.end < len(doc) else None
    if after is None or doc[span.end].text != ",":
        return False
    return any(place_evidence(after[:n].text) for n in range(len(after), 0, -1))


#: Pronouns of one speaking or spoken to: "Lincoln: I have ..." is a speaker's label.
_SPEAKING = frozenset(actor_words()["speaking_pronouns"])


def heading(span: Span) -> bool:
    """ "Montana: A fire burning ...": a name opening its sentence before a colon heads
    the news from that place, as round-ups are written; not a speaker's label, which
    a first or second person after it shows ("Mary: I think ...")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ":" or not span[0].is_sent_start:
        return False
    return not any(t.lower_ in _SPEAKING for t in doc[span.end + 1 : span.end + 12])


def premodifies_person(span: Span, tagged: ActorKind) -> bool:
    """ "Rochester teacher union leader Adam Urbanski", "Tempe dentist Carla Voigt": a
    name written before lower-case words that describe the person named after them says
    where the person is from or works. Only read for a name the gazetteer knows
    ("Clinton aide Joe Lockhart" has a person in that place too); and where the tagger
    read a firm, not before a post a firm gives ("Burlington spokesman Gus Melonas":
    the railroad's spokesman, data/relations.yaml `person_roles`)."""
    doc = span.doc
    end = span.end
    while end < len(doc) and doc[end].is_lower and doc[end].pos_ in ("NOUN", "ADJ"):
        end += 1
    if end == span.end or end >= len(doc) or span.root.dep_ != "compound":
        return False
    if doc[end].ent_type_ != "PERSON" or doc[end].ent_iob_ != "B":
        return False
    posts = relation_words().person_roles
    words = doc[span.end : end]
    return tagged == ActorKind.person or not any(t.lemma_.lower() in posts for t in words)


def home_of_person(span: Span) -> bool:
    """ "Leroy Pask of Oxford", "Oxford's Ilse Damrow": a city written with a person's
    name, after it through "of" or before it as its owner, is the person's town. Only
    read for a name the gazetteer knows ("Tim Cook of Apple" is the firm he works for)."""
    doc = span.doc
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.i == span.start - 1:
        before = doc[root.head.i - 1] if root.head.i >= 1 else None
        # A name the tagger missed counts ("Leroy Pask of Oxford"), a firm's does not.
        untagged = before is not None and before.pos_ == "PROPN" and not before.ent_type_
        return before is not None and (before.ent_type_ == "PERSON" or untagged)
    owned = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return (
        root.dep_ == "poss"
        and owned is not None
        and doc[span.end].tag_ == "POS"
        and owned.ent_type_ == "PERSON"
        and owned.ent_iob_ == "B"
    )


def _lone_local_name(name: str, evidence: str) -> bool:
    """A one-word city or subdivision: many are also surnames or given names
    ("Lincoln", "Kennedy", "Mary"), so the gazetteer alone does not make them places."""
    return " " not in name.strip() and evidence.endswith(("city", "subdivision"))


def apposition_descriptor(span: Span) -> tuple[ActorKind, str] | None:
    """The kind an apposition on the name gives it ("Harrington, a professor of ...",
    "Apex, the chipmaker"): the text says what the name is, as a descriptor before it
    does. A person's title counts as a person descriptor ("Okafor, the mayor")."""
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end or child.pos_ != "NOUN":
            continue
        word = child.lemma_.lower()
        if word in _descriptors():
            return _descriptors()[word], word
        if word in _person_titles():
            return ActorKind.person, word
    return None


#: Verbs whose subject is a person whatever the tagger said ("X was born in ...").
_PERSON_VERBS = frozenset({"bear"})


@cache
def _killing_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Verbs of killing, nouns of a killing, and nouns of a killer, from the relation
    finder's word lists: who is killed is a person (data/relations.yaml)."""
    words = relation_words()
    verbs = frozenset(
        lemma
        for frame in words.frames
        if RelationType.KILLED in frame.types.values() and not frame.preps
        for lemma in frame.lemmas
    )
    killers = frozenset(
        role for role, types in words.roles.items() if RelationType.KILLED in types.values()
    )
    return verbs, words.kill_nouns, killers


@cache
def _person_nouns() -> frozenset[str]:
    """Nouns in apposition that only people are: occupations and posts that only a
    person holds (data/relations.yaml `person_nouns` and `person_roles`)."""
    words = relation_words()
    return words.person_nouns | words.person_roles


def victim_context(span: Span) -> str | None:
    """A name the sentence says was killed, or whose killer or killing it names, is a
    person's ("shot Lincoln", "the assassination of Lincoln", "Lennon's killer"): the
    tagger often reads a lone surname as an organisation."""
    verbs, nouns, killers = _killing_words()
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_.lower() in verbs and head.pos_ == "VERB":
        return "context: killed"
    if root.dep_ == "nsubjpass" and head.lemma_.lower() in verbs:
        return "context: killed"
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in killers:
        return "context: killer"  # "Kennedy assassin Sirhan"
    noun = head.head if root.dep_ == "pobj" and head.lower_ == "of" else head
    linked = root.dep_ == "poss" or (root.dep_ == "pobj" and head.lower_ == "of")
    lemma = noun.lemma_.lower()
    if linked and noun.pos_ == "NOUN" and (lemma in nouns or lemma in killers):
        return "context: killed"
    return None


def subject_verbs(span: Span) -> list[Token]:
    """The verbs a name is the subject of, with the verbs joined to them by "and" that
    have no subject of their own ("Booth sneaked in and shot Lincoln": both)."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.pos_ not in ("VERB", "AUX"):
        return []
    verbs = [root.head]
    for verb in verbs:
        verbs.extend(
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        )
    return verbs


def killer_context(span: Span, named_victim: bool = False) -> str | None:
    """ "Sirhan shot Kennedy": the subject of a verb of killing with an object is a
    doer. With `named_victim`, only when the one killed is named ("Ruby shot Oswald"):
    a group is written killing people it does not name ("killed two soldiers",
    "assassinated the minister"), a person killing a named one."""
    verbs, _, _ = _killing_words()
    for verb in subject_verbs(span):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects and (not named_victim or any(o.pos_ == "PROPN" for o in objects)):
            return "context: a killer"
    return None


@cache
def _work_frames() -> dict[str, frozenset[str]]:
    """Verb -> prepositions of the frames only a person is the subject of and that take
    an organisation after "for" or "at" ("taught at Harvard", "works for Apex")."""
    found: dict[str, frozenset[str]] = {}
    for frame in relation_words().frames:
        preps = frame.preps & _WORK_PREPOSITIONS
        if frame.source != {ActorKind.person} or ActorKind.organization not in frame.types:
            continue
        for lemma in frame.lemmas if preps else ():
            found[lemma] = found.get(lemma, frozenset()) | preps
    return found


#: "with" is left out: organisations work with each other ("Apex works with Norvik").
_WORK_PREPOSITIONS = frozenset({"for", "at"})


def worker_context(span: Span) -> str | None:
    """ "Harrington taught at Harvard University": the subject of a verb that only
    people do for or at an organisation (data/relations.yaml, frames whose source is a
    person), with the organisation named, is a person."""
    for verb in subject_verbs(span):
        preps = _work_frames().get(verb.lemma_.lower())
        if not preps:
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            if any(o.dep_ == "pobj" and o.ent_type_ == "ORG" for o in prep.children):
                return f"context: {verb.lemma_.lower()} {prep.lower_}"
    return None


#: Pronouns that stand for one person.
_PERSONAL_PRONOUNS = frozenset({"he", "she"})


def speaker_context(span: Span) -> str | None:
    """ "Walesa said he would run": the name is the subject of a verb of speech or
    thought whose clause has "he" or "she" for subject, and no other person is named in
    the sentence for the pronoun to be: a company says "it" of itself."""
    doc = span.doc
    for verb in subject_verbs(span):
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(s.lower_ in _PERSONAL_PRONOUNS for s in subjects):
                continue
            pronoun = min(s.i for s in subjects if s.lower_ in _PERSONAL_PRONOUNS)
            sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
            others = [
                e
                for e in sentence.ents
                if e.label_ == "PERSON"
                and e.end <= pronoun
                and not (e.start < span.end and span.start < e.end)
            ]
            return None if others else "context: said he"
    return None


def office_of(span: Span) -> str | None:
    """ "publisher of the Huntington Herald-Press", "chairman of Eaglebrook": what a
    post that only a person holds is "of" is an organisation (a place the gazetteer
    knows was taken before); not a killer's ("the assassin of Lincoln")."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return None
    post = root.head.head
    lemma = post.lemma_.lower()
    _, _, killers = _killing_words()
    if post.pos_ != "NOUN" or lemma in killers or lemma not in relation_words().person_roles:
        return None
    return f"context: {lemma} of"


def appositive_person(span: Span) -> str | None:
    """An apposition naming an occupation or a post only people hold ("Warner, a former
    ambassador", "Sullivan, a chemist"): the name is a person's."""
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end:
            continue
        if child.pos_ == "NOUN" and child.lemma_.lower() in _person_nouns():
            return f"context: {child.lemma_.lower()}"
        if _national(child):
            return "context: a national"
    return None


def _national(noun: Token) -> bool:
    """ "a Christian Arab", "an American": a nationality used as a noun, with an
    article, names one person; "a Chinese company" has its own head noun."""
    article = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    return article and noun.lower_ in demonyms() and noun.tag_ in ("NN", "NNP")


@cache
def _residence_roles() -> frozenset[str]:
    """Nouns of who lives somewhere ("native", "resident"): the roles that give a
    residence in a place (data/relations.yaml)."""
    return frozenset(
        role
        for role, types in relation_words().roles.items()
        if set(types) == {ActorKind.place} and RelationType.LIVES_IN in types.values()
    )


#: What may follow the region of "Kinderhook, N.Y." (the end, or punctuation): "Hosokawa,
#: Japan's prime minister" and "Dickey, Georgia born" describe a person.
_AFTER_REGION = frozenset({",", ".", "(", ";", ":", "_", "-", "--", "\u2014"})


def region_at(tokens: Span) -> bool:
    """Whether the words are a region and end there: a state abbreviation ("Calif.",
    "N.Y.") or a country or first-level subdivision the gazetteer knows ("Texas",
    "Italy"), written capitalised and followed by punctuation or nothing."""
    if not tokens or not tokens[0].text[:1].isupper():
        return False
    doc = tokens.doc
    for n in range(min(3, len(tokens)), 0, -1):
        words = tokens[:n]
        end = words.end
        if end < len(doc) and doc[end].text not in _AFTER_REGION:
            continue
        if n == 1 and words.text.lower() in relation_words().regions:
            return True
        evidence = place_evidence(words.text) or ""
        if words[-1].pos_ == "PROPN" and ("country" in evidence or "subdivision" in evidence):
            return True
    return False


def region_after(span: Span) -> str | None:
    """ "Kinderhook, N.Y.", "BLYTHE, Calif.": a name followed by a comma and a state or
    country (and not by a number, an age) is a town in it: the tagger reads many small
    towns as people or organisations."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    rest = doc[span.end + 1 : span.end + 4]
    if not region_at(rest):
        return None
    return "context: a region after the name"


#: Prepositions whose object is a place whatever the tagger read ("near Baker").
_NEAR = frozenset(actor_words()["near_prepositions"])

#: Adjectives that make the name they modify someone's home ("his native Galicia").
_HOME_WORDS = frozenset(actor_words()["home_words"])


#: Points of the compass ("north of", "miles southeast of").
COMPASS = frozenset(actor_words()["compass_words"])


def located_context(span: Span) -> str | None:
    """A name the sentence places something by: "miles northeast of Pinedale", "Cox
    Packing Co. of Devine" (a firm with its legal form, then "of" and where it is),
    "Devine, near San Antonio" (a name set off before "near")."""
    doc = span.doc
    start = span.start
    if start >= 2 and doc[start - 1].lower_ == "of":
        before = doc[start - 2]
        if before.lower_ in COMPASS:
            return f"context: {before.lower_} of"
        firm = next((e for e in doc.ents if e.start <= before.i < e.end), None)
        if firm is not None and firm.end == before.i + 1 and legal_form(firm.text):
            return "context: a firm of"
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].lower_ in _NEAR:
        return "context: near"
    # Not after a person's name ("Smith in central Iowa" is where Smith is) unless the
    # name is itself after "in" ("people in Bugarama in the south of Burundi").
    placed = start >= 1 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS
    if len(after) == 2 and after[0].lower_ == "in" and (placed or span.root.ent_type_ != "PERSON"):
        where = (
            doc[span.end + 2] if after[1].lower_ == "the" and span.end + 2 < len(doc) else after[1]
        )
        if where.lower_ in COMPASS:
            return f"context: in {where.lower_}"
    # "landing in Gyandzha or Shamkhor in Azerbaijan": the tagger's person is a town. Not
    # for a firm: "a stake in Norvik in Norway" is the firm, where it trades.
    person = span.root.ent_type_ == "PERSON"
    if person and _in_place(span) and _known_place_in(doc, _coordination_end(span)):
        return "context: in a place"
    return None


def _in_place(span: Span) -> bool:
    """Whether the name, or the coordination it is in, is the object of "in", "at"..."""
    root = span.root
    if root.dep_ == "conj":
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _coordination_end(span: Span) -> int:
    """Where the names joined to this one by "and"/"or" end ("Gyandzha or Shamkhor")."""
    root = span.root
    first = root.head if root.dep_ == "conj" else root
    last = max((c for c in first.children if c.dep_ == "conj"), key=lambda c: c.i, default=None)
    return max(span.end, last.i + 1) if last is not None else span.end


def _known_place_in(doc: Doc, at: int) -> bool:
    """Whether "in" and a place the gazetteer knows (up to 3 words) are written at `at`."""
    if at >= len(doc) or doc[at].lower_ != "in":
        return False
    return _known_place_at(doc, at + 1)


def _known_place_at(doc: Doc, start: int) -> bool:
    """Whether a place the gazetteer knows is written from `start` (up to 3 words)."""
    for n in range(3, 0, -1):
        words = doc[start : start + n]
        if len(words) == n and words[0].text[:1].isupper() and place_evidence(words.text):
            return True
    return False


@cache
def _place_possessions() -> frozenset[str]:
    return frozenset(actor_words()["place_possessions"])


def place_owner(span: Span) -> str | None:
    """ "Winterset's busiest street", "the Ardmore mayor": a name that owns, or is
    written on, a noun only a place has is a place."""
    root = span.root
    head = root.head
    if root.dep_ not in ("poss", "compound") or head.pos_ != "NOUN" or not head.text.islower():
        return None
    lemma = head.lemma_.lower()
    found = lemma if lemma in _place_possessions() else None
    if found is None and head.lower_ in _place_possessions():
        found = head.lower_
    return f"context: its {found}" if found else None


def title_apposition(span: Span) -> str | None:
    """ "the last king of Peru, Atahualpa,": a name set in apposition to a title or a
    post only a person holds is that person."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = head.lemma_.lower()
    if lemma in _person_nouns() or lemma in _person_titles():
        return f"context: the {lemma}"
    return None


#: Verbs that give someone a post named after them ("named Okafor chairman", "made
#: Jonassaint president"): the post names what only a person holds.
_NAMING_VERBS = frozenset(actor_words()["naming_verbs"])


def _post(token: Token) -> str | None:
    """The lemma of a noun that only a person holds as a post, or None."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or not (lemma in _person_nouns() or lemma in _person_titles()):
        return None
    return lemma


def named_as(span: Span) -> str | None:
    """ "Harrington was named honorary president", "the army made Jonassaint provisional
    president": a name given a post only a person holds is a person's."""
    root = span.root
    head = root.head
    if root.dep_ == "nsubjpass" and head.lemma_.lower() in _NAMING_VERBS:
        for child in head.children:
            if child.dep_ == "oprd" and _post(child):
                return f"context: named {_post(child)}"
    # "made Jonassaint president": the parser hangs the name on the post it is given.
    if root.dep_ in ("nmod", "compound", "nsubj") and head.i > root.i and _post(head):
        verb = head.head
        if head.dep_ in ("dobj", "oprd", "ccomp") and verb.lemma_.lower() in _NAMING_VERBS:
            return f"context: named {_post(head)}"
    return None


#: Nouns of a town one comes from: the name after their "of" is a place ("the home of
#: the Red Sox" is not: "home" may be a team's or a firm's).
_HOMETOWNS = frozenset(actor_words()["hometown_nouns"])


def hometown_context(span: Span) -> str | None:
    """ "Daniel Sullivan, 30, of Boothbay": a name after "of" that follows a person's age
    is where the person lives, a place; so is a name before "native" or "resident"
    ("a Fargo native")."""
    doc = span.doc
    root = span.root
    if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in _residence_roles():
        return f"context: {root.head.lemma_.lower()}"
    if any(c.dep_ == "amod" and c.lower_ in _HOME_WORDS for c in root.lefts):
        return "context: a home"  # "his native Galicia", "her home state of"
    if root.dep_ == "pobj" and root.head.lower_ in _NEAR:
        return "context: near"  # "a rural precinct near Lemmon": a place is near
    of_role = root.dep_ == "pobj" and root.head.lower_ == "of"
    if of_role and root.head.head.lemma_.lower() in _residence_roles():
        return f"context: {root.head.head.lemma_.lower()} of"  # "a native of Kulm"
    if of_role and root.head.head.lemma_.lower() in _HOMETOWNS:
        return "context: hometown of"  # "their hometown of Bergen": a town, a place
    start = span.start
    if start < 5 or doc[start - 1].lower_ != "of" or doc[start - 2].text != ",":
        return None
    age = doc[start - 3]
    if not (age.text.isdigit() and 1 <= int(age.text) <= 120) or doc[start - 4].text != ",":
        return None
    return "context: home after an age" if doc[start - 5].ent_type_ == "PERSON" else None


@cache
def _noble_titles() -> frozenset[str]:
    return frozenset(actor_words()["noble_titles"])


def noble_title(name: str) -> str | None:
    """ "Duchess of York", "Prince of Wales", "Archbishop of Canterbury": a title of a
    place names a person, whatever the tagger read."""
    words = name.split()
    if len(words) >= 3 and words[1] == "of" and words[0].lower() in _noble_titles():
        return words[0].lower()
    return None


@cache
def _personal_nouns() -> frozenset[str]:
    return frozenset(actor_words()["personal_possessions"])


def possessor_context(span: Span) -> str | None:
    """ "Sohn's New Jersey home", "Walesa's wife": the owner of a home, a relative, a
    funeral is a person."""
    root = span.root
    if root.dep_ != "poss" or root.head.pos_ != "NOUN":
        return None
    lemma = root.head.lemma_.lower()
    return f"context: {lemma}" if lemma in _personal_nouns() else None


@cache
def _patient_verbs() -> frozenset[str]:
    return frozenset(actor_words()["person_patient_verbs"])


def patient_context(span: Span) -> str | None:
    """ "Vasquez was arrested", "the court sentenced Dalby": what is done only to people
    was done to the name, so it is a person's."""
    root = span.root
    head = root.head
    if root.dep_ not in ("nsubjpass", "dobj") or head.pos_ != "VERB":
        return None
    lemma = head.lemma_.lower()
    return f"context: {lemma}" if lemma in _patient_verbs() else None


def person_context(span: Span) -> str | None:
    """What around a name shows a person: an age right after it ("Jacobs, 20,"), "who"
    opening a clause on it ("Campbell, who ..."), being born ("Simon was born"), being
    killed, or an occupation in apposition."""
    doc = span.doc
    head = span.root.head
    if span.root.dep_ == "nsubjpass" and head.lemma_.lower() in _PERSON_VERBS:
        return "context: born"
    found = (
        patient_context(span)
        or victim_context(span)
        or appositive_person(span)
        or possessor_context(span)
        or title_apposition(span)
        or named_as(span)
    )
    if found is not None:
        return found
    after = [t for t in doc[span.end : span.end + 3]]
    region = span.text.lower() in relation_words().regions  # "Chattanooga, Tenn., 35 years"
    if len(after) >= 2 and after[0].text == "," and after[1].like_num and not region:
        number = after[1].text
        if number.isdigit() and 1 <= int(number) <= 120:
            return "context: an age after the name"
    if region:
        return None  # "Fort Scott, Kan., who was ...": the clause is about the person before
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ == "who":
        return "context: who"
    if after and after[0].lower_ == "who":
        return "context: who"
    return None


def listed_with_people(span: Span) -> str | None:
    """ "nobles that included Brutus and Cassius": a name the gazetteer does not know,
    joined by "and"/"or" to names the tagger read as people only, is one more person.
    Not in a list after "in", "between"...: "between Ortega and Esteli" names a town."""
    root = span.root
    first = root.head if root.dep_ == "conj" else root
    members = [first, *(c for c in first.children if c.dep_ == "conj")]
    if len(members) < 2 or first.dep_ == "conj":
        return None
    if first.dep_ == "pobj" and first.head.lower_ in _PLACE_PREPOSITIONS | {"between"}:
        return None
    others = [m for m in members if not span.start <= m.i < span.end]
    if others and all(m.ent_type_ == "PERSON" for m in others):
        return "context: listed with people"
    return None


def doer_context(span: Span) -> str | None:
    """What the name does that only a person does: kills someone named, works for or at
    an organisation, says "he" or "she" of itself."""
    return killer_context(span, named_victim=True) or worker_context(span) or speaker_context(span)


def may_be_a_person(name: str) -> bool:
    """A name the tagger called an organisation that may still be a person's: no word
    of an organisation's in it, not an acronym ("NASA", "KGB")."""
    words = name.split()
    return not name.replace(".", "").isupper() and not any(organisation_word(w) for w in words)


def descriptor_gloss(span: Span) -> str | None:
    """ "Cameron Parish (county)": a descriptor in brackets right after a name glosses
    what the name is for a reader who does not know it."""
    doc = span.doc
    words = doc[span.end : span.end + 3]
    if len(words) < 3 or words[0].text != "(" or words[2].text != ")":
        return None
    word = words[1].lemma_.lower()
    return word if words[1].is_lower and word in _descriptors() else None


def decide_kind(span: Span, name: str, tagged: ActorKind, label: str) -> Kind:
    """The kind of the actor a mention names, with the evidence for it."""
    form = legal_form(name)
    if form is not None:
        return Kind(ActorKind.organization, f"legal form: {form}")
    head = organization_head(name)
    if head is not None:
        return Kind(ActorKind.organization, f"descriptor: {head}")
    title = title_before(span, tagged) or noble_title(name)
    # "King County", "Prince George's County": a title opening a name that only a
    # place ends with is part of the place's name.
    if title is not None and place_head(name, ActorKind.person) is None:
        return Kind(ActorKind.person, f"descriptor: {title}")
    descriptor = descriptor_before(span)
    described = descriptor_kind(descriptor) if descriptor is not None else None
    if descriptor is not None and descriptor not in _descriptors() and _place_named(name, tagged):
        described = None  # "veteran Miami Beach politician": an occupation's word is weaker
    if described is not None and not (tagged == ActorKind.person and described != ActorKind.person):
        return Kind(described, f"descriptor: {descriptor}")
    after = descriptor_after(span)
    if after is not None and not (tagged == ActorKind.person and len(name.split()) >= 2):
        return Kind(after[0], f"descriptor: {after[1]}")
    gloss = descriptor_gloss(span)
    if gloss is not None:
        return Kind(_descriptors()[gloss], f"descriptor: {gloss}")
    shaped = place_head(name, tagged)
    if shaped is None and tagged == ActorKind.person and used_as_place(span):
        # "in Niagara Falls": a last word that may be a surname ("Falls", "Lake") names
        # a place where the sentence uses the name as one.
        shaped = place_head(name, ActorKind.place)
    if shaped is not None:
        return Kind(ActorKind.place, f"descriptor: {shaped}")
    place = place_evidence(name)
    if place is not None and _lone_local_name(name, place) and victim_context(span):
        # "Kennedy's assassination": a one-word city may be a surname, and the text
        # says what only a person undergoes, whatever the tagger read.
        return Kind(ActorKind.person, victim_context(span) or "context: killed")
    if place is not None and (
        not _lone_local_name(name, place)
        or tagged == ActorKind.place
        or used_as_place(span)
        or premodifies_person(span, tagged)
        or home_of_person(span)
    ):
        return Kind(ActorKind.place, place)
    override = vocabulary()["kind_overrides"].get(name.lower())
    if override:
        return Kind(ActorKind(override), f"vocabulary: {name}")
    apposition = apposition_descriptor(span)
    if apposition is not None and not (
        tagged == ActorKind.person and apposition[0] != ActorKind.person
    ):
        return Kind(apposition[0], f"descriptor: {apposition[1]}")
    if tagged != ActorKind.person:
        context = person_context(span)
        if context is not None:
            return Kind(ActorKind.person, context)
    if tagged == ActorKind.place and killer_context(span) is not None:
        return Kind(ActorKind.person, "context: a killer")
    if tagged == ActorKind.place and region_after(span) is None:
        # "Davisville, R.I.; and Mineral Wells": a town with its state is no person.
        listed = listed_with_people(span)
        if listed is not None:
            return Kind(ActorKind.person, listed)
    if tagged == ActorKind.organization and may_be_a_person(name):
        context = doer_context(span)
        if context is not None:
            return Kind(ActorKind.person, context)
    if tagged == ActorKind.person:
        employer = office_of(span)
        if employer is not None:
            return Kind(ActorKind.organization, employer)
    if tagged != ActorKind.place:
        context = (
            hometown_context(span)
            or region_after(span)
            or located_context(span)
            or place_owner(span)
        )
        if context is not None:
            return Kind(ActorKind.place, context)
    return Kind(tagged, f"ner: {label}")
