"""The embedded store's start-up/memory and read benches, run small end to end."""

from __future__ import annotations

from pathlib import Path

from bench import embedded_memory, embedded_reads

EVENTS = 400


def test_one_store_a_size_opened_by_each_code_and_kept_for_the_next_run(tmp_path: Path) -> None:
    stores = tmp_path / "stores"
    data_dir, written = embedded_memory.write_once(EVENTS, stores, tmp_path)
    loaded = embedded_memory.measure(embedded_memory.ROOT, data_dir, EVENTS)
    assert loaded["events"] == EVENTS
    assert loaded["start_cpu_seconds"] > 0 and loaded["rss_after"] > 0
    again, kept = embedded_memory.write_once(EVENTS, stores, tmp_path)
    assert (again, kept) == (data_dir, written)  # reused, not written twice
    row = embedded_memory.row("this checkout", EVENTS, written | loaded)
    assert len(row) == len(embedded_memory.HEADERS)


def test_a_fresh_copy_is_measured_and_the_kept_store_left_as_written(tmp_path: Path) -> None:
    data_dir, _ = embedded_memory.write_once(EVENTS, tmp_path / "stores", tmp_path)
    kept = (data_dir / "graph.sqlite3").read_bytes()
    copy = embedded_memory.fresh_copy(data_dir, tmp_path / "copy")
    first = embedded_memory.measure(embedded_memory.ROOT, copy, EVENTS)
    again = embedded_memory.measure(embedded_memory.ROOT, copy, EVENTS)
    assert first["events"] == again["events"] == EVENTS
    assert (data_dir / "graph.sqlite3").read_bytes() == kept


def test_the_read_bench_times_every_read(tmp_path: Path) -> None:
    data_dir, _ = embedded_memory.write_once(EVENTS, tmp_path, tmp_path)
    found = embedded_reads._run(embedded_reads.ROOT, data_dir, 1)
    assert len(found) == 5
    assert all(seconds >= 0 for seconds in found.values())
    assert found["whole timeline, one type and a window (limit 50; counts scan every event)"] > 0
