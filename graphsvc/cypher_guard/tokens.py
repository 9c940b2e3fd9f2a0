"""A Cypher tokenizer: enough of the lexical grammar to tell keywords from strings,
comments, quoted names, property keys and parameters.

The write guard must not be fooled by `"CREATE"` in a string or `// DELETE` in a
comment, nor refuse `n.set` or `{remove: 1}`; a regex over the raw text cannot tell
these apart, a token stream can. A `//` comment ends at the first line break of any
kind (`\r` alone too, as for Neo4j): ending it early only makes the guard read more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from graphsvc.errors import InvalidCypher

Kind = Literal["word", "string", "quoted", "param", "number", "symbol", "space", "comment"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\r\n\x0b\x0c\x85\u2028\u2029]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`|[0-9]+))
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<symbol>\.\.|<>|<=|>=|=~|->|<-|[^\sA-Za-z0-9_'"`])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    offset: int


def tokenize(query: str) -> list[Token]:
    """Every token, spaces and comments included, so the text can be rebuilt from them."""
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or match.lastgroup is None:
            character = query[position]
            what = "an unterminated string, name or comment" if character in "'\"`/" else ""
            raise InvalidCypher(
                f"cannot read the query at offset {position} ({character!r}){': ' if what else ''}"
                f"{what}"
            )
        tokens.append(Token(match.lastgroup, match.group(), position))  # type: ignore[arg-type]
        position = match.end()
    return tokens


def significant(tokens: list[Token]) -> list[Token]:
    """Tokens without spaces and comments."""
    return [t for t in tokens if t.kind not in ("space", "comment")]
