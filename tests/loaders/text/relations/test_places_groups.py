"""Where organisations named in groups are based, each a table row: a sentence written
for this table (not from an evaluation set) and the relation a reader takes from it,
or one that must not be drawn. Runs the real text loader (spaCy) on a one-sentence
article, as POST /documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import Triple, check_found, check_not_drawn

FOUND = [
    # a located description, then the list of bodies it describes
    (
        "The two largest parties in Portugal, the Social Democratic Party and the "
        "Socialist Party, agreed on a budget.",
        ("Socialist Party", "BASED_IN", "Portugal"),
    ),
    (
        "The two largest parties in Portugal, the Social Democratic Party and the "
        "Socialist Party, agreed on a budget.",
        ("Social Democratic Party", "BASED_IN", "Portugal"),
    ),
    # a longer list, its names joined by commas and bracketed acronyms
    (
        "Today the three main parties in Portugal, the Social Democratic Party (PSD), "
        "the Socialist Party (PS) and the Left Bloc, agreed on a budget.",
        ("Socialist Party", "BASED_IN", "Portugal"),
    ),
    # an acronym in brackets after a name the tagger cut short shares its places
    (
        "Two parties in Hungary, the Hungarian Socialist (formerly Communist) Party "
        "(MSZP) and the Alliance of Free Democrats (SZDSZ), signed the pact.",
        ("MSZP", "BASED_IN", "Hungary"),
    ),
    # brackets that hold only places: the members of the body
    (
        "Ministers of the Nordic Council (Norway, Sweden and Finland) met on Monday.",
        ("Nordic Council", "BASED_IN", "Finland"),
    ),
    # a place's possessive on the noun the name modifies
    (
        "Kenya's Safaricom company raised its prices.",
        ("Safaricom", "BASED_IN", "Kenya"),
    ),
    # a body a verb's "to" or "at" reaches, "in" and a place right after it
    (
        "The case was taken to the European Court of Human Rights in Strasbourg last July.",
        ("European Court of Human Rights", "BASED_IN", "Strasbourg"),
    ),
    # "nearby" between "in" and the place, as a compass word would be
    (
        "The patient was flown to Addenbrooke's Hospital in nearby Cambridge.",
        ("Addenbrooke's Hospital", "LOCATED_IN", "Cambridge"),
    ),
    # a branch named after the organisation, placed by "in"
    (
        "The report was filed by the Reuters bureau in Nairobi.",
        ("Reuters", "BASED_IN", "Nairobi"),
    ),
]

NOT_DRAWN: list[tuple[str, Triple]] = [
    # a dateline's agency files from the place; it is not based there
    (
        "OSLO, Norway (Reuters) - The central bank raised rates on Tuesday.",
        ("Reuters", "BASED_IN", "OSLO"),
    ),
    # a post abroad sits in its host country, not in the country it serves
    (
        "Brazil said the Brazilian Embassy in Paris would stay open.",
        ("Brazilian Embassy", "BASED_IN", "Brazil"),
    ),
    # brackets that hold something besides places are no list of members
    (
        "The Nordic Council (Norway, 1952) met on Monday.",
        ("Nordic Council", "BASED_IN", "Norway"),
    ),
    # a name before the possessive is not the owner's ("between Acme and Kenya's X")
    (
        "The deal was signed between Novartis, Roche, and Kenya's Safaricom company.",
        ("Novartis", "BASED_IN", "Kenya"),
    ),
    # a direct object's "in" says where the act was ("sued Acme in Paris")
    (
        "Shareholders sued Nestle in Geneva last year.",
        ("Nestle", "BASED_IN", "Geneva"),
    ),
    # "from" on a verb says where an act began, not where the body is
    (
        "The Red Cross flew supplies from Nairobi to the camps.",
        ("Red Cross", "BASED_IN", "Nairobi"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(text: str, expected: Triple) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_not_drawn(text: str, unwanted: Triple) -> None:
    check_not_drawn(text, unwanted)
