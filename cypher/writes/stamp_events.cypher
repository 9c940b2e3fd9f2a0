// Change stamps (docs/consistency.md): mark every actor that takes part in these events now as
// changed by the write transaction whose counter is $writes. Run before events are
// rewritten (their old participants) and after (their new ones), in that transaction.
// Parameters: $writes (this transaction's write counter), $ids (event ids).
// Returns: stamped (count of participations seen).
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
WHERE e.id IN $ids
SET a.changed = $writes
RETURN count(a) AS stamped
