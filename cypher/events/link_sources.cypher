// Provenance: the sentence of a document that reports an event.
// Parameters: $rows: [{event, document, sentence, char_start, char_end, trigger_start,
//   trigger_end, extractor, ordinal}].
// Returns: written (count).
UNWIND $rows AS row
MATCH (e:Event {id: row.event})
MATCH (d:Document {id: row.document})
CREATE (e)-[r:REPORTED_IN {
  sentence: row.sentence,
  char_start: row.char_start,
  char_end: row.char_end,
  trigger_start: row.trigger_start,
  trigger_end: row.trigger_end,
  extractor: row.extractor,
  ordinal: row.ordinal
}]->(d)
RETURN count(r) AS written
