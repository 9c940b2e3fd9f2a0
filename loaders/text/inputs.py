"""Articles from files: plain text, HTML, or JSON Lines of article records.

A plain-text or HTML file takes its metadata from an `articles.jsonl` beside it when
one describes it (same id as the file name, or the same text), else from the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from graphsvc.errors import InvalidInput
from loaders.text.article import Article

ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm"}


def _validation_errors(exc: ValidationError, where: str) -> InvalidInput:
    errors = [
        {"where": where, "field": ".".join(str(p) for p in e["loc"]) or None, "message": e["msg"]}
        for e in exc.errors(include_url=False)
    ]
    first = errors[0]
    return InvalidInput(
        f"{where}: {first['field'] or 'article'}: {first['message']}", errors=errors
    )


def article_from(fields: dict[str, Any], where: str) -> Article:
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        raise _validation_errors(exc, where) from exc


def _sidecar(path: Path, text: str) -> dict[str, Any]:
    """Metadata for `path` from an articles.jsonl in the same folder, if it has some."""
    index = path.with_name("articles.jsonl")
    if not index.exists():
        return {}
    for line in index.read_bytes().splitlines():
        if not line.strip():
            continue
        record = orjson.loads(line)
        same_text = (record.get("text") or "").strip() == text.strip()
        same_id = str(record.get("id", "")).endswith(path.stem)
        if same_text or same_id:
            return {k: v for k, v in record.items() if k not in ("text", "html")}
    return {}


def read_article_file(path: Path, overrides: dict[str, Any] | None = None) -> Article:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise InvalidInput(f"{path}: binary data, not an article")
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text ({exc})") from exc
    key = "html" if path.suffix.lower() in (".html", ".htm") else "text"
    fields = {**_sidecar(path, content), key: content}
    fields.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return article_from(fields, str(path))


def read_article_lines(path: Path) -> Iterator[Article]:
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if line.strip():
            try:
                fields = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise InvalidInput(f"{path} line {number}: invalid JSON: {exc.msg}") from exc
            yield article_from(fields, f"{path} line {number}")


def is_article_lines(path: Path) -> bool:
    """JSON Lines of articles (text or html) rather than structured records."""
    for line in path.read_bytes().splitlines():
        if line.strip():
            try:
                first = orjson.loads(line)
            except orjson.JSONDecodeError:
                return False
            return (
                isinstance(first, dict)
                and "record" not in first
                and ("text" in first or "html" in first)
            )
    return False
