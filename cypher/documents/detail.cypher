// One document for GET /documents/{id}: its fields, the events citing it in timeline
// order (each shaped as events/get shapes it), and the actors reporting them.
// Parameters: $id (a document id).
// Returns: document (map of the Document fields), events (list of event maps),
//          reporters ([{id, name, kind}]); no row when there is no such document.
MATCH (d:Document {id: $id})
RETURN d {
  .id, .title, .url, .published, .source, .language, .text_sha256, .ingested_at
} AS document,
COLLECT {
  MATCH (e:Event)-[:REPORTED_IN]->(d)
  WITH DISTINCT e
  ORDER BY e.start IS NULL, e.start, e.end IS NULL, e.end, e.id
  RETURN e {
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
      MATCH (e)-[r:REPORTED_IN]->(cited:Document)
      RETURN {
        document: cited.id, sentence: r.sentence, char_start: r.char_start,
        char_end: r.char_end, trigger_start: r.trigger_start, trigger_end: r.trigger_end,
        extractor: r.extractor
      }
      ORDER BY r.ordinal
    }
  }
} AS events,
COLLECT {
  MATCH (e:Event)-[:REPORTED_IN]->(d)
  MATCH (a:Actor {id: e.reported_by})
  RETURN DISTINCT {id: a.id, name: a.name, kind: a.kind}
} AS reporters
