"""bench/export_memory.py on a tiny store: each export runs in its own process, exports
every event, and reports memory and time that add up."""

from __future__ import annotations

from pathlib import Path

from bench.export_memory import HEADERS, MODES, load_rows, measure, rows

SIZE = 200


def test_measure_one_format_on_a_tiny_store(tmp_path: Path) -> None:
    loads, exports = measure([SIZE], ["csv"], tmp_path, jobs=2)

    assert [load.events for load in loads] == [SIZE]
    assert loads[0].seconds > 0
    assert loads[0].sqlite_bytes > 0
    assert [(e.format, e.mode) for e in exports] == [("csv", mode) for mode in MODES]
    for export in exports:
        assert export.events == SIZE
        assert export.peak_source in {"VmHWM", "ru_maxrss"}
        # A Python process with the store open holds some tens of MiB, not kilobytes.
        assert 10 * 1024 < export.baseline_kib < 2 * 1024 * 1024
        assert export.peak_kib >= export.baseline_kib
        assert 0 <= export.delta_kib < 200 * 1024
        assert export.seconds > 0
        assert export.open_seconds > 0
        # Header line plus one quoted row an event, each far longer than 50 bytes.
        assert export.output_bytes > SIZE * 50
    streaming, materialised = exports
    assert streaming.output_bytes == materialised.output_bytes
    # The outputs are deleted once measured; only the store stays in the work directory.
    assert not list(tmp_path.glob("export-*"))

    table = rows(exports)
    assert len(table) == len(exports)
    assert all(len(row) == len(HEADERS) for row in table)
    by_mode = {row[2]: row for row in table}
    assert by_mode["materialised"][HEADERS.index("Δ / materialised Δ")] in {"1.00", "-"}
    assert by_mode["streaming"][HEADERS.index("Δ / Δ at smallest N")] == "1.00"
    assert by_mode["streaming"][HEADERS.index("events")] == f"{SIZE:,}"
    assert load_rows(loads, exports)[0][0] == f"{SIZE:,}"
