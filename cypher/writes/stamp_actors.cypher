// Change stamps (docs/consistency.md): mark these actors as changed by the write transaction whose
// counter is $writes (writes/lock returned it), in that transaction, so the kept
// answers of these actors only go stale (timeline/page_for_actor, related/summary).
// Used for actors whose records are written and both ends of relations written.
// Parameters: $writes (this transaction's write counter), $ids (actor ids).
// Returns: stamped (count of actors).
MATCH (a:Actor)
WHERE a.id IN $ids
SET a.changed = $writes
RETURN count(a) AS stamped
