// Change stamps (docs/consistency.md), the last of a batch's write transaction: mark as
// changed by the write transaction whose counter is $writes every actor that now takes
// part in the events just written (their new participants, as writes/stamp_events
// does) and every actor whose record was written or that ends a relation written (as
// writes/stamp_actors does). One statement for what took two: each is a round trip and
// Neo4j's per-query work while the write lock is held.
// Parameters: $writes (this transaction's write counter), $events (event ids),
//             $actors (actor ids).
// Returns: stamped (count of participations seen plus actors found).
CALL () {
  MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
  WHERE e.id IN $events
  SET a.changed = $writes
  RETURN count(a) AS participants
}
CALL () {
  MATCH (a:Actor)
  WHERE a.id IN $actors
  SET a.changed = $writes
  RETURN count(a) AS written
}
RETURN participants + written AS stamped
