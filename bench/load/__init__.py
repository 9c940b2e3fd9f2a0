"""Load test of the HTTP API: read throughput and latency of `/timeline` and
`/actors/{id}/relations` on a store of synthetic events, without and with concurrent
writers, on both stores, against a hello-world FastAPI app measured in the same run.

    .venv/bin/python -m bench.load [--events 100000] [--seconds 20] [--stores embedded neo4j]
                                   [--readers 16] [--writers 2] [--batch-events 50]
                                   [--warmup 2] [--store-warmup 10] [--api-key KEY]
                                   [--client raw|httpx] [--workers 1] [--no-write]

For each store, the synthetic events of bench/synthetic.py are written straight into it
(embedded: `EmbeddedStore.write_batch` into a temporary data directory, in a subprocess;
neo4j: `Neo4jStore.write_batch` into the Neo4j of tests/neo4j/, started here unless
NEO4J_URI points at one, which it empties). Then the real server, `graphsvc serve`, runs
on it as a subprocess on 127.0.0.1, and so does `bench/hello_app.py` under uvicorn (one
worker each; `--workers N` gives both N, for the stateless Neo4j store only). An asyncio
client (one keep-alive connection a task on asyncio streams; `--client httpx` for
httpx.AsyncClient) runs reader tasks for a fixed time per phase, one scenario a phase;
in the writer phases, writer tasks POST /records batches at the same time, each batch's
events sharing one actor of their own, and a checker reads the timeline of batches in
flight and counts every answer that holds some but not all of a batch (a violation).
Before a store's first phase, each of its scenarios runs untimed for `--store-warmup`
seconds with the writers writing (servers in production are warm), and in a writer
phase the writers write through the phase's own warm-up too.
Every phase has a fixed duration; the servers are stopped on exit, Ctrl-C or error (and,
on Linux, when this process dies). Prints a table and writes it to docs/benchmarks.md.

One module a job: `config` (the run's settings and shared constants), `client` (HTTP
sessions), `cpu` (CPU time of the processes), `servers` (subprocess lifecycle),
`stores` (filling a store), `checker` (writers and the half-batch checker), `phases`
(one phase of the workload), `run` (one store's whole run), `measures` (what a phase
measured), `report` (tables and notes) and `__main__` (the command line).
"""
