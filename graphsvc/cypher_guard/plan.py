"""Let Neo4j's planner say what a query does, and run only plans that read the graph.

The token guard is a second Cypher lexer, and two lexers disagree somewhere (a lone
`\\r` ends a `//` comment for Neo4j, not for a naive guard). Neo4j's own plan of the
query cannot disagree with Neo4j: `EXPLAIN` plans without running, its summary names
the query type (`r` for read-only), and the plan lists every operator with the database
it runs on. A query is run only when the type is `r` and every operator is on the
allow-list below, on our database: no `LoadCSV`, no `Show*`/`Terminate*` commands, no
administration command (those run `@system`), no procedure outside a short list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphsvc.errors import CypherRefused

#: Procedures that only read the graph's shape; every other procedure is refused.
READ_ONLY_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)

#: Plan operators (Neo4j 5) that read the graph or shape rows, and nothing else. The
#: part in brackets of a name (`Expand(All)`, `VarLengthExpand(Pruning)`) is dropped
#: before the lookup. An operator not listed here is refused: a new Neo4j may add
#: harmless ones, and the error names them so they can be reviewed and added.
READ_OPERATORS = frozenset(
    {
        # leaves: scans and seeks
        "AllNodesScan",
        "NodeByLabelScan",
        "UnionNodeByLabelsScan",
        "IntersectionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeByIdSeek",
        "NodeByElementIdSeek",
        "NodeIndexSeek",
        "NodeUniqueIndexSeek",
        "NodeIndexSeekByRange",
        "NodeUniqueIndexSeekByRange",
        "NodeIndexScan",
        "NodeIndexContainsScan",
        "NodeIndexEndsWithScan",
        "MultiNodeIndexSeek",
        "AssertingMultiNodeIndexSeek",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "DirectedRelationshipIndexSeek",
        "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipUniqueIndexSeek",
        "UndirectedRelationshipUniqueIndexSeek",
        "DirectedRelationshipIndexSeekByRange",
        "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipUniqueIndexSeekByRange",
        "UndirectedRelationshipUniqueIndexSeekByRange",
        "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan",
        "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan",
        "UndirectedRelationshipIndexEndsWithScan",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "Argument",
        "ArgumentTracker",
        # traversals
        "Expand",
        "OptionalExpand",
        "VarLengthExpand",
        "BFSPruningVarExpand",
        "ShortestPath",
        "StatefulShortestPath",
        "Repeat",
        "ProjectEndpoints",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        "NullifyMetadata",
        "AssertSameNode",
        "AssertSameRelationship",
        # combining rows
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "ConditionalApply",
        "AntiConditionalApply",
        "RollUpApply",
        "CartesianProduct",
        "NodeHashJoin",
        "ValueHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "Union",
        "OrderedUnion",
        "Optional",
        "Anti",
        # shaping rows
        "ProduceResults",
        "EmptyResult",
        "Filter",
        "Projection",
        "Limit",
        "ExhaustiveLimit",
        "Skip",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Distinct",
        "OrderedDistinct",
        "EagerAggregation",
        "OrderedAggregation",
        "Eager",
        "Unwind",
        "CacheProperties",
        "PreserveOrder",
        "NonFuseable",
        # procedures: only those in READ_ONLY_PROCEDURES (checked by name below)
        "ProcedureCall",
    }
)

_BRACKETED = re.compile(r"\(.*\)$")


def _operators(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children") or ():
        yield from _operators(child)


def _procedure_name(details: str) -> str:
    """`db.labels() :: (label :: STRING)` -> `db.labels`."""
    return details.split("(", 1)[0].strip().strip("`")


def check_plan(query_type: str | None, plan: dict[str, Any] | None, database: str) -> None:
    """Raise CypherRefused unless the plan only reads `database` with allowed operators."""
    if plan is None:
        raise CypherRefused("Neo4j gave no plan for the query, so it is not run")
    if query_type != "r":
        kinds = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or system"}
        what = kinds.get(query_type or "", f"is of type {query_type!r}")
        raise CypherRefused(
            f"Neo4j plans this query as one that {what}: POST /cypher runs read-only "
            "queries; write with POST /records or POST /documents"
        )
    allowed_procedures = {p.lower() for p in READ_ONLY_PROCEDURES}
    for operator in _operators(plan):
        name, _, where = str(operator.get("operatorType", "")).partition("@")
        if where and where != database:
            raise CypherRefused(
                f"the plan runs {name} on database {where!r}; POST /cypher reads {database!r} only"
            )
        base = _BRACKETED.sub("", name)
        if base not in READ_OPERATORS:
            raise CypherRefused(
                f"the plan uses the operator {name}, which POST /cypher does not run "
                "(it reads the graph only: no LOAD CSV, SHOW or TERMINATE commands, "
                "administration or writes)"
            )
        if base == "ProcedureCall":
            details = str((operator.get("args") or {}).get("Details", ""))
            procedure = _procedure_name(details)
            if procedure.lower() not in allowed_procedures:
                allowed = ", ".join(sorted(READ_ONLY_PROCEDURES))
                raise CypherRefused(
                    f"CALL {procedure}: only these read-only procedures may be called: {allowed}"
                )
