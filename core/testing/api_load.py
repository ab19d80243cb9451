"""Load harness for the gRPC API: an appliance-like server process and streaming client processes.

Used by the soak test (tests/rpc/test_soak.py) and ``benchmarks/api.py``; never by the product.

* ``serve``: starts :class:`ccedge.rpc.server.ApiServer` on loopback over real TLS, waits until
  the expected number of streams has subscribed, then publishes a replay of calls at a fixed
  rate on the bus for a fixed time, as the runtime would. Each ``call_updated`` event carries
  its publish time as ``t`` with ``wall = 0`` (the call's anchor at the epoch, so ``t`` is
  epoch seconds: a consistent reading of the event contract's time base). It samples its own
  RSS every second and prints one JSON line of figures at the end.
* ``clients``: N streaming consoles (one TLS connection each, ``WatchCalls``) in one process,
  each timing ``receive - t`` of every event; prints one JSON line of latencies.
* ``stall``: one console that opens a stream, reads one item and then stops itself (SIGSTOP):
  a frozen console whose TCP window fills.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from ccedge.core.bus import EventBus
from ccedge.core.events import CallEnded, CallStarted, CallUpdated, Party


def rss_mb(pid: int | None = None) -> float:
    for line in Path(f"/proc/{pid or os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def serve(data_dir: Path, rate: float, duration: float, streams: int, calls: int = 20,
                queue: int = 256) -> dict[str, Any]:
    from ccedge.rpc.server import ApiServer, ApiSettings

    bus = EventBus()
    server = ApiServer(bus, data_dir, ApiSettings(host="127.0.0.1", port=0, advertise=False,
                                                  stream_queue=queue), grace_s=0.5)
    port = await server.start()
    print(json.dumps({"port": port, "pid": os.getpid()}), flush=True)
    deadline = time.monotonic() + 60
    while server.ctx.streams < streams and time.monotonic() < deadline:  # noqa: ASYNC110 - polls a counter
        await asyncio.sleep(0.05)
    subscribed = server.ctx.streams
    for k in range(calls):
        await bus.publish(CallStarted(call_id=f"load-{k}", t=0.0, wall=0.0, source="load",
                                      parties=(Party("caller", "agent", f"ext {k}"),
                                               Party("callee", "customer", "…0000"))))
    rss: list[float] = []
    publish_max = 0.0
    published = 0
    start = time.monotonic()
    next_sample = start
    period = 1.0 / rate
    while (now := time.monotonic()) - start < duration:
        if now >= next_sample:
            rss.append(round(rss_mb(), 1))
            next_sample += 1.0
        e = CallUpdated(call_id=f"load-{published % calls}", t=time.time(), wall=0.0,
                        change="held" if published % 2 else "resumed", leg="caller", role="agent")
        t0 = time.perf_counter()
        await bus.publish(e)
        publish_max = max(publish_max, time.perf_counter() - t0)
        published += 1
        await asyncio.sleep(max(0.0, start + published * period - time.monotonic()))
    for k in range(calls):
        await bus.publish(CallEnded(call_id=f"load-{k}", t=time.time(), wall=0.0, reason="shutdown",
                                    duration_s=duration))
    await asyncio.sleep(0.5)
    lost = {s.name: s.lost_total for s in bus.subscribers}
    stats = {"published": published, "subscribed": subscribed, "rss_mb": rss,
             "publish_max_ms": round(publish_max * 1000, 3), "lost": lost,
             "queued_max": max((len(s) for s in bus.subscribers), default=0)}
    await server.stop()
    return stats


async def clients(bundle_path: Path, port: int, n: int, max_s: float) -> dict[str, Any]:
    import grpc

    from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
    from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
    from ccedge.rpc.client import channel

    async def one() -> tuple[list[float], int]:
        lat: list[float] = []
        lost = 0
        async with channel(bundle_path, address="127.0.0.1", port=port) as ch:
            stream = calls_grpc.CallsServiceStub(ch).WatchCalls(calls_pb.WatchCallsRequest(), timeout=max_s)
            try:
                async for item in stream:
                    kind = item.WhichOneof("item")
                    if kind == "updated":
                        lat.append(time.time() - item.updated.t)
                    elif kind == "events_lost":
                        lost += item.events_lost.count
                    elif kind == "ended" and item.ended.call_id == "load-0":
                        break
            except grpc.aio.AioRpcError:
                pass
        return lat, lost

    results = await asyncio.gather(*(one() for _ in range(n)))
    return {"latencies": [r[0] for r in results], "lost": [r[1] for r in results]}


async def stall(bundle_path: Path, port: int) -> None:
    from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
    from ccedge.rpc.api.calls.v1 import calls_service_pb2_grpc as calls_grpc
    from ccedge.rpc.client import channel

    # No BDP probing and a 64 KiB stream window, as on a slow link: the server's writes block
    # once the frozen console's window is full (with BDP the window can grow to megabytes on
    # loopback, and a frozen console would only be noticed later).
    async with channel(bundle_path, address="127.0.0.1", port=port,
                       options=[("grpc.http2.bdp_probe", 0), ("grpc.http2.lookahead_bytes", 65536)]) as ch:
        stream = calls_grpc.CallsServiceStub(ch).WatchCalls(calls_pb.WatchCallsRequest())
        await stream.read()
        print("stalled", flush=True)
        os.kill(os.getpid(), signal.SIGSTOP)  # frozen: reads nothing more until killed


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))]


def run_load(data_dir: Path, bundle: Path, n_clients: int, rate: float, duration: float,
             stalled: int = 1, procs: int = 1) -> dict[str, Any]:
    """Server process + ``procs`` client processes (``n_clients`` streams in all) + ``stalled``
    frozen consoles; the figures of all of them. Every child is ended by its own pid."""
    import subprocess

    py = [sys.executable, "-m", "ccedge.testing.api_load"]
    server = subprocess.Popen([*py, "serve", str(data_dir), str(rate), str(duration),
                               str(n_clients + stalled)], stdout=subprocess.PIPE, text=True)
    children: list[subprocess.Popen[str]] = []
    try:
        assert server.stdout is not None
        port = json.loads(server.stdout.readline())["port"]
        per = [n_clients // procs + (1 if i < n_clients % procs else 0) for i in range(procs)]
        children = [subprocess.Popen([*py, "clients", str(bundle), str(port), str(k), str(duration + 60)],
                                     stdout=subprocess.PIPE, text=True) for k in per if k]
        for _ in range(stalled):
            st = subprocess.Popen([*py, "stall", str(bundle), str(port)], stdout=subprocess.PIPE, text=True)
            children.append(st)
            assert st.stdout is not None and st.stdout.readline().strip() == "stalled"
        stats = json.loads(server.stdout.readline())
        server.wait(timeout=60)
        latencies: list[float] = []
        per_client: list[int] = []
        lost: list[int] = []
        for c in children[: len(children) - stalled]:
            out, _ = c.communicate(timeout=duration + 90)
            res = json.loads(out)
            for lat in res["latencies"]:
                latencies += lat
                per_client.append(len(lat))
            lost += res["lost"]
        stats.update(latencies=latencies, per_client=per_client, client_lost=lost,
                     p50_ms=percentile(latencies, 50) * 1000, p95_ms=percentile(latencies, 95) * 1000,
                     p99_ms=percentile(latencies, 99) * 1000)
        return stats
    finally:
        for proc in [server, *children]:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)


def main(argv: list[str]) -> int:
    verb = argv[0]
    if verb == "serve":
        stats = asyncio.run(serve(Path(argv[1]), float(argv[2]), float(argv[3]), int(argv[4])))
        print(json.dumps(stats), flush=True)
    elif verb == "clients":
        out = asyncio.run(clients(Path(argv[1]), int(argv[2]), int(argv[3]), float(argv[4])))
        print(json.dumps(out), flush=True)
    elif verb == "stall":
        asyncio.run(stall(Path(argv[1]), int(argv[2])))
    else:
        print(f"unknown verb {verb}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
