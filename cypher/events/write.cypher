// Create or replace events and their edges in one pass (rows already merged with what
// was stored): the node by MERGE on the event_id constraint, the edges of a replaced
// event dropped, then its participations and sources created from the row itself, so a
// batch costs one statement per chunk instead of four. Undated events also carry the
// :Undated label, so stats/count reads their number from Neo4j's count store.
// Parameters: $rows: [{id, type, summary, confidence, factuality, reported_by, start,
//             end, precision, approximate, date_text, date_basis, anchor (ISO dates or
//             null), participants [{actor, role, ordinal}], sources [{document,
//             sentence, char_start, char_end, trigger_start, trigger_end, extractor,
//             ordinal}]}].
// Returns: written (count of events).
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e.type = row.type,
    e.summary = row.summary,
    e.confidence = row.confidence,
    e.factuality = row.factuality,
    e.reported_by = row.reported_by,
    e.start = date(row.start),
    e.end = date(row.end),
    e.precision = row.precision,
    e.approximate = row.approximate,
    e.date_text = row.date_text,
    e.date_basis = row.date_basis,
    e.date_anchor = date(row.anchor)
FOREACH (_ IN CASE WHEN row.start IS NULL THEN [1] ELSE [] END | SET e:Undated)
FOREACH (_ IN CASE WHEN row.start IS NULL THEN [] ELSE [1] END | REMOVE e:Undated)
WITH e, row
CALL (e) {
  MATCH (e)-[old:REPORTED_IN|PARTICIPATED_IN]-()
  DELETE old
}
CALL (e, row) {
  UNWIND row.participants AS p
  MATCH (a:Actor {id: p.actor})
  CREATE (a)-[:PARTICIPATED_IN {role: p.role, ordinal: p.ordinal}]->(e)
}
CALL (e, row) {
  UNWIND row.sources AS s
  MATCH (d:Document {id: s.document})
  CREATE (e)-[:REPORTED_IN {
    sentence: s.sentence,
    char_start: s.char_start,
    char_end: s.char_end,
    trigger_start: s.trigger_start,
    trigger_end: s.trigger_end,
    extractor: s.extractor,
    ordinal: s.ordinal
  }]->(d)
}
RETURN count(e) AS written
