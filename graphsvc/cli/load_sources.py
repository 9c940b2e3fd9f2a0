"""The inputs of `graphsvc load`: local paths, or URLs fsspec reads (`file://`,
`memory://`, and `s3://`, `gs://`, `az://`... when their fsspec package is installed).

A URL's files are copied to a local folder first, keeping their layout (an
articles.jsonl still describes the articles beside it), and loaded from there: the
load reads them several times (to count them, to parse, to hash them for the
manifest), which should not be several downloads, and the cluster's workers need no
access to the storage. The copy lives as long as the load; output names the URL.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from graphsvc.errors import InvalidInput
from graphsvc.service.bulk_load import LOADABLE_SUFFIXES


class InputMissing(InvalidInput):
    title = "Input not found"


#: `scheme://`, or fsspec's chained `simplecache::s3://`.
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(::[A-Za-z][A-Za-z0-9+.\-]*)*://")


def is_url(given: str) -> bool:
    return URL.match(given) is not None


@dataclass
class Sources:
    """Local paths to load, and the URLs their copies stand for (for output)."""

    paths: list[Path] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None

    def shown(self, text: str) -> str:
        """`text` with each copy's local path replaced by the URL it came from."""
        for local, url in self.names.items():
            text = text.replace(local, url)
        return text

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _copy_url(url: str, into: Path, on_skip: Callable[[str, str], None]) -> Path:
    """The files at `url` (one file, or a folder's loadable files) copied under `into`."""
    import fsspec
    from fsspec.core import url_to_fs

    try:
        fs, root = url_to_fs(url)
    except (ValueError, ImportError) as exc:
        known = ", ".join(sorted(p for p in fsspec.available_protocols() if p))
        raise InvalidInput(
            f"{url}: fsspec cannot read it ({exc}); it reads {known} (some need their "
            "package installed, such as s3fs for s3://)"
        ) from exc
    if not fs.exists(root):
        raise InputMissing(f"{url}: no such file or folder")
    if not fs.isdir(root):
        target = into / PurePosixPath(root).name
        fs.get_file(root, str(target))
        return target
    for remote in fs.find(root):
        relative = PurePosixPath(remote).relative_to(PurePosixPath(root).as_posix())
        if relative.suffix.lower() not in LOADABLE_SUFFIXES:
            continue
        if any(part in ("..", ".") for part in relative.parts):
            # An object store's key may hold `..`: copied as it reads, it would land
            # outside the copy's folder, over any file this user may write.
            on_skip(f"{url.rstrip('/')}/{relative}", "its name climbs out of the folder")
            continue
        target = into.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(remote, str(target))
    return into


def sources(given: list[str], on_skip: Callable[[str, str], None]) -> Sources:
    """Local paths as given (`file://` ones made paths), URLs copied; InputMissing for
    a path that does not exist, InvalidInput for a URL fsspec cannot read; `on_skip`
    hears of a file left out, and why."""
    found = Sources()
    try:
        for index, item in enumerate(given):
            if item.startswith("file://"):
                item = item.removeprefix("file://")
            if not is_url(item):
                path = Path(item)
                if not path.exists():
                    raise InputMissing(f"{item}: no such file or folder")
                found.paths.append(path)
                continue
            if found.folder is None:
                found.folder = Path(tempfile.mkdtemp(prefix="graphsvc-load-"))
            into = found.folder / str(index)
            into.mkdir()
            copied = _copy_url(item, into, on_skip)
            found.names[str(copied)] = item.rstrip("/")
            found.paths.append(copied)
    except BaseException:
        found.close()
        raise
    return found
