"""Sample-accurate masking of time spans on one leg (used by redaction).

A span ``(t0, t1)`` in seconds covers samples ``floor(t0 * rate)`` up to, not including,
``ceil(t1 * rate)``: rounding outwards, so a span never leaves a sample of what it covers.
Inside the span the audio is replaced by silence or by a low comfort tone; no sample outside
any span changes. The edges do not click: within ``fade_ms`` at each end of a span the
replacement ramps (raised cosine) from the value of the last sample before the span to zero,
and from zero to the value of the first sample after it, so the waveform stays continuous
without any of the masked audio leaking into the fades. The comfort tone fades in and out
over the same length.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from ccedge.dsp import DspError

MaskMode = Literal["silence", "tone"]


def span_samples(spans: Sequence[tuple[float, float]], rate: int, n: int) -> list[tuple[int, int]]:
    """Spans as merged, sorted, clipped ``[i0, i1)`` sample ranges (rounded outwards)."""
    ranges = []
    for t0, t1 in spans:
        if not (math.isfinite(t0) and math.isfinite(t1)):
            raise DspError("mask span times must be finite")
        if t1 < t0:
            raise DspError("mask span ends before it starts")
        i0 = max(0, math.floor(t0 * rate + 1e-9))
        i1 = min(n, math.ceil(t1 * rate - 1e-9))
        if i1 > i0:
            ranges.append((i0, i1))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for i0, i1 in ranges:
        if merged and i0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], i1))
        else:
            merged.append((i0, i1))
    return merged


def mask_spans(
    samples: npt.NDArray[np.int16],
    rate: int,
    spans: Sequence[tuple[float, float]],
    mode: MaskMode = "silence",
    fade_ms: float = 5.0,
    tone_hz: float = 425.0,
    tone_dbfs: float = -30.0,
) -> npt.NDArray[np.int16]:
    """A copy of ``samples`` with every span masked (see the module docstring)."""
    x = np.asarray(samples)
    if x.dtype != np.int16 or x.ndim != 1:
        raise DspError(f"mask needs 1-D int16 samples, got {x.dtype} with shape {x.shape}")
    if rate <= 0:
        raise DspError(f"mask rate must be positive, got {rate}")
    if mode not in ("silence", "tone"):
        raise DspError(f"mask mode must be 'silence' or 'tone', got {mode!r}")
    if fade_ms < 0:
        raise DspError("mask fade_ms must be >= 0")
    if mode == "tone" and not 0 < tone_hz < rate / 2:
        raise DspError("mask tone_hz must lie between 0 and half the rate")
    out = x.copy()
    fade = round(fade_ms * rate / 1000)
    amp = 32767.0 * 10 ** (tone_dbfs / 20)
    for i0, i1 in span_samples(spans, rate, len(x)):
        length = i1 - i0
        f = min(fade, length // 2)
        repl = np.zeros(length)
        if f > 0:
            ramp = 0.5 - 0.5 * np.cos(np.pi * (np.arange(f) + 1) / (f + 1))  # rises 0 -> 1, exclusive
            if i0 > 0:
                repl[:f] += float(x[i0 - 1]) * ramp[::-1]
            if i1 < len(x):
                repl[length - f :] += float(x[i1]) * ramp
        if mode == "tone":
            env = np.ones(length)
            if f > 0:
                env[:f] = ramp
                env[length - f :] = ramp[::-1]
            repl += amp * env * np.sin(2 * np.pi * tone_hz * np.arange(length) / rate)
        out[i0:i1] = np.clip(np.round(repl), -32768, 32767).astype(np.int16)
    return out


__all__ = ["MaskMode", "mask_spans", "span_samples"]
