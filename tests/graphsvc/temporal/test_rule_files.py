"""The rule files (graphsvc/temporal/rules/*.yaml): validated once, joined to the
resolvers by name, refused with a message that names the file and rule when wrong; and
the data they hold (gates, negative contexts) does what it says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from graphsvc.temporal import find_dates
from graphsvc.temporal.holidays import NAMES as HOLIDAYS
from graphsvc.temporal.rules import FAMILIES, RULES
from graphsvc.temporal.rules.registry import FamilySpec, RuleFileError, RuleSpec, _rule

RULES_DIR = Path(__file__).resolve().parents[3] / "graphsvc" / "temporal" / "rules"


def test_every_family_has_a_file_and_every_file_a_family() -> None:
    files = {path.stem for path in RULES_DIR.glob("*.yaml")}
    assert files == set(FAMILIES)
    assert {rule.family for rule in RULES} == set(FAMILIES)


def test_rules_are_tried_family_by_family_in_the_declared_order() -> None:
    order = [FAMILIES.index(rule.family) for rule in RULES]
    assert order == sorted(order)
    assert RULES[0].family == "before_christ"  # at equal length "480 BC" reads as BC


def test_no_module_of_the_temporal_package_is_over_500_lines() -> None:
    package = RULES_DIR.parent
    long = {
        str(path.relative_to(package)): n
        for path in package.rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > 500
    }
    assert long == {}


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="gates"):
        FamilySpec.model_validate(
            {
                "family": "dates",
                "rules": [{"name": "x", "resolver": "year", "pattern": "x", "gates": []}],
            }
        )


def test_a_gate_word_must_be_lower_case() -> None:
    with pytest.raises(ValidationError, match="gate"):
        RuleSpec(name="x", resolver="year", pattern="x", gate=["Christmas"])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            RuleSpec(name="r", resolver="no_such", pattern="x"),
            "no resolver is registered as 'no_such'",
        ),
        (RuleSpec(name="r", resolver="year", pattern="(x"), "not a regular expression"),
        (
            RuleSpec(name="r", resolver="year", pattern="{NOPE}"),
            "no fragment or lexicon list 'NOPE'",
        ),
        (
            RuleSpec(name="r", resolver="year", pattern="{lex:nope}"),
            "no fragment or lexicon list 'nope'",
        ),
        (RuleSpec(name="r", resolver="year", pattern="x", not_after="(x"), "not a regular"),
    ],
)
def test_a_broken_rule_is_refused_naming_file_and_rule(spec: RuleSpec, message: str) -> None:
    with pytest.raises(RuleFileError, match=message) as caught:
        _rule("dates", spec)
    assert str(caught.value).startswith("dates.yaml, rule r: ")


def test_fragments_and_lexicon_lists_fill_placeholders_and_quantifiers_stay() -> None:
    rule = _rule(
        "dates", RuleSpec(name="r", resolver="year", pattern=r"{YEAR}\d{1,2}{lex:seasons}")
    )
    assert r"(?P<year>" in rule.pattern.pattern and r"\d{1,2}" in rule.pattern.pattern
    assert rule.pattern.fullmatch("199912autumn")


def test_every_holiday_name_holds_a_word_of_the_holiday_gate() -> None:
    (holiday,) = [rule for rule in RULES if rule.name == "holiday"]
    assert all(any(word in name for word in holiday.gate) for name in HOLIDAYS)


def test_negative_context_as_data_vetoes_the_match() -> None:
    anchor = date(2000, 1, 7)
    assert [e.text for e in find_dates("They met on Christmas Eve.", anchor)] == ["Christmas Eve"]
    assert find_dates("A Christmas tree burned in the square.", anchor) == []


def test_gates_hold_every_match_on_the_development_texts(shared_fixtures: Path) -> None:
    """A gate skips texts without its words: sound only if every match holds one."""
    texts = [path.read_text("utf-8") for path in sorted(shared_fixtures.glob("timeml/*/*.tml"))]
    assert texts
    gated = [rule for rule in RULES if rule.gate]
    missed = {
        (rule.name, match[0])
        for text in texts
        for rule in gated
        for match in rule.pattern.finditer(text)
        if match[0] and not any(word in match[0].lower() for word in rule.gate)
    }
    assert missed == set()
