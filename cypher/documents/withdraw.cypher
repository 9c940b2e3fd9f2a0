// Withdraw what earlier versions of documents contributed: their REPORTED_IN edges go,
// events left without any source go, and relations taken from them go.
// Parameters: $ids (document ids).
// Returns: withdrawn (count of provenance edges removed).
MATCH (d:Document)<-[r:REPORTED_IN]-(e:Event)
WHERE d.id IN $ids
DELETE r
WITH collect(DISTINCT e) AS touched, count(r) AS withdrawn
CALL (touched) {
  UNWIND touched AS e
  WITH e
  WHERE NOT EXISTS { (e)-[:REPORTED_IN]->(:Document) }
  DETACH DELETE e
}
CALL () {
  MATCH (:Actor)-[rel:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]->(:Actor)
  WHERE rel.document IN $ids
  DELETE rel
}
RETURN withdrawn
