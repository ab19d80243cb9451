"""Appliance benchmark: N generated concurrent calls replayed in real time through the whole chain.

Ours: ``ccedge run --replay CAPTURE --exit-when-done --events - --wav-dir DIR`` (capture → tap →
VAD/DTMF → speech workers → redaction with hold-back → sinks and events), the capture played at
its own recorded pace. The peer, in the same run on the same calls: WhisperLive (faster-whisper
backend, the same tiny.en CTranslate2 weights, one streaming websocket client per leg; see
``appliance_peer.py``). Calls: ``appliance_calls.py`` (two legs, turn-taking, a card payment in
every third call, the neural piper voice).

For each N the run reports: packets lost, p50/p95/max latency from utterance end to its
``utterance`` event (ours: the VAD utterance's end on the capture clock, mapped to the replay's
wall clock; both sides also: spoken turn end → first output reaching it), hold-back lag,
CPU per call, peak resident memory (RSS and PSS) of the whole process tree. A system holds N
when it loses no packet and its p95 is <= 2 s; the search goes up the list of N and stops at
the first N that fails.

    .venv/bin/python benchmarks/appliance.py                     # the search (about 15 minutes)
    .venv/bin/python benchmarks/appliance.py --calls 40 --no-peer
    .venv/bin/python benchmarks/appliance.py --smoke             # 2 calls, ~20 s, ours only (CI)
Results: benchmarks/results/appliance.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import appliance_calls as calls_mod
import appliance_peer as peer
from proctree import TreeSampler, busy_cores, load_average

from ccedge.core.simulate import EPOCH

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "results" / "appliance.json"
CACHE = REPO / "benchmarks" / "results" / "cache" / "appliance"
P95_TARGET_S = 2.0
EXIT_GRACE_S = 30.0  # --exit-when-done: longest wait for the exit after the last call ended
REACH_S = 0.5  # an output "reaches" a turn when it covers up to this close to the turn's end
# One single-threaded whisper.cpp worker per core: the speech benchmark's measured best on this box
# (README, "Transcription"); the rest of the configuration is the appliance's defaults.
CONFIG = """\
[speech]
workers = 2
threads = 1
model = "{model}"
"""


def _pcts(xs: list[float]) -> dict[str, float]:
    if not xs:
        return {"p50_s": float("inf"), "p95_s": float("inf"), "max_s": float("inf"), "n": 0}
    a = np.asarray(xs)
    return {"p50_s": float(np.percentile(a, 50)), "p95_s": float(np.percentile(a, 95)),
            "max_s": float(a.max()), "n": len(xs)}


class Workload:
    """One scenario of ``n`` calls: its capture, ground truth and turn ends."""

    def __init__(self, n: int, seconds: float, cache: calls_mod.PhraseCache, seed: int = 1) -> None:
        self.n = n
        self.sc = calls_mod.scenario(n, seconds, cache, seed=seed)
        CACHE.mkdir(parents=True, exist_ok=True)
        self.capture = CACHE / f"calls-{n}x{seconds:g}s-s{seed}.pcap"
        truth = self.capture.with_suffix(".json")
        self.truths = calls_mod.write(self.sc, self.capture, cache)  # a few seconds; always fresh
        truth.write_text(json.dumps([t.to_json() for t in self.truths]))
        self.start = {c.call_id: c.start for c in self.sc.calls}
        self.turns = calls_mod.turn_ends(self.truths, self.sc.calls)
        self.packets = sum(sum(t.packets.values()) for t in self.truths)
        self.span_s = max(c.start + t.end_t for c, t in zip(self.sc.calls, self.truths, strict=True))
        paying = {text for _, text in calls_mod.PAYMENT}
        self.payment: dict[str, tuple[float, float]] = {}  # call -> (first, last) payment turn times
        for t in self.truths:
            spans = [(x.t0, x.t1) for x in t.turns if x.text in paying]
            if spans:
                self.payment[t.call_id] = (spans[0][0], spans[-1][1])

    def in_payment(self, call_id: str, start_s: float, end_s: float) -> bool:
        """The utterance lies inside the call's payment dialogue (card number to confirmation)."""
        span = self.payment.get(call_id)
        return span is not None and start_s < span[1] and end_s > span[0]


# ------------------------------------------------------------------------------------------ ours
def run_ours(
    w: Workload, ccedge: str, extra: list[str], timeout_s: float, speech: Sequence[str] = (),
    vad: Sequence[str] = (),
) -> dict[str, Any]:
    events: list[tuple[float, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="ccedge-bench-") as tmp:
        conf = Path(tmp) / "ccedge.toml"
        from ccedge.core.speech.build import default_model_path

        # lines appended to the [speech] table; one naming a key of CONFIG replaces its line
        given = {x.split("=")[0].strip() for x in speech}
        base = [ln for ln in CONFIG.format(model=default_model_path("q8_0").resolve()).splitlines()
                if ln.split("=")[0].strip() not in given]
        conf.write_text("".join(f"{x}\n" for x in [*base, *speech, *(["[vad]", *vad] if vad else [])]))
        cmd = [ccedge, "run", "--config", str(conf), "--replay", str(w.capture), "--exit-when-done",
               "--events", "-", "--data-dir", f"{tmp}/data", "--wav-dir", f"{tmp}/wav", *extra]
        err = open(f"{tmp}/stderr", "w+")
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1,
                                start_new_session=True)  # its own group: a hung run is killed whole
        sampler = TreeSampler(proc.pid, every_s=1.0)
        first = threading.Event()

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                now = time.time()
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                if e.get("type") == "call_started" and not first.is_set():
                    first.set()
                events.append((now, e))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        sampler.start()
        first.wait(60.0)
        sampler.rebase()  # start-up (imports, model load) is not the calls' cost
        t_first = time.time()
        deadline = time.monotonic() + timeout_s
        all_ended: float | None = None
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
            ended = sum(1 for _, e in list(events) if e.get("type") == "call_ended")
            if ended >= w.n and all_ended is None:
                all_ended = time.monotonic()
            if all_ended is not None and time.monotonic() - all_ended > EXIT_GRACE_S:
                break  # every call is over but the process has not exited: counted as a failure
        try:
            rc = proc.wait(0.1)
        except subprocess.TimeoutExpired:
            proc.terminate()  # SIGTERM drains
            try:
                rc = proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                rc = proc.wait(10)
        run_end = time.time()
        tree = sampler.stop()
        reader.join(10.0)
        err.seek(0)
        stderr = err.read()[-2000:]
        err.close()
    last_end = max((at for at, e in events if e.get("type") == "call_ended"), default=run_end)
    return measure_ours(w, events, rc, stderr, tree, max(1.0, min(run_end, last_end) - t_first), run_end)


def measure_ours(w: Workload, events: list[tuple[float, dict[str, Any]]], rc: int, stderr: str,
                 tree: Any, wall_s: float, run_end: float) -> dict[str, Any]:
    started = {e["call_id"]: at for at, e in events if e.get("type") == "call_started"}
    ours = [cid for cid in started if cid in w.start]
    # the replay's clock: capture time + offset; the INVITE's event is the earliest sign of it
    offset = min((started[cid] - (EPOCH + w.start[cid]) for cid in ours), default=0.0)
    # The first version of each utterance is when a supervisor reads it: a live first version
    # (``final`` false: numbers that could still grow read [NUMBER]) or the only, final one.
    first: dict[tuple[str, str, float], tuple[float, dict[str, Any]]] = {}
    for at, e in events:
        if e.get("type") == "utterance" and e.get("call_id") in w.start:
            first.setdefault((e["call_id"], e["leg"], float(e["start_s"])), (at, e))
    utts = sorted(first.values(), key=lambda x: x[0])
    lat = [at - (offset + EPOCH + w.start[e["call_id"]] + float(e["end_s"])) for at, e in utts]
    paying = [w.in_payment(e["call_id"], float(e["start_s"]), float(e["end_s"])) for _, e in utts]
    by_leg: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for at, e in utts:
        by_leg.setdefault((e["call_id"], e["leg"]), []).append((at, float(e["start_s"]), float(e["end_s"])))
    turn_lat, unreached = [], 0
    for cid, leg, t1, cap_end in w.turns:
        sent = offset + cap_end
        hit = [at for at, s, e in by_leg.get((cid, leg), []) if e >= t1 - REACH_S and s <= t1]
        if hit:
            turn_lat.append(max(0.0, min(hit) - sent))
        else:
            unreached += 1
            turn_lat.append(max(0.0, run_end - sent))
    health = [e for _, e in events if e.get("type") == "health"]
    last = health[-1] if health else {}
    order_ok = _order_ok(events, w)
    ended = {e["call_id"] for _, e in events if e.get("type") == "call_ended"}
    return {
        "calls": w.n, "exit_code": rc, "stderr_tail": stderr if rc else "",
        "calls_started": len(ours), "calls_ended": len(ended & set(w.start)), "order_ok": order_ok,
        "utterances": len(utts), "latency": _pcts(lat), "turn_latency": _pcts(turn_lat),
        "latency_outside_payment": _pcts([x for x, p in zip(lat, paying, strict=True) if not p]),
        "latency_in_payment": _pcts([x for x, p in zip(lat, paying, strict=True) if p]),
        "turns": len(w.turns), "turns_unreached": unreached,
        "packets_capture": w.packets, "packets_seen": int(last.get("packets", 0)),
        "drops": int(max((h.get("drops", 0) for h in health), default=0)),
        "speech_shed": int(max((h.get("speech_shed", 0) for h in health), default=0)),
        "speech_lag_max_s": float(max((h.get("speech_lag_s", 0.0) for h in health), default=0.0)),
        "holdback_lag_max_s": float(max((h.get("holdback_lag_s", 0.0) for h in health), default=0.0)),
        "masked_lag_s": float(max((h.get("masked_lag_s", 0.0) for h in health), default=0.0)),
        "restarts": last.get("restarts", {}),
        "wall_s": wall_s, "cpu_s": tree.cpu_s, "processes": tree.processes,
        "cpu_cores_by_process": {k: v / max(wall_s, 1e-9) for k, v in sorted(tree.cpu_by_role().items())},
        "cpu_cores": tree.cpu_s / wall_s if wall_s else 0.0,
        "cpu_pct_per_call": 100.0 * tree.cpu_s / wall_s / w.n if wall_s else 0.0,
        "peak_rss_mb": tree.peak_rss_mb, "peak_pss_mb": tree.peak_pss_mb,
    }  # fmt: skip


def _order_ok(events: list[tuple[float, dict[str, Any]]], w: Workload) -> bool:
    """Every call: call_started before its first utterance, call_ended after its last."""
    seen: dict[str, str] = {}
    for _, e in events:
        cid = str(e.get("call_id"))
        if cid not in w.start:
            continue
        t = e.get("type")
        state = seen.get(cid, "")
        if t == "call_started":
            if state:
                return False
            seen[cid] = "open"
        elif t == "call_ended":
            if state != "open":
                return False
            seen[cid] = "ended"
        elif t in ("utterance", "dtmf") and state != "open":
            return False
    return len(seen) == w.n and all(s == "ended" for s in seen.values())


def holds_ours(r: dict[str, Any], key: str = "latency_outside_payment") -> bool:
    """No packet lost, every call started and ended, p95 of ``key`` within the target.

    The search goes by live speech outside payment dialogues: redaction holds a payment's
    utterances until the card number can no longer grow (fail-closed, by design), which no
    amount of CPU shortens; ``latency`` (every utterance) is judged beside it."""
    lost = r["drops"] > 0 or (r["packets_seen"] and r["packets_seen"] < r["packets_capture"])
    return (not lost and r["calls_started"] == r["calls_ended"] == r["calls"]
            and r[key]["p95_s"] <= P95_TARGET_S)


# ------------------------------------------------------------------------------------------ peer
def run_peer(w: Workload, cache: calls_mod.PhraseCache, drain_s: float = 10.0) -> dict[str, Any]:
    import soxr

    legs: list[peer.Leg] = []
    ends: list[tuple[int, float]] = []
    for call, truth in zip(w.sc.calls, w.truths, strict=True):
        audio = calls_mod.leg_audio(call, truth, cache)
        for name in ("caller", "callee"):
            x = soxr.resample(audio[name].astype(np.float32) / 32768.0, 8000, 16000).astype(np.float32)
            legs.append(peer.Leg((truth.call_id, name), call.start + truth.answer_t, x))
            ends.extend((len(legs) - 1, t.t1 - truth.answer_t) for t in truth.turns
                        if t.leg == name and t.kind == "speech")
    server = peer.Server(max_clients=len(legs))
    try:
        peer.connect(legs, server.port, peer.model_dir())
        sampler = TreeSampler(server.proc.pid, every_s=1.0).start()
        t0 = peer.stream(legs, drain_s)
        run_end = time.time()
        tree = sampler.stop()
    finally:
        server.stop()
    lat = [peer.turn_latency(legs[i], e, run_end) for i, e in ends]
    wall = run_end - t0
    return {
        "turns": len(lat), "turns_unreached": sum(1 for _, ok in lat if not ok),
        "turn_latency": _pcts([x for x, _ in lat]), "errors": sorted({g.error for g in legs if g.error}),
        "wall_s": wall, "cpu_s": tree.cpu_s, "cpu_cores": tree.cpu_s / wall,
        "cpu_pct_per_call": 100.0 * tree.cpu_s / wall / w.n,
        "peak_rss_mb": tree.peak_rss_mb, "peak_pss_mb": tree.peak_pss_mb,
    }  # fmt: skip


def holds_peer(r: dict[str, Any]) -> bool:
    return r["turn_latency"]["p95_s"] <= P95_TARGET_S


# ------------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="2 calls, ~20 s, ours only (CI)")
    ap.add_argument("--calls", default="10,20,30,40,48", help="N to try for ours, ascending")
    ap.add_argument("--peer-calls", default="1,2,3,4,6,8", help="N for WhisperLive, ascending (0: none)")
    ap.add_argument("--seconds", type=float, default=60.0, help="length of each call")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-stop", action="store_true", help="try every N even after one fails")
    ap.add_argument("--ccedge", default=str(Path(sys.executable).with_name("ccedge")))
    ap.add_argument("--run-arg", action="append", default=[], help="extra argument for ccedge run")
    ap.add_argument("--speech", action="append", default=[], help="extra [speech] line: pack_wait_s = 0.5")
    ap.add_argument("--vad", action="append", default=[], help="[vad] line: max_utterance_s = 15")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.smoke:
        args.calls, args.seconds, args.no_peer = "2", 15.0, True
    ns = [n for x in args.calls.split(",") if x and (n := int(x)) > 0]
    peer_ns = [] if args.no_peer else [n for x in args.peer_calls.split(",") if x and (n := int(x)) > 0]
    if peer_ns and (why := peer.available()):
        print(f"WhisperLive skipped: {why}", file=sys.stderr)
        peer_ns = []
    cache = calls_mod.PhraseCache(CACHE / "phrases")
    for p in calls_mod.all_phrases():
        cache.speak(p)
    quiet = {"busy_cores_before": busy_cores(), "load_average_before": load_average()}
    print(f"machine before the runs: {quiet}", file=sys.stderr)
    result: dict[str, Any] = {"cores": os.cpu_count(), "seconds_per_call": args.seconds, "quiet": quiet,
                              "p95_target_s": P95_TARGET_S, "ours": [], "peer": []}
    for n in ns:
        w = Workload(n, args.seconds, cache)
        r = run_ours(w, args.ccedge, args.run_arg, timeout_s=w.span_s + 180, speech=args.speech,
                     vad=args.vad)
        r["holds"] = holds_ours(r)
        r["holds_every_utterance"] = holds_ours(r, "latency")
        result["ours"].append(r)
        print(row("ccedge", r), file=sys.stderr)
        if not r["holds"] and not args.no_stop:
            break
    for n in peer_ns:
        w = Workload(n, args.seconds, cache)
        r = run_peer(w, cache)
        r |= {"calls": n, "holds": holds_peer(r)}
        result["peer"].append(r)
        print(row("WhisperLive", r), file=sys.stderr)
        if not r["holds"] and not args.no_stop:
            break
    result["quiet"]["load_average_after"] = load_average()
    best = max((r["calls"] for r in result["ours"] if r["holds"]), default=0)
    best_peer = max((r["calls"] for r in result["peer"] if r["holds"]), default=0)
    every = max((r["calls"] for r in result["ours"] if r["holds_every_utterance"]), default=0)
    result["summary"] = {"ccedge_max_calls": best, "ccedge_max_calls_every_utterance": every,
                         "whisperlive_max_calls": best_peer if peer_ns else None}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(table(result))
    return 0


def row(name: str, r: dict[str, Any]) -> str:
    lat = r.get("latency", r["turn_latency"])
    tl = r["turn_latency"]

    def p95(key: str) -> str:
        return f"{r[key]['p95_s']:.2f}" if key in r and r[key]["n"] else "–"

    hold = f"{r['holdback_lag_max_s']:.2f}" if "holdback_lag_max_s" in r else "–"
    lost = r.get("drops", "–")
    if "exit_code" in r and r["exit_code"] != 0:
        lost = f"{lost} (exit {r['exit_code']})"
    return (f"| {name} | {r['calls']} | {'yes' if r['holds'] else 'no'} | {lost} | {lat['p50_s']:.2f} | "
            f"{lat['p95_s']:.2f} | {lat['max_s']:.2f} | {p95('latency_outside_payment')} | "
            f"{p95('latency_in_payment')} | {tl['p95_s']:.2f} | {hold} | "
            f"{r['cpu_pct_per_call']:.1f} | {r['peak_rss_mb']:.0f} / {r['peak_pss_mb']:.0f} |")


def table(result: dict[str, Any]) -> str:
    lines = ["| system | calls | holds | packets lost | p50 s | p95 s | max s | p95 outside payment s | "
             "p95 in payment s | turn-end p95 s | hold-back lag s | CPU % of a core per call | "
             "tree RSS / PSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    lines += [row("ccedge", r) for r in result["ours"]] + [row("WhisperLive", r) for r in result["peer"]]
    for r in result["ours"]:  # the process model, measured: where the cores went
        parts = ", ".join(f"{k} {v:.2f}" for k, v in r.get("cpu_cores_by_process", {}).items())
        lines.append(f"\nccedge, {r['calls']} calls, cores by process: {parts or '–'}")
    lines.append(f"\nsummary: {json.dumps(result.get('summary'))}; machine: {json.dumps(result['quiet'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
