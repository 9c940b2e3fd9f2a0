// Related actors of one actor, grouped inside Neo4j rather than in Python: for each
// other actor, the events both took part in (overlapping the window; undated ones only
// without a window) with both roles (each actor's first role by ordinal), their earliest
// start and latest end; and the direct relations of either direction overlapping the
// window. Also the actor itself (through a redirect) and the write counter read before
// and after (writes/lock), so the consistency check costs no extra round trip. Ordering
// and the limit are applied by the caller, which builds views for the kept items only.
// Parameters: $actor_id (may be one merged away), $since, $until (ISO dates or null),
//             $kind (actor kind of the related actors, or null for all).
// Returns: before, after, me ({id, name, kind}, null: no such actor), shared ([{actor
//          {id, name, kind}, first, last, events [{id, type, summary, start, end,
//          precision, role, other_role}]}]), relations ([{actor {id, name, kind}, type,
//          direction, since, until, document, sentence}]).
OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
WITH coalesce(lock.writes, 0) AS before
CALL (before) {
  OPTIONAL MATCH (redirect:ActorRedirect {id: $actor_id})
  OPTIONAL MATCH (found:Actor {id: coalesce(redirect.into, $actor_id)})
  RETURN found AS me
}
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
       collect({
         id: e.id, type: e.type, summary: e.summary, start: e.start, end: e.end,
         precision: e.precision, role: my_role, other_role: other_role
       }) AS events,
       min(e.start) AS first,
       max(e.end) AS last
  RETURN collect({
    actor: other {.id, .name, .kind}, first: first, last: last, events: events
  }) AS shared
}
CALL (me) {
  MATCH (me)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES]-(other:Actor)
  WHERE ($until IS NULL OR r.since IS NULL OR r.since <= date($until))
    AND ($since IS NULL OR r.until IS NULL OR r.until >= date($since))
    AND ($kind IS NULL OR other.kind = $kind)
  RETURN collect({
    actor: other {.id, .name, .kind}, type: type(r),
    direction: CASE WHEN startNode(r) = me THEN 'out' ELSE 'in' END,
    since: r.since, until: r.until, document: r.document, sentence: r.sentence
  }) AS relations
}
CALL (shared, relations) {
  OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
  RETURN coalesce(lock.writes, 0) AS after
}
RETURN before, after, me {.id, .name, .kind} AS me, shared, relations
