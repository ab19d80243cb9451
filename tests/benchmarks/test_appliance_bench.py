"""The appliance benchmark: its calls are what it says, its latency arithmetic is right, and the smoke
run goes end to end through ``ccedge run``."""

from __future__ import annotations

import importlib
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _mod(name: str) -> Any:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    calls = _mod("appliance_calls")
    if subprocess.run(["which", "espeak-ng"], capture_output=True, check=False).returncode:
        pytest.skip("espeak-ng is not installed")
    return calls.PhraseCache(tmp_path_factory.mktemp("phrases"), voice="en-us")


def test_generated_calls_take_turns_with_payments(tmp_path: Path, cache: Any) -> None:
    calls = _mod("appliance_calls")
    sc = calls.scenario(3, 40.0, cache)
    truths = calls.write(sc, tmp_path / "c.pcap", cache)
    assert [t.call_id for t in truths] == [c.call_id for c in sc.calls]
    for i, (call, t) in enumerate(zip(sc.calls, truths, strict=True)):
        speech = [x for x in t.turns if x.kind == "speech"]
        assert all(a.leg != b.leg for a, b in itertools.pairwise(speech))  # turn-taking
        assert speech[0].leg == calls.AGENT  # the agent greets
        talk = sum(x.t1 - x.t0 for x in speech) / (t.end_t - t.answer_t)
        assert 0.6 < talk < 0.9, talk
        assert 30.0 < t.end_t < 55.0 and 0.0 <= call.start <= 4.0
        paid = any("security code" in x.text for x in speech)
        assert paid == (i % 3 == 0)
        assert t.packets["caller"] == t.packets["callee"] > 1000
    audio = calls.leg_audio(sc.calls[0], truths[0], cache)
    first = speech_of(truths[0], calls.AGENT)
    i0, i1 = round((first.t0 - truths[0].answer_t) * 8000), round((first.t1 - truths[0].answer_t) * 8000)
    loud = np.sqrt(np.mean(audio[calls.AGENT][i0:i1].astype(float) ** 2))
    quiet = np.sqrt(np.mean(audio[calls.CUSTOMER][i0:i1].astype(float) ** 2))
    assert loud > 20 * quiet  # the agent's turn is on the agent's leg only


def speech_of(truth: Any, leg: str) -> Any:
    return next(x for x in truth.turns if x.kind == "speech" and x.leg == leg)


def test_latency_is_measured_from_the_utterance_end_on_the_replay_clock(tmp_path: Path, cache: Any) -> None:
    bench = _mod("appliance")
    from ccedge.core.simulate import EPOCH

    w = bench.Workload(1, 20.0, cache)
    cid = w.sc.calls[0].call_id
    start = w.start[cid]
    base = 1000.0  # the replay started at wall 1000 - EPOCH offset: capture time EPOCH + x -> 1000 + x
    _, leg, t1, _ = w.turns[-1]  # the goodbye: after any payment dialogue
    events = [
        (base + start + 0.05, {"type": "call_started", "call_id": cid}),
        (base + start + t1 + 0.8, {"type": "utterance", "call_id": cid, "leg": leg, "start_s": t1 - 1.0,
                                   "end_s": t1 - 0.1}),
        (base + start + t1 + 5.0, {"type": "health", "call_id": "", "packets": w.packets, "drops": 0,
                                   "holdback_lag_s": 0.4}),
        (base + start + t1 + 5.0, {"type": "call_ended", "call_id": cid}),
    ]
    del EPOCH
    tree = _mod("proctree").TreeSample(peak_rss_mb=100.0, peak_pss_mb=90.0, cpu_s=3.0)
    r = bench.measure_ours(w, events, 0, "", tree, 30.0, base + start + 31.0)
    # offset = 0.05 (the INVITE's event); the utterance ended at t1 - 0.1 and came at t1 + 0.8
    assert r["latency"]["n"] == 1 and r["latency"]["p50_s"] == pytest.approx(0.85)
    assert r["turn_latency"]["n"] == len(w.turns) and r["turns_unreached"] == len(w.turns) - 1
    assert r["holdback_lag_max_s"] == 0.4 and r["order_ok"] and bench.holds_ours(r)
    assert r["latency_outside_payment"]["n"] == 1 and r["latency_in_payment"]["n"] == 0
    assert bench.holds_ours(r, "latency")
    assert r["cpu_pct_per_call"] == pytest.approx(10.0)
    late = [*events[:1], (events[1][0] + 2.0, events[1][1]), *events[2:]]
    assert not bench.holds_ours(bench.measure_ours(w, late, 0, "", tree, 30.0, base + 60.0))
    lost = [*events[:2], (events[2][0], {**events[2][1], "drops": 3}), events[3]]
    assert not bench.holds_ours(bench.measure_ours(w, lost, 0, "", tree, 30.0, base + 60.0))
    # an utterance of the payment dialogue held 10 s: judged apart from live speech
    p0, p1 = w.payment[cid]
    held = (base + start + p1 + 10.0, {"type": "utterance", "call_id": cid, "leg": "caller", "start_s": p0,
                                       "end_s": p1})
    r = bench.measure_ours(w, [*events[:2], held, *events[2:]], 0, "", tree, 30.0, base + start + 31.0)
    assert r["latency_in_payment"]["n"] == 1 and r["latency_in_payment"]["p50_s"] == pytest.approx(9.95)
    assert bench.holds_ours(r) and not bench.holds_ours(r, "latency")


def test_peer_turn_latency_counts_partial_segments_and_misses() -> None:
    peer = _mod("appliance_peer")
    leg = peer.Leg(("c", "caller"), 0.0, np.zeros(16000 * 5, np.float32))
    leg.sent_at = [100.0 + 0.1 * k for k in range(50)]
    leg.messages = [(101.0, [(0.0, 0.9, False)]), (102.5, [(0.0, 1.9, False)]), (103.0, [(0.0, 2.0, True)])]
    lat, ok = peer.turn_latency(leg, 2.0, 110.0)  # chunk 20 sent at 102.0; 1.9 >= 2.0 - 0.5 at 102.5
    assert ok and lat == pytest.approx(0.5)
    lat, ok = peer.turn_latency(leg, 4.0, 110.0)  # never reached: counted until the run's end
    assert not ok and lat == pytest.approx(110.0 - 104.0)


@pytest.mark.slow
def test_smoke_run_writes_results(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "ccedge.core.cli", "run", "--help"], capture_output=True,
                          text=True, timeout=60, check=False)
    if proc.returncode != 0:
        pytest.skip("ccedge run is not available")
    bench = _mod("appliance")
    out = tmp_path / "appliance.json"
    assert bench.main(["--smoke", "--out", str(out)]) == 0
    r = json.loads(out.read_text())["ours"][0]
    assert r["calls"] == 2 and r["exit_code"] == 0, r
    assert r["calls_started"] == r["calls_ended"] == 2 and r["order_ok"]
    assert r["utterances"] > 4 and r["drops"] == 0
    assert 0.0 < r["latency"]["p50_s"] < 30.0 and r["peak_rss_mb"] > 50
    # the process model, measured: the appliance, its capture process and the speech workers all worked
    cores = r["cpu_cores_by_process"]
    assert {"appliance", "capture", "speech"} <= set(cores)
    assert cores["appliance"] > 0 and cores["speech"] > 0
