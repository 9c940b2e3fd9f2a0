"""Mentions resolved inside a document (`loaders.text.mentions`): each case is a text, a
mention in it, and the actor it must resolve to, or None where it must stay unresolved.
Texts written for these tests; the parse is the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphsvc.model import ActorKind, GraphBatch
from graphsvc.settings import Settings
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import EmbeddedStore
from loaders.text.actors import find_mentions, resolve_actors, surname_mentions
from loaders.text.article import Article
from loaders.text.mentions import resolve_mentions
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract
from loaders.text.token_actor import TokenActor


def _resolved(text: str) -> dict[tuple[int, int], str]:
    """(start, end) character span of each resolved mention -> the actor's name. The
    text's paragraphs (blank-line separated) are parsed apart, as the loader does."""
    nlp = load_pipeline(Settings().spacy_model)
    starts, position = [], 0
    for paragraph in text.split("\n\n"):
        starts.append(text.index(paragraph, position))
        position = starts[-1] + len(paragraph)
    docs = list(nlp.pipe(text.split("\n\n")))
    mentions = [
        (start, m) for start, doc in zip(starts, docs, strict=True) for m in find_mentions(doc)
    ]
    surnames = {
        m.name.split()[-1]
        for _, m in mentions
        if m.kind == ActorKind.person and len(m.name.split()) >= 2
    }
    taken = {(s, t.i) for s, m in mentions for t in m.span}
    for start, doc in zip(starts, docs, strict=True):
        own = {i for s, i in taken if s == start}
        mentions += [(start, m) for m in surname_mentions(doc, surnames, own)]
    clusters = resolve_actors([m for _, m in mentions], text)
    refs: dict[int, dict[int, TokenActor]] = {}
    actors = {}
    for index, (start, mention) in enumerate(mentions):
        actor = clusters[index].actor()
        actors[actor.id] = actor
        for token in mention.span:
            refs.setdefault(start, {})[token.i] = TokenActor(actor.id, actor.name, actor.kind)
    paragraphs = list(zip(starts, docs, strict=True))
    by_start = dict(paragraphs)
    found = {}
    for item in resolve_mentions(paragraphs, refs, actors):
        doc = by_start[item.paragraph]
        first, last = doc[item.tokens[0]], doc[item.tokens[-1]]
        span = (item.paragraph + first.idx, item.paragraph + last.idx + len(last))
        found[span] = item.ref.name
        assert item.ref.basis == "resolved" and item.ref.mention == text[span[0] : span[1]]
    return found


def _nth(text: str, mention: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(mention, start + 1)
    return start, start + len(mention)


CASES = [
    # Pronouns: the subject before, across sentences and paragraphs.
    (
        "Maria Lopez joined Norvik Bank in 2001. She became its chief executive in 2009.",
        "She",
        1,
        "Maria Lopez",
    ),
    (
        "Maria Lopez joined Norvik Bank in 2001. She became its chief executive in 2009.",
        "its",
        1,
        "Norvik Bank",
    ),
    ("Acme Corp said on Tuesday it would cut 200 jobs.", "it", 1, "Acme"),
    (
        "Peter Olsen opened a bakery in Bergen in 1990.\n\nHe sold the business in 2005.",
        "He",
        1,
        "Peter Olsen",
    ),
    # Gender from a title: "she" is not Mr Harris.
    ("Mrs Stone met Mr Harris on Monday. She said the talks went well.", "She", 1, "Stone"),
    # An object pronoun is not the subject of its own verb.
    ("Tom Reed met Carl Vance in March. Vance praised him.", "him", 1, "Tom Reed"),
    # Descriptions: generic heads, and specific ones the text supports.
    (
        "Shares of Velora Systems fell on Monday. The company blamed weak demand.",
        "The company",
        1,
        "Velora Systems",
    ),
    (
        "The carmaker Koenig Motors and Altwerk Bank signed a loan on Monday. "
        "The carmaker said the money would pay for a new plant.",
        "The carmaker",
        2,
        "Koenig Motors",
    ),
    (
        "Foreign Minister Anna Berg met Jonas Falk in Oslo on Friday. "
        "The minister said the talks would continue.",
        "The minister",
        1,
        "Anna Berg",
    ),
    (
        "Russian President Vladimir Putin met Ahmet Davutoglu in Moscow on Monday. "
        "The Russian leader said the meeting was useful.",
        "The Russian leader",
        1,
        "Vladimir Putin",
    ),
    (
        "Carla Mendes, 58, was arrested in Lisbon on Monday. "
        "The 58-year-old was released on bail on Tuesday.",
        "The 58-year-old",
        1,
        "Carla Mendes",
    ),
    # News writes "they" for a company as often as "it".
    ("Harlow Foods said on Monday they would close two plants.", "they", 1, "Harlow Foods"),
    # The speaker of a quotation, after it.
    ('Anna Berg met Tom Reed in Oslo. "He is a good man," she said.', "she", 1, "Anna Berg"),
    # Refusals.
    # Inside quotation marks "he" may be anyone the speaker means: more evidence needed.
    ('Anna Berg met Tom Reed in Oslo. "He is a good man," she said.', "He", 1, None),
    # An unnamed "a company" before "the company": not the named one for sure.
    (
        "Harlow Foods bought a company in Ohio in May. The company makes cheese.",
        "The company",
        1,
        None,
    ),
    # Two people of unknown gender, equally salient: "he" may be either.
    (
        "John Smith and Peter Brown met in Geneva on Monday. He said the talks went well.",
        "He",
        1,
        None,
    ),
    # An expletive "it" stands for no one.
    (
        "Acme Corp reported a loss on Monday. It is likely that the shares will fall.",
        "It",
        1,
        None,
    ),
    # "It" may be the factory as well as Acme.
    ("Acme Corp bought a factory in Ohio in May. It cost $5 million.", "It", 1, None),
    # Two companies named alike: "the company" may be either.
    (
        "Orlan Foods and Pelto Industries announced a merger on Monday. "
        "The company said jobs would be cut.",
        "The company",
        1,
        None,
    ),
    # "She" with only a man before it.
    ("Mr Harris resigned on Monday. She said the board had agreed.", "She", 1, None),
    # "The carmaker" when no actor was called one.
    (
        "Altwerk Bank lent money to Orlan Foods on Monday. The carmaker said nothing.",
        "The carmaker",
        1,
        None,
    ),
    # First person is the speaker, not an actor of the text.
    ('"We will keep growing," Anna Berg said on Monday.', "We", 1, None),
    # A one-word organisation the tagger alone names may be a person ("Geller said
    # she"), unless the text has called it "the company": then it is no rival for "she".
    (
        "Maria Lund moved to Oslo in 2004. She became the chief financial officer of "
        "Norvik in 2009. The company listed its shares in 2011, and she left in 2015.",
        "she",
        1,
        "Maria Lund",
    ),
    # Plural nouns ("investigators", "guards") are no rivals for "he".
    (
        "Investigators believe Omar Ruiz's guards were not involved. Tomas Vidal "
        "joined the army in 1994. He was named commander of the brigade in 2019.",
        "He",
        1,
        "Tomas Vidal",
    ),
    # The subject's own possessor is not the name in apposition to the subject.
    (
        "Norvik Data cut 300 jobs on Monday. Its chief executive, Jean Roe, said the "
        "cuts were needed.",
        "Its",
        1,
        "Norvik Data",
    ),
    # ...while a pronoun before a named subject of its clause is still left alone.
    (
        "Tom Reed retired in May. In his last year, Carl Reed ran the farm.",
        "his",
        1,
        None,
    ),
    # A military unit named by its number is what "the brigade" means.
    (
        "The 4th Brigade shelled the ridge on May 3, 2024. The brigade withdrew on May 9.",
        "The brigade",
        1,
        "4th Brigade",
    ),
    # ...but not a unit the text names with another word.
    (
        "The 4th Regiment shelled the ridge on May 3, 2024. The brigade withdrew on May 9.",
        "The brigade",
        1,
        None,
    ),
    # A dateline's places are where the reporter files from, not what "its" means.
    (
        "OSLO, Norway — Maria Lopez joined Norvik Bank in 2001. She became its "
        "chief executive in 2009.",
        "its",
        1,
        "Norvik Bank",
    ),
]


@pytest.mark.parametrize(("text", "mention", "occurrence", "expected"), CASES)
def test_mention(text: str, mention: str, occurrence: int, expected: str | None) -> None:
    found = _resolved(text)
    assert found.get(_nth(text, mention, occurrence)) == expected, found


FOUNDER = """Harald Brenner was born in 1931 in Bremen. He moved to Hamburg in 1955 and \
worked as a machinist.

In 1962 he founded Nordhafen Tools GmbH, a maker of precision drills. The company grew \
quickly, and in 1971 it opened a plant in Kiel.

Brenner became chairman in 1978. He listed the company on the Frankfurt Stock Exchange \
in 1985."""


def _founder_batch() -> GraphBatch:
    article = Article(id="founder", published=date(2020, 3, 2), text=FOUNDER, mode="news")
    return extract(article, Settings().spacy_model)


def test_a_founder_history_told_with_pronouns_is_on_his_timeline(tmp_path: Path) -> None:
    batch = _founder_batch()
    person = next(a for a in batch.actors if a.name == "Harald Brenner")
    company = next(a for a in batch.actors if a.name in ("Nordhafen Tools GmbH", "Nordhafen Tools"))
    resolved = {
        (e.when.start.year if e.when else None, p.actor, p.mention)
        for e in batch.events
        for p in e.participants
        if p.basis == "resolved"
    }
    assert (1955, person.id, "He") in resolved  # moved
    assert (1962, person.id, "he") in resolved  # founded
    assert (1971, company.id, "it") in resolved  # opened a plant
    assert (1985, person.id, "He") in resolved  # listed
    assert (1985, company.id, "the company") in resolved

    store = EmbeddedStore(tmp_path)
    store.write_batch(batch)
    timeline = store.timeline(TimelineQuery(actor=person.id))
    years = sorted(item.start.year for item in timeline.items if item.start is not None)
    assert {1931, 1955, 1962, 1985} <= set(years), [i.summary for i in timeline.items]
    company_years = {
        item.start.year
        for item in store.timeline(TimelineQuery(actor=company.id)).items
        if item.start is not None
    }
    assert {1962, 1971, 1985} <= company_years
