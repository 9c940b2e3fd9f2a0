// The write counter, then the write lock's `shown_changed` and the change stamps of
// these actors, in one round trip: the shared read that tells every request of a
// process asking at once whether its kept answer still stands
// (graphsvc.store.neo4j.kept.SharedCounter, docs/consistency.md). The stamps are read
// after the counter (each subquery takes the value before it, so it runs once that one
// is read): a batch that commits in between can only raise a stamp, which reads as
// changed, never hide one. An actor is looked up through a redirect, as the statements
// whose answers are kept look it up.
// Parameters: $actors (actor ids, each may be one merged away; may be empty).
// Returns: writes (the counter, 0 before the first write), shown_changed (the counter
//          of the last batch that changed what every answer may show, 0: none),
//          stamps ([[id as asked, its actor's change stamp, null: no such actor or
//          no stamp]]).
OPTIONAL MATCH (l:WriteLock {id: 'graphsvc'})
WITH coalesce(l.writes, 0) AS writes
CALL (writes) {
  OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'}) WHERE writes >= 0
  RETURN coalesce(lock.shown_changed, 0) AS shown_changed
}
CALL (writes, shown_changed) {
  UNWIND $actors AS asked
  OPTIONAL MATCH (redirect:ActorRedirect {id: asked}) WHERE shown_changed >= 0
  OPTIONAL MATCH (found:Actor {id: coalesce(redirect.into, asked)}) WHERE writes >= 0
  RETURN collect([asked, found.changed]) AS stamps
}
RETURN writes, shown_changed, stamps
