// How many nodes and edges of each kind the graph holds (relations: the actor relation
// vocabulary, not same-as candidates).
// Parameters: none.
// Returns: documents, actors, events, undated_events, relations, participations, sources.
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () {
  MATCH (e:Event)
  RETURN count(e) AS events, count(CASE WHEN e.start IS NULL THEN 1 END) AS undated_events
}
CALL () {
  MATCH (:Actor)-[r:LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES]->(:Actor)
  RETURN count(r) AS relations
}
CALL () { MATCH (:Actor)-[p:PARTICIPATED_IN]->(:Event) RETURN count(p) AS participations }
CALL () { MATCH (:Event)-[s:REPORTED_IN]->(:Document) RETURN count(s) AS sources }
RETURN documents, actors, events, undated_events, relations, participations, sources
