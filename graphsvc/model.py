"""The data model shared by loaders, stores and the API.

Plain pydantic v2 data: loaders build a `GraphBatch`, stores persist it, the API
renders what stores answer. Every date is a `When` interval with a precision, never a
bare datetime, because news rarely states a day ("in August", "late 2015").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from graphsvc.typed_dates import typed_date_or_none

Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade"]

#: Ids are readable slugs with a prefix, e.g. `person:vladimir-putin`, `event:sergun-death`.
ID_PATTERN = r"^[a-z][a-z0-9_]*:[a-z0-9][a-z0-9._-]*$"
DOCUMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"

NodeId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=200)]
DocumentId = Annotated[str, StringConstraints(pattern=DOCUMENT_ID_PATTERN, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


def utc_now() -> datetime:
    """The one clock for system time (when the graph learned something)."""
    return datetime.now(UTC)


def slugify(text: str) -> str:
    """Lower-case ASCII slug: stable ids from names ("Bashar al-Assad" -> "bashar-al-assad")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "unnamed"


class ActorKind(StrEnum):
    person = "person"
    organization = "organization"
    place = "place"
    group = "group"


class Role(StrEnum):
    agent = "agent"
    target = "target"
    participant = "participant"
    location = "location"


class EventType(StrEnum):
    """A small vocabulary inspired by the top levels of CAMEO, plus `death`.

    Closed on purpose: timeline filters by type only work if loaders agree on names.
    """

    statement = "statement"  # say, report, publish, announce (CAMEO 01)
    appeal = "appeal"  # ask, request, urge (02)
    intent = "intent"  # promise, offer, plan to cooperate (03)
    consult = "consult"  # meet, visit, talk, receive (04)
    agree = "agree"  # agree, sign, settle (05)
    cooperate = "cooperate"  # lend, supply, share intelligence (06)
    aid = "aid"  # give aid, humanitarian help (07)
    yield_ = "yield"  # resign, step down, withdraw, concede (08)
    investigate = "investigate"  # (09)
    demand = "demand"  # (10)
    disapprove = "disapprove"  # criticise, accuse, deny (11)
    reject = "reject"  # refuse, veto (12)
    threaten = "threaten"  # (13)
    protest = "protest"  # (14)
    posture = "posture"  # deploy, mobilise (15)
    reduce = "reduce"  # cut ties, expel (16)
    coerce = "coerce"  # arrest, sanction, seize (17)
    attack = "attack"  # strike, bomb, shell (18)
    fight = "fight"  # battle, military campaign (19)
    mass_violence = "mass_violence"  # (20)
    death = "death"  # die, be killed: not in CAMEO, common in news
    other = "other"


class RelationType(StrEnum):
    """Actor-to-actor relationship types. The only source of relationship types in Cypher."""

    LEADER_OF = "LEADER_OF"
    HEAD_OF = "HEAD_OF"
    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"
    ALLY_OF = "ALLY_OF"
    OPPOSES = "OPPOSES"
    WORKS_FOR = "WORKS_FOR"
    FOUNDED = "FOUNDED"
    OWNS = "OWNS"
    SUBSIDIARY_OF = "SUBSIDIARY_OF"
    BASED_IN = "BASED_IN"
    LOCATED_IN = "LOCATED_IN"
    LIVES_IN = "LIVES_IN"
    KILLED = "KILLED"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: Where a date comes from: `text`, an expression attached to this event; `context`, the
#: time the text had set earlier; `publication`, no expression at all: an event news
#: reports in the past tense, anchored on its publication day (approximate).
DateBasis = Literal["text", "context", "publication"]


class When(_Strict):
    """A closed interval of calendar days and the coarsest unit the source text names,
    or, with `open_start`, an interval open at its start: the event happened on or
    before `end` and nothing says how long before ("had signed" in a report of
    8 January: before 1998-01-08). Open-ended anchoring keeps such an event on the
    timeline without claiming a day it does not know."""

    start: date = Field(
        description="First day of the interval; with open_start, equal to end: the day "
        "the timeline orders the event by, not a lower bound"
    )
    end: date
    precision: Precision
    approximate: bool = False
    text: str | None = Field(default=None, max_length=500)
    anchor: date | None = None
    basis: DateBasis = Field(
        default="text",
        description="text (stated for this event), context (carried from earlier text) "
        "or publication (inferred from the publication date)",
    )

    open_start: bool = Field(
        default=False,
        description="The interval has no known start: on or before end (EDTF ../end)",
    )

    @model_validator(mode="after")
    def _start_not_after_end(self) -> When:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        # One stored shape for "before X": start doubles as the ordering day, so a
        # window filter or sort reading start/end alone never places the event
        # earlier than its bound says (a sentinel start would file every such event
        # at the beginning of time).
        if self.open_start and self.start != self.end:
            raise ValueError(
                f"an open-start date (on or before {self.end}) takes start equal to end, "
                f"got start {self.start}"
            )
        return self


#: A date as people type it ("2016-01-22", "22 janvier 2016", "22.01.2016"); an
#: ambiguous one ("03-02-2009") is refused with a message (`graphsvc.typed_dates`).
TypedDate = Annotated[date, BeforeValidator(typed_date_or_none)]


class Document(_Strict):
    id: DocumentId
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: TypedDate | None = None
    source: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, max_length=20)
    text_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    ingested_at: datetime | None = None


class Actor(_Strict):
    id: NodeId
    name: Text
    kind: ActorKind
    aliases: tuple[Text, ...] = ()
    kind_evidence: str | None = Field(
        default=None,
        max_length=200,
        description='What decided the kind, so a reader can judge it: "legal form: LLC", '
        '"gazetteer: country", "descriptor: carmaker", "title: President", "ner: ORG".',
    )


#: How a participant was tied to an event: `stated`, the actor is named in the clause;
#: `resolved`, a pronoun or description ("she", "the company") was resolved to it;
#: `inferred`, it stands behind a group or possession ("Ruritanian troops", "Acme's
#: shares"). A reader can tell what the text says from what the service concluded.
LinkBasis = Literal["stated", "resolved", "inferred"]
#: How much each basis says, most first: where one actor is linked to one event twice,
#: the stronger link is kept.
LINK_BASIS_RANK: dict[str, int] = {"stated": 0, "resolved": 1, "inferred": 2}


class Participant(_Strict):
    actor: NodeId
    role: Role = Role.participant
    basis: LinkBasis = Field(
        default="stated",
        description="stated (named in the clause), resolved (a pronoun or description "
        "resolved to the actor) or inferred (a group or possession of the actor)",
    )
    mention: str | None = Field(
        default=None,
        max_length=200,
        description="the words of the text the link was made through, when not the name",
    )


class Source(_Strict):
    """Provenance: the sentence of a document that reports an event, and where in the
    document the sentence and the event's trigger word are (character offsets), so a
    reader or a scorer can find the very word without matching sentences."""

    document: DocumentId
    sentence: Text
    char_start: int | None = Field(default=None, ge=0)
    char_end: int | None = Field(default=None, ge=0)
    trigger_start: int | None = Field(default=None, ge=0)
    trigger_end: int | None = Field(default=None, ge=0)
    extractor: str = Field(default="records", max_length=100)

    @model_validator(mode="after")
    def _offsets_ordered(self) -> Source:
        for name in ("char", "trigger"):
            start, end = getattr(self, f"{name}_start"), getattr(self, f"{name}_end")
            if (start is None) != (end is None):
                raise ValueError(f"{name}_start and {name}_end go together")
            if start is not None and end is not None and start > end:
                raise ValueError(f"{name}_start is after {name}_end")
        inside = self.char_start is None or self.trigger_start is None
        if not inside and not (
            self.char_start <= self.trigger_start <= self.trigger_end <= self.char_end  # type: ignore[operator]
        ):
            raise ValueError("the trigger lies outside the sentence (char_start..char_end)")
        return self


#: What the text says of an event's reality: `asserted` (it happened, or happens),
#: `negated` ("failed to ratify"), `planned` (future, intended, scheduled), `possible`
#: (modal, conditional, hypothetical), `reported` (a claim attributed to someone).
Factuality = Literal["asserted", "negated", "planned", "possible", "reported"]
#: Shown unless a reader asks otherwise: what did or will happen by the text's account.
SHOWN_FACTUALITIES: tuple[Factuality, ...] = ("asserted", "planned", "reported")


class Claim(_Strict):
    """What one document says of an event where it differs from what the event shows.

    An event shows what its first-cited document says; another document that tells it
    differently (another place, factuality or date) keeps its own account here, so no
    report overwrites another's and withdrawing a document restores what the rest say
    (see `graphsvc.store.claims`). Kept by the store: records cannot set it."""

    document: DocumentId
    type: EventType
    summary: Text
    when: When | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    factuality: Factuality = "asserted"
    reported_by: NodeId | None = None
    participants: tuple[Participant, ...] = ()


class Event(_Strict):
    id: NodeId
    type: EventType
    summary: Text
    when: When | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    factuality: Factuality = "asserted"
    reported_by: NodeId | None = Field(
        default=None,
        description='The actor whose words report this event ("officials said the army '
        'shelled the town": the officials), when the text attributes it to one.',
    )
    participants: tuple[Participant, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = Field(
        default=(),
        description="Accounts of cited documents that differ from what the event shows "
        "(its first-cited document's), one per document.",
    )

    @model_validator(mode="after")
    def _participants_unique(self) -> Event:
        seen = {(p.actor, p.role) for p in self.participants}
        if len(seen) != len(self.participants):
            raise ValueError("a participant is listed twice with the same role")
        return self


#: How a relation was found: `stated` (the text says it: a title, an apposition, "works
#: for"), `inferred` (implied by what the text says: "acquired", "was born in", a
#: nationality adjective, or two stated relations joined), `learned` (read by the
#: statistical reader from the sentence's parse, not by a rule: docs/relations.md).
RelationBasis = Literal["stated", "resolved", "inferred", "learned"]


class Relation(_Strict):
    source: NodeId
    type: RelationType
    target: NodeId
    since: date | None = None
    until: date | None = None
    document: DocumentId | None = None
    sentence: str | None = Field(default=None, max_length=10_000)
    role: str | None = Field(
        default=None,
        max_length=200,
        description='The role the text names ("chief financial officer", "spokesman").',
    )
    basis: RelationBasis | None = Field(
        default=None,
        description="stated (the text says it), resolved (the text says it of a pronoun or "
        "description resolved to an end: 'She is the chief financial officer of X'), "
        "inferred (implied by it) or learned (read by the statistical reader, no rule)",
    )
    since_precision: Precision | None = None
    until_precision: Precision | None = None
    current: bool | None = Field(
        default=None,
        description="true: the text says it holds when written (`stated_on`); false: it "
        'had ended by then ("former", "left"); null: the text does not say',
    )
    stated_on: date | None = Field(
        default=None, description="The day the text speaks from (its publication date)."
    )
    char_start: int | None = Field(default=None, ge=0)
    char_end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _since_not_after_until(self) -> Relation:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        if self.source == self.target:
            raise ValueError("an actor cannot be related to itself")
        return self

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity: one relation per (source, type, target, document)."""
        return (self.source, self.type.value, self.target, self.document or "")


class SameAsCandidate(_Strict):
    """A weak cross-document match ("Nuri al-Maliki" may be "Nouri al-Maliki"): recorded
    for a person to decide (POST /actors/{id}/merge), never merged silently."""

    actor: NodeId
    candidate: NodeId
    reason: Text

    @model_validator(mode="after")
    def _two_actors(self) -> SameAsCandidate:
        if self.actor == self.candidate:
            raise ValueError("an actor cannot be a same-as candidate of itself")
        return self

    @property
    def key(self) -> tuple[str, str]:
        """Identity: one candidate per (actor, candidate) pair; a newer reason replaces."""
        return (self.actor, self.candidate)


class GraphBatch(_Strict):
    """One unit of writing: stores commit all of it or none of it."""

    documents: tuple[Document, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    same_as: tuple[SameAsCandidate, ...] = ()
    replaces: tuple[DocumentId, ...] = Field(
        default=(),
        description="Documents whose earlier contributions (event sources, relations) this "
        "batch supersedes: a re-extracted article replaces what its last version said.",
    )
    replace_foreign: bool = Field(
        default=False,
        description="Replace the documents in `replaces` even when the stored one has "
        "another source or URL, or was written as records (no text hash); without it "
        "such a batch is refused (409) and nothing is written.",
    )

    def is_empty(self) -> bool:
        return not (
            self.documents
            or self.actors
            or self.events
            or self.relations
            or self.same_as
            or self.replaces
        )

    def counts(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "actors": len(self.actors),
            "events": len(self.events),
            "relations": len(self.relations),
            "same_as": len(self.same_as),
        }
