"""The app fixtures of tests/graphsvc (a fresh embedded store per test) serve here too."""

from tests.graphsvc.conftest import client, make_client

__all__ = ["client", "make_client"]
