"""The page speaks names: the path form's actor pickers (suggestions from GET /actors?q=,
picked with the keyboard), typed names resolved to their actors or listed when they
could be several, error banners gone after the next success, and on the actor view the
kind's evidence and the same-as candidates, merged by hand once the user gives the API
key; in a real browser that cannot reach the internet."""

from __future__ import annotations

from pathlib import Path

from graphsvc.model import Actor, GraphBatch, SameAsCandidate
from graphsvc.store.embedded.store import EmbeddedStore
from tests.e2e.server import server_env
from tests.graphsvc.api.pages import OfflinePage, PageServer, Screenshot, load_records, open_actor

API_KEY = "names-merge-key-7f3a"
SERGUN = "person:igor-sergun"
#: A second actor by Sergun's name, of another kind: what the loader's resolver records
#: as a same-as candidate instead of merging it silently (graphsvc/resolve.py).
OTHER = Actor(
    id="organization:sergun", name="Sergun", kind="organization", kind_evidence="ner: ORG"
)


def test_path_form_takes_names_and_clears_its_error_banner(
    page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    page, refused = offline_page
    with page_server(records=Path("examples/putin-assad-step-down.jsonl").resolve()) as base:
        page.goto(f"{base}/")
        form = page.locator("#path-form")
        message = page.locator("#message")

        # A name nobody has: the banner says so, naming what was typed.
        form.locator("input[name=source]").fill("Sergun")
        form.locator("input[name=target]").fill("Nobody Atall")
        form.locator("button[type=submit]").click()
        message.filter(has_text="Nobody Atall").wait_for(timeout=10_000)
        assert "error" in (message.get_attribute("class") or "")

        # Suggestions while typing, picked with the keyboard.
        target = form.locator("input[name=target]")
        target.fill("")
        target.press_sequentially("Ass", delay=30)
        option = page.locator("#path-form [role=listbox] [role=option]", has_text="Bashar al-Assad")
        option.wait_for(timeout=10_000)
        assert target.get_attribute("aria-expanded") == "true"
        target.press("ArrowDown")
        assert option.get_attribute("aria-selected") == "true"
        screenshot(page, "page-path-names-picker")  # the suggestions, one chosen by key
        target.press("Enter")
        assert target.input_value() == "Bashar al-Assad"
        assert target.get_attribute("aria-expanded") == "false"

        # "Sergun" (an alias) was typed, never picked: it resolves on submit.
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#path-results .path", timeout=10_000)
        results = page.locator("#path-results").inner_text()
        assert "from Igor Sergun to Bashar al-Assad" in results
        assert message.is_hidden(), "the earlier error banner stays after a success"
        assert form.locator("input[name=source]").input_value() == "Igor Sergun"
        screenshot(page, "page-path-names")

        # A name several actors could have: the page lists them; choosing one goes on.
        target.fill("Rus")
        form.locator("button[type=submit]").click()
        choice = page.locator("#path-results button.choose-actor", has_text="Russia")
        choice.first.wait_for(timeout=10_000)
        listed = page.locator("#path-results button.choose-actor").all_inner_texts()
        assert len(listed) >= 2 and any("Vladimir Putin" in t for t in listed), listed
        page.locator("#path-results button.choose-actor[data-actor='place:russia']").click()
        page.locator("#path-results p", has_text="to Russia").wait_for(timeout=10_000)
        assert target.input_value() == "Russia"

        # An id typed or pasted still works.
        target.fill("person:vladimir-putin")
        form.locator("button[type=submit]").click()
        page.locator("#path-results p", has_text="to Vladimir Putin").wait_for(timeout=10_000)
    assert refused == []


def test_same_as_candidates_merge_with_the_api_key(
    tmp_path: Path, page_server: PageServer, offline_page: OfflinePage, screenshot: Screenshot
) -> None:
    data = tmp_path / "data"
    load_records(server_env(GRAPHSVC_DATA_DIR=str(data)), data)
    store = EmbeddedStore(data)
    reason = "same name, person vs organization"
    store.write_batch(
        GraphBatch(
            actors=(OTHER,),
            same_as=(SameAsCandidate(actor=OTHER.id, candidate=SERGUN, reason=reason),),
        )
    )
    store.close()
    page, refused = offline_page
    with page_server(GRAPHSVC_API_KEY=API_KEY) as base:
        open_actor(page, base, "Igor Sergun")
        same_as = page.locator("#same-as")
        same_as.locator("li[data-actor='organization:sergun']").wait_for(timeout=10_000)
        assert reason in same_as.inner_text()
        evidence = page.locator("#kind-evidence").inner_text()
        assert "Kind person" in evidence and "no evidence kept" in evidence
        # No key given: no merge button, a way to give one.
        assert same_as.locator("button.merge-here").count() == 0
        same_as.locator("button.give-key").click()
        assert page.locator("#key-form").is_visible()

        # A wrong key: the merge is refused and the banner says so; nothing merged.
        page.fill("#key", "not-the-key")
        page.click("#key-form button")
        same_as.locator("button.merge-here").wait_for(timeout=10_000)
        same_as.locator("button.merge-here").click()
        same_as.locator("button.confirm-merge").click()
        page.locator("#message.error", has_text="refused").wait_for(timeout=10_000)
        assert page.request.get(f"{base}/actors/{OTHER.id}", max_redirects=0).status == 200

        page.fill("#key", API_KEY)
        page.click("#key-form button")
        # The candidate's own page shows why it is an organisation.
        same_as.locator("a", has_text="Sergun").click()
        page.locator("#kind-evidence", has_text="ner: ORG").wait_for(timeout=10_000)
        open_actor(page, base, "Igor Sergun")
        same_as.locator("button.merge-here").wait_for(timeout=10_000)
        screenshot(page, "page-same-as-merge")
        same_as.locator("button.merge-here").click()
        confirm = same_as.locator(".confirm-text").inner_text()
        assert "Merge Sergun (organization:sergun) into Igor Sergun (person:igor-sergun)" in confirm
        same_as.locator("button.cancel-merge").click()  # cancel sends nothing
        assert page.request.get(f"{base}/actors/{OTHER.id}", max_redirects=0).status == 200
        same_as.locator("button.merge-here").click()
        same_as.locator("button.confirm-merge").click()
        page.locator("#message", has_text="Merged Sergun").wait_for(timeout=10_000)
        page.locator("#same-as h3", has_text="(0)").wait_for(timeout=10_000)
        moved = page.request.get(f"{base}/actors/{OTHER.id}", max_redirects=0)
        assert moved.status == 301 and moved.headers["location"] == f"/actors/{SERGUN}"
        assert API_KEY not in page.url
        assert page.evaluate("sessionStorage.getItem('graphsvc-api-key')") == API_KEY
    assert refused == []
