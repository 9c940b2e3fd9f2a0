// How many nodes and edges of each kind the graph holds (relations: the actor relation
// vocabulary, not same-as candidates), each read from Neo4j's count store, so the
// statistics every write answers with cost the same at 10^6 events as at 10^3: undated
// events carry the :Undated label (events/write), and every edge type joins the same
// labels (PARTICIPATED_IN: Actor to Event, REPORTED_IN: Event to Document, relations:
// Actor to Actor), so counting by type alone counts the same edges.
// Parameters: none.
// Returns: documents, actors, events, undated_events, relations, participations, sources.
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH (e:Event) RETURN count(e) AS events }
CALL () { MATCH (e:Undated) RETURN count(e) AS undated_events }
CALL () { MATCH ()-[r:LEADER_OF]->() RETURN count(r) AS leader_of }
CALL () { MATCH ()-[r:HEAD_OF]->() RETURN count(r) AS head_of }
CALL () { MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS member_of }
CALL () { MATCH ()-[r:PART_OF]->() RETURN count(r) AS part_of }
CALL () { MATCH ()-[r:ALLY_OF]->() RETURN count(r) AS ally_of }
CALL () { MATCH ()-[r:OPPOSES]->() RETURN count(r) AS opposes }
CALL () { MATCH ()-[r:WORKS_FOR]->() RETURN count(r) AS works_for }
CALL () { MATCH ()-[r:FOUNDED]->() RETURN count(r) AS founded }
CALL () { MATCH ()-[r:OWNS]->() RETURN count(r) AS owns }
CALL () { MATCH ()-[r:SUBSIDIARY_OF]->() RETURN count(r) AS subsidiary_of }
CALL () { MATCH ()-[r:BASED_IN]->() RETURN count(r) AS based_in }
CALL () { MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS located_in }
CALL () { MATCH ()-[r:LIVES_IN]->() RETURN count(r) AS lives_in }
CALL () { MATCH ()-[r:KILLED]->() RETURN count(r) AS killed }
CALL () { MATCH ()-[p:PARTICIPATED_IN]->() RETURN count(p) AS participations }
CALL () { MATCH ()-[s:REPORTED_IN]->() RETURN count(s) AS sources }
RETURN documents, actors, events, undated_events,
       leader_of + head_of + member_of + part_of + ally_of + opposes
         + works_for + founded + owns + subsidiary_of + based_in + located_in + lives_in + killed AS relations,
       participations, sources
