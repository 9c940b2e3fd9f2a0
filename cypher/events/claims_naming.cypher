// Events whose claims (documents' differing accounts, one JSON text property) mention
// $needle, an actor id as JSON text with its quotes: an actor merge renames the actor
// there too. A scan of the events that have claims; merges are rare and by hand.
// Parameters: $needle (JSON string of an actor id, e.g. "\"person:x\"").
// Returns: id (event id), claims (the JSON text).
MATCH (e:Event)
WHERE e.claims IS NOT NULL AND e.claims CONTAINS $needle
RETURN e.id AS id, e.claims AS claims
