// One event by id, shaped as events/get_many shapes it (start and end as ISO text, as
// the timeline statements send them), with the documents its sources cite.
// Parameters: $id (an event id).
// Returns: event (map, or no row when there is no such event), documents (list of
//          {id, title, url, published}, in the order first cited).
MATCH (e:Event {id: $id})
RETURN e {
  .id, .type, .summary, .confidence, .factuality, .reported_by,
  start: toString(e.start), end: toString(e.end),
  .precision, .approximate, .open_start, .date_text, .date_basis, .claims,
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
} AS event,
COLLECT {
  MATCH (e)-[r:REPORTED_IN]->(d:Document)
  WITH d, min(r.ordinal) AS first
  RETURN {id: d.id, title: d.title, url: d.url, published: toString(d.published)}
  ORDER BY first, d.id
} AS documents
