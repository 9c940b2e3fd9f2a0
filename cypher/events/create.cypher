// Create events that are not stored yet (the writer read the batch's ids under the write
// lock, so none of these exists): no MERGE, no old edges to drop, and the row carries
// only what is set. Rows are positional lists, fewer values to send and decode than maps
// with repeated keys. Undated events (no start) also get the :Undated label, so
// stats/count reads their number from Neo4j's count store. The event_id constraint
// still refuses a duplicate, which rolls the whole batch back.
// Parameters: $rows: [[props, start, end, anchor, participants, sources]] where props is
//             the event's node properties but dates {id, type, summary, confidence,
//             factuality, approximate, reported_by?, precision?, date_basis?,
//             date_text?, open_start? (true only), claims? (JSON text)} (absent keys are not stored), start, end
//             and anchor ISO dates or null, participants [[actor id, {role, ordinal,
//             basis, mention?}]] and sources
//             [[document id, {sentence, extractor, ordinal, char_start?, char_end?,
//             trigger_start?, trigger_end?}]].
// Returns: written (count of events).
UNWIND $rows AS row
CREATE (e:Event)
SET e = row[0],
    e.start = date(row[1]),
    e.end = date(row[2]),
    e.date_anchor = date(row[3])
FOREACH (_ IN CASE WHEN row[1] IS NULL THEN [1] ELSE [] END | SET e:Undated)
WITH e, row
CALL (e, row) {
  UNWIND row[4] AS p
  MATCH (a:Actor {id: p[0]})
  CREATE (a)-[took_part:PARTICIPATED_IN]->(e)
  SET took_part = p[1]
}
CALL (e, row) {
  UNWIND row[5] AS s
  MATCH (d:Document {id: s[0]})
  CREATE (e)-[r:REPORTED_IN]->(d)
  SET r = s[1]
}
RETURN count(e) AS written
