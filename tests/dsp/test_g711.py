"""G.711 µ-law / A-law against a straightforward reference coder (ITU-T G.711 Tables 1-2)."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp.g711 import ALAW_TO_PCM, ULAW_TO_PCM, alaw_decode, alaw_encode, ulaw_decode, ulaw_encode


def _ulaw_ref_decode(code: int) -> int:
    u = ~code & 0xFF
    sign, exp, mant = u & 0x80, (u >> 4) & 7, u & 0x0F
    mag = (((mant << 3) + 0x84) << exp) - 0x84
    return -mag if sign else mag


def _ulaw_ref_encode(x: int) -> int:
    # The classic Sun g711.c linear2ulaw, one sample at a time.
    x >>= 2
    mask = 0x7F if x < 0 else 0xFF
    if x < 0:
        x = -x
    x = min(x, 8159) + 0x21
    seg = (
        next(s for s, end in enumerate((0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)) if x <= end)
        if x <= 0x1FFF
        else 8
    )
    if seg >= 8:
        return 0x7F ^ mask
    return ((seg << 4) | ((x >> (seg + 1)) & 0xF)) ^ mask


def _alaw_ref_decode(code: int) -> int:
    a = code ^ 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t = (t + 0x108) << (seg - 1)
    return t if a & 0x80 else -t


def _alaw_ref_encode(x: int) -> int:
    # Sun g711.c linear2alaw.
    x >>= 3
    if x >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        x = -x - 1
    ends = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)
    seg = next((s for s, end in enumerate(ends) if x <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    aval = seg << 4
    aval |= (x >> 1) & 0xF if seg < 2 else (x >> seg) & 0xF
    return aval ^ mask


def test_tables_match_reference_on_all_256_codes() -> None:
    codes = np.arange(256, dtype=np.uint8)
    assert ulaw_decode(codes).tolist() == [_ulaw_ref_decode(c) for c in range(256)]
    assert alaw_decode(codes).tolist() == [_alaw_ref_decode(c) for c in range(256)]
    assert ULAW_TO_PCM.dtype == ALAW_TO_PCM.dtype == np.int16


def test_all_256_codes_round_trip() -> None:
    codes = np.arange(256, dtype=np.uint8)
    back_u = ulaw_encode(ulaw_decode(codes))
    # µ-law has two zeros (0x7F and 0xFF both decode to 0); every other code is exact.
    assert all(b == c or (c == 0x7F and b == 0xFF) for b, c in zip(back_u.tolist(), range(256), strict=True))
    assert np.array_equal(alaw_encode(alaw_decode(codes)), codes)


def test_encode_matches_reference_on_every_int16() -> None:
    x = np.arange(-32768, 32768, dtype=np.int16)
    ref_u = np.array([_ulaw_ref_encode(int(v)) for v in x[::7]], dtype=np.uint8)
    ref_a = np.array([_alaw_ref_encode(int(v)) for v in x[::7]], dtype=np.uint8)
    assert np.array_equal(ulaw_encode(x[::7]), ref_u)
    assert np.array_equal(alaw_encode(x[::7]), ref_a)


def test_bytes_input_and_dtype_checks() -> None:
    assert ulaw_decode(b"\xff\x00").tolist() == [0, -32124]
    with pytest.raises(DspError, match="uint8"):
        ulaw_decode(np.zeros(3, np.int16))
    with pytest.raises(DspError, match="int16"):
        alaw_encode(np.zeros(3, np.float32))


def test_quantisation_error_is_bounded() -> None:
    x = np.arange(-32768, 32768, 3, dtype=np.int16)
    for enc, dec in ((ulaw_encode, ulaw_decode), (alaw_encode, alaw_decode)):
        err = np.abs(dec(enc(x)).astype(np.int32) - x)
        assert np.all(err <= np.maximum(16, np.abs(x.astype(np.int32)) // 16 + 16))
