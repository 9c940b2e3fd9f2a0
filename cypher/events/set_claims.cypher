// Replace events' claims (documents' differing accounts, one JSON text property); a
// null removes the property.
// Parameters: $rows: [{id (event id), claims (JSON text or null)}].
// Returns: written (count of events).
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
SET e.claims = row.claims
RETURN count(e) AS written
