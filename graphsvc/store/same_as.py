"""Same-as candidates as an actor's answer shows them, the same on both stores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphsvc.model import SameAsCandidate
from graphsvc.views import ActorRef, SameAsCandidateView


def candidate_views(
    actor_id: str, candidates: Iterable[SameAsCandidate], refs: Mapping[str, ActorRef]
) -> list[SameAsCandidateView]:
    """The other actor of each candidate touching `actor_id`, either direction, once each
    (a candidate recorded from this actor first), by name then id."""
    found: dict[str, SameAsCandidateView] = {}
    ordered = sorted(candidates, key=lambda c: (c.actor != actor_id, c.actor, c.candidate))
    for candidate in ordered:
        if actor_id not in candidate.key:
            continue
        other = candidate.candidate if candidate.actor == actor_id else candidate.actor
        ref = refs.get(other)
        if ref is not None and other not in found:
            found[other] = SameAsCandidateView(
                id=ref.id, name=ref.name, kind=ref.kind, reason=candidate.reason
            )
    return sorted(found.values(), key=lambda v: (v.name.casefold(), v.id))
