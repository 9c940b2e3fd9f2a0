"""Hard ceilings of the API, below which settings may set lower ones.

Kept apart from the store and the settings so both can import them without a cycle.
"""

#: Items a page may hold (`limit`); GRAPHSVC_MAX_PAGE_SIZE may lower it.
MAX_LIMIT = 1000
#: Edges a path may have (`max_hops`); GRAPHSVC_MAX_HOPS may lower it.
MAX_HOPS = 6
#: Characters a POST /cypher query may have; GRAPHSVC_CYPHER_MAX_QUERY_CHARS may lower it.
MAX_CYPHER_QUERY_CHARS = 1_000_000
