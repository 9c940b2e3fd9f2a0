// Create or replace actor-to-actor relations, one per (source, type, target, document).
// Relationship types come from this fixed text: row.type only picks a branch, so no
// input ever becomes a type. '' stands for "no document" in the key.
// Parameters: $rows: [{source, type, target, document, since, until, sentence}].
// Returns: written (count of rows).
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'LEADER_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:LEADER_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
FOREACH (_ IN CASE WHEN row.type = 'HEAD_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:HEAD_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
FOREACH (_ IN CASE WHEN row.type = 'MEMBER_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:MEMBER_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:PART_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
FOREACH (_ IN CASE WHEN row.type = 'ALLY_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:ALLY_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
FOREACH (_ IN CASE WHEN row.type = 'OPPOSES' THEN [1] ELSE [] END |
  MERGE (s)-[r:OPPOSES {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence)
RETURN count(row) AS written
