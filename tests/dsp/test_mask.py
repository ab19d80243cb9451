"""Masking: sample-accurate spans, nothing outside changes, no masked audio inside, no clicks."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp.mask import mask_spans, span_samples


def _speech(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n) / 8000
    x = 8000 * np.sin(2 * np.pi * 300 * t) + 3000 * rng.standard_normal(n)
    return np.clip(x, -32768, 32767).astype(np.int16)


def test_span_rounding_is_outwards_and_merged() -> None:
    assert span_samples([(0.1, 0.2)], 8000, 8000) == [(800, 1600)]
    assert span_samples([(0.10001, 0.19999)], 8000, 8000) == [(800, 1600)]
    assert span_samples([(0.3, 0.5), (0.1, 0.35), (0.9, 2.0)], 8000, 8000) == [(800, 4000), (7200, 8000)]
    assert span_samples([(-1.0, 0.0)], 8000, 8000) == []


@pytest.mark.parametrize("mode", ["silence", "tone"])
def test_outside_untouched_inside_replaced(mode: str) -> None:
    x = _speech(16000)
    spans = [(0.25, 0.5), (1.2, 1.35)]
    y = mask_spans(x, 8000, spans, mode=mode, fade_ms=5)  # type: ignore[arg-type]
    assert y is not x and np.array_equal(x, _speech(16000))  # input not modified
    inside = np.zeros(len(x), bool)
    for i0, i1 in span_samples(spans, 8000, len(x)):
        inside[i0:i1] = True
    np.testing.assert_array_equal(y[~inside], x[~inside])
    # away from the fades nothing of the original remains
    core = y[2000 + 40 : 4000 - 40].astype(float)
    orig = x[2000 + 40 : 4000 - 40].astype(float)
    if mode == "silence":
        assert not core.any()
    else:
        assert np.sqrt(np.mean(core**2)) == pytest.approx(32767 * 10 ** (-30 / 20) / np.sqrt(2), rel=0.02)
    assert abs(np.corrcoef(core + 1e-9 * np.arange(len(core)), orig)[0, 1]) < 0.05


def test_edges_do_not_click() -> None:
    x = _speech(16000, seed=3)
    i0, i1 = 2000, 4000
    y = mask_spans(x, 8000, [(i0 / 8000, i1 / 8000)], fade_ms=5).astype(float)
    xf = x.astype(float)
    typical = np.percentile(np.abs(np.diff(xf)), 99)
    # the jumps at and near both edges are no larger than the signal's own steps
    for edge in (i0, i1):
        assert np.max(np.abs(np.diff(y[edge - 3 : edge + 3]))) <= typical
    unfaded = mask_spans(x, 8000, [(i0 / 8000, i1 / 8000)], fade_ms=0).astype(float)
    assert abs(unfaded[i0] - unfaded[i0 - 1]) == abs(xf[i0 - 1])  # without fades it would jump
    # fades hold only the boundary samples' values: no masked sample leaks into them
    ramp_in = y[i0 : i0 + 40] / xf[i0 - 1]
    assert np.all(np.diff(ramp_in) <= 1e-3) and 0 < ramp_in[0] <= 1


def test_span_at_buffer_edges_and_short_spans() -> None:
    x = _speech(800)
    y = mask_spans(x, 8000, [(0.0, 0.01), (0.09, 0.2)])
    # no sample before the buffer to hold: the first span is silent up to its end fade,
    # which rises towards the first kept sample; the last span fades down from x[719]
    assert not y[:40].any() and abs(int(y[79])) <= abs(int(x[80]))
    assert not y[760:].any() and abs(int(y[720])) <= abs(int(x[719]))
    np.testing.assert_array_equal(y[80:720], x[80:720])
    z = mask_spans(x, 8000, [(0.05, 0.05 + 1 / 8000)])  # one sample
    assert z[400] == 0 and np.array_equal(np.delete(z, 400), np.delete(x, 400))


def test_validation() -> None:
    x = _speech(800)
    with pytest.raises(DspError, match="int16"):
        mask_spans(x.astype(np.float32), 8000, [(0, 0.1)])  # type: ignore[arg-type]
    with pytest.raises(DspError, match="mode"):
        mask_spans(x, 8000, [(0, 0.1)], mode="beep")  # type: ignore[arg-type]
    with pytest.raises(DspError, match="ends before"):
        mask_spans(x, 8000, [(0.2, 0.1)])
    with pytest.raises(DspError, match="finite"):
        mask_spans(x, 8000, [(0.0, float("nan"))])
