// Merge actor $old into actor $into, in the transaction that checked both exist and
// already re-created the old actor's relations and same-as candidates on the target
// (relations/upsert, same_as/upsert): participations move, keeping role, ordinal, basis
// and mention (none where the target has that role in the event already); reported_by
// references move; $old, and every id merged into it earlier, redirect to $into; the old node
// goes with its remaining edges.
// Parameters: $old, $into (actor ids).
// Returns: moved (participations moved).
MATCH (old:Actor {id: $old}), (target:Actor {id: $into})
CALL (old, target) {
  MATCH (old)-[p:PARTICIPATED_IN]->(e:Event)
  WITH target, p, e
  WHERE NOT EXISTS { (target)-[q:PARTICIPATED_IN]->(e) WHERE q.role = p.role }
  CREATE (target)-[moved:PARTICIPATED_IN]->(e)
  SET moved = properties(p)
  RETURN count(*) AS moved
}
CALL (old, target) {
  MATCH (e:Event {reported_by: old.id})
  SET e.reported_by = target.id
}
CALL (old, target) {
  MATCH (earlier:ActorRedirect {into: old.id})
  SET earlier.into = target.id
}
MERGE (redirect:ActorRedirect {id: old.id})
SET redirect.into = target.id
DETACH DELETE old
RETURN moved
