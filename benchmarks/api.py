"""API benchmark: event fan-out latency (runtime event → console) with 1, 20 and 100 streaming consoles.

An appliance-like server process (``ccedge.testing.api_load serve``: the real ApiServer over
mutual TLS on loopback, fed by an EventBus as the runtime feeds it) publishes ``call_updated``
events at a fixed rate; consoles in separate processes (one TLS connection and one
``WatchCalls`` stream each) time ``receive - publish``. One extra console is frozen (SIGSTOP)
in every run: it must not delay the others. Beside it, the floor: the same events to N
in-process bus subscribers (what a console on the box itself would see, no gRPC, no TLS).

Target: p95 <= 50 ms at 20 consoles. "No effect on the pipeline": the time ``bus.publish``
takes (what the runtime pays per event) is reported as its maximum over the run.

    .venv/bin/python benchmarks/api.py             # 1, 20, 100 consoles, 30 s each (~2 min)
    .venv/bin/python benchmarks/api.py --smoke     # 1 and 5 consoles, 3 s each (CI)
Results: benchmarks/results/api.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ccedge.core.bus import EventBus
from ccedge.core.events import CallUpdated
from ccedge.firmware.provision import enroll, init_pki
from ccedge.testing.api_load import percentile, run_load

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "results" / "api.json"
TARGET_P95_MS = 50.0


async def bus_floor(n: int, rate: float, duration: float) -> dict[str, float]:
    """The same publish pattern into N in-process subscribers (no gRPC): the latency floor."""
    bus = EventBus()
    lat: list[float] = []

    async def reader() -> None:
        sub = bus.subscribe("floor", maxsize=256)
        async for e in sub:
            lat.append(time.time() - e.t)

    tasks = [asyncio.create_task(reader()) for _ in range(n)]
    await asyncio.sleep(0.05)
    start, sent = time.monotonic(), 0
    while time.monotonic() - start < duration:
        await bus.publish(CallUpdated(call_id="c", t=time.time(), wall=0.0, change="held"))
        sent += 1
        await asyncio.sleep(max(0.0, start + sent / rate - time.monotonic()))
    bus.close()
    await asyncio.gather(*tasks)
    return {"p50_ms": percentile(lat, 50) * 1000, "p95_ms": percentile(lat, 95) * 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="1 and 5 consoles, 3 s each")
    ap.add_argument("--clients", type=int, nargs="*", default=None)
    ap.add_argument("--rate", type=float, default=100.0, help="events per second")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per run")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts = args.clients or ([1, 5] if args.smoke else [1, 20, 100])
    duration = 3.0 if args.smoke else args.duration
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        init_pki(data)
        bundle = Path(tmp) / "supervisor.json"
        enroll(data, "bench", "supervisor", bundle, address="127.0.0.1")
        for n in counts:
            stats = run_load(data, bundle, n_clients=n, rate=args.rate, duration=duration, stalled=1,
                             procs=max(1, min(4, (n + 24) // 25)))
            floor = asyncio.run(bus_floor(n, args.rate, min(duration, 5.0)))
            complete = min(stats["per_client"] or [0]) == stats["published"]
            rows.append({
                "clients": n, "events": stats["published"], "p50_ms": round(stats["p50_ms"], 2),
                "p95_ms": round(stats["p95_ms"], 2), "p99_ms": round(stats["p99_ms"], 2),
                "all_delivered": complete, "reader_lost": sum(stats["client_lost"]),
                "frozen_lost": max(stats["lost"].values(), default=0),
                "publish_max_ms": stats["publish_max_ms"],
                "rss_growth_mb": round(stats["rss_mb"][-1] - stats["rss_mb"][len(stats["rss_mb"]) // 4], 1)
                if stats["rss_mb"] else 0.0,
                "bus_floor_p50_ms": round(floor["p50_ms"], 3), "bus_floor_p95_ms": round(floor["p95_ms"], 3),
            })
    print(f"{'consoles':>8} {'events':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'complete':>8} "
          f"{'frozen lost':>11} {'publish max ms':>14} {'RSS +MB':>7} {'bus p95 ms':>10}")
    for r in rows:
        done = "yes" if r["all_delivered"] else "NO"
        print(f"{r['clients']:>8} {r['events']:>7} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} "
              f"{r['p99_ms']:>8.2f} {done:>8} {r['frozen_lost']:>11} {r['publish_max_ms']:>14.3f} "
              f"{r['rss_growth_mb']:>7.1f} {r['bus_floor_p95_ms']:>10.3f}")
    at20 = next((r for r in rows if r["clients"] == 20), None)
    verdict = None if at20 is None else at20["p95_ms"] <= TARGET_P95_MS
    if verdict is not None:
        print(f"target p95 <= {TARGET_P95_MS:g} ms at 20 consoles: {'met' if verdict else 'NOT met'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "api", "smoke": args.smoke, "rate_per_s": args.rate, "duration_s": duration,
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "target_p95_ms_at_20": TARGET_P95_MS, "target_met": verdict, "rows": rows,
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
