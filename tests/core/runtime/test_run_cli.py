"""``ccedge run`` end to end as a process: event order over 20 overlapping calls, SIGTERM drain,
a full disk under --wav-dir. Transcription is off here (it is not the point); the regression
and fault tests cover it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from ccedge.core.simulate.demo import bundled_capture

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_replay_of_20_overlapping_calls_orders_every_calls_events(calls20: Path, no_speech: Path) -> None:
    p = subprocess.run([*CCEDGE, "run", "--config", str(no_speech), "--replay", str(calls20), "--fast",
                        "--exit-when-done", "--events", "-"], capture_output=True, text=True, timeout=240)
    assert p.returncode == 0, p.stderr[-2000:]
    events = _events(p.stdout)
    assert {e["type"] for e in events} >= {"call_started", "call_ended", "talk_stats", "dtmf", "health"}
    per_call: dict[str, list[str]] = {}
    for e in events:
        if e["call_id"]:
            per_call.setdefault(e["call_id"], []).append(e["type"])
    assert sorted(per_call) == [f"call-{i:02d}@test" for i in range(20)]
    for cid, types in per_call.items():
        assert types[0] == "call_started" and types.count("call_started") == 1, cid
        assert types[-1] == "call_ended" and types.count("call_ended") == 1, cid
    started = [e["call_id"] for e in events if e["type"] == "call_started"]
    assert started == sorted(started), "calls start in the order the capture implies"
    calls = {e["call_id"]: e for e in events if e["type"] == "call_started"}
    for e in calls.values():  # roles: inbound default, the callee is the agent
        assert {p["leg"]: p["role"] for p in e["parties"]} == {"caller": "customer", "callee": "agent"}
        assert all("555000" not in p["label"] for p in e["parties"]), "a customer's number left whole"
    assert all(e["role"] == "customer" for e in events if e["type"] == "dtmf")
    assert not any("digit" in e for e in events)
    last = [e for e in events if e["type"] == "health"][-1]
    assert last["calls_total"] == 20 and last["calls_active"] == 0 and last["packets"] > 0


def test_sigterm_mid_replay_closes_every_call_and_half_writes_nothing(tmp_path: Path,
                                                                     no_speech: Path) -> None:
    wav = tmp_path / "wav"
    proc = subprocess.Popen([*CCEDGE, "run", "--config", str(no_speech), "--replay", str(bundled_capture()),
                             "--events", "-", "--wav-dir", str(wav), "--exit-when-done"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    lines = []
    while time.monotonic() < deadline:  # wait until the replay is under way (real time)
        line = proc.stdout.readline()
        lines.append(line)
        if '"type": "talk_stats"' in line:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-2000:]
    events = _events("".join(lines) + out)
    started = {e["call_id"] for e in events if e["type"] == "call_started"}
    ended = {e["call_id"] for e in events if e["type"] == "call_ended"}
    assert started and started == ended
    assert sorted(os.listdir(wav)) == sorted(os.listdir(wav))  # listing is stable
    names = os.listdir(wav)
    assert not [n for n in names if n.endswith(".part")], names
    for n in names:
        assert (os.stat(wav / n).st_mode & 0o777) == 0o600
        if n.endswith(".wav"):
            with wave.open(str(wav / n)) as w:
                assert w.getnframes() > 0 and w.getframerate() == 8000
    assert (os.stat(wav).st_mode & 0o777) == 0o700
    receipts = (wav / "receipts.jsonl").read_text().splitlines()
    assert {json.loads(r)["call_id"] for r in receipts} == ended


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_full_disk_under_wav_dir_names_the_path_and_keeps_earlier_files(tmp_path: Path,
                                                                        no_speech: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        p = subprocess.run([*CCEDGE, "run", "--config", str(no_speech), "--replay", str(bundled_capture()),
                            "--fast", "--exit-when-done", "--wav-dir", str(mnt / "out")],
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 2
        lines = [x for x in p.stderr.splitlines() if x.startswith("ccedge run: --wav-dir:")]
        assert lines and all(str(mnt / "out") in x and "No space left" in x for x in lines)
        assert "Traceback" not in p.stderr
        names = os.listdir(mnt / "out")
        assert not [n for n in names if n.endswith(".part")], names
        wavs = [n for n in names if n.endswith(".wav")]
        for n in wavs:  # whatever was renamed into place is whole
            with wave.open(str(mnt / "out" / n)) as w:
                assert w.getnframes() * 2 + 44 == os.path.getsize(mnt / "out" / n)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_run_refuses_nothing_to_do_and_bad_config(tmp_path: Path) -> None:
    p = subprocess.run([*CCEDGE, "run"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "nothing to capture" in p.stderr
    bad = tmp_path / "c.toml"
    bad.write_text("[speech]\nworkers = -1\n")
    p = subprocess.run([*CCEDGE, "run", "--config", str(bad), "--replay", str(bundled_capture())],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and re.search(r"c\.toml: speech\.workers: must be an integer >= 0", p.stderr)


def test_a_capture_cut_mid_record_is_named_in_health_and_in_every_open_calls_receipt(
        tmp_path: Path, no_speech: Path) -> None:
    import gzip

    cut = tmp_path / "cut.pcap"
    cut.write_bytes(gzip.decompress(bundled_capture().read_bytes())[:2_000_000])
    p = subprocess.run([*CCEDGE, "run", "--config", str(no_speech), "--replay", str(cut), "--fast",
                        "--exit-when-done", "--events", "-"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    events = _events(p.stdout)
    ended = [e for e in events if e["type"] == "call_ended"]
    assert len(ended) == 3
    for e in ended:
        assert e["damaged"] == ["truncated-record"] and "capture-damaged" in e["receipt"]["flags"]
    assert [e for e in events if e["type"] == "health"][-1]["damaged"] >= 1
    assert "truncated-record" in p.stderr and "Traceback" not in p.stderr
