"""G.722 wrapper: validation, stateful decoding, 16 kHz output."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp.g722 import SAMPLE_RATE, G722Decoder, g722_decode, g722_encode


def _tone(n: int, f: float = 440.0) -> np.ndarray:
    return (np.sin(np.arange(n) * 2 * np.pi * f / SAMPLE_RATE) * 8000).astype(np.int16)


def test_round_trip_is_the_tone_delayed() -> None:
    pcm = _tone(8000)
    codes = g722_encode(pcm)
    assert len(codes) == 4000  # 64 kbit/s: one octet per two samples
    out = g722_decode(codes)
    assert out.dtype == np.int16 and len(out) == 8000
    # The QMF filter bank delays by a few samples; after it the tone is reproduced.
    best = max(np.corrcoef(out[d:], pcm[: len(out) - d])[0, 1] for d in range(0, 40))
    assert best > 0.99


def test_decoder_keeps_state_across_packets() -> None:
    codes = g722_encode(_tone(3200))
    dec = G722Decoder()
    pieces = np.concatenate([dec.decode(codes[i : i + 160]) for i in range(0, len(codes), 160)])
    assert np.array_equal(pieces, g722_decode(codes))
    fresh = np.concatenate([g722_decode(codes[i : i + 160]) for i in range(0, len(codes), 160)])
    assert not np.array_equal(fresh, pieces)  # resetting per packet would be wrong


def test_validation() -> None:
    assert len(g722_decode(b"")) == 0
    assert len(g722_decode(np.frombuffer(g722_encode(_tone(320)), np.uint8))) == 320
    with pytest.raises(DspError, match="uint8"):
        g722_decode(np.zeros(4, np.int16))
    with pytest.raises(DspError, match="int16"):
        g722_encode(np.zeros(4, np.float64))
    with pytest.raises(DspError, match="even"):
        g722_encode(np.zeros(3, np.int16))
