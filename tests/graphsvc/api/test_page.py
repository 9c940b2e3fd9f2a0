"""`/` is a page for reading the graph, served by the API from its own files: actor
search, an actor's timeline as a list and on a time axis (vis-timeline from the pinned
npm package), its filters (choices from /schema), relations and ego graph (cytoscape.js,
likewise), an event's sources (from /events/{id}), and paths between two actors whose
events open the same panel, in a browser that cannot reach the internet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.settings import Settings
from tests.e2e.server import server_env
from tests.graphsvc.api.pages import EXAMPLE, OfflinePage, PageServer, Screenshot, load_records

#: One more event of Putin's, dated from the publication day (the example's are all
#: dated by their text): what the date-basis filter tells apart.
PUBLICATION_DATED = {
    "record": "event",
    "id": "event:putin-keeps-syria-aims",
    "type": "statement",
    "summary": "Putin says Russia's aims in Syria are unchanged",
    "participants": [{"actor": "person:vladimir-putin", "role": "agent"}],
    "sources": [
        {
            "document": "newsweek-putin-assad-step-down",
            "sentence": "Putin said Russia's aims in Syria were unchanged.",
            "extractor": "hand",
        }
    ],
    "when": {
        "start": "2016-01-22",
        "end": "2016-01-22",
        "precision": "day",
        "approximate": True,
        "basis": "publication",
        "anchor": "2016-01-22",
    },
}


def test_the_page_loads_only_its_own_files(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        loaded = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
        assert "/assets/cytoscape/cytoscape.min.js" in loaded
        assert "/assets/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" in loaded
        assert "/assets/vis-timeline/styles/vis-timeline-graph2d.min.css" in loaded
        assert "/page/page.js" in loaded and "/page/page.css" in loaded
        assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
        for url in loaded:
            assert client.get(url).status_code == 200, url
        script = client.get("/page/page.js").text
        assert "http://" not in script and "https://" not in script
        assert "mass_violence" not in script, "the event types come from /schema, not a copy"
        assert "/" not in client.get("/openapi.json").json()["paths"]


def test_missing_cytoscape_is_a_503_that_says_how_to_install_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, assets_dir=tmp_path / "nothing-here")
    with TestClient(create_app(settings)) as client:
        answer = client.get("/")
        assert answer.status_code == 503
        assert "make install" in answer.json()["detail"]
        assert client.get("/health").status_code == 200


def test_missing_vis_timeline_is_a_503_that_names_it(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "cytoscape" / "dist").mkdir(parents=True)
    (assets / "cytoscape" / "dist" / "cytoscape.min.js").write_text("// stand-in")
    with TestClient(create_app(Settings(data_dir=tmp_path, assets_dir=assets))) as client:
        answer = client.get("/")
        assert answer.status_code == 503
        assert "vis-timeline is not installed" in answer.json()["detail"]


@pytest.mark.e2e
def test_search_timeline_event_and_path_offline(
    tmp_path: Path, page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server(records=EXAMPLE) as base:
        page.goto(f"{base}/")
        page.fill("#search-q", "Putin")
        page.click("#search-form button")
        link = page.locator("#actor-list a", has_text="Vladimir Putin")
        link.wait_for(timeout=10_000)
        page.wait_for_selector("#actor-list .counts:has-text('dated event')", timeout=10_000)
        screenshot(page, "page-search")

        link.click()
        page.wait_for_selector("#timeline li", timeout=10_000)
        page.wait_for_selector("#vis .vis-item", timeout=10_000)
        page.wait_for_selector("#graph canvas", timeout=10_000)
        page.wait_for_selector("#relations tbody tr", timeout=10_000)
        summaries = page.locator("#timeline .summary").all_inner_texts()
        dates = page.locator("#timeline li").evaluate_all(
            "items => items.map(li => li.querySelector('.date').textContent)"
        )
        count_text = page.locator("#timeline-count").inner_text()
        drawn = {
            "ranges": page.locator("#vis .vis-item.vis-range").count(),
            "points": page.locator("#vis .vis-item.vis-point").count(),
        }
        type_choices = page.locator("#filters [name=type] option").all_inner_texts()
        basis_choices = page.locator("#filters [name=basis] option").all_inner_texts()
        screenshot(page, "page-actor")
        listed_undated = page.locator("#undated li").evaluate_all(
            "items => items.map(li => li.dataset.event)"
        )
        names, files = {}, {}
        for fmt in ("json", "csv", "timelinejs", "ics", "graphml"):
            with page.expect_download(timeout=10_000) as download:
                page.click(f"#exports button[data-format={fmt}]")
            names[fmt] = download.value.suggested_filename
            files[fmt] = Path(download.value.path()).read_text(encoding="utf-8-sig")

        # A click on the time axis opens the event's panel (from GET /events/{id}).
        page.locator("#vis .vis-item", has_text="Putin asks Assad").first.click()
        page.wait_for_selector("#event-panel:not([hidden]) .event-summary", timeout=10_000)
        from_axis = page.locator("#event-panel .event-summary").inner_text()

        meeting = page.locator("#timeline li", has_text="Assad meets Putin at the Kremlin")
        meeting.locator("button").click()
        page.wait_for_selector("#event-panel li:has-text('Kremlin') blockquote", timeout=10_000)
        panel = page.locator("#event-panel").inner_text()
        highlighted = page.locator("#event-panel blockquote mark.date-text").all_inner_texts()
        selected_on_axis = page.locator("#vis .vis-item.vis-selected").all_inner_texts()
        screenshot(page, "page-event")

        page.select_option("#filters [name=type]", "appeal")
        page.click("#filters button")
        page.wait_for_function("document.querySelectorAll('#timeline li').length === 1")
        filtered = page.locator("#timeline .summary").all_inner_texts()
        page.select_option("#filters [name=type]", "")

        # The date basis narrows the list and the axis alike.
        extra = tmp_path / "publication-dated.jsonl"
        extra.write_text(json.dumps(PUBLICATION_DATED) + "\n", encoding="utf-8")
        load_records(server_env(), tmp_path / "data", extra)
        page.select_option("#filters [name=basis]", "publication")
        page.click("#filters button")
        try:
            page.wait_for_function(
                "[...document.querySelectorAll('#timeline .summary')]"
                ".some(s => s.textContent.includes('unchanged'))"
            )
        except Exception as exc:  # say what the page showed instead
            shown = page.locator("#timeline .summary").all_inner_texts()
            message = page.locator("#message").inner_text()
            raise AssertionError(f"basis filter: list {shown}, message {message!r}") from exc
        by_publication = page.locator("#timeline .summary").all_inner_texts()
        # vis-timeline redraws on its next animation frame.
        drawn_items = "#vis .vis-item.vis-point, #vis .vis-item.vis-range"  # a point has a dot too
        page.wait_for_function(f"document.querySelectorAll('{drawn_items}').length === 1")
        on_axis = page.locator(drawn_items).all_inner_texts()
        page.select_option("#filters [name=basis]", "text")
        page.click("#filters button")
        page.wait_for_function(
            "[...document.querySelectorAll('#timeline .summary')]"
            ".every(s => !s.textContent.includes('unchanged'))"
        )
        by_text = page.locator("#timeline .summary").all_inner_texts()
        page.select_option("#filters [name=basis]", "")

        page.fill("#path-form [name=source]", "person:igor-sergun")
        page.fill("#path-form [name=target]", "person:bashar-al-assad")
        page.click("#path-form button")
        page.wait_for_selector("#path-results .path", timeout=10_000)
        page.locator("#paths").scroll_into_view_if_needed()
        path_text = page.locator("#path-results").inner_text()
        # An event on a path opens the panel beside the paths.
        page.locator("#path-results button.chip.ev").first.click()
        page.wait_for_selector("#path-side #event-panel blockquote.sentence", timeout=10_000)
        chip_title = page.locator("#path-results button.chip.ev").first.get_attribute("title")
        path_panel = page.locator("#path-side #event-panel").inner_text()
        page.locator("#paths").scroll_into_view_if_needed()
        screenshot(page, "page-path")

    assert any(s.startswith("Putin asks Assad to step down") for s in summaries), summaries
    assert "Assad meets Putin at the Kremlin in Moscow" in summaries
    starts = [d.lstrip("~").split(" ")[0] for d in dates]
    assert starts == sorted(starts), dates
    assert "2015-10-20" in dates
    assert "dated event" in count_text
    assert drawn == {"points": 1, "ranges": 1}, drawn  # October 20; toward the end of 2015
    assert type_choices[0] == "any" and "mass_violence" in type_choices
    assert basis_choices == ["any", "text", "context", "publication"]
    assert from_axis.startswith("Putin asks Assad to step down"), from_axis
    assert selected_on_axis and "Assad meets Putin" in selected_on_axis[0], selected_on_axis
    assert names["ics"] == "timeline-vladimir-putin.ics", names
    assert all("vladimir-putin" in name for name in names.values()), names
    assert len(set(names.values())) == len(names), names  # json and timelinejs apart
    # The files hold the undated events the page lists; TimelineJS, which cannot place
    # them, says how many it left out.
    assert listed_undated, "the example gives Putin an undated event"
    exported = json.loads(files["json"])["events"]
    undated_ids = {e["id"] for e in exported if e["start"] is None}
    assert set(listed_undated) <= undated_ids, (listed_undated, undated_ids)
    assert all(event_id in files["csv"] for event_id in listed_undated)
    assert all(event_id in files["graphml"] for event_id in listed_undated)
    slides = json.loads(files["timelinejs"])
    assert f"{len(listed_undated)} undated event" in slides["title"]["text"]["text"]
    assert "Syrian President Bashar al-Assad meeting with Russian President" in panel
    assert "newsweek-putin-assad-step-down" in panel
    assert "Putin Asked Assad to Step Down as Syrian President" in panel  # its title
    assert "day" in panel and "October 20, 2015" in panel
    assert highlighted == ["October 20, 2015"]
    assert len(filtered) == 1 and filtered[0].startswith("Putin asks Assad"), filtered
    assert by_publication == ["Putin says Russia's aims in Syria are unchanged"]
    assert len(on_axis) == 1 and "aims in Syria" in on_axis[0], on_axis
    assert len(by_text) == len(summaries) and "unchanged" not in " ".join(by_text)
    assert "Igor Sergun" in path_text and "Bashar al-Assad" in path_text
    event_id = chip_title.split(": ")[0]  # type: ignore[union-attr]
    assert event_id in path_panel and "Sources (" in path_panel, path_panel
    assert refused == [], f"the page reached beyond loopback: {refused}"


@pytest.mark.e2e
def test_a_read_key_is_asked_for_kept_for_the_tab_and_sent(
    page_server: PageServer, offline_page: OfflinePage
) -> None:
    page, refused = offline_page
    with page_server(records=EXAMPLE, GRAPHSVC_READ_KEY="s3cret-read") as base:
        page.goto(f"{base}/")  # the page itself needs no key; the API does
        page.wait_for_selector("#key-form:not([hidden])", timeout=10_000)
        asked = page.locator("#message").inner_text()
        page.fill("#key", "s3cret-read")
        page.click("#key-form button")
        page.fill("#search-q", "Assad")
        page.click("#search-form button")
        page.locator("#actor-list a", has_text="Bashar al-Assad").wait_for(timeout=10_000)
        kept = page.evaluate("sessionStorage.getItem('graphsvc-api-key')")
    assert "read key" in asked
    assert kept == "s3cret-read"
    assert refused == [], f"the page reached beyond loopback: {refused}"
