"""The command line's data commands: `graphsvc load`, `timeline`, `actors`, `search`,
`export`, `stats` and `documents`, over the same use cases as the API
(`graphsvc.service`). The `graphsvc` program adds the commands that start the servers
(`graphsvc.main`). Each command module registers itself on `app` when imported."""

from __future__ import annotations

from graphsvc.cli import documents, load, reads
from graphsvc.cli.common import HELP_MARKUP, DataDirOption, app, err, load_settings, out

__all__ = [
    "HELP_MARKUP",
    "DataDirOption",
    "app",
    "documents",
    "err",
    "load",
    "load_settings",
    "out",
    "reads",
]
