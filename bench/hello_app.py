"""The ceiling of bench/load: a hello-world FastAPI app, served by uvicorn as graphsvc is.

    .venv/bin/python -m uvicorn bench.hello_app:app --host 127.0.0.1 --port 8001

No store, no middleware, no logging: what one uvicorn worker and FastAPI's routing and
JSON response cost on this machine, measured by the same client as the real routes.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI(title="hello", openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/hello")
async def hello() -> dict[str, bool]:
    return {"ok": True}


def main() -> None:
    """`python -m bench.hello_app --port P --workers N`: N uvicorn workers on one socket,
    shared as `graphsvc serve --workers N` shares it (TCP_NODELAY set), so both sides of
    the comparison pay the same for several processes."""
    import argparse

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from graphsvc.http.server import shared_socket

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    config = uvicorn.Config(
        "bench.hello_app:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        log_level="warning",
    )
    Multiprocess(config, sockets=[shared_socket(config)]).run()


if __name__ == "__main__":
    main()
