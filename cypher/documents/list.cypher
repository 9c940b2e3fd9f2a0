// Stored documents for GET /documents: newest first by publication date (undated
// last), then by id; filtered by publication date (an undated document only while no
// bound is asked) and by text in the title; the page after $after, each with how many
// events cite it.
// Parameters: $since, $until (ISO dates or null), $q (lower-case text or null),
//             $after ({published (ISO date or null), id} or null), $limit (page size + 1).
// Returns: total (documents matching the filters), items ([{id, title, url, published,
//          source, language, ingested_at, events}], in order).
MATCH (d:Document)
WHERE ($q IS NULL OR toLower(coalesce(d.title, '')) CONTAINS $q)
  AND CASE
    WHEN $since IS NULL AND $until IS NULL THEN true
    ELSE d.published IS NOT NULL
      AND ($since IS NULL OR d.published >= date($since))
      AND ($until IS NULL OR d.published <= date($until))
  END
WITH d
ORDER BY d.published IS NULL, d.published DESC, d.id
WITH collect(d) AS matched
CALL (matched) {
  UNWIND matched AS d
  WITH d
  WHERE $after IS NULL
    OR CASE
      WHEN $after.published IS NULL THEN d.published IS NULL AND d.id > $after.id
      ELSE d.published IS NULL
        OR d.published < date($after.published)
        OR (d.published = date($after.published) AND d.id > $after.id)
    END
  WITH d
  LIMIT $limit
  RETURN collect(d {
    .id, .title, .url, .published, .source, .language, .ingested_at,
    events: COUNT { MATCH (e:Event)-[:REPORTED_IN]->(d) RETURN DISTINCT e }
  }) AS items
}
RETURN size(matched) AS total, items
