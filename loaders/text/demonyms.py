"""Nationality adjectives and the country each names ("Angolan" -> Angola), from
countryinfo's country data and the loader's own list (data/vocabulary.yaml `demonyms`,
which wins). An adjective several countries share goes to the most populous
("Chinese": China, not Macau). Names are the gazetteer's display names, so they match
the place actors of a document ("American": United States)."""

from __future__ import annotations

from functools import cache

from countryinfo import all_countries

from loaders.text.gazetteer import country
from loaders.text.vocabulary import vocabulary


@cache
def demonyms() -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for info in all_countries():
        try:
            adjective, name, people = info.demonym(), info.name(), info.population() or 0
        except (KeyError, AttributeError, TypeError):
            continue  # an entry without the field
        if not adjective or not name:
            continue
        known = country(name)
        display = known.name if known is not None else name
        key = adjective.lower()
        if key not in best or people > best[key][0]:
            best[key] = (people, display)
    found = {key: name for key, (_, name) in best.items()}
    found.update({k.lower(): v for k, v in vocabulary()["demonyms"].items()})
    return found
