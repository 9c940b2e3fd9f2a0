// The sources that report an event: each document with the sentence and its offsets.
// Parameters (Neo4j Browser): :param event_id => 'event:putin-asks-assad-to-step-down'
// Returns: document, title, published, source, sentence, char_start, char_end.
MATCH (e:Event {id: $event_id})-[r:REPORTED_IN]->(d:Document)
RETURN d.id AS document, d.title AS title, d.published AS published, d.source AS source,
       r.sentence AS sentence, r.char_start AS char_start, r.char_end AS char_end
ORDER BY r.ordinal
