// Create or replace actor-to-actor relations, one per (source, type, target, document).
// Relationship types come from this fixed text: row.type only picks a branch, so no
// input ever becomes a type. '' stands for "no document" in the key.
// Parameters: $rows: [{source, type, target, document, since, until, sentence, role,
//             basis, since_precision, until_precision, current, stated_on,
//             char_start, char_end}].
// Returns: written (count of rows).
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'LEADER_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:LEADER_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'HEAD_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:HEAD_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'MEMBER_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:MEMBER_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:PART_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'ALLY_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:ALLY_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'OPPOSES' THEN [1] ELSE [] END |
  MERGE (s)-[r:OPPOSES {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'WORKS_FOR' THEN [1] ELSE [] END |
  MERGE (s)-[r:WORKS_FOR {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'FOUNDED' THEN [1] ELSE [] END |
  MERGE (s)-[r:FOUNDED {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'OWNS' THEN [1] ELSE [] END |
  MERGE (s)-[r:OWNS {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'SUBSIDIARY_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:SUBSIDIARY_OF {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'BASED_IN' THEN [1] ELSE [] END |
  MERGE (s)-[r:BASED_IN {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'LOCATED_IN' THEN [1] ELSE [] END |
  MERGE (s)-[r:LOCATED_IN {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'LIVES_IN' THEN [1] ELSE [] END |
  MERGE (s)-[r:LIVES_IN {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
FOREACH (_ IN CASE WHEN row.type = 'KILLED' THEN [1] ELSE [] END |
  MERGE (s)-[r:KILLED {document: row.document}]->(t)
  SET r.since = date(row.since), r.until = date(row.until), r.sentence = row.sentence,
      r.role = row.role, r.basis = row.basis, r.since_precision = row.since_precision,
      r.until_precision = row.until_precision, r.current = row.current,
      r.stated_on = date(row.stated_on), r.char_start = row.char_start,
      r.char_end = row.char_end)
RETURN count(row) AS written
