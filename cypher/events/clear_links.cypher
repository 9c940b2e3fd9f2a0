// Drop the participation and provenance edges of events about to be rewritten whole.
// Parameters: $ids (list of event ids).
// Returns: removed (count of edges).
MATCH (e:Event)-[r:REPORTED_IN|PARTICIPATED_IN]-()
WHERE e.id IN $ids
DELETE r
RETURN count(r) AS removed
