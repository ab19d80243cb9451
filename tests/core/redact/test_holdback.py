from __future__ import annotations

import numpy as np
import pytest

from ccedge.core.frames import AudioFrame, RedactionSpan, Transcript
from ccedge.core.redact import Redactor, RedactPolicy
from ccedge.core.redact.holdback import HoldBack

RATE = 8000


def frames(call: str, leg: str, seconds: float, block: float = 0.5) -> list[AudioFrame]:
    n = int(block * RATE)
    out = []
    t = 0.0
    while t < seconds - 1e-9:
        out.append(AudioFrame(call, leg, t, RATE, np.full(n, 1000, np.int16)))
        t += block
    return out


def test_nothing_leaves_before_it_is_cleared_and_spans_are_masked() -> None:
    hb = HoldBack(RedactPolicy(holdback_s=30.0, pad_s=0.1))
    out = []
    for f in frames("c", "caller", 4.0):
        out += hb.push(f)
    assert out == []  # nothing cleared yet
    hb.add_spans([RedactionSpan("c", "caller", 1.0, 1.5, "PAN", "pan-luhn")])
    out = hb.clear("c", "caller", 3.0)
    assert [r.status for r in out] == ["cleared"] * 5  # frames ending at <= 3.0 - pad
    pcm = np.concatenate([r.frame.samples for r in out])
    assert np.all(pcm[int(0.95 * RATE) : int(1.55 * RATE)] == 0)
    assert np.all(pcm[: int(0.85 * RATE)] == 1000) and np.all(pcm[int(1.65 * RATE) :] == 1000)
    rest = hb.finish("c")
    assert len(rest) == 3 and all(r.status == "cleared" for r in rest)


@pytest.mark.parametrize("action", ["mask", "seal"])
def test_lagging_transcription_never_releases_plain_audio(action: str) -> None:
    hb = HoldBack(RedactPolicy(holdback_s=2.0, lag_action=action))  # type: ignore[arg-type]
    out = []
    for f in frames("c", "callee", 5.0):
        out += hb.push(f)
    assert out, "the horizon must bound the buffer"
    assert hb.held_s("c", "callee") <= 2.0 + 0.5
    if action == "mask":
        assert all(r.status == "masked-lag" and not r.frame.samples.any() for r in out)
    else:
        assert all(r.status == "sealed" for r in out)
    assert hb.lagged_s == pytest.approx(sum(len(r.frame.samples) for r in out) / RATE)


def test_redactor_holds_audio_of_a_number_that_may_still_grow() -> None:
    red = Redactor()
    red.process(Transcript("c", "caller", 0.0, 1.0, "hello there"))
    assert red.safe_until("c", "caller", 1.0) == 1.0
    red.process(Transcript("c", "caller", 2.0, 4.0, "it's 4111 1111"))
    assert red.safe_until("c", "caller", 4.0) < 3.0
    _, spans = red.process(Transcript("c", "caller", 4.5, 6.5, "1111 1111"))
    assert {s.kind for s in spans} == {"PAN"}
    assert min(s.t0 for s in spans) < 3.0  # the first half, said earlier, is masked too
