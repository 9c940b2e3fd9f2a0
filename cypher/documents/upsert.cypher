// Create or replace documents (rows already merged with what was stored).
// Parameters: $rows: [{id, title, url, published, source, language, text_sha256, ingested_at}].
// Returns: written (count).
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title,
    d.url = row.url,
    d.published = date(row.published),
    d.source = row.source,
    d.language = row.language,
    d.text_sha256 = row.text_sha256,
    d.ingested_at = datetime(row.ingested_at)
RETURN count(d) AS written
