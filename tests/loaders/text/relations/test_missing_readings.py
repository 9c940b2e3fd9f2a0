"""Readings that were missing for CoNLL04's "no relation" misses, each as a table row:
a sentence written for this table (not taken from an evaluation set) and the relation
a reader takes from it, or one that must not be drawn. Runs the real text loader
(spaCy) on a one-sentence article, as POST /documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import (
    check_found,
    check_not_drawn,
)
from tests.loaders.text.relations.reading import read as _batch

FOUND = [
    # a second role coordinated deep in a description (the parse joins it to the
    # first role's organisation)
    (
        "Maria Costa, a professor of law at Porto University in Portugal and honorary "
        "president of the Iberian Bar Association, spoke.",
        ("Maria Costa", "HEAD_OF", "Iberian Bar Association"),
    ),
    # the role first, a comma, then the name the parse hangs elsewhere
    (
        "The delegation was headed by the chief spokesman of the Statistics Bureau, "
        "Jonas Petersen.",
        ("Jonas Petersen", "WORKS_FOR", "Statistics Bureau"),
    ),
    # a relative clause's copula describes the name
    (
        "Peter Lang, who is a spokesman for the Red Cross, declined to comment.",
        ("Peter Lang", "WORKS_FOR", "Red Cross"),
    ),
    # a trade noun between an organisation and a name
    (
        "Fans cheered retired Canadian Football League placekicker Tomas Varga.",
        ("Tomas Varga", "WORKS_FOR", "Canadian Football League"),
    ),
    # a person's own party
    (
        "Chancellor Brandt's Social Democratic Party lost seats.",
        ("Brandt", "MEMBER_OF", "Social Democratic Party"),
    ),
    # a sentence opened by "In <city>," where an organisation tells something
    (
        "In Geneva, the World Health Organization said cases fell.",
        ("World Health Organization", "BASED_IN", "Geneva"),
    ),
    # a chain of commas that no "and" closes: each place lies in the next
    (
        "The crash happened near the Old Mill Bridge, Hammonton, N.J.",
        ("Hammonton", "LOCATED_IN", "N.J."),
    ),
    # a place the gazetteer does not know, a comma and a city it knows
    (
        "The fire broke out in Kelso Heights, Oakland.",
        ("Kelso Heights", "LOCATED_IN", "Oakland"),
    ),
    # a compass word between the comma and the region
    ("Fighting spread to Tamanrasset, southern Algeria.", ("Tamanrasset", "LOCATED_IN", "Algeria")),
    # a compass word naming a part of a country
    ("He was born in Leipzig, East Germany.", ("Leipzig", "LOCATED_IN", "East Germany")),
    # a country described in apposition lies in what the description names
    (
        "Fiji, an island country in the South Pacific, held elections.",
        ("Fiji", "LOCATED_IN", "South Pacific"),
    ),
    # "in" on the last item of a list of places places them all
    (
        "Floods hit Tulsa, Muskogee and Lawton in eastern Oklahoma.",
        ("Muskogee", "LOCATED_IN", "Oklahoma"),
    ),
    # places named before a plural place noun
    (
        "Floods closed roads in Brazoria, Galveston and Matagorda counties in southeast Texas.",
        ("Galveston", "LOCATED_IN", "Texas"),
    ),
    # two "in" phrases on one verb: places in the first lie in the region of the second
    (
        "The film was shot in Osaka and Nara last spring in Japan.",
        ("Nara", "LOCATED_IN", "Japan"),
    ),
    # an organisation, a comma, "in" and a place
    (
        "The show opened at the Walker Art Center, in Minneapolis.",
        ("Walker Art Center", "LOCATED_IN", "Minneapolis"),
    ),
    # a place, a comma, "in" and a city
    (
        "The band played at the Crystal Palace Arena, in Oakland, on Friday.",
        ("Crystal Palace Arena", "LOCATED_IN", "Oakland"),
    ),
    # a rank in a force
    (
        "Ralph Okafor, a sergeant with the Lagos State Police, testified on Monday.",
        ("Ralph Okafor", "MEMBER_OF", "Lagos State Police"),
    ),
    # a sitting leader of a place lives there, either order
    (
        "Ruth Calder, the governor of Oregon, spoke on Tuesday.",
        ("Ruth Calder", "LIVES_IN", "Oregon"),
    ),
    (
        "Voters cheered the governor of Oregon, Ruth Calder, on Tuesday.",
        ("Ruth Calder", "LIVES_IN", "Oregon"),
    ),
    # a place before an organisation's seat noun
    (
        "Talks were held at the Denver headquarters of the Sierra Club.",
        ("Sierra Club", "BASED_IN", "Denver"),
    ),
    (
        "Reporters waited outside the Red Cross's Geneva headquarters.",
        ("Red Cross", "BASED_IN", "Geneva"),
    ),
    # a biography's subjectless "Born" after a heading naming the person
    (
        "Anna Lind (poet): Born March 3, 1920, in a farmhouse in Bergen, Norway.",
        ("Anna Lind", "LIVES_IN", "Bergen"),
    ),
    # a phrasal verb read with its particle
    (
        "Umberto Rossi set up the Alpine League in 1989.",
        ("Umberto Rossi", "FOUNDED", "Alpine League"),
    ),
    # running a museum is heading it
    (
        "Gerald Lang, who operates the Valette Museum, spoke.",
        ("Gerald Lang", "HEAD_OF", "Valette Museum"),
    ),
    # one's home in a place
    (
        "Lionel Harrington, a professor at Yale, died Monday at his home in Larchmont.",
        ("Lionel Harrington", "LIVES_IN", "Larchmont"),
    ),
]


NOT_DRAWN = [
    # a verb without the particle is another verb
    (
        "Umberto Rossi set an Alpine League record in 1989.",
        ("Umberto Rossi", "FOUNDED", "Alpine League"),
    ),
    # leaving a city is not being based there
    (
        "A group from the Defence Ministry has left Moscow.",
        ("Defence Ministry", "BASED_IN", "Moscow"),
    ),
    # a list of places whose last item has a compass word: no place in another
    ("Rain fell over Ohio, Indiana and eastern Illinois.", ("Ohio", "LOCATED_IN", "Indiana")),
    # a county opening the sentence is the scene, not the teller's seat
    (
        "In Marin County, the Sierra Club said the trail would close.",
        ("Sierra Club", "BASED_IN", "Marin County"),
    ),
    # an organisation whose name holds another place speaks from elsewhere
    (
        "In Paris, the Chinese Foreign Ministry said talks would resume.",
        ("Chinese Foreign Ministry", "BASED_IN", "Paris"),
    ),
    # a deed in the opening place says nothing of where the doer is based
    ("In Paris, the Red Cross delivered food.", ("Red Cross", "BASED_IN", "Paris")),
    # a role in apposition to a name before it is that name's, not the next one's
    (
        "Jane Roe, the chairman of Acme Corp., and John Doe met on Monday.",
        ("John Doe", "HEAD_OF", "Acme"),
    ),
    # a negated description
    (
        "Peter Lang, who is not a spokesman for the Red Cross, declined to comment.",
        ("Peter Lang", "WORKS_FOR", "Red Cross"),
    ),
    # one of a line of leaders, told for history
    (
        "In 1901, the 26th president of the United States, Tom Ridley, was born in Dover, Del.",
        ("Tom Ridley", "LIVES_IN", "United States"),
    ),
    # a branch is not the seat
    (
        "Reporters waited outside the Red Cross's Geneva office.",
        ("Red Cross", "BASED_IN", "Geneva"),
    ),
    # "major" as an adjective is no rank
    (
        "John Smith, a major shareholder in Acme Corp., testified.",
        ("John Smith", "MEMBER_OF", "Acme"),
    ),
    # "in" after a comma opening a list of places
    ("They met in Boston, in Chicago and in Denver.", ("Boston", "LOCATED_IN", "Chicago")),
    # items of a list that each have their own place
    (
        "Rain fell along the border between Kern District in Abia Province, Lomo District "
        "in Imo Province, and Ubi District in Enugu Province.",
        ("Kern District", "LOCATED_IN", "Enugu Province"),
    ),
    # a list of places after "in" is where things are, not one place in another
    (
        "The Carter Museum, in Denver and in Tulsa, shows paintings.",
        ("Denver", "LOCATED_IN", "Tulsa"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_reading_finds_the_relation(text: str, expected: tuple[str, str, str]) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_reading_draws_no_such_relation(text: str, unwanted: tuple[str, str, str]) -> None:
    check_not_drawn(text, unwanted)


def _bases(text: str, relation: tuple[str, str, str]) -> list[str]:
    batch = _batch(text)
    names = {a.id: a.name for a in batch.actors}
    return [
        r.basis
        for r in batch.relations
        if (names[r.source], r.type.value, names[r.target]) == relation
    ]


def test_a_relative_clause_copula_is_a_statement() -> None:
    """ "who is a spokesman for Y" says it: a stated relation, not the learned
    reader's guess."""
    text = "Peter Lang, who is a spokesman for the Red Cross, declined to comment."
    assert _bases(text, ("Peter Lang", "WORKS_FOR", "Red Cross")) == ["stated"]


def test_a_reading_by_word_order_is_inferred_where_the_text_only_implies_it() -> None:
    """The biography heading and the opening scene are readings a reader draws, not
    statements: they are kept as inferred."""
    for text, relation in (
        (
            "Anna Lind (poet): Born March 3, 1920, in Bergen, Norway.",
            ("Anna Lind", "LIVES_IN", "Bergen"),
        ),
        (
            "In Geneva, the World Health Organization said cases fell.",
            ("World Health Organization", "BASED_IN", "Geneva"),
        ),
    ):
        assert _bases(text, relation) == ["inferred"], text
