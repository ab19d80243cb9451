"""``ccedge run --interface`` live, for real: a veth pair with one end in a network namespace, tcpreplay
sending a generated capture of several overlapping calls at its own pace, the appliance capturing on
the other end. It must emit the same calls as ``ccedge run --replay`` of the same file: the same call
ids, the same legs, and for every call ``call_started`` before its first ``utterance`` and
``call_ended`` after its last."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from tests.conftest import require_root, require_tool

pytestmark = [pytest.mark.root, pytest.mark.slow]

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def _needs_run() -> None:
    proc = subprocess.run([*CCEDGE, "run", "--help"], capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0 or "--interface" not in proc.stdout:
        pytest.skip("ccedge run --interface is not available")


def _calls() -> list[SyntheticCall]:
    lines = [
        ("callee", "Thank you for calling, how can I help you today?"),
        ("caller", "Hello, I would like to check my balance please."),
        ("callee", "Of course, one moment while I look that up."),
        ("caller", "Thank you very much."),
    ]
    out = []
    for i in range(4):
        turns = [Turn(leg, text=text, pause=0.6) for leg, text in lines[: 2 + i % 3]]
        out.append(SyntheticCall(f"live-{i}@ccedge.test", turns, start=1.5 * i, caller=f"c{i}",
                                 callee=f"a{i}"))
    return out


def _events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _shape(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per call: the legs it has utterances on, and whether its events are in a valid order."""
    calls: dict[str, dict[str, Any]] = {}
    for e in events:
        cid = e.get("call_id")
        if not cid or e["type"] in ("health", "events_lost"):
            continue
        c = calls.setdefault(cid, {"types": [], "legs": set()})
        c["types"].append(e["type"])
        if e["type"] == "utterance":
            c["legs"].add(e["leg"])
            if not e.get("final", True):
                continue  # a live first version: its final one is counted
    for c in calls.values():
        t = c["types"]
        c["ordered"] = bool(t) and t[0] == "call_started" and t[-1] == "call_ended" and \
            t.count("call_started") == 1 and t.count("call_ended") == 1
        c["utterances"] = t.count("utterance")
        del c["types"]
    return calls


def test_live_interface_emits_the_calls_that_replay_does(tmp_path: Path) -> None:
    require_root()
    require_tool("ip")
    require_tool("tcpreplay")
    _needs_run()
    from ccedge.testing.netns import VethPair

    cap = tmp_path / "calls.pcap"
    truths = write_capture(cap, _calls())
    replayed = tmp_path / "replay.jsonl"
    subprocess.run([*CCEDGE, "run", "--replay", str(cap), "--fast", "--exit-when-done", "--events",
                    str(replayed), "--data-dir", str(tmp_path / "d1")], check=True, timeout=300,
                   capture_output=True)
    want = _shape(_events(replayed))
    assert set(want) == {t.call_id for t in truths}
    assert all(c["ordered"] and c["legs"] == {"caller", "callee"} for c in want.values()), want

    live_events = tmp_path / "live.jsonl"
    with VethPair() as veth:
        proc = subprocess.Popen([*CCEDGE, "run", "--interface", veth.host, "--events", str(live_events),
                                 "--data-dir", str(tmp_path / "d2")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not live_events.exists() or not live_events.read_text().strip():  # first health event
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "ccedge run --interface wrote no event within 60 s"
                time.sleep(0.2)
            veth.replay(cap, tmp_path, pps=None)  # at the capture's own pace
            deadline = time.monotonic() + 240  # transcription may run behind real time on a loaded box
            while sum(e["type"] == "call_ended" for e in _events(live_events)) < len(truths):
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "not every live call ended within 240 s"
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(60)
    assert rc == 0
    got = _shape(_events(live_events))
    assert set(got) == set(want)
    for cid, c in want.items():
        assert got[cid]["ordered"], (cid, got[cid])
        assert got[cid]["legs"] == c["legs"], cid
        assert abs(got[cid]["utterances"] - c["utterances"]) <= 1, (cid, got[cid], c)
