// How many nodes and edges of each kind the graph holds, by scanning events and
// relations: the statistics query before issue 16, kept for the writer of that time
// in bench/neo4j_load.py (stats/count reads the count store instead).
// Parameters: none.
// Returns: documents, actors, events, undated_events, relations, participations, sources.
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () {
  MATCH (e:Event)
  RETURN count(e) AS events, count(CASE WHEN e.start IS NULL THEN 1 END) AS undated_events
}
CALL () {
  MATCH (:Actor)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED]->(:Actor)
  RETURN count(r) AS relations
}
CALL () { MATCH (:Actor)-[p:PARTICIPATED_IN]->(:Event) RETURN count(p) AS participations }
CALL () { MATCH (:Event)-[s:REPORTED_IN]->(:Document) RETURN count(s) AS sources }
RETURN documents, actors, events, undated_events, relations, participations, sources
