"""The relation finder's word lists (data/relations.yaml), loaded once and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml

from graphsvc.model import ActorKind, RelationType

Basis = Literal["stated", "resolved", "inferred", "learned"]


@dataclass(frozen=True)
class VerbFrame:
    """A verb that states a relation between its subject and its object or the object
    of one of `preps` (see data/relations.yaml)."""

    lemmas: frozenset[str]
    types: dict[ActorKind, RelationType]
    source: frozenset[ActorKind]
    preps: frozenset[str] = frozenset()
    reverse: bool = False
    starts: bool = False
    ends: bool = False
    basis: Basis = "stated"
    requires: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RelationWords:
    roles: dict[str, dict[ActorKind, RelationType]]
    longest_role: int
    ended: frozenset[str]
    frames: tuple[VerbFrame, ...]
    frames_by_lemma: dict[str, tuple[VerbFrame, ...]]
    kill_nouns: frozenset[str]
    place_preps: frozenset[str]
    regions: frozenset[str]
    hedges: frozenset[str]
    belief_heads: frozenset[str]
    unreal_heads: frozenset[str]
    modals: frozenset[str]
    place_nouns: frozenset[str]
    place_kinds: frozenset[str]
    honorifics: frozenset[str]
    verdict_verbs: frozenset[str]
    facility_heads: frozenset[str]
    home_nouns: frozenset[str]
    person_nouns: frozenset[str]
    person_roles: frozenset[str]
    instruments: frozenset[str]
    naming_verbs: frozenset[str]
    compass: frozenset[str]
    unit_nouns: frozenset[str]
    seat_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    copulas: frozenset[str]
    role_preps: frozenset[str]
    name_leading_words: frozenset[str]
    region_evidence: frozenset[str]
    posts_abroad: frozenset[str]
    holder_preps: frozenset[str]
    place_grades: tuple[str, ...]
    trade_nouns: frozenset[str] = frozenset()
    member_bodies: frozenset[str] = frozenset()
    telling_verbs: frozenset[str] = frozenset()
    ranks: frozenset[str] = frozenset()
    ordinals: frozenset[str] = frozenset()
    main_seats: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    branch_nouns: frozenset[str] = frozenset()
    nearby_words: frozenset[str] = frozenset()
    legislator_bodies: dict[str, frozenset[str]] = field(default_factory=dict)
    holding_verbs: frozenset[str] = frozenset()
    post_nouns: frozenset[str] = frozenset()
    envoy_roles: frozenset[str] = frozenset()
    belief_verbs: frozenset[str] = frozenset()
    companion_nouns: frozenset[str] = frozenset()
    penalty_nouns: frozenset[str] = frozenset()
    part_nouns: frozenset[str] = frozenset()


class RelationWordsInvalid(ValueError):
    pass


def _words(data: dict[str, object], key: str) -> frozenset[str]:
    """One list of data/relations.yaml, checked: YAML reads a bare `off` or `no` as a
    boolean and a missing key as nothing, and either would silently drop a reading."""
    words = data.get(key)
    if not isinstance(words, list) or not words:
        raise RelationWordsInvalid(f"relations.yaml: {key} must be a non-empty list")
    bad = [w for w in words if not isinstance(w, str) or not w.strip()]
    if bad:
        raise RelationWordsInvalid(f"relations.yaml: {key} holds non-words {bad!r}")
    return frozenset(words)


def _types(raw: dict[str, str]) -> dict[ActorKind, RelationType]:
    return {ActorKind(kind): RelationType(value) for kind, value in raw.items()}


@cache
def relation_words() -> RelationWords:
    text = resources.files("loaders.text").joinpath("data/relations.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    roles = {phrase: _types(types) for phrase, types in data["roles"].items()}
    frames = tuple(
        VerbFrame(
            lemmas=frozenset(f["lemmas"]),
            types=_types(f["type"]),
            source=frozenset(ActorKind(k) for k in f["source"]),
            preps=frozenset(f.get("preps", ())),
            reverse=bool(f.get("reverse", False)),
            starts=bool(f.get("starts", False)),
            ends=bool(f.get("ends", False)),
            basis=f.get("basis", "stated"),
            requires=frozenset(f.get("requires", ())),
        )
        for f in data["verb_frames"]
    )
    by_lemma: dict[str, list[VerbFrame]] = {}
    for frame in frames:
        for lemma in frame.lemmas:
            by_lemma.setdefault(lemma, []).append(frame)
    return RelationWords(
        roles=roles,
        longest_role=max(len(p.split()) for p in roles),
        ended=_words(data, "ended_role_words"),
        frames=frames,
        frames_by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        kill_nouns=_words(data, "kill_nouns"),
        place_preps=_words(data, "place_preps"),
        regions=_words(data, "region_abbreviations"),
        hedges=_words(data, "hedge_words"),
        belief_heads=_words(data, "belief_heads"),
        unreal_heads=_words(data, "unreal_heads"),
        modals=_words(data, "hedge_modals"),
        place_nouns=_words(data, "place_nouns"),
        place_kinds=_words(data, "place_nouns")
        | _words(data, "landforms")
        | _words(data, "country_nouns"),
        honorifics=_words(data, "honorifics"),
        verdict_verbs=_words(data, "verdict_verbs"),
        facility_heads=_words(data, "facility_heads"),
        home_nouns=_words(data, "home_nouns"),
        person_nouns=_words(data, "person_nouns"),
        person_roles=frozenset(roles) - _words(data, "roles_organisations_hold"),
        instruments=_words(data, "instruments"),
        naming_verbs=_words(data, "naming_verbs"),
        compass=_words(data, "compass_words"),
        unit_nouns=_words(data, "unit_nouns"),
        seat_nouns=frozenset(w.split()[-1] for w in _words(data, "seat_nouns")),
        relative_pronouns=_words(data, "relative_pronouns"),
        copulas=_words(data, "copulas"),
        role_preps=_words(data, "role_preps"),
        name_leading_words=_words(data, "name_leading_words"),
        region_evidence=_words(data, "region_evidence"),
        posts_abroad=_words(data, "posts_abroad"),
        holder_preps=_words(data, "holder_preps"),
        place_grades=tuple(sorted(_words(data, "place_grades"), key=data["place_grades"].index)),
        trade_nouns=_words(data, "trade_nouns"),
        member_bodies=_words(data, "member_bodies"),
        telling_verbs=_words(data, "telling_verbs"),
        ranks=_words(data, "ranks"),
        ordinals=_words(data, "ordinal_words"),
        main_seats=_words(data, "main_seat_nouns"),
        group_nouns=_words(data, "group_nouns"),
        branch_nouns=_words(data, "branch_nouns"),
        nearby_words=_words(data, "nearby_words"),
        holding_verbs=_words(data, "holding_verbs"),
        post_nouns=_words(data, "post_nouns"),
        envoy_roles=_words(data, "envoy_roles"),
        belief_verbs=_words(data, "belief_verbs"),
        companion_nouns=_words(data, "companion_nouns"),
        penalty_nouns=_words(data, "penalty_nouns"),
        part_nouns=_words(data, "part_nouns"),
        legislator_bodies={
            title: _words(data["legislator_bodies"], title) for title in data["legislator_bodies"]
        },
    )
