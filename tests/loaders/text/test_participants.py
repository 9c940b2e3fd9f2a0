"""Participants beyond the names that are a verb's subject and object: possessors,
groups named by their country or leader, event nouns' arguments, passive agents; and
never a dateline or a place the clause does not tie to the event. Each case is a
sentence written for these tests, the word of its event, and what the event must show:
(actor, role, basis) for a participant, or (actor, None, None) for an actor of the text
that must not take part in that event."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import ActorKind, Event, EventType, GraphBatch, LinkBasis, Participant, Role
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.events import EventDraft
from loaders.text.nlp import load_pipeline
from loaders.text.participants import dateline, strongest
from loaders.text.pipeline import extract
from loaders.text.token_actor import TokenActor

PUBLISHED = date(2024, 5, 12)

Expected = tuple[str, Role | None, str | None]

CASES: list[tuple[str, str, str, list[Expected]]] = [
    # -- possessors: the owner of what the clause is about, in that thing's role
    (
        "possessor of a subject",
        "Siemens's shares fell 4 percent on Tuesday.",
        "fell",
        [("Siemens", Role.agent, "inferred")],
    ),
    (
        "possessor of an object",
        "Pension funds bought Toyota's bonds on Monday.",
        "bought",
        [("Toyota", Role.target, "inferred")],
    ),
    (
        "an amount is a possession, not an event noun the owner does",
        "Apple's iPhone sales rose 20 percent in the quarter, Apple said on Tuesday.",
        "rose",
        [("Apple", Role.agent, "inferred")],
    ),
    (
        "owner in an of-phrase",
        "Shares of Nokia fell sharply on Tuesday.",
        "fell",
        [("Nokia", Role.agent, "inferred")],
    ),
    (
        "name compounded on a subject",
        "Nokia shares fell sharply on Tuesday.",
        "fell",
        [("Nokia", Role.agent, "inferred")],
    ),
    (
        "a name in the clause is not replaced by its owner",
        "Siemens's chief executive Joe Kaeser resigned on Tuesday.",
        "resigned",
        [("Joe Kaeser", Role.agent, "stated"), ("Siemens", None, None)],
    ),
    (
        "a name with a number is not a possession",
        "Standard & Poor's said it was concerned. The Standard & Poor's 500 fell on Monday.",
        "fell",
        [("Standard & Poor", None, None)],
    ),
    # -- groups named by their country or leader
    (
        "troops of a country the text names",
        "Ruritanian troops shelled the town of Brod on Sunday, Ruritania's defence ministry said.",
        "shelled",
        [("Ruritania", Role.agent, "inferred"), ("Brod", Role.target, "stated")],
    ),
    (
        "a drone of a country the text names",
        "Turkey denied the report. A Turkish drone struck a convoy on Friday.",
        "struck",
        [("Turkey", Role.agent, "inferred")],
    ),
    (
        "a passive agent that is a country's forces",
        "Syria denied it. The hospital was bombed by Syrian government forces on Monday.",
        "bombed",
        [("Syria", Role.agent, "inferred")],
    ),
    (
        "fighters of a leader",
        "Khalifa Haftar's fighters seized the airport on Saturday.",
        "seized",
        [("Khalifa Haftar", Role.agent, "inferred")],
    ),
    (
        "a national is not the state",
        "Russia is large. A Russian businessman bought a villa on Monday.",
        "bought",
        [("Russia", None, None)],
    ),
    (
        "a pro-country group is not that country",
        "Russia denied it. Pro-Russian rebels attacked the airport on Monday.",
        "attacked",
        [("Russia", None, None)],
    ),
    # -- event nouns' arguments
    (
        "the buyer of a sale is not a location",
        "Siemens announced the sale of its rail unit to Alstom on Monday.",
        "announced",
        [("Siemens", Role.agent, "stated"), ("Alstom", Role.participant, "stated")],
    ),
    (
        "an acquisition by someone: the doer and what is acquired",
        "Oracle's acquisition of Sun Microsystems closed on Wednesday.",
        "closed",
        [("Oracle", Role.agent, "stated"), ("Sun Microsystems", Role.target, "stated")],
    ),
    (
        "what an event noun is about takes part in the event told of it",
        "The resignation of Tony Blair was announced on Wednesday.",
        "announced",
        [("Tony Blair", Role.participant, "stated")],
    ),
    # -- passive agents
    (
        "a named passive agent",
        "The embassy was attacked by Hezbollah on Monday.",
        "attacked",
        [("Hezbollah", Role.agent, "stated")],
    ),
    (
        "the subject of an inverted report the parser hung on the participle after it",
        "``We expect more cuts,'' said bank economist John Harris referring to the report.",
        "said",
        [("John Harris", Role.agent, "stated")],
    ),
    # -- datelines and places
    (
        "a dateline is not an attacker",
        "OSLO, Norway \u2014 A drone struck a power station on Monday, officials said.",
        "struck",
        [("Oslo", None, None), ("Norway", None, None)],
    ),
    (
        "a dateline with an agency",
        "KIEV, Ukraine (Reuters) -- Gunmen attacked a checkpoint on Sunday.",
        "attacked",
        [("Kiev", None, None), ("Ukraine", None, None), ("Reuters", None, None)],
    ),
    (
        "a wire-style dateline",
        "NAIROBI, Kenya (AP) _ Gunmen attacked a police station on Friday.",
        "attacked",
        [("Kenya", None, None), ("Nairobi", None, None)],
    ),
    (
        "places a company moves between are not where the move happened",
        "Exxon moved its headquarters from Dallas to Houston in 2020.",
        "moved",
        [("Dallas", Role.participant, "stated"), ("Houston", Role.participant, "stated")],
    ),
    (
        "a place after in is the location",
        "Angela Merkel met Emmanuel Macron in Paris on Tuesday.",
        "met",
        [("Paris", Role.location, "stated"), ("Emmanuel Macron", Role.target, "stated")],
    ),
    (
        "an organisation after to is not a location",
        "Oracle sold its stake to IBM on Friday.",
        "sold",
        [("IBM", Role.target, "stated")],
    ),
    (
        "a place a noun of the clause is near is not the event's location",
        "Turkey denied it. A drone struck a convoy near Kirkuk on Friday.",
        "struck",
        [("Kirkuk", None, None)],
    ),
    (
        "a place inside a location phrase is where the event happened",
        "Amelia Tran was born in a farmhouse in Duluth in 1961.",
        "born",
        [("Amelia Tran", Role.target, "stated"), ("Duluth", Role.location, "stated")],
    ),
    (
        "a place inside a from-phrase is not the event's location",
        "Amelia Tran graduated from a college in Duluth in 1983.",
        "graduated",
        [("Amelia Tran", Role.agent, "stated"), ("Duluth", None, None)],
    ),
    (
        "a place in a relative clause is not the main verb's location",
        "Amelia Tran, who lives in Duluth, resigned from Norwell Mining on Monday.",
        "resigned",
        [("Amelia Tran", Role.agent, "stated"), ("Duluth", None, None)],
    ),
    # -- relative clauses: the pronoun is the noun it hangs on
    (
        "the subject of a relative clause",
        "Amelia Tran, who founded Norwell Mining in 1990, retired on Monday.",
        "founded",
        [("Amelia Tran", Role.agent, "resolved"), ("Norwell Mining", Role.target, "stated")],
    ),
    (
        "a passive relative clause",
        "Henrik Olsen, who was arrested in Bergen on Friday, denied the charges.",
        "arrested",
        [("Henrik Olsen", Role.target, "resolved"), ("Bergen", Role.location, "stated")],
    ),
    (
        "a relative clause on the complement of be describes the subject",
        "Police said Karl Brenner was the man who attacked Henrik Olsen on Friday.",
        "attacked",
        [("Karl Brenner", Role.agent, "resolved"), ("Henrik Olsen", Role.target, "stated")],
    ),
    (
        "a relative clause on a thing is not about the one who mentions it",
        "Kerstin Vogel praised the report that criticised Lumen Bank on Monday.",
        "criticised",
        [("Kerstin Vogel", None, None), ("Lumen Bank", Role.target, "stated")],
    ),
    # -- participle clauses: the noun they describe, or the subject they hang on
    (
        "a past participle on a name: the named one undergoes it",
        "Henrik Olsen, arrested in Bergen on Friday, denied the charges.",
        "arrested",
        [("Henrik Olsen", Role.target, "stated"), ("Bergen", Role.location, "stated")],
    ),
    (
        "a born-participle on a name",
        "Amelia Tran, born in Duluth in 1961, joined Norwell Mining in 1990.",
        "born",
        [("Amelia Tran", Role.target, "stated"), ("Duluth", Role.location, "stated")],
    ),
    (
        "a present participle after the clause: its subject does it",
        "Zubair Khan left Peshawar on Monday, taking his family to Lahore.",
        "taking",
        [("Zubair Khan", Role.agent, "stated"), ("Lahore", Role.participant, "stated")],
    ),
    # -- event nouns whose possessor or "of" phrase undergoes them
    (
        "the possessor of a murder is its victim; the one questioned only takes part",
        "Police questioned Tomas Ruiz on Monday about Elena Ward's murder.",
        "murder",
        [("Elena Ward", Role.target, "stated"), ("Tomas Ruiz", Role.participant, "inferred")],
    ),
    (
        "the of-phrase of a slaying is its victim",
        "Nobody has been charged in the slaying of Elena Ward in March.",
        "slaying",
        [("Elena Ward", Role.target, "stated")],
    ),
    (
        "a possessor with an of-phrase still does it",
        "Lumen Bank's takeover of Vestra Capital was approved on Monday.",
        "takeover",
        [("Lumen Bank", Role.agent, "stated"), ("Vestra Capital", Role.target, "stated")],
    ),
]


def _extract(text: str) -> GraphBatch:
    return extract(Article(id="participants", published=PUBLISHED, text=text), _model())


def _model() -> str:
    return Settings().spacy_model


def _at(batch: GraphBatch, text: str, word: str) -> Event:
    start = text.index(word)
    for event in batch.events:
        if any(s.trigger_start == start for s in event.sources):
            return event
    raise AssertionError(f"no event at {word!r}: {[e.summary for e in batch.events]}")


def _shown(batch: GraphBatch, event: Event) -> list[tuple[str, str, str, str | None]]:
    names = {a.id: a.name for a in batch.actors}
    return [(names[p.actor], p.role.value, p.basis, p.mention) for p in event.participants]


@pytest.mark.parametrize(("name", "text", "word", "expected"), CASES, ids=[c[0] for c in CASES])
def test_participants(name: str, text: str, word: str, expected: list[Expected]) -> None:
    batch = _extract(text)
    event = _at(batch, text, word)
    by_name = {a.name.casefold(): a.id for a in batch.actors}
    shown = _shown(batch, event)
    for actor, role, basis in expected:
        actor_id = by_name.get(actor.casefold())
        taking_part = [p for p in event.participants if p.actor == actor_id]
        if role is None:
            assert not taking_part, f"{actor} must not take part; event shows {shown}"
            continue
        assert actor_id is not None, f"{actor} not found among {sorted(by_name)}"
        assert [(p.role, p.basis) for p in taking_part] == [(role, basis)], shown


def test_an_inferred_link_keeps_the_words_it_came_through() -> None:
    text = "Ruritanian troops shelled the town of Brod on Sunday, Ruritania's ministry said."
    batch = _extract(text)
    event = _at(batch, text, "shelled")
    inferred = [p for p in event.participants if p.basis == "inferred"]
    assert [p.mention for p in inferred] == ["Ruritanian troops"]
    stated = [p for p in event.participants if p.basis == "stated"]
    assert stated and all(p.mention is None for p in stated)


def test_a_dateline_is_not_in_the_summary() -> None:
    text = "OSLO, Norway \u2014 A drone struck a power station on Monday, officials said."
    event = _at(_extract(text), text, "struck")
    assert "OSLO" not in event.summary and "drone struck" in event.summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BERGEN, Norway (AP) \u2014 Ships left port.", "BERGEN, Norway (AP)"),
        ("Ann Lee Moss (May 5, 1878 -- March 7, 1954) was a sailor.", ""),
        ("Ivo Marek (Kestrel, 1921 - Vesper, 1991) was a tenor.", ""),
    ],
)
def test_a_dateline_closes_its_brackets_before_the_dash(text: str, expected: str) -> None:
    """A dash inside brackets joins two dates or places of a life; a dateline closes
    its agency's bracket before its dash."""
    sentence = next(load_pipeline(Settings().spacy_model)(text).sents)
    opening = sorted(dateline(sentence))
    written = sentence.doc[opening[0] : opening[-1] + 1].text if opening else ""
    assert written == expected


def test_one_event_told_twice_keeps_each_actor_by_its_strongest_link() -> None:
    """An inference first, the name later: one event, the actor stated."""
    text = "Turkish jets struck Afrin on Sunday. Turkey struck Afrin on Sunday, witnesses said."
    batch = _extract(text)
    shelled = [e for e in batch.events if e.type == "attack"]
    assert len(shelled) == 1, [e.summary for e in shelled]
    turkey = next(a.id for a in batch.actors if a.name == "Turkey")
    links = [p for p in shelled[0].participants if p.actor == turkey]
    assert [(p.basis, p.mention) for p in links] == [("stated", None)]


def test_strongest_keeps_stated_over_resolved_over_inferred() -> None:
    inferred = Participant(actor="org:acme", role=Role.agent, basis="inferred", mention="its")
    resolved = Participant(actor="org:acme", role=Role.agent, basis="resolved", mention="it")
    stated = Participant(actor="org:acme", role=Role.agent)
    other = Participant(actor="place:oslo", role=Role.location)
    assert strongest([inferred, other], [resolved]) == (resolved, other)
    assert strongest([resolved], [stated, inferred]) == (stated,)
    assert strongest([stated], [inferred]) == (stated,)


def test_how_a_link_was_found_does_not_change_the_event_id() -> None:
    """One event whether its actor was named, resolved or inferred: the id is made of
    the type, the time and who takes part, not how the text said who."""
    sentence = next(iter(load_pipeline(_model())("Acme fell on Tuesday.").sents))
    trigger = sentence[1]

    def draft(basis: LinkBasis, mention: str | None) -> EventDraft:
        ref = TokenActor("organization:acme", "Acme", ActorKind.organization, basis, mention)
        return EventDraft(
            type=EventType.other,
            trigger=trigger,
            participants={ref.id: (ref, Role.agent)},
            when=None,
            sentence=sentence,
        )

    ids = {
        draft("stated", None).event_id("doc", 0),
        draft("resolved", "it").event_id("doc", 0),
        draft("inferred", "Acme's shares").event_id("doc", 0),
    }
    assert len(ids) == 1, ids


def test_untyped_events_with_the_same_actor_and_different_verbs_stay_two() -> None:
    """An event of type `other` is told apart by its verb: a possessor now links more
    events to an actor, and "Kopp's car was found" is not "Kopp's lawyer spoke"."""
    text = "James Kopp fled to Canada. James Kopp hid in a barn."
    batch = _extract(text)
    fled, hid = _at(batch, text, "fled"), _at(batch, text, "hid")
    assert fled.id != hid.id


def test_a_participle_on_a_name_is_not_dated_by_publication() -> None:
    """ "Jackson, born in Waxhaw, became president": the birth describes Jackson; it
    is not news of the publication day."""
    text = "Amelia Tran, born in Duluth, joined Norwell Mining on Monday."
    event = _at(_extract(text), text, "born")
    assert event.when is None, event.when
