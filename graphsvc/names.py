"""Name matching shared by the stores (alias search) and the loaders (actor merging)."""

from __future__ import annotations

import unicodedata


def normalise_name(text: str) -> str:
    """Case-, accent- and punctuation-blind form: "al-Assad" and "Al Assad" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())
