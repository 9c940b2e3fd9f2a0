"""The throughput model of bench/scale.py: built only from the measured figures."""

from __future__ import annotations

from bench.scale import Parsing, model_rows


def _parsing(cpu_per_article: float) -> Parsing:
    return Parsing(
        engine="--workers 1",
        seconds_per_article=cpu_per_article,
        cpu_per_article=cpu_per_article,
        events_per_article=5.0,
    )


def test_throughput_is_the_lower_of_parsing_and_the_writer() -> None:
    # 10 articles/s a worker, a writer that takes 25 articles/s, perfect 2x at 2 workers.
    curve, _ = model_rows(_parsing(0.1), speed_up=2.0, writers={"embedded": 25.0})
    by_workers = {row[0]: row for row in curve}
    assert by_workers[1][1:] == ["10.0", "10.0"]
    assert by_workers[2][1:] == ["20.0", "20.0"]
    assert by_workers[4][1:] == ["40.0", "25.0 (writer bound)"]


def test_a_feed_needs_the_workers_its_rate_asks_and_says_when_one_writer_cannot_keep_up() -> None:
    # 1 article/s a worker at 75 % efficiency; 10^6 articles a day is 11.57/s.
    _, needs = model_rows(_parsing(1.0), speed_up=1.5, writers={"Neo4j": 5.0})
    small, large = needs
    assert small[:3] == ["100,000 articles a day", "1.16", 2]
    assert small[3] == "yes"
    assert large[:3] == ["1,000,000 articles a day", "11.57", 16]
    assert large[3] == "no: 2.3x its ceiling"
