// Documents matching a full-text query by title (index document_title), BM25; with a
// window, only those published in it.
// Parameters: $query (Lucene text built from escaped words, never raw input), $scan
//             (matches taken before the date filter), $since, $until (ISO dates or
//             null), $limit.
// Returns: score, document (map with the Document model's fields, native dates).
CALL db.index.fulltext.queryNodes('document_title', $query, {limit: $scan})
  YIELD node AS d, score
WITH d, score
WHERE ($since IS NULL OR d.published >= date($since))
  AND ($until IS NULL OR d.published <= date($until))
RETURN score, d {
  .id, .title, .url, .published, .source, .language, .text_sha256, .ingested_at
} AS document
ORDER BY score DESC, document.id
LIMIT $limit
