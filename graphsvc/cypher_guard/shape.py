"""Refuse Cypher too long or too deeply nested for a parser, before any parser sees it.

Neo4j's parser and planner recurse on nesting: a few hundred nested parentheses, `NOT`s,
`CASE`s or property accesses overflow its stack, and Neo4j then never answers. So the
nesting is bounded here, on the raw text, with no lexer that could disagree with
Neo4j's: strings and comments are counted as if they were code. That can only make the
measure larger (a string holding 70 parentheses is refused too), never smaller.

The depth at a point is the number of open brackets and `CASE`s, plus the prefix
operators (`NOT`, unary `-`/`+`) and postfix property accesses met inside the innermost
open bracket: each is a level of recursion for the parser.
"""

from __future__ import annotations

import re

from graphsvc.errors import InvalidCypher

_PIECE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\s+|.", re.DOTALL)
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")
#: After one of these, `-` and `+` are binary; elsewhere they are prefix (unary) signs.
_OPERAND_ENDS = frozenset(")]}'\"`")


def _ends_operand(piece: str) -> bool:
    return piece[-1:].isalnum() or piece[-1:] in _OPERAND_ENDS


def nesting_depth(query: str) -> int:
    """The deepest nesting of `query` as the parser would recurse, counted generously.

    Each open bracket or `CASE` is a level, plus the prefix operators and the chain of
    property accesses in front of it; the prefix run ends at an operand, the chain at
    anything but `.name`.
    """
    opened: list[tuple[str, int, int]] = []  # (opener, levels it added, chain before it)
    depth = deepest = prefix = chain = 0
    previous = ""  # the last piece that was not space
    for match in _PIECE.finditer(query):
        piece = match.group()
        if piece.isspace():
            continue
        word = piece.upper() if piece[0].isalpha() or piece[0] == "_" else ""
        after_dot = previous == "."
        if piece in _OPEN or (word == "CASE" and not after_dot):
            postfix = piece == "[" and _ends_operand(previous)  # `list[0]`: one more link
            levels = 1 + prefix + chain
            opened.append((word or piece, levels, chain + postfix))
            depth += levels
            prefix = chain = 0
        elif piece in _CLOSE or (
            word == "END" and not after_dot and opened and opened[-1][0] == "CASE"
        ):
            _, levels, chain = opened.pop() if opened else ("", 0, 0)
            depth -= levels
            prefix = 0
        elif (word == "NOT" and not after_dot) or (
            piece in ("-", "+") and not _ends_operand(previous)
        ):
            prefix += 1
            chain = 0
        elif piece == ".":
            chain += 1
        elif not (word and after_dot):
            prefix = 0  # an operand ends the run of prefix operators
            chain = 0
        deepest = max(deepest, depth + prefix + chain)
        previous = piece
    return deepest


def check_shape(query: str, max_chars: int, max_depth: int) -> None:
    """400 when the query is empty, longer than `max_chars` or nests over `max_depth`."""
    if not query.strip():
        raise InvalidCypher("the query is empty")
    if len(query) > max_chars:
        raise InvalidCypher(
            f"the query is {len(query)} characters; at most {max_chars} "
            "(setting GRAPHSVC_CYPHER_MAX_QUERY_CHARS)"
        )
    depth = nesting_depth(query)
    if depth > max_depth:
        raise InvalidCypher(
            f"the query nests {depth} levels deep (brackets, CASE, NOT, unary signs and "
            f"property accesses); at most {max_depth} (setting GRAPHSVC_CYPHER_MAX_DEPTH)"
        )
