"""An actor as one token of the text refers to it, and how the token was tied to it.

Its own module because every step of the text loader passes these around (actors,
events, participants, mentions, relations); `graphsvc.views.TokenActor` is the API's
reference to a stored actor, a different thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.model import ActorKind, LinkBasis


@dataclass(frozen=True)
class TokenActor:
    """An actor as a token of the text refers to it; `basis` and `mention` say how the
    token was tied to it (a name, a resolved pronoun or description, or an inference)."""

    id: str
    name: str
    kind: ActorKind
    basis: LinkBasis = "stated"
    mention: str | None = None
