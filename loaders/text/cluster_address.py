"""What `--cluster` may be, checked without importing Dask (a load without a cluster
should not pay for its import, nor a bad value wait for it)."""

from __future__ import annotations

import re

from graphsvc.errors import GraphsvcError

#: `local:N`: a LocalCluster of N worker processes on this machine.
LOCAL = re.compile(r"local:(\d{1,3})")
#: A scheduler's address: `tcp://HOST:PORT` (or tls://, ws://, wss://, inproc://).
REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc)://[^\s/]+(:\d+)?")


class BadCluster(GraphsvcError):
    status = 400
    title = "Bad --cluster value"


def check_cluster(address: str) -> int | None:
    """The worker count of `local:N`, None for a scheduler's address; BadCluster for
    anything else, before a cluster is started or a file read."""
    local = LOCAL.fullmatch(address)
    if local:
        workers = int(local.group(1))
        if not 1 <= workers <= 256:
            raise BadCluster(f"--cluster {address}: local:N takes 1 to 256 workers")
        return workers
    if REMOTE.fullmatch(address):
        return None
    raise BadCluster(
        f"--cluster {address!r}: give a Dask scheduler's address (tcp://HOST:8786) or "
        "local:N for N worker processes on this machine"
    )
