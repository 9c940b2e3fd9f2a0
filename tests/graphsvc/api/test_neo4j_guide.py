"""`/neo4j/`: the Neo4j Browser guide and graph style are static files Browser's origins
may read (Browser fetches them from its own origin, after a CORS preflight), with no
key, outside OpenAPI; the
guide's Cypher is the explore queries' own, and its style covers the data model."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.api.neo4j_guide import GUIDE_DIR
from graphsvc.api.page import PAGE_DIR
from graphsvc.model import ActorKind, RelationType
from graphsvc.settings import Settings
from graphsvc.store.cypher import load_query, query_files

RUNNABLE = re.compile(r'<pre class="pre-scrollable code runnable">(.*?)</pre>', re.S)


def _blocks() -> list[str]:
    text = (GUIDE_DIR / "guide.html").read_text(encoding="utf-8")
    return [html.unescape(block).strip() for block in RUNNABLE.findall(text)]


def _body(name: str) -> str:
    lines = load_query(f"explore/{name}").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//")).strip()


def test_guide_and_style_are_served_to_browsers_origins_without_a_key(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, read_key="read-secret", api_key="write-secret", port=8123
    )
    with TestClient(create_app(settings)) as client:
        origin = {"Origin": "http://127.0.0.1:7474"}
        guide = client.get("/neo4j/guide.html", headers=origin)
        assert guide.status_code == 200
        assert guide.headers["content-type"].startswith("text/html")
        assert guide.headers["access-control-allow-origin"] == "http://127.0.0.1:7474"
        assert '<article class="guide">' in guide.text
        # Its :style step names the address the server is configured with, whatever the port.
        assert ":style http://127.0.0.1:8123/neo4j/graphsvc.grass" in guide.text
        assert "127.0.0.1:8000" not in guide.text
        style = client.get("/neo4j/graphsvc.grass", headers=origin)
        assert style.status_code == 200
        assert style.headers["content-type"].startswith("text/plain")
        assert style.headers["access-control-allow-origin"] == "http://127.0.0.1:7474"
        # Only these files: the API itself still wants its key and sends no such header.
        api = client.get("/actors", params={"q": "putin"}, headers=origin)
        assert api.status_code == 401
        assert "access-control-allow-origin" not in api.headers
        assert client.get("/neo4j/nothing.html").status_code == 404
        paths = client.get("/openapi.json", headers={"X-API-Key": "read-secret"}).json()
        assert not [p for p in paths["paths"] if p.startswith("/neo4j")]


#: What Chromium sends before Neo4j Browser's fetch of a guide (seen in the e2e test).
PREFLIGHT = {
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "cache-control,pragma",
}


def test_the_guides_preflight_is_answered_for_browsers_origins_only(tmp_path: Path) -> None:
    """Browser's fetch of a guide carries Cache-Control and Pragma, so Chromium sends
    OPTIONS first; a 405 there made Browser say "No guide by that name"."""
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        for origin in ("http://localhost:7474", "http://127.0.0.1:7474"):
            answer = client.options("/neo4j/guide.html", headers={"Origin": origin, **PREFLIGHT})
            assert answer.status_code == 200, answer.text
            assert answer.headers["access-control-allow-origin"] == origin
            allowed = answer.headers["access-control-allow-headers"].lower()
            assert "cache-control" in allowed and "pragma" in allowed
        # Sentry's trace headers ride along when the guide's host is `localhost`.
        traced = {**PREFLIGHT, "Access-Control-Request-Headers": "sentry-trace,baggage"}
        origin = {"Origin": "http://localhost:7474"}
        assert client.options("/neo4j/graphsvc.grass", headers={**origin, **traced}).is_success
        # Another origin is refused, and only the guide's files answer CORS at all.
        stranger = {"Origin": "http://evil.example", **PREFLIGHT}
        refused = client.options("/neo4j/guide.html", headers=stranger)
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
        plain = client.get("/neo4j/guide.html", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in plain.headers
        api = client.options("/actors", headers={"Origin": "http://127.0.0.1:7474", **PREFLIGHT})
        assert api.status_code == 405
        assert "access-control-allow-origin" not in api.headers


def test_browsers_origins_are_a_setting(tmp_path: Path) -> None:
    """A Browser elsewhere (another port, a remote Neo4j) is allowed by configuration,
    beside the API's own CORS origins, which do not open the guide to their origins."""
    settings = Settings(
        data_dir=tmp_path,
        neo4j_browser_origins="http://neo4j.internal:7474, http://127.0.0.1:17474",
        cors_origins="http://app.example",
    )
    assert settings.neo4j_browser_origins == [
        "http://neo4j.internal:7474",
        "http://127.0.0.1:17474",
    ]
    with TestClient(create_app(settings)) as client:
        origin = {"Origin": "http://neo4j.internal:7474"}
        answer = client.options("/neo4j/guide.html", headers={**origin, **PREFLIGHT})
        assert answer.headers["access-control-allow-origin"] == "http://neo4j.internal:7474"
        default = {"Origin": "http://127.0.0.1:7474", **PREFLIGHT}
        assert client.options("/neo4j/guide.html", headers=default).status_code == 400
        app = {"Origin": "http://app.example", **PREFLIGHT}
        assert client.options("/neo4j/guide.html", headers=app).status_code == 400
        api = client.get("/health", headers={"Origin": "http://app.example"})
        assert api.headers["access-control-allow-origin"] == "http://app.example"


def test_the_guide_runs_the_graph_queries_as_they_are_in_cypher_explore() -> None:
    blocks = _blocks()
    graph_queries = sorted(
        n.removeprefix("explore/")
        for n in query_files()
        if n.startswith("explore/") and (n.endswith("_graph") or n.endswith("shortest_path"))
    )
    assert len(graph_queries) == 6
    for name in graph_queries:
        assert _body(name) in blocks, f"the guide's copy of {name} is out of date"
    assert ":style http://127.0.0.1:8000/neo4j/graphsvc.grass" in blocks
    # Every parameter the queries use is set in the guide, with the `:param` syntax.
    used = {p for name in graph_queries for p in re.findall(r"\$([a-z_]+)", _body(name))}
    set_one_by_one = {b.split()[1] for b in blocks if b.startswith(":param ")}
    assert used == set_one_by_one
    everything = next(b for b in blocks if b.startswith(":params {"))
    assert all(f"{p}: '" in everything for p in used)


def test_the_style_captions_names_events_roles_and_relation_types() -> None:
    grass = (GUIDE_DIR / "graphsvc.grass").read_text(encoding="utf-8")
    rules = dict(re.findall(r"^([\w.]+) \{(.*?)^\}", grass, re.M | re.S))
    for kind in ActorKind:
        rule = rules[f"node.{kind.value.capitalize()}"]
        assert "caption: '{name}'" in rule and "color:" in rule
    assert "{summary}" in rules["node.Event"] and "{start}" in rules["node.Event"]
    assert "caption: '{role}'" in rules["relationship.PARTICIPATED_IN"]
    for relation_type in RelationType:
        assert "caption: '<type>'" in rules[f"relationship.{relation_type.value}"]
    # Browser's grass parser splits declarations on ';' and ':' (one of each per line).
    for line in grass.splitlines():
        if ":" in line:
            assert line.count(":") == 1 and line.rstrip().endswith(";"), line


def test_neo4j_lets_browser_fetch_the_guide_from_127_0_0_1_and_localhost() -> None:
    """Neo4j 5.26 names the setting browser.remote_content_hostname_whitelist: the same
    hosts in docker-compose.yml and in the test Neo4j (TestNeo4j)."""
    import yaml

    root = GUIDE_DIR.parents[2]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))
    env = compose["services"]["neo4j"]["environment"]
    hosts = env["NEO4J_browser_remote__content__hostname__whitelist"]
    assert {"127.0.0.1", "localhost", "guides.neo4j.com"} == set(hosts.split(","))
    java = root / "tests/neo4j/src/main/java/graphsvc/neo4j/TestNeo4j.java"
    assert f'BROWSER_CONTENT_HOSTS = "{hosts}"' in java.read_text(encoding="utf-8")


def test_the_files_are_package_data_so_the_image_serves_them() -> None:
    """The Docker image installs graphsvc with pip: files outside package-data are lost
    (the guide's, and the page's at `/`)."""
    import fnmatch
    import tomllib

    root = GUIDE_DIR.parents[2]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]
    files = [p.name for p in GUIDE_DIR.iterdir() if p.is_file()]
    assert {"guide.html", "graphsvc.grass"} <= set(files)
    for folder in (GUIDE_DIR, PAGE_DIR):
        patterns = package_data[".".join(folder.relative_to(root).parts)]
        files = [p.name for p in folder.iterdir() if p.is_file()]
        assert files and all(any(fnmatch.fnmatch(f, p) for p in patterns) for f in files), folder
