"""The file verbs' JSON contracts before and after the move onto the live chain.

``golden/`` holds what the old batch path printed for the bundled capture (recorded before it
was removed; redacted content only); ``redact_capture*.jsonl`` were re-recorded (issue 10) after
DTW word times and the fail-closed windows changed the redacted text on purpose, and again
(issue 9) when packed windows' silence went from 1.0 to 0.3 s (espeak-ng's words changed; fewer
numbers over-masked, the card number now found as a PAN), checked by hand each time: no digit
run, every card/CVV/PIN/DOB/SSN/member/policy value masked. The chain must print the
same keys and, call by call, the same legs, DTMF, utterance cuts, talk statistics, redacted
transcripts and receipts.
Differences allowed, and why: calls come out in the order they end (live), not the order
they started; receipts may carry keys the redactor added since; and without transcription
the old path flagged ``audio-lagged`` (its 30 s hold-back ran out while nothing cleared the
audio), which a fast replay no longer does (its hold-back waits for redaction).
"""

from __future__ import annotations

import json
import re
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
def test_redact_capture_with_transcription_keeps_its_contract_and_findings(tmp_path: Path) -> None:
    """With transcription the words themselves may move a little: the chain hands utterances to
    the speech workers as they are cut, so whisper.cpp packs them into other windows than a
    batch did. The contract, the cuts and what was found must hold."""
    from rapidfuzz import fuzz

    p = subprocess.run([*CCEDGE, "redact", str(bundled_capture()), "--json", "--wav-dir", str(tmp_path / "w"),
                        "--receipt", str(tmp_path / "r.jsonl")], capture_output=True, text=True, timeout=1500)
    assert p.returncode == 0, p.stderr[-2000:]
    before = [json.loads(x) for x in (GOLDEN / "redact_capture.jsonl").read_text().splitlines()]
    after = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    assert all(set(o) == set(before[0]) for o in after)  # the JSON contract
    old = {(o["call_id"], o["leg"], o["start_s"]): o for o in before}
    new = {(o["call_id"], o["leg"], o["start_s"]): o for o in after}
    same = set(old) & set(new)
    assert len(same) >= 0.85 * len(old), (sorted(set(old) - set(new)), sorted(set(new) - set(old)))
    score = sum(fuzz.ratio(old[k]["text"], new[k]["text"]) for k in same) / len(same)
    assert score >= 80, score
    assert not re.search(r"\d[\d ,-]{5,}\d", " ".join(o["text"] for o in after))
    receipts_before = _calls((GOLDEN / "redact_capture_receipts.jsonl").read_text())
    receipts_after = _calls((tmp_path / "r.jsonl").read_text())
    assert sorted(receipts_before) == sorted(receipts_after)
    for cid, r in receipts_before.items():
        assert set(r) <= set(receipts_after[cid])
        sensitive = set(r["kinds"]) - {"UNHEARD"}
        assert sensitive <= set(receipts_after[cid]["kinds"]) | {"MRN", "MEMBER"}, cid
    assert len(list((tmp_path / "w").glob("*.wav"))) == 6
