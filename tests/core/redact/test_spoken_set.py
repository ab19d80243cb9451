"""The spoken test set: what it holds, and a handful of its calls end to end (render, whisper, redaction)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ccedge.core.redact import RedactPolicy
from ccedge.testing.spokenset import SENSITIVE, _digits_of, scripts
from tests.conftest import require_tool


def test_the_set_has_120_calls_of_every_kind_voice_and_impairment() -> None:
    sc = scripts(120)
    assert len(sc) == 120 and len({s.call_id for s in sc}) == 120
    kinds = Counter(ln.kind for s in sc for ln in s.lines)
    for k in (*SENSITIVE, "ORDER", "AMOUNT", "TIME", "YEAR", "LAST4", "PHONE"):
        assert kinds[k] >= 20, k
    assert {s.voice for s in sc} == {"piper", "en-us"}
    assert sum(s.loss_every > 0 for s in sc) >= 20 and sum(s.noise_rms > 50 for s in sc) >= 30
    assert sum(s.wpm > 160 for s in sc) >= 25
    pans = [ln.digits for s in sc for ln in s.lines if ln.kind == "PAN"]
    assert any(len(p) == 15 for p in pans) and any(len(p) == 16 for p in pans)
    assert any(len(p) < 13 for p in pans)  # split over two turns
    for s in sc:
        for ln in s.lines:
            if ln.kind in ("PAN", "SSN", "CVV", "MEMBER") and ln.digits:
                assert ln.digits in _digits_of(ln.text), (ln.text, ln.kind)
    assert scripts(120) == sc  # deterministic


@pytest.mark.slow
def test_two_spoken_calls_end_to_end_leak_nothing(tmp_path: Path) -> None:
    """One espeak-ng bank call and one piper clinic call: no value in text or stored audio."""
    require_tool("espeak-ng")
    pytest.importorskip("piper")
    try:
        from ccedge.core.speech import find_model

        model = find_model()
    except Exception:
        pytest.skip("transcription model not built (ccedge model build)")
    from ccedge.testing import spokeneval as se
    from ccedge.testing.spokenset import build

    cap, sset = build(tmp_path, 2)
    inputs = se.transcribe(cap, tmp_path, model=model)
    assert len(inputs) == 2
    outs = se.redact(inputs, RedactPolicy())
    res = se.score(sset, inputs, outs)
    assert res["values"] >= 6
    for kind, v in res["per_kind"].items():
        assert v["text_partial_leaks"] == 0 and v["audio_leaks"] == 0, (kind, res["misses"])
    assert res["luhn_runs_in_outputs"] == 0 and res["pan_7_digit_runs_in_leg_text"] == 0
    assert res["over_masking"] <= 0.25  # two calls: a loose bound; the benchmark measures the set
