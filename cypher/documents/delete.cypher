// Delete a document, after documents/withdraw took its sources and relations.
// Parameters: $id (a document id).
// Returns: deleted (count of documents deleted: 0 or 1).
MATCH (d:Document {id: $id})
DETACH DELETE d
RETURN count(*) AS deleted
