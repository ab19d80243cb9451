"""Guidance benchmark: precision/recall per rule kind and prompt latency under 40 live calls.

Sets (the labelled scripted calls of ``ccedge.testing.guidance_calls``; every call's expected
status per rule follows from its script):
  * clean scripts (the text as written, estimated times) -- always;
  * the same calls rendered as G.711 RTP with espeak-ng and with the piper voice and transcribed
    by the real speech engine (``ccedge transcribe CAPTURE --json``), when cached by
    ``benchmarks/guidance_sets.py`` (minutes of CPU; this script never renders them itself).
Both run through the ``ccedge score`` path (re-redaction, then the same evaluator as the live
stage). Side by side: our matcher (normalised text + fuzzy alignment with a content-word check,
stems, one spare content word, and words the recogniser was unsure of standing in for one),
the same without the words' probabilities (``no-conf``), and the naive peer, exact phrase
spotting on normalised text (``exact``).

Precision/recall are for the *violation* class (a rule reported violated that should be), and
``status`` is the share of (call, rule) pairs whose status (met / violated / not applicable)
is right. Latency: 40 calls' utterance events are published on one ``EventBus`` at their call
times (x ``--speed``; 1 = live pace), a stage task runs ``GuidanceStage`` and ``QmStage`` and
publishes what they emit, the stages' clock ticks every second (``GuidanceStage.tick``, as the
runtime's ``Output`` does), and a subscriber stamps each prompt: latency = prompt received -
utterance published.

Usage: ``python benchmarks/guidance.py [--smoke] [--calls 40] [--speed 1] [--every 1]``;
results in benchmarks/results/guidance.json (``--smoke``: guidance-smoke.json).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from guidance_sets import CACHE, pool, set_digest  # noqa: E402

from ccedge.core.commands.score import read_calls, score_lines  # noqa: E402
from ccedge.core.events import CallEnded, CallStarted, GuidancePrompt, Party  # noqa: E402
from ccedge.core.guidance import GuidanceStage, load_policy  # noqa: E402
from ccedge.core.qm import QmStage, load_scorecard  # noqa: E402
from ccedge.testing.guidance_calls import (  # noqa: E402
    ScriptedCall,
    clean_lines,
    eval_calls,
)
from ccedge.testing.guidance_events import utterance_event  # noqa: E402

OUT = REPO / "benchmarks" / "results"


def evaluate_set(calls: list[ScriptedCall], lines_by_call: dict[str, list[dict[str, Any]]],
                 fuzzy: bool | None, threshold: float | None = None) -> dict[str, Any]:
    policies = {n: load_policy(n) for n in ("finance", "healthcare", "service")}
    if threshold is not None:
        policies = {n: dataclasses.replace(p, fuzzy_threshold=threshold) for n, p in policies.items()}
    cards = {n: load_scorecard(n) for n in policies}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "ok": 0, "n": 0})
    per_rule: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "ok": 0, "n": 0})
    errors: list[str] = []
    for c in calls:
        lines = lines_by_call.get(c.call_id, [])
        res = score_lines(lines, policies[c.pack], cards[c.pack], fuzzy=fuzzy) if lines else {"rules": []}
        got = {r["id"]: (r["status"], r["kind"]) for r in res["rules"]}
        for rid, want in c.expected.items():
            status, kind = got.get(rid, ("missing", policies[c.pack].rule(rid).kind))
            for k in (counts[kind], per_rule[f"{c.pack}/{rid}"]):
                k["n"] += 1
                k["ok"] += status == want
                k["tp"] += status == "violated" and want == "violated"
                k["fp"] += status == "violated" and want != "violated"
                k["fn"] += status != "violated" and want == "violated"
            if status != want:
                errors.append(f"{c.call_id} {rid}: expected {want}, got {status}")
    counts["all"] = {x: sum(k[x] for k in counts.values()) for x in ("tp", "fp", "fn", "ok", "n")}
    rows = {kind: _figures(k) for kind, k in counts.items()}
    return {"kinds": dict(sorted(rows.items(), key=lambda kv: (kv[0] == "all", kv[0]))),
            "rules": {rid: _figures(k) for rid, k in sorted(per_rule.items())}, "errors": errors}


def _figures(k: dict[str, int]) -> dict[str, Any]:
    # no violation reported (or none to find): precision (recall) has nothing to miss, 1.0
    p = k["tp"] / (k["tp"] + k["fp"]) if k["tp"] + k["fp"] else 1.0
    r = k["tp"] / (k["tp"] + k["fn"]) if k["tp"] + k["fn"] else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "pairs": k["n"],
            "status": round(k["ok"] / max(1, k["n"]), 3), "violations": k["tp"] + k["fn"]}


def clean_set(calls: list[ScriptedCall]) -> dict[str, list[dict[str, Any]]]:
    text = "".join(json.dumps(d) + "\n" for c in calls for d in clean_lines(c))
    return read_calls(text)[0]


def spoken_set(voice: str, every: int, held_out: bool | int = False
               ) -> tuple[list[ScriptedCall], dict[str, list[dict[str, Any]]]] | None:
    folder = CACHE / f"{voice}-{set_digest(None, every, held_out)}"
    path = folder / "transcripts.jsonl"
    partial = not path.is_file()
    if partial:  # still being transcribed: use the calls already finished (both legs written)
        path = folder / "transcripts.part"
        if not path.is_file():
            return None
    lines = read_calls(path.read_text(), "inbound")[0]
    if partial and lines:
        lines.pop(list(lines)[-1])  # the call being transcribed now may lack a leg
    calls = [c for c in pool(held_out)[::every] if c.call_id in lines]
    return (calls, lines) if calls else None


async def latency_run(calls: list[ScriptedCall], redacted: dict[str, list[dict[str, Any]]], n_calls: int,
                      speed: float) -> dict[str, Any]:
    """40 calls at once on one loop: utterance published -> prompt received, through the bus."""
    from ccedge.core.bus import EventBus

    bus = EventBus()
    stage_in = bus.subscribe("guidance", maxsize=10_000, policy="block")
    watch = bus.subscribe("watch", maxsize=100_000, policy="block")
    policies = {n: GuidanceStage(load_policy(n)) for n in ("finance", "healthcare", "service")}
    qms = {n: QmStage(load_scorecard(n), rules=policies[n]) for n in policies}
    pack_of: dict[str, str] = {}
    published: dict[tuple[str, float], float] = {}
    latencies: list[float] = []
    busy: list[float] = []

    async def stage_task() -> None:
        async for e in stage_in:
            if isinstance(e, GuidancePrompt):
                continue
            pack = pack_of.get(e.call_id)
            if pack is None:
                continue
            t0 = time.perf_counter()
            out = [*await policies[pack].process(e), *await qms[pack].process(e)]
            busy.append(time.perf_counter() - t0)
            for o in out:
                await bus.publish(o)

    async def watcher() -> None:
        async for e in watch:
            if isinstance(e, GuidancePrompt) and e.state in ("open", "violated", "cleared"):
                key = (e.call_id, round(e.t, 3))
                if key in published:
                    latencies.append(time.perf_counter() - published[key])

    async def ticker() -> None:  # the runtime's Output ticks stages every second
        while True:
            await asyncio.sleep(1.0)
            for st in policies.values():
                t0 = time.perf_counter()
                out = await st.tick()
                busy.append(time.perf_counter() - t0)
                for o in out:
                    await bus.publish(o)

    async def play(i: int, c: ScriptedCall) -> None:
        cid = f"{c.call_id}-live{i}"
        pack_of[cid] = c.pack
        await bus.publish(CallStarted(call_id=cid, t=0.0, wall=time.time(), parties=(
            Party("caller", "customer", "…0000", f"k{i}"), Party("callee", "agent", c.agent))))
        start = time.perf_counter() + (i % 10) * 0.3 / speed
        last = 0.0
        for d in redacted[c.call_id]:
            at = float(d["end_s"])  # an utterance is known when it ends (plus transcription)
            await asyncio.sleep(max(0.0, start + at / speed - time.perf_counter()))
            e = utterance_event(cid, str(d["role"]), float(d["start_s"]), at, str(d["text"]))
            published[(cid, round(at, 3))] = time.perf_counter()
            await bus.publish(e)
            last = at
        await bus.publish(CallEnded(call_id=cid, t=last + 1, reason="bye-caller", duration_s=last + 1))

    tasks = [asyncio.create_task(stage_task()), asyncio.create_task(watcher()), asyncio.create_task(ticker())]
    t0 = time.perf_counter()
    await asyncio.gather(*(play(i, calls[i % len(calls)]) for i in range(n_calls)))
    await asyncio.sleep(0.5)
    wall = time.perf_counter() - t0
    bus.close()
    for t in tasks:
        t.cancel()
    lat = sorted(latencies)
    pick = (lambda q: round(1000 * lat[min(len(lat) - 1, int(q * len(lat)))], 2)) if lat else (lambda q: None)
    return {"calls": n_calls, "speed": speed, "prompts_timed": len(lat), "p50_ms": pick(0.5),
            "p95_ms": pick(0.95), "max_ms": round(1000 * lat[-1], 2) if lat else None,
            "stage_ms_mean": round(1000 * statistics.fmean(busy), 3) if busy else None,
            "stage_ms_p95": round(1000 * sorted(busy)[int(0.95 * len(busy))], 3) if busy else None,
            "stage_share_of_one_core": round(sum(busy) / wall, 3), "seconds": round(wall, 1)}


def below(res: dict[str, Any], target: float) -> str:
    """The rules whose precision or recall is under ``target`` (per rule, as the issue asks)."""
    low = [f"{rid} {r['precision']:.2f}/{r['recall']:.2f} ({r['violations']} viol)"
           for rid, r in res["rules"].items() if min(r["precision"], r["recall"]) < target]
    return "; ".join(low) or "none"


def table(title: str, res: dict[str, Any], peer: dict[str, Any]) -> None:
    print(f"\n{title}")
    head = f"  {'kind':10} {'pairs':>5} {'viol':>4}  {'P':>6} {'R':>6} {'status':>6}"
    print(f"{head}   exact-match peer: P / R / status")
    for kind, r in res["kinds"].items():
        q = peer["kinds"].get(kind, {})
        peer_row = f"{q.get('precision', 0):.3f} / {q.get('recall', 0):.3f} / {q.get('status', 0):.3f}"
        print(f"  {kind:10} {r['pairs']:5d} {r['violations']:4d}  {r['precision']:6.3f} {r['recall']:6.3f} "
              f"{r['status']:6.3f}   {peer_row}")


HELD_OUT = {  # result key prefix -> (guidance_sets selector, title)
    "heldout": (1, "HELD-OUT 1 (12 calls written after tuning; studied for packs 2026.12.4, so seen now)"),
    "heldout2": (2, "HELD-OUT 2 (14 calls; studied for packs 2026.12.5, so seen now)"),
    "heldout3": (3, "HELD-OUT 3 (12 calls; studied for packs 2026.12.6, so seen now)"),
    "heldout4": (4, "HELD-OUT 4 (13 calls written blind; studied for packs 2026.12.7, so seen now)"),
    "heldout5": (5, "HELD-OUT 5 (14 calls written blind; studied for packs 2026.12.8, so seen now)"),
    "heldout6": (6, "HELD-OUT 6 (14 calls written blind; studied for packs 2026.12.9, so seen now)"),
    "heldout7": (7, "HELD-OUT 7 (12 calls written blind; studied for packs 2026.12.10, so seen now)"),
    "heldout8": (8, "HELD-OUT 8 (12 calls written blind; studied for packs 2026.12.10, so seen now)"),
    "heldout9": (9, "HELD-OUT 9 (12 calls written blind; studied for packs 2026.12.11, so seen now)"),
    "heldout10": (10, "HELD-OUT 10 (12 calls written blind; studied for packs 2026.12.13, so seen now)"),
    "heldout11": (11, "HELD-OUT 11 (12 calls written blind; studied for packs 2026.12.13, so seen now)"),
    "heldout12": (12, "HELD-OUT 12 (12 calls written blind; studied for packs 2026.12.13, so seen now)"),
    "heldout13": (13, "HELD-OUT 13 (12 calls written blind; studied for packs 2026.12.14, so seen now)"),
    "heldout14": (14, "HELD-OUT 14 (12 calls written blind; studied for packs 2026.12.15, so seen now)"),
    "heldout15": (15, "HELD-OUT 15 (12 calls written blind; studied for packs 2026.12.16, so seen now)"),
    "heldout16": (16, "HELD-OUT 16 (12 calls written blind; studied for packs 2026.12.17, so seen now)"),
    "heldout17": (17, "HELD-OUT 17 (12 calls written blind; studied for packs 2026.12.18, so seen now)"),
    "heldout18": (18, "HELD-OUT 18 (12 calls written blind; studied for packs 2026.12.19, so seen now)"),
    "heldout19": (19, "HELD-OUT 19 (12 calls written blind on 2026-12-06, never tuned on)"),
}


def heldout(result: dict[str, Any], prefix: str) -> None:
    """A held-out set (other wording, same rules), clean and spoken; held-out 1 also carries the 6
    calls labelled for the sentiment-trend rule (``customer-frustration``)."""
    which, title = HELD_OUT[prefix]
    hcalls = pool(which)
    sets: dict[str, tuple[list[ScriptedCall], dict[str, list[dict[str, Any]]]] | None] = {
        "clean": (hcalls, clean_set(hcalls))}
    for voice in ("piper", "en-us"):
        sets[f"speech-{voice}"] = spoken_set(voice, 1, held_out=which)
    print(f"\n{title}; P / R / status, all kinds, beside the tuned set:")
    for key, got in sets.items():
        if got is None:
            flag = "--held-out" if which == 1 else f"--held-out-{which}"
            print(f"  {key}: not cached (python benchmarks/guidance_sets.py {flag})")
            continue
        sent = [c for c in got[0] if c.call_id.startswith("ho-sent")]
        rest = [c for c in got[0] if not c.call_id.startswith("ho-sent")]
        res = evaluate_set(rest, got[1], None)
        result["sets"].setdefault(f"{prefix}-{key}", {})["ours"] = res
        result["sets"][f"{prefix}-{key}"]["exact"] = evaluate_set(rest, got[1], False)
        h, t = res["kinds"]["all"], result["sets"].get(key, {}).get("ours", {}).get("kinds", {}).get("all")
        tuned = f"{t['precision']:.3f} / {t['recall']:.3f} / {t['status']:.3f}" if t else "-"
        ex = result["sets"][f"{prefix}-{key}"]["exact"]["kinds"]["all"]
        print(f"  {key:13} held-out {h['precision']:.3f} / {h['recall']:.3f} / {h['status']:.3f} "
              f"({h['pairs']} pairs, {h['violations']} viol)   tuned {tuned}   "
              f"exact peer {ex['precision']:.3f} / {ex['recall']:.3f} / {ex['status']:.3f}")
        print(f"    rules under 0.90: {below(res, 0.90)}")
        errors = res["errors"]
        if sent:
            sres = evaluate_set(sent, got[1], None)
            result["sets"].setdefault(f"sentiment-{key}", {})["ours"] = sres
            sa = sres["kinds"]["all"]
            print(f"    sentiment trend (customer-frustration, {len(sent)} calls, {sa['violations']} viol): "
                  f"P {sa['precision']:.3f} / R {sa['recall']:.3f} / status {sa['status']:.3f}")
            errors = errors + sres["errors"]
        for e in errors:
            print(f"    {e}")


def rule_table(result: dict[str, Any], prefix: str, title: str) -> None:
    """Per rule: P / R (violations) of ours, then the exact-match peer, on clean, piper, espeak-ng."""
    keys = [k for k in ("clean", "speech-piper", "speech-en-us") if f"{prefix}{k}" in result["sets"]]
    if not keys:
        return
    print(f"\nper rule, {title}: ours P/R (peer P/R), violations")
    print(f"  {'rule':42}" + "".join(f" {k.replace('speech-', ''):>24}" for k in keys))
    sets = {k: result["sets"][f"{prefix}{k}"] for k in keys}
    rules = sorted({r for k in keys for r in sets[k]["ours"]["rules"]})
    for rid in rules:
        cells = []
        for k in keys:
            o, e = sets[k]["ours"]["rules"].get(rid), sets[k]["exact"]["rules"].get(rid)
            if o is None or (o["violations"] == 0 and o["precision"] == 1.0):
                cells.append(f"{'-' if o is None else 'ok, 0 viol':>24}")
                continue
            cells.append(f"{o['precision']:.2f}/{o['recall']:.2f} ({e['precision']:.2f}/{e['recall']:.2f}) "
                         f"{o['violations']:>2}")
        print(f"  {rid:42}" + "".join(f" {c:>24}" for c in cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="a few calls, seconds (CI)")
    ap.add_argument("--calls", type=int, default=40, help="concurrent live calls for the latency run")
    ap.add_argument("--speed", type=float, default=1.0, help="play calls N times real time (1: live pace)")
    ap.add_argument("--every", type=int, default=1, help="spoken sets: every n-th call")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    calls = eval_calls()
    if args.smoke:
        calls = calls[::8]
    result: dict[str, Any] = {"cores": os.cpu_count(), "calls_in_set": len(calls), "sets": {},
                              "load_at_start": [round(x, 2) for x in os.getloadavg()]}
    clean = clean_set(calls)
    for name, fz in (("ours", None), ("exact", False)):
        result["sets"].setdefault("clean", {})[name] = evaluate_set(calls, clean, fz)
    clean_res = result["sets"]["clean"]
    table(f"clean scripts ({len(calls)} calls)", clean_res["ours"], clean_res["exact"])
    print(f"  rules under P or R 0.95: {below(clean_res['ours'], 0.95)}")
    if not args.smoke:
        for voice, every in (("piper", args.every), ("en-us", args.every)):
            got = spoken_set(voice, every)
            if got is None:
                print(f"\n{voice}: not cached (python benchmarks/guidance_sets.py --voice {voice}"
                      f"{' --every ' + str(every) if every > 1 else ''})")
                continue
            vcalls, lines = got
            key = f"speech-{voice}"
            for name, fz in (("ours", None), ("exact", False)):
                result["sets"].setdefault(key, {})[name] = evaluate_set(vcalls, lines, fz)
            bare = {cid: [{k: v for k, v in d.items() if k != "unsure"} for d in ls]
                    for cid, ls in lines.items()}
            result["sets"][key]["no-conf"] = evaluate_set(vcalls, bare, None)
            nc = result["sets"][key]["no-conf"]["kinds"]["all"]
            result["sets"][key]["calls"] = [c.call_id for c in vcalls]
            table(f"speech engine, {voice} voice ({len(vcalls)} calls, G.711)", result["sets"][key]["ours"],
                  result["sets"][key]["exact"])
            print(f"  without word confidence (all kinds, P / R / status): {nc['precision']:.3f} / "
                  f"{nc['recall']:.3f} / {nc['status']:.3f}")
            print(f"  rules under P or R 0.90: {below(result['sets'][key]['ours'], 0.90)}")
            sweep = {}
            for th in (80.0, 86.0, 92.0):  # the fuzzy threshold: 86 is the packs' default
                k = evaluate_set(vcalls, lines, None, th)["kinds"]["all"]
                sweep[str(th)] = {x: k[x] for x in ("precision", "recall", "status")}
            result["sets"][key]["threshold_sweep"] = sweep
            cells = [f"{th}: {v['precision']:.3f} / {v['recall']:.3f} / {v['status']:.3f}"
                     for th, v in sweep.items()]
            print("  fuzzy threshold sweep (all kinds, P / R / status): " + "; ".join(cells))
        for prefix in HELD_OUT:
            heldout(result, prefix)
    rule_table(result, "", "tuned set (48 calls)")
    for prefix, (_, title) in HELD_OUT.items():
        rule_table(result, f"{prefix}-", title.split(" (")[0].lower())
    n = 4 if args.smoke else args.calls
    speed = 20.0 if args.smoke else args.speed
    lat = asyncio.run(latency_run(calls, clean, n, speed))
    result["latency"] = lat
    result["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average (1/5/15 min): start {result['load_at_start']}, end {result['load_at_end']}")
    print(f"\nprompt latency, {n} live calls at {speed:g}x real time on one loop: p50 {lat['p50_ms']} ms, "
          f"p95 {lat['p95_ms']} ms, max {lat['max_ms']} ms ({lat['prompts_timed']} prompts); stage "
          f"{lat['stage_ms_mean']} ms/event mean, p95 {lat['stage_ms_p95']} ms")
    out = args.out or OUT / ("guidance-smoke.json" if args.smoke else "guidance.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
