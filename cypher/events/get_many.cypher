// Stored events among $ids, with participants and sources in their stored order.
// Parameters: $ids (list of event ids).
// Returns: event (map: the Event fields with native dates, participants with the
//          actor's name and kind and how the link was found (basis, stated when an
//          edge written before basis existed has none; mention), sources with their
//          offsets).
MATCH (e:Event)
WHERE e.id IN $ids
RETURN e {
  .id, .type, .summary, .confidence, .factuality, .reported_by, .start, .end,
  .precision, .approximate, .open_start, .date_text, .date_basis, .claims,
  anchor: e.date_anchor,
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
