"""Events that join their actors where the parse scatters them: an event noun's phrases
hung on a date ("the bombing in 1987 of X by Y"), a gerund that times a clause the parse
hangs on a noun ("arrested during a film minutes after shooting X"), the one an
active accusation is about (its object, not the police), a noun for a suspect ("X, the
only suspect in the murder of Y"), the members a group names ("a gang that included X"),
the town a place noun names ("near her hometown of X"), the places of a list and a
place's possessor ("in Oregon's Lane County"), the one an act is done on behalf of, a
group from an organisation, each name of a list of titled names, and a name whose party
and state ("R-Ohio") is no dateline.
Each row is a sentence written for this table, the word of its event, and what the event
must show: (actor, role, basis), or (actor, None, None) for an actor of the text that
must not take part in that event. Runs the real loader."""

from __future__ import annotations

import pytest

from graphsvc.model import Role
from tests.loaders.text.test_participants import Expected, _at, _extract, _shown

CASES: list[tuple[str, str, str, list[Expected]]] = [
    (
        "an event noun's of- and by-phrases hung on its year",
        "Lisbon recalls the assassination in 1987 of Judge Anton Weiss by Paul Brenner.",
        "assassination",
        [("Paul Brenner", Role.agent, "stated"), ("Anton Weiss", Role.target, "stated")],
    ),
    (
        "the anniversary's of-phrase is the date's, not the event's",
        "Paul Brenner recalled the assassination in Lisbon on the anniversary of Anton Weiss.",
        "assassination",
        [("Anton Weiss", None, None), ("Lisbon", Role.location, "stated")],
    ),
    (
        "a gerund timing a clause, hung on a span of time",
        "Ortiz was arrested during a showing of the film 80 minutes after shooting Lopez "
        "from the sixth floor.",
        "shooting",
        [("Ortiz", Role.agent, "inferred"), ("Lopez", Role.target, "stated")],
    ),
    (
        "an active arrest is about its object, not the police",
        "Federal agents arrested John Miller in Denver after the kidnapping of Nora Lind.",
        "kidnapping",
        [("John Miller", Role.participant, "inferred"), ("Nora Lind", Role.target, "stated")],
    ),
    (
        "the accuser is no participant of the crime",
        "Prosecutor Ian Cole charged John Miller with the kidnapping of Nora Lind.",
        "kidnapping",
        [("Ian Cole", None, None), ("John Miller", Role.participant, "inferred")],
    ),
    (
        "a suspect in apposition takes part in the event",
        "Omar Selim, the main suspect in the bombing of the Palace Hotel, fled to Cairo.",
        "bombing",
        [("Omar Selim", Role.participant, "inferred")],
    ),
    (
        "a gunman by the copula takes part in the shooting",
        "Investigators believe Dale Foster was the gunman in the shooting of Ruth Adler.",
        "shooting",
        [("Dale Foster", Role.participant, "inferred"), ("Ruth Adler", Role.target, "stated")],
    ),
    (
        "a witness is not a suspect",
        "Dale Foster, a witness in the shooting of Ruth Adler, spoke to reporters.",
        "shooting",
        [("Dale Foster", None, None)],
    ),
    (
        "the members a group's relative clause names do what the group does",
        "Senator Marcus Vell was ambushed by a band of soldiers that included Tullio Rask "
        "and Gaius Morn.",
        "ambushed",
        [
            ("Tullio Rask", Role.agent, "inferred"),
            ("Gaius Morn", Role.agent, "inferred"),
            ("Marcus Vell", Role.target, "stated"),
        ],
    ),
    (
        "the members an including-phrase names undergo what the group undergoes",
        "Police detained six protesters, including Lara Quist, outside the embassy.",
        "detained",
        [("Lara Quist", Role.target, "inferred")],
    ),
    (
        "a group that a relative clause does something else with names no members",
        "Senator Marcus Vell was ambushed by a band of soldiers that hated Tullio Rask.",
        "ambushed",
        [("Tullio Rask", None, None)],
    ),
    (
        "the town a place noun names is where it happened",
        "Erin Walsh vanished in the hills near her hometown of Dunmore, Pa.",
        "vanished",
        [("Dunmore", Role.location, "stated"), ("Erin Walsh", Role.agent, "stated")],
    ),
    (
        "the of-phrase of a noun that is no place is not a location",
        "Erin Walsh vanished near the house of Dunmore officials.",
        "vanished",
        [("Dunmore", None, None)],
    ),
    (
        "a place on the last of a list of places holds each of them",
        "Flooding was reported in Leeds, York and several villages in Yorkshire.",
        "reported",
        [("Yorkshire", Role.location, "stated"), ("Leeds", Role.location, "stated")],
    ),
    (
        "a place's possessor place is where the event is too",
        "Fire crews battled the blaze overnight in Oregon's Lane County.",
        "battled",
        [("Oregon", Role.location, "stated"), ("Lane County", Role.location, "stated")],
    ),
    (
        "a party and state after a name is no dateline",
        "Sen. Mark Hollis, R-Ohio, voted against the farm bill on Tuesday.",
        "voted",
        [("Mark Hollis", Role.agent, "stated")],
    ),
    (
        "the one an act is done on behalf of takes part",
        "Anna Berg signed the treaty on behalf of the World Bank.",
        "signed",
        [("World Bank", Role.participant, "inferred"), ("Anna Berg", Role.agent, "stated")],
    ),
    (
        "a group from an organisation acts for it",
        "A team from the World Health Organization visited Lagos on Monday.",
        "visited",
        [("World Health Organization", Role.agent, "inferred")],
    ),
    (
        "each name of a list of titled names undergoes the event",
        "The rebels kidnapped the French consul, Pierre Anselme, and the Italian envoy, "
        "Marco Galli.",
        "kidnapped",
        [("Pierre Anselme", Role.target, "stated"), ("Marco Galli", Role.target, "stated")],
    ),
    (
        "where a person comes from does not act",
        "A doctor from Ohio visited Lagos on Monday.",
        "visited",
        [("Ohio", None, None)],
    ),
]


@pytest.mark.parametrize(("name", "text", "word", "expected"), CASES, ids=[c[0] for c in CASES])
def test_event_joins(name: str, text: str, word: str, expected: list[Expected]) -> None:
    batch = _extract(text)
    event = _at(batch, text, word)
    by_name = {a.name.casefold(): a.id for a in batch.actors}
    shown = _shown(batch, event)
    for actor, role, basis in expected:
        actor_id = next((i for n, i in by_name.items() if n.endswith(actor.casefold())), None)
        taking_part = [p for p in event.participants if p.actor == actor_id]
        if role is None:
            assert not taking_part, f"{actor} must not take part; event shows {shown}"
            continue
        assert actor_id is not None, f"{actor} not found among {sorted(by_name)}"
        assert [(p.role, p.basis) for p in taking_part] == [(role, basis)], shown


def test_a_group_read_through_its_members_is_named_once_in_the_summary() -> None:
    text = (
        "Senator Marcus Vell was ambushed by a band of soldiers that included Tullio Rask "
        "and Gaius Morn."
    )
    event = _at(_extract(text), text, "ambushed")
    assert event.summary.count("a band") <= 1, event.summary


def test_a_suspect_link_says_what_tied_it() -> None:
    text = "Omar Selim, the main suspect in the bombing of the Palace Hotel, fled to Cairo."
    event = _at(_extract(text), text, "bombing")
    assert [p.mention for p in event.participants if p.basis == "inferred"] == [
        "Omar Selim (suspect in)"
    ]


def _killed(text: str) -> set[tuple[str, str]]:
    batch = _extract(text)
    names = {a.id: a.name for a in batch.actors}
    return {(names[r.source], names[r.target]) for r in batch.relations if r.type.value == "KILLED"}


def test_a_killing_noun_with_its_phrases_hung_on_its_year_states_the_killer() -> None:
    text = "Lisbon recalls the assassination in 1987 of Judge Anton Weiss by Paul Brenner."
    assert ("Paul Brenner", "Anton Weiss") in _killed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Federal agents arrested John Miller in Denver after the murder of Nora Lind.",
        "Omar Selim, the main suspect in the killing of Ruth Adler, fled to Cairo.",
    ],
)
def test_taking_part_in_a_killing_is_no_killing(text: str) -> None:
    """A suspect, the one arrested after a killing: each takes part in the event, but
    the KILLED relation keeps its own stricter rules."""
    assert _killed(text) == set()
