// Related actors of one actor, grouped, ordered and cut to $limit inside Neo4j rather
// than in Python: for each other actor, the events both took part in (overlapping the
// window; undated ones only without a window) with both roles (each actor's first role
// by ordinal), their earliest start and latest end, and the direct relations of either
// direction overlapping the window; ordered by most shared events, then most
// relations, then name, then id (as graphsvc.store.embedded.related orders them). Also the
// actor itself (through a redirect) and the write counter read before and after
// (writes/lock), so the consistency check costs no extra round trip. Events and
// relations are lists by position and dates ISO text: a tenth of the bytes and
// objects to decode of maps of driver dates.
// When the kept answer read at counter $known still stands, the statement skips the
// work and returns kept = true with no actor and no items: either the counter is still
// $known, or no batch since $known changed this actor's answers (the change stamps of
// docs/consistency.md, set by each write transaction with its own counter: the actor's `changed`,
// through a redirect, and the write lock's `shown_changed` for changes to everything
// are both at most $known, read after the counter); `before` (the counter now) is then
// the counter the kept answer stands at. An actor without a stamp counts as changed.
// Parameters: $known (write counter of a kept answer, -1: none), $actor_id (may be
//             one merged away), $since, $until (ISO dates or null),
//             $kind (actor kind of the related actors, or null for all), $limit.
// Returns: before, after, kept (true: the kept answer stands), me ({id, name,
//          kind}, null: no such actor), count (related actors in all), items ([{actor {id, name, kind}, first, last (ISO dates or
//          null), events [[id, type, summary, start, end, precision, role,
//          other_role]], relations [[type, direction, since, until, document,
//          sentence, role, basis, since_precision, until_precision, current,
//          stated_on]]}], at most $limit).
OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
WITH coalesce(lock.writes, 0) AS before
CALL (before) {
  // After the counter, never in the same projection (whose order Neo4j does not fix):
  // a batch committing in between can then only raise it, which reads as changed.
  OPTIONAL MATCH (stamps:WriteLock {id: 'graphsvc'}) WHERE before >= 0
  RETURN coalesce(stamps.shown_changed, 0) AS shown
}
CALL (before, shown) {
  OPTIONAL MATCH (redirect:ActorRedirect {id: $actor_id}) WHERE before >= 0
  OPTIONAL MATCH (found:Actor {id: coalesce(redirect.into, $actor_id)}) WHERE before >= 0
  WITH found,
       $known >= 0 AND (before = $known OR (before > $known AND shown <= $known
         AND coalesce(found.changed, before) <= $known)) AS kept
  RETURN CASE WHEN kept THEN null ELSE found END AS me, kept
}
CALL (me) {
  CALL (me) {
    MATCH (me)-[mine:PARTICIPATED_IN]->(e:Event)
    WHERE CASE
        WHEN e.start IS NULL THEN $since IS NULL AND $until IS NULL
        ELSE ($until IS NULL OR e.start <= date($until))
          AND ($since IS NULL OR e.end >= date($since))
      END
    WITH e, mine ORDER BY mine.ordinal
    WITH e, head(collect(mine.role)) AS my_role
    MATCH (other:Actor)-[theirs:PARTICIPATED_IN]->(e)
    WHERE other <> me AND ($kind IS NULL OR other.kind = $kind)
    WITH other, e, my_role, theirs ORDER BY theirs.ordinal
    WITH other, e, my_role, head(collect(theirs.role)) AS other_role
    WITH other,
         collect([
           e.id, e.type, e.summary, toString(e.start), toString(e.end), e.precision,
           my_role, other_role
         ]) AS events,
         min(e.start) AS first,
         max(e.end) AS last
    RETURN other, events, first, last, [] AS links
    UNION ALL
    MATCH (me)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(other:Actor)
    WHERE ($until IS NULL OR r.since IS NULL OR r.since <= date($until))
      AND ($since IS NULL OR r.until IS NULL OR r.until >= date($since))
      AND ($kind IS NULL OR other.kind = $kind)
    WITH other,
         collect([
           type(r), CASE WHEN startNode(r) = me THEN 'out' ELSE 'in' END,
           toString(r.since), toString(r.until), r.document, r.sentence, r.role, r.basis,
           r.since_precision, r.until_precision, r.current, toString(r.stated_on)
         ]) AS links
    RETURN other, [] AS events, null AS first, null AS last, links
  }
  WITH other,
       reduce(acc = [], part IN collect(events) | acc + part) AS events,
       min(first) AS first,
       max(last) AS last,
       reduce(acc = [], part IN collect(links) | acc + part) AS links
  ORDER BY size(events) DESC, size(links) DESC, other.name, other.id
  WITH collect({
    actor: other {.id, .name, .kind}, first: toString(first), last: toString(last),
    events: events, relations: links
  }) AS related
  RETURN size(related) AS count, related[0..$limit] AS items
}
CALL (count, items) {
  OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
  RETURN coalesce(lock.writes, 0) AS after
}
RETURN before, after, kept, me {.id, .name, .kind} AS me, count, items
