"""Records bodies: bytes as they are, files streamed, dicts as JSON Lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from graphsvc.client.bodies import JSON, JSONL, records_body
from graphsvc.model import ActorKind


def test_bytes_are_sent_as_given_with_their_type() -> None:
    assert records_body(b'{"record": "actor"}\n') == (b'{"record": "actor"}\n', JSONL)
    assert records_body(b' [{"record": "actor"}]') == (b' [{"record": "actor"}]', JSON)


def test_a_path_is_opened_not_read(tmp_path: Path) -> None:
    lines = tmp_path / "records.jsonl"
    lines.write_bytes(b"{}\n")
    body, content_type = records_body(lines)
    assert content_type == JSONL and not isinstance(body, bytes)
    body.close()  # type: ignore[union-attr]
    array = tmp_path / "records.json"
    array.write_bytes(b"[]")
    body, content_type = records_body(str(array))
    assert content_type == JSON
    body.close()  # type: ignore[union-attr]


def test_dicts_become_one_line_each() -> None:
    records = ({"record": "actor", "kind": ActorKind.person, "n": i} for i in range(2))
    body, content_type = records_body(records)
    assert content_type == JSONL
    lines = bytes(body).splitlines()  # type: ignore[arg-type]
    assert [orjson.loads(line)["n"] for line in lines] == [0, 1]
    assert orjson.loads(lines[0])["kind"] == "person"
    when = records_body([{"record": "document", "published": date(2016, 1, 22)}])[0]
    assert b'"published":"2016-01-22"' in when  # type: ignore[operator]


def test_one_record_alone_is_refused_with_how_to_send_it() -> None:
    with pytest.raises(TypeError, match="wrap one record in a list"):
        records_body({"record": "actor"})  # type: ignore[arg-type]
