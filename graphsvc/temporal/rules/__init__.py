"""The rules that find temporal expressions, one family a module.

Each family keeps its patterns, gates and negative contexts as data in a YAML file
beside its module (`dates.yaml` beside `dates.py`); the module holds the resolvers,
registered by name (`registry.resolver`). `RULES` is every rule, in the order they are
tried (`registry.FAMILIES`), loaded and validated once at import.
"""

from graphsvc.temporal.rules.base import FLAGS, Context, Resolved, Rule, Tense, bc_value
from graphsvc.temporal.rules.registry import FAMILIES, load_rules

RULES: tuple[Rule, ...] = load_rules()

__all__ = ["FAMILIES", "FLAGS", "RULES", "Context", "Resolved", "Rule", "Tense", "bc_value"]
