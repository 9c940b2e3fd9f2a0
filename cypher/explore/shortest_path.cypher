// The shortest path between two actors, through the events they took part in and
// their relations (documents are not followed). Shows as a graph in Neo4j Browser.
// Parameters (Neo4j Browser): :param source => 'person:igor-sergun'
//                             :param target => 'person:bashar-al-assad'
// Returns: path, hops.
MATCH (s:Actor {id: $source}), (t:Actor {id: $target})
MATCH path = shortestPath(
  (s)-[:PARTICIPATED_IN|LEADER_OF|HEAD_OF|MEMBER_OF|PART_OF|ALLY_OF|OPPOSES|WORKS_FOR|FOUNDED|OWNS|SUBSIDIARY_OF|BASED_IN|LOCATED_IN|LIVES_IN|KILLED*..6]-(t)
)
RETURN path, length(path) AS hops
