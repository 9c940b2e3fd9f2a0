// Stored documents among $ids, so a reload keeps the first ingested_at.
// Parameters: $ids (list of document ids).
// Returns: document (map with the Document model's fields, native dates).
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d {
  .id, .title, .url, .published, .source, .language, .text_sha256, .ingested_at
} AS document
