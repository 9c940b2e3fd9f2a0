"""Writing a streamed download to a file: chunk by chunk, and only under its name once
whole, so a failure halfway never leaves a truncated export looking like a good one."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

_FILENAME = re.compile(r'filename="?([^";]+)"?')


def filename(content_disposition: str | None) -> str | None:
    """The name the server suggests (`attachment; filename="timeline-x.ics"`), without
    any directory part: a server never chooses where the client writes."""
    match = _FILENAME.search(content_disposition or "")
    if not match:
        return None
    name = Path(match.group(1)).name
    return name if name not in ("", ".", "..") else None


def target(path: str | os.PathLike[str], suggested: str | None, fallback: str) -> Path:
    """`path` itself, or the suggested name inside it when `path` is a directory."""
    where = Path(path)
    if where.is_dir():
        return where / (suggested or fallback)
    return where


def write_chunks(chunks: Iterable[bytes], path: Path) -> Path:
    """Write to a temporary file beside `path`, then rename it over `path` (atomic on
    one file system); the temporary file is removed if anything fails. Opened with
    `open(..., "xb")`, not `mkstemp`, so the file gets the usual umask permissions
    rather than owner-only ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    try:
        with partial.open("xb") as sink:
            for chunk in chunks:
                sink.write(chunk)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
