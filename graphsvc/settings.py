"""Configuration from the environment (prefix `GRAPHSVC_`), in one place.

Nothing else in the code reads `os.environ`; the API gets settings through a
dependency, so tests pass a `Settings(...)` directly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    backend: Literal["embedded"] = Field(
        default="embedded", description="Graph store: `embedded` (networkx + SQLite)."
    )
    data_dir: Path = Field(
        default=Path("data"), description="Where the embedded store keeps its SQLite file."
    )
    host: str = Field(default="127.0.0.1", description="Address `graphsvc serve` binds.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `graphsvc serve` binds.")
    max_body_bytes: int = Field(
        default=10_000_000, ge=1, description="Largest request body accepted (413 above)."
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
