// Events matching a full-text query, by summary (index event_summary) and source
// sentence (index source_sentence): an event's score is its summary's BM25 plus its best
// sentence's, as the embedded store scores it (graphsvc.store.fulltext). Filters: types,
// a date window the event must overlap (undated events drop out), an actor taking part.
// Parameters: $query (Lucene text built from escaped words, never raw input), $scan
//             (matches per index taken before filters), $types (list, [] for all),
//             $since, $until (ISO dates or null), $actor (actor id or null), $limit.
// Returns: score, event (map shaped as events/get shapes it).
CALL () {
  CALL db.index.fulltext.queryNodes('event_summary', $query, {limit: $scan})
    YIELD node, score
  RETURN node AS e, score AS summary, 0.0 AS sentence
  UNION ALL
  CALL db.index.fulltext.queryRelationships('source_sentence', $query, {limit: $scan})
    YIELD relationship, score
  RETURN startNode(relationship) AS e, 0.0 AS summary, score AS sentence
}
WITH e, max(summary) + max(sentence) AS score
WHERE (size($types) = 0 OR e.type IN $types)
  AND ($since IS NULL OR e.end >= date($since))
  AND ($until IS NULL OR e.start <= date($until))
  AND ($actor IS NULL OR EXISTS { MATCH (:Actor {id: $actor})-[:PARTICIPATED_IN]->(e) })
WITH e, score
ORDER BY score DESC, e.id
LIMIT $limit
RETURN score, e {
  .id, .type, .summary, .confidence, .factuality, .reported_by,
  start: toString(e.start), end: toString(e.end),
  .precision, .approximate, .open_start, .date_text, .date_basis,
  participants: COLLECT {
    MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e)
    RETURN {actor: a.id, name: a.name, kind: a.kind, role: p.role,
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
} AS event
ORDER BY score DESC, event.id
