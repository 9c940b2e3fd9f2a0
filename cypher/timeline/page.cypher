// The timeline page over every event (no actor) in one statement: the count of
// matching events (counted, not collected), the page with each event whole (a top-k
// sort, not a sort of everything), and the write counter read before and after
// (writes/lock), so the consistency check costs no extra round trip. Same filters and
// order as timeline/page_for_actor, which starts from an actor.
// Parameters: $types, $bases, $factualities, $q (lower-case text or null), $document
//             (a document id or null: only events reported in it), $since,
//             $until (ISO dates or null), $undated (bool), $after ({start, end, id} or
//             null), $limit (page size + 1).
// Returns: before, after (the write counter around the read), count (all matching
//          events), undated_count (undated events matching type, text and factuality,
//          listed or not), events (the page, in order, each as events/get_many shapes it,
//          but start and end as ISO text: cheaper to decode than driver dates).
OPTIONAL MATCH (lock:WriteLock {id: 'graphsvc'})
WITH coalesce(lock.writes, 0) AS before
CALL (before) {
  MATCH (e:Event)
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
  RETURN count(e) AS count
}
CALL (count) {
  OPTIONAL MATCH (u:Undated)
  WHERE (size($types) = 0 OR u.type IN $types)
    AND coalesce(u.factuality, 'asserted') IN $factualities
    AND ($q IS NULL OR toLower(u.summary) CONTAINS $q)
    AND ($document IS NULL OR EXISTS { (u)-[:REPORTED_IN]->(:Document {id: $document}) })
  RETURN count(u) AS undated_count
}
CALL (count) {
  MATCH (e:Event)
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
  WHERE $after IS NULL
    OR sort_start > date($after.start)
    OR (sort_start = date($after.start) AND sort_end > date($after.end))
    OR (sort_start = date($after.start) AND sort_end = date($after.end) AND e.id > $after.id)
  WITH e ORDER BY sort_start, sort_end, e.id
  LIMIT $limit
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
RETURN before, after, count, undated_count, events
