"""The README says what the code does: every setting, command, make target and route."""

from __future__ import annotations

import re

import typer.main

from graphsvc.api import create_app
from graphsvc.main import app as cli_app
from graphsvc.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        assert f"GRAPHSVC_{name.upper()}" in README, name
        assert field.description, f"setting {name} has no description"


def test_the_docs_name_only_settings_that_exist() -> None:
    """A `GRAPHSVC_*` name in the docs is a setting (or one the tests and benches
    read): docs/mcp.md once had a timeline printout pasted into a setting's name."""
    known = {f"GRAPHSVC_{name.upper()}" for name in Settings.model_fields}
    known |= {"GRAPHSVC_URL", "GRAPHSVC_SCREENSHOTS", "GRAPHSVC_SCREENSHOT"}
    known |= _command_envvars()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for name in re.findall(r"`(GRAPHSVC_[A-Z0-9_]+)", text):
            assert name in known, f"{doc.name} names {name}, which is no setting"


def _command_envvars() -> set[str]:
    """The environment variables the CLI's options read (a command's own flag, such as
    `load --neo4j-admin`, rather than a service setting)."""
    group = typer.main.get_command(cli_app)
    names: set[str] = set()
    for command in getattr(group, "commands", {}).values():
        for param in command.params:
            envvar = getattr(param, "envvar", None)
            names |= {envvar} if isinstance(envvar, str) else set(envvar or ())
    return names


def test_every_cli_command_is_documented_with_help() -> None:
    group = typer.main.get_command(cli_app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"graphsvc {name}" in README, name
        assert command.help, f"command {name} has no help"


def test_make_targets_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    documented = set(re.findall(r"`make ([a-z-]+)`", README))
    assert documented <= targets
    assert {"install", "run", "test", "lint"} <= documented


def test_every_route_is_documented() -> None:
    spec = create_app(Settings()).openapi()
    for path, operations in spec["paths"].items():
        readme_path = re.sub(r"\{[a-z_]+\}", "{id}", path)
        for method in operations:
            assert f"`{method.upper()} {readme_path}" in README, f"{method} {path}"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_compose_runs_the_neo4j_the_tests_run() -> None:
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    pom = (ROOT / "tests" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    image = re.search(r"image: neo4j:([0-9.]+)-community", compose)
    version = re.search(r"<neo4j.version>([0-9.]+)</neo4j.version>", pom)
    assert image and version
    assert image.group(1) == version.group(1)
    assert "GRAPHSVC_BACKEND: neo4j" in compose
    assert "condition: service_healthy" in compose


def test_compose_and_the_test_neo4j_share_the_least_privilege_settings() -> None:
    """Issue 12: no file or URL for LOAD CSV, only read-only plugin procedures, in both
    the Neo4j users run (docker-compose.yml) and the one the tests run (TestNeo4j)."""
    import yaml

    from graphsvc.cypher_guard.plan import READ_ONLY_PROCEDURES

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    env = compose["services"]["neo4j"]["environment"]
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert env["NEO4J_internal_dbms_cypher__ip__blocklist"] == "0.0.0.0/0,::/0"
    allowlist = set(env["NEO4J_dbms_security_procedures_allowlist"].split(","))
    assert allowlist == READ_ONLY_PROCEDURES
    java = (ROOT / "tests/neo4j/src/main/java/graphsvc/neo4j/TestNeo4j.java").read_text("utf-8")
    assert set(re.findall(r'"(db\.[A-Za-z.]+)"', java)) == READ_ONLY_PROCEDURES
    assert "allow_file_urls, false" in java and "cypher_ip_blocklist" in java
