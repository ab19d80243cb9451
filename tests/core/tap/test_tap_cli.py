"""``ccedge tap``: text and JSON-lines output, WAV export, out-of-band keys, live capture equivalence."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ccedge.core.cli import main
from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from tests.conftest import REPO, require_root, require_tool

CALLS = [
    SyntheticCall("cli-1@test", [Turn("caller", "hello from the command line"), Turn("callee", dtmf="42")]),
    SyntheticCall("cli-2@test", [Turn("callee", "second call")], codec="PCMA", start=0.4, ended_by="callee"),
]


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("cli") / "calls.pcap.gz"
    return path, write_capture(path, CALLS)


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_json_lines_contract(sim: tuple[Path, list[Any]], capsys: pytest.CaptureFixture[str]) -> None:
    path, truths = sim
    assert main(["tap", str(path), "--json"]) == 0
    out = _json_lines(capsys.readouterr().out)
    by_id = {o["call_id"]: o for o in out}
    assert set(by_id) == {t.call_id for t in truths}
    for t in truths:
        o = by_id[t.call_id]
        assert {"call_id", "state", "legs", "dtmf", "end_reason", "caller", "callee"} <= set(o)
        assert o["state"] == "ended" and o["dtmf"] == t.dtmf
        for leg in o["legs"]:
            assert {"ssrc", "codec", "packets", "lost", "duration_s", "encrypted"} <= set(leg)
            assert leg["ssrc"] == t.ssrc[leg["leg"]] and leg["packets"] == t.packets[leg["leg"]]
            assert leg["codec"] == t.codec and leg["encrypted"] is False and leg["lost"] == 0
            assert isinstance(leg["duration_s"], float) and leg["duration_s"] > 1.0
    assert by_id["cli-1@test"]["end_reason"] == "bye-caller"
    assert by_id["cli-2@test"]["end_reason"] == "bye-callee"


def test_text_output_and_wavs(sim: tuple[Path, list[Any]], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path, truths = sim
    assert main(["tap", str(path), "--wav-dir", str(tmp_path / "wav")]) == 0
    captured = capsys.readouterr()
    assert "call cli-1@test  alice -> bob  state=ended end=bye-caller" in captured.out
    assert f"ssrc=0x{truths[0].ssrc['caller']:08x}  codec=PCMU" in captured.out
    assert "  dtmf 42" in captured.out and "srtp=none" in captured.out
    assert captured.err.startswith("tap: 2 calls;") and "sip.calls=2" in captured.err
    wavs = sorted(p.name for p in (tmp_path / "wav").iterdir())
    assert wavs == ["cli-1@test-callee.wav", "cli-1@test-caller.wav", "cli-2@test-callee.wav",
                    "cli-2@test-caller.wav"]
    with wave.open(str(tmp_path / "wav" / "cli-1@test-caller.wav")) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 8000)
        pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    speech = truths[0].turns[0]
    inside = pcm[int(speech.t0 * 8000) : int(speech.t1 * 8000)].astype(float)
    assert np.sqrt(np.mean(inside**2)) > 300  # the spoken turn sits where the script put it


@pytest.mark.shared
def test_text_output_shows_hold_transfer_and_sip_info(pcaps: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tap", str(pcaps / "heplify" / "erspan_sip_ipv4_udp.pcapng"),
                 str(pcaps / "wireshark-samples" / "DTMFsipinfo.pcap")]) == 0
    out = capsys.readouterr().out
    assert "  events held@6.5s(sendonly)  resumed@7.2s(sendrecv)\n" in out
    assert "transferred@20.3s(rejected-488)" in out
    assert "sam netmon -> echo  state=answered end=capture-ended" in out and "  dtmf 1342\n" in out


def test_truncated_and_foreign_files(sim: tuple[Path, list[Any]], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    path, _ = sim
    data = gzip.decompress(path.read_bytes())
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(data[: len(data) // 2 + 7])  # the file ends inside a record
    assert main(["tap", str(cut), "--json", "--stats"]) == 0
    captured = capsys.readouterr()
    assert len(_json_lines(captured.out)) >= 1 and "capture.rejected.truncated-record=1" in captured.err
    foreign = tmp_path / "notes.pcap"
    foreign.write_text("not a capture\n")
    assert main(["tap", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a pcap or pcapng file" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["tap"]) == 2
    assert "give capture files or --interface" in capsys.readouterr().err
    assert main(["tap", str(tmp_path / "x.pcap"), "--srtp-key", "nonsense"]) == 2
    assert "--srtp-key must be" in capsys.readouterr().err
    assert main(["tap", str(tmp_path / "missing.pcap")]) == 2


def test_console_script_entry(sim: tuple[Path, list[Any]]) -> None:
    path, _ = sim
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "ccedge.core.cli", "tap", str(path), "--json"],
                         capture_output=True, text=True, check=True, env=env, cwd=REPO, timeout=120)
    assert len(_json_lines(out.stdout)) == 2


@pytest.mark.root
@pytest.mark.slow
def test_live_interface_equals_file(sim: tuple[Path, list[Any]], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """tcpreplay sends the capture into a veth pair; ``ccedge tap --interface`` on the other end reports
    the same calls, legs, packets and digits as ``ccedge tap FILE``."""
    require_root()
    require_tool("ip")
    require_tool("tcpreplay")
    from ccedge.testing.netns import VethPair

    path, _ = sim
    assert main(["tap", str(path), "--json"]) == 0
    from_file = _json_lines(capsys.readouterr().out)
    errors: list[BaseException] = []
    with VethPair() as veth:

        def replay() -> None:
            try:
                time.sleep(1.0)  # let the tap open its socket first
                veth.replay(path, tmp_path, pps=1000)
            except BaseException as e:  # reported by the assertion below
                errors.append(e)

        sender = threading.Thread(target=replay, daemon=True)
        sender.start()
        rc = main(["tap", "--interface", veth.host, "--json", "--duration", "8", "--stats"])
        sender.join(timeout=30)
    assert not errors and rc == 0
    captured = capsys.readouterr()
    live = _json_lines(captured.out)
    assert "capture.kernel_drops=0 " in captured.err

    def essence(calls: list[dict[str, Any]]) -> list[Any]:
        return sorted((c["call_id"], c["state"], c["end_reason"], c["dtmf"], c["caller"], c["callee"],
                       sorted((leg["leg"], leg["ssrc"], leg["codec"], leg["packets"], leg["lost"],
                               leg["encrypted"]) for leg in c["legs"])) for c in calls)

    assert essence(live) == essence(from_file)
    assert len(live) == len(CALLS)


@pytest.mark.root
def test_live_capture_stops_cleanly_on_sigterm() -> None:
    require_root()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "ccedge.core.cli", "-v", "tap", "--interface", "lo",
                             "--json", "--stats"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=REPO)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # logged once the signal handlers are in place
    assert "capturing on lo until stopped" in first
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert re.search(r"^tap: \d+ calls;", err, re.M) and "capture.kernel_drops=" in err
