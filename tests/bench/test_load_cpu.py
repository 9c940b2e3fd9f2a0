"""bench.load's CPU columns: the client's is its own process only. The servers (and a
Neo4j started by the bench) are its child processes; counted under the client too,
their CPU showed twice, once as the client's."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

from bench.load.cpu import CpuMeter

SPIN = (
    "import time\n"
    "t = time.process_time()\n"
    "while time.process_time() - t < 0.5: pass\n"
    "print('spun', flush=True)\n"
    "time.sleep(60)\n"
)


def test_the_client_column_leaves_out_its_child_processes() -> None:
    child = subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE, text=True)
    try:
        meter = CpuMeter({"client": os.getpid(), "server": child.pid})
        meter.start()
        started = time.perf_counter()
        assert child.stdout is not None and child.stdout.readline() == "spun\n"
        usage = meter.stop(time.perf_counter() - started)
        spun = psutil.Process(child.pid).cpu_times()
    finally:
        child.kill()
        child.wait()
    server, client = usage["server"], usage["client"]
    assert server is not None and client is not None
    assert spun.user + spun.system >= 0.5
    # The child spun for half a second of CPU while this process waited on its pipe.
    assert server > 2 * client, usage
