// One actor's timeline page in one statement, starting from the actor's node so Neo4j
// reads that actor's events only: the actor (through a redirect), the count of matching
// events, the page with each event whole, and the write counter read before and after
// (writes/lock), so a reader pays for its consistency check once per answer instead of
// two extra round trips. Order (start, end, id), undated last; a window keeps events
// overlapping it; undated events only when asked and no window is set; the cursor is
// the sort key of the last event served.
// When the kept answer read at counter $known still stands, the statement skips the
// work and returns kept = true with no actor and no events: either the counter is still
// $known, or no batch since $known changed this actor's answers (the change stamps of
// docs/consistency.md, set by each write transaction with its own counter: the actor's `changed`,
// through a redirect, and the write lock's `shown_changed` for changes to everything
// are both at most $known, read after the counter); `before` (the counter now) is then
// the counter the kept answer stands at. An actor without a stamp counts as changed.
// Parameters: $known (write counter of a kept answer, -1: none), $actor (id, may be
//             one merged away), $types, $bases, $factualities,
//             $q (lower-case text or null), $document (a document id or null: only
//             events reported in it), $since, $until (ISO dates or null),
//             $undated (bool), $after ({start, end, id} or null), $limit (page size + 1).
// Returns: before, after (the write counter around the read: equal means no batch
//          committed meanwhile), kept (true: the kept answer stands), actor_id (null:
//          no such actor), count (all matching events), undated_count (undated events
//          of the actor matching type, text and factuality, listed or not), events (the page, in order,
//          each as events/get_many shapes it, but start and end as ISO text: cheaper
//          to decode than driver dates).
OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
WITH coalesce(lock.writes, 0) AS before
CALL (before) {
  // After the counter, never in the same projection (whose order Neo4j does not fix):
  // a batch committing in between can then only raise it, which reads as changed.
  OPTIONAL MATCH (stamps:WriteLock {id: 'graphsvc'}) WHERE before >= 0
  RETURN coalesce(stamps.shown_changed, 0) AS shown
}
CALL (before, shown) {
  OPTIONAL MATCH (redirect:ActorRedirect {id: $actor}) WHERE before >= 0
  OPTIONAL MATCH (found:Actor {id: coalesce(redirect.into, $actor)}) WHERE before >= 0
  WITH found,
       $known >= 0 AND (before = $known OR (before > $known AND shown <= $known
         AND coalesce(found.changed, before) <= $known)) AS kept
  RETURN CASE WHEN kept THEN null ELSE found END AS a, kept
}
CALL (a) {
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  WITH DISTINCT e
  WHERE (size($types) = 0 OR e.type IN $types)
    AND (size($bases) = 0 OR e.start IS NULL OR coalesce(e.date_basis, 'text') IN $bases)
    AND coalesce(e.factuality, 'asserted') IN $factualities
    AND ($q IS NULL OR toLower(e.summary) CONTAINS $q)
    AND ($document IS NULL OR EXISTS { (e)-[:REPORTED_IN]->(:Document {id: $document}) })
    AND CASE
      WHEN e.start IS NULL THEN $undated AND $since IS NULL AND $until IS NULL
      ELSE ($until IS NULL OR e.start <= date($until))
        AND ($since IS NULL OR e.end >= date($since))
    END
  WITH e,
       coalesce(e.start, date('9999-12-31')) AS sort_start,
       coalesce(e.end, date('9999-12-31')) AS sort_end
  WITH collect({e: e, start: sort_start, end: sort_end}) AS matched
  RETURN size(matched) AS count,
    [m IN matched WHERE $after IS NULL
      OR m.start > date($after.start)
      OR (m.start = date($after.start) AND m.end > date($after.end))
      OR (m.start = date($after.start) AND m.end = date($after.end) AND m.e.id > $after.id)
    ] AS rest
}
CALL (a) {
  OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(u:Event)
  WHERE u.start IS NULL
    AND (size($types) = 0 OR u.type IN $types)
    AND coalesce(u.factuality, 'asserted') IN $factualities
    AND ($q IS NULL OR toLower(u.summary) CONTAINS $q)
    AND ($document IS NULL OR EXISTS { (u)-[:REPORTED_IN]->(:Document {id: $document}) })
  RETURN count(DISTINCT u) AS undated_count
}
CALL (rest) {
  UNWIND rest AS m
  WITH m ORDER BY m.start, m.end, m.e.id
  LIMIT $limit
  WITH m.e AS e
  RETURN collect(e {
    .id, .type, .summary, .confidence, .factuality, .reported_by,
    start: toString(e.start), end: toString(e.end),
    .precision, .approximate, .open_start, .date_text, .date_basis,
    anchor: e.date_anchor,
    participants: COLLECT {
      MATCH (p_actor:Actor)-[p:PARTICIPATED_IN]->(e)
      RETURN {actor: p_actor.id, name: p_actor.name, kind: p_actor.kind, role: p.role,
        basis: coalesce(p.basis, 'stated'), mention: p.mention}
      ORDER BY p.ordinal
    },
    sources: COLLECT {
      MATCH (e)-[r:REPORTED_IN]->(d:Document)
      RETURN {
        document: d.id, sentence: r.sentence, char_start: r.char_start,
        char_end: r.char_end, trigger_start: r.trigger_start, trigger_end: r.trigger_end,
        extractor: r.extractor
      }
      ORDER BY r.ordinal
    }
  }) AS events
}
CALL (count, undated_count, events) {
  OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
  RETURN coalesce(lock.writes, 0) AS after
}
RETURN before, after, kept, a.id AS actor_id, count, undated_count, events
