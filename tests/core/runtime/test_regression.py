"""The file verbs' JSON contracts before and after the move onto the live chain.

``golden/`` holds what the old batch path printed for the bundled capture (recorded before it
was removed; redacted content only). The chain must print the same keys and, call by call,
the same legs, DTMF, utterance cuts, talk statistics, redacted transcripts and receipts.
Differences allowed, and why: calls come out in the order they end (live), not the order
they started; receipts may carry keys the redactor added since; and without transcription
the old path flagged ``audio-lagged`` (its 30 s hold-back ran out while nothing cleared the
audio), which a fast replay no longer does (its hold-back waits for redaction).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ccedge.core.simulate.demo import bundled_capture

GOLDEN = Path(__file__).parent / "golden"
CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]


def _calls(text: str) -> dict[str, dict[str, Any]]:
    return {o["call_id"]: o for o in map(json.loads, filter(str.strip, text.splitlines()))}


def _same(before: dict[str, Any], after: dict[str, Any], ignore_flags: set[str]) -> None:
    assert set(before) <= set(after)
    for key, value in before.items():
        got = after[key]
        if key == "redactions":
            assert set(value) <= set(got)
            for k, v in value.items():
                if k == "flags":
                    assert set(v) - ignore_flags == set(got[k]) - ignore_flags
                elif k != "flagged":
                    assert got[k] == v, k
        else:
            assert got == value, key


def test_demo_without_transcription_prints_what_the_batch_path_printed() -> None:
    p = subprocess.run([*CCEDGE, "demo", "--fast", "--no-transcribe", "--json"], capture_output=True,
                       text=True, timeout=180)
    assert p.returncode == 0, p.stderr[-2000:]
    before = _calls((GOLDEN / "demo_no_transcribe.jsonl").read_text())
    after = _calls(p.stdout)
    assert sorted(before) == sorted(after)
    for cid in before:
        _same(before[cid], after[cid], {"audio-lagged"})


@pytest.mark.slow
def test_demo_and_redact_with_transcription_print_what_the_batch_path_printed(tmp_path: Path) -> None:
    p = subprocess.run([*CCEDGE, "redact", str(bundled_capture()), "--json", "--wav-dir", str(tmp_path / "w"),
                        "--receipt", str(tmp_path / "r.jsonl")], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-2000:]
    key = ("call_id", "leg", "start_s")
    before = sorted((json.loads(x) for x in (GOLDEN / "redact_capture.jsonl").read_text().splitlines()),
                    key=lambda o: tuple(o[k] for k in key))
    after = sorted((json.loads(x) for x in p.stdout.splitlines() if x.strip()),
                   key=lambda o: tuple(o[k] for k in key))
    assert [set(o) for o in after] == [set(o) for o in before]  # the JSON contract
    assert [(o["call_id"], o["leg"], o["start_s"], o["end_s"], o["text"]) for o in after] == \
        [(o["call_id"], o["leg"], o["start_s"], o["end_s"], o["text"]) for o in before]
    receipts_before = _calls((GOLDEN / "redact_capture_receipts.jsonl").read_text())
    receipts_after = _calls((tmp_path / "r.jsonl").read_text())
    for cid, r in receipts_before.items():
        _same({"redactions": r}, {"redactions": receipts_after[cid]}, set())
    assert len(list((tmp_path / "w").glob("*.wav"))) == 6
