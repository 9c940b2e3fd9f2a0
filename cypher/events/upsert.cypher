// Create or replace events (rows already merged with what was stored); start and end
// are native dates so Browser users can use Cypher's temporal functions.
// Parameters: $rows: [{id, type, summary, confidence, factuality, reported_by, start, end,
//             precision, approximate, date_text, date_basis, anchor}] (dates as ISO
//             strings or null).
// Returns: written (count).
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e.type = row.type,
    e.summary = row.summary,
    e.confidence = row.confidence,
    e.factuality = row.factuality,
    e.reported_by = row.reported_by,
    e.start = date(row.start),
    e.end = date(row.end),
    e.precision = row.precision,
    e.approximate = row.approximate,
    e.date_text = row.date_text,
    e.date_basis = row.date_basis,
    e.date_anchor = date(row.anchor)
RETURN count(e) AS written
