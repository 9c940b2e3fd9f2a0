"""The text loader's steps as spaCy components: declared inputs and outputs that
`analyze_pipes` finds satisfied, a new step that slots in after one of them and reaches
the batch with no change to its neighbours, the article carried by the call (not by
globals), and the parallel parse giving the batch the inline one gives."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.model import EventType, Role
from graphsvc.settings import Settings
from loaders.text import parallel
from loaders.text.article import Article
from loaders.text.components import STEPS, add_components
from loaders.text.events import EventDraft
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import build, extract, prepare, read

MODEL = Settings().spacy_model

ARTICLE = Article(
    id="components-test",
    published="2021-03-05",
    text=(
        "Carla Mendes became chief executive of Acme Robotics on Monday.\n\n"
        "She joined the company in 2009 and ran its factory in Dayton, Ohio.\n\n"
        "Mendes said the two rivals had agreed to a truce over the patents."
    ),
)


def test_analyze_pipes_finds_every_requirement_met() -> None:
    nlp = load_pipeline(MODEL)
    assert list(STEPS) == nlp.pipe_names[-len(STEPS) :]
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    # Each step says what it writes, so the check is not vacuous.
    assert "doc._.event_drafts" in analysis["summary"]["graphsvc_events"]["assigns"]
    assert "doc._.event_drafts" in analysis["summary"]["graphsvc_relations"]["requires"]


def test_a_step_that_requires_what_nobody_writes_is_reported() -> None:
    nlp = add_components(spacy.load(MODEL))
    nlp.add_pipe("graphsvc_events", name="events_too_early", before="graphsvc_dates")
    problems = nlp.analyze_pipes()["problems"]["events_too_early"]
    assert "doc._.graph_dates" in problems and "doc._.graph_actors" in problems


@Language.component(
    "test_truces",
    requires=["doc._.event_drafts", "doc._.graph_actors"],
    assigns=["doc._.event_drafts"],
)
def _truces(doc: Doc) -> Doc:
    """A new step: "a truce" is an agreement of the sentence's subject, which the
    events step (a noun it does not know, with no date) leaves out."""
    if doc._.event_drafts is None:
        return doc
    for token in doc:
        if token.lemma_ == "truce":
            sentence = token.sent
            people = {
                ref.id: (ref, Role.agent)
                for i, ref in doc._.graph_actors.items()
                if sentence.start <= i < sentence.end
            }
            doc._.event_drafts.append(
                EventDraft(EventType.agree, token, people, None, sentence, "reported")
            )
    return doc


@cache
def _with_truces() -> Language:
    """A pipeline of its own: the cached one every other test uses stays as it is."""
    nlp = add_components(spacy.load(MODEL))
    nlp.add_pipe("test_truces", after="graphsvc_events")
    return nlp


def test_a_step_inserted_after_events_reaches_the_batch() -> None:
    nlp = _with_truces()
    assert nlp.pipe_names.index("test_truces") == nlp.pipe_names.index("graphsvc_events") + 1
    assert nlp.analyze_pipes()["problems"]["test_truces"] == []
    plain = extract(ARTICLE, MODEL)
    batch = read(prepare(ARTICLE), nlp)
    added = [e for e in batch.events if e not in plain.events]
    assert len(added) == 1, added
    truce = added[0]
    text = ARTICLE.text or ""
    source = truce.sources[0]
    assert text[source.trigger_start : source.trigger_end] == "truce"
    assert truce.factuality == "reported"
    assert [p.actor for p in truce.participants] == ["person:carla-mendes"]
    # The neighbours' output is unchanged: the same actors, relations and other events.
    assert batch.actors == plain.actors and batch.relations == plain.relations
    assert [e for e in batch.events if e != truce] == list(plain.events)


def test_the_article_comes_with_the_call() -> None:
    nlp = load_pipeline(MODEL)
    alone = nlp("Carla Mendes became chief executive of Acme Robotics on Monday.")
    # Without an article: the parse and the names, and nothing read against a document.
    assert "Carla Mendes" in {m.name for m in alone._.actor_mentions}
    assert alone._.graph_document is None and alone._.event_drafts is None
    prepared = prepare(ARTICLE)
    docs = list(
        nlp.pipe(
            prepared.paragraphs(),
            component_cfg={"graphsvc_document": {"prepared": prepared}},
        )
    )
    assert [d._.graph_offset for d in docs] == [a for a, _ in prepared.spans]
    assert all(d._.graph_document is docs[0]._.graph_document for d in docs)
    # One object for the article's actors, shared by its paragraphs; "she" resolved.
    assert all(d._.document_actors is docs[0]._.document_actors for d in docs)
    she = next(t for t in docs[1] if t.lower_ == "she")
    assert docs[1]._.graph_actors[she.i].id == "person:carla-mendes"
    assert docs[1]._.graph_actors[she.i].basis == "resolved"


def test_a_document_step_refuses_part_of_an_article() -> None:
    nlp = load_pipeline(MODEL)
    prepared = prepare(ARTICLE)
    docs = [nlp.make_doc(p) for p in prepared.paragraphs()]
    for doc in docs:
        for name in nlp.pipe_names[: nlp.pipe_names.index("graphsvc_document")]:
            nlp.get_pipe(name)(doc)
    nlp.get_pipe("graphsvc_document").pipe(docs, prepared=prepared).__next__()
    with pytest.raises(ValueError, match="whole articles"):
        nlp.get_pipe("graphsvc_dates")(docs[0])


def test_the_parallel_parse_gives_the_inline_batch() -> None:
    prepared = prepare(ARTICLE)
    parser = parallel.parser(MODEL, 2)
    try:
        docs = parser.submit(prepared.paragraphs())()
        batch = build(prepared, docs, parser.nlp)
    finally:
        parser.close()
    assert batch == extract(ARTICLE, MODEL)
    assert batch.events and batch.relations
