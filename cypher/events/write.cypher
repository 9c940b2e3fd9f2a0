// Create or update stored events and their edges in one pass (rows already merged with
// what was stored): the node by MERGE on the event_id constraint, then its edges made
// to match the row. An edge whose properties are unchanged is kept, one the row no
// longer has is deleted, a new one is created. Merged sources only ever grow, so a
// reader never sees an event's sources shrink while a batch commits (read-committed
// reads can see part of a commit: deleting and recreating every edge let one see 4 of
// 24 sources). Undated events also carry the :Undated label, so stats/count reads
// their number from Neo4j's count store.
// Parameters: $rows: [{id, type, summary, confidence, factuality, reported_by, start,
//             end, precision, approximate, open_start (true or null: no property),
//             date_text, date_basis, anchor (ISO dates or null), claims (JSON text of documents' differing accounts, or null),
//             participants [{actor, props {role, ordinal, basis, mention?}}], sources
//             [{document,
//             props {sentence, extractor, ordinal, and char_start, char_end,
//             trigger_start, trigger_end when set}}]}]: edge properties without nulls,
//             as Neo4j stores them.
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
    e.open_start = row.open_start,
    e.date_text = row.date_text,
    e.date_basis = row.date_basis,
    e.date_anchor = date(row.anchor),
    e.claims = row.claims
FOREACH (_ IN CASE WHEN row.start IS NULL THEN [1] ELSE [] END | SET e:Undated)
FOREACH (_ IN CASE WHEN row.start IS NULL THEN [] ELSE [1] END | REMOVE e:Undated)
WITH e, row
CALL (e, row) {
  MATCH (e)<-[old:PARTICIPATED_IN]-(a:Actor)
  WHERE NOT {actor: a.id, props: properties(old)} IN row.participants
  DELETE old
}
CALL (e, row) {
  MATCH (e)-[old:REPORTED_IN]->(d:Document)
  WHERE NOT {document: d.id, props: properties(old)} IN row.sources
  DELETE old
}
CALL (e, row) {
  UNWIND row.participants AS p
  MATCH (a:Actor {id: p.actor})
  WHERE NOT EXISTS { MATCH (a)-[kept:PARTICIPATED_IN]->(e) WHERE properties(kept) = p.props }
  CREATE (a)-[took_part:PARTICIPATED_IN]->(e)
  SET took_part = p.props
}
CALL (e, row) {
  UNWIND row.sources AS s
  MATCH (d:Document {id: s.document})
  WHERE NOT EXISTS { MATCH (e)-[kept:REPORTED_IN]->(d) WHERE properties(kept) = s.props }
  CREATE (e)-[reported:REPORTED_IN]->(d)
  SET reported = s.props
}
RETURN count(e) AS written
