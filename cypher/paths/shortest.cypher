// All shortest paths between two actors through events and actor relations, ignoring
// direction; documents are left out (REPORTED_IN is not followed). The bound 6 is the
// API's max_hops ceiling (MAX_HOPS); the asked max_hops is applied by the caller.
// Parameters: $source, $target (actor ids, different), $cap (paths at most).
// Returns: nodes ([{label, id, name, kind, start, end}]), edges ([{source, target,
//          type, role, since, until}]).
MATCH (s:Actor {id: $source}), (t:Actor {id: $target})
MATCH p = allShortestPaths(
  (s)-[:PARTICIPATED_IN|LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED*..6]-(t)
)
RETURN
  [n IN nodes(p) | {
    label: CASE WHEN n:Actor THEN 'Actor' ELSE 'Event' END,
    id: n.id,
    name: coalesce(n.name, n.summary),
    kind: coalesce(n.kind, n.type),
    start: n.start,
    end: n.end
  }] AS nodes,
  [r IN relationships(p) | {
    source: startNode(r).id, target: endNode(r).id, type: type(r),
    role: r.role, since: r.since, until: r.until
  }] AS edges
LIMIT $cap
