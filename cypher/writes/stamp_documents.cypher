// Change stamps (docs/consistency.md), run before documents/withdraw in the same transaction: mark
// as changed by the write transaction whose counter is $writes every actor taking part
// in an event these documents report (the event loses a source or goes) and both ends
// of every relation taken from them (the relation goes).
// Parameters: $writes (this transaction's write counter), $ids (document ids).
// Returns: stamped (count of actors stamped, with repeats).
CALL () {
  MATCH (a:Actor)-[:PARTICIPATED_IN]->(:Event)-[:REPORTED_IN]->(d:Document)
  WHERE d.id IN $ids
  SET a.changed = $writes
  RETURN count(a) AS participants
}
CALL () {
  MATCH (a:Actor)-[rel:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]-(:Actor)
  WHERE rel.document IN $ids
  SET a.changed = $writes
  RETURN count(a) AS ends
}
RETURN participants + ends AS stamped
