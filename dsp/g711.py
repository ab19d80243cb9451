"""G.711 µ-law and A-law (ITU-T G.711), vectorised.

Decoding is a 256-entry table lookup; encoding computes the segment (exponent) from the
position of the highest set bit, as in G.711 §2 / Tables 1a-2b, for whole arrays at once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ccedge.dsp import DspError

_BIAS = 0x84  # µ-law bias (132), G.711 Table 2a


def _check_pcm(pcm: npt.ArrayLike) -> npt.NDArray[np.int16]:
    a = np.asarray(pcm)
    if a.dtype != np.int16:
        raise DspError(f"G.711 encode needs int16 samples, got {a.dtype}")
    return a


def _check_codes(codes: npt.ArrayLike | bytes) -> npt.NDArray[np.uint8]:
    if isinstance(codes, bytes | bytearray | memoryview):
        return np.frombuffer(codes, dtype=np.uint8)
    a = np.asarray(codes)
    if a.dtype != np.uint8:
        raise DspError(f"G.711 decode needs uint8 codes, got {a.dtype}")
    return a


def _ulaw_table() -> npt.NDArray[np.int16]:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + _BIAS) << exponent) - _BIAS
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


def _alaw_table() -> npt.NDArray[np.int16]:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    magnitude = np.where(exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << (exponent - 1))
    return np.where(a & 0x80, magnitude, -magnitude).astype(np.int16)


ULAW_TO_PCM = _ulaw_table()
ALAW_TO_PCM = _alaw_table()


def ulaw_decode(codes: npt.ArrayLike | bytes) -> npt.NDArray[np.int16]:
    return ULAW_TO_PCM[_check_codes(codes)]


def alaw_decode(codes: npt.ArrayLike | bytes) -> npt.NDArray[np.int16]:
    return ALAW_TO_PCM[_check_codes(codes)]


def ulaw_encode(pcm: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    # Works on 14-bit magnitudes: the arithmetic shift rounds negatives toward -inf, as the
    # reference coder does, so that encode(decode(c)) == c for every code.
    y = _check_pcm(pcm).astype(np.int32) >> 2
    sign = np.where(y < 0, 0x80, 0)
    # 0x21 is the bias 132 on the 14-bit scale; 8158 + 0x21 is the top of segment 7 (clip).
    mag = np.minimum(np.abs(y), 8158) + 0x21
    seg = np.clip(np.floor(np.log2(mag)).astype(np.int32) - 5, 0, 7)
    code = sign | (seg << 4) | ((mag >> (seg + 1)) & 0x0F)
    return (~code & 0xFF).astype(np.uint8)


def alaw_encode(pcm: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    x = _check_pcm(pcm).astype(np.int32)
    sign = np.where(x >= 0, 0x80, 0)
    mag = np.where(x >= 0, x, -x - 1) >> 3  # A-law works on 13-bit magnitudes
    mag = np.minimum(mag, 0xFFF)
    seg = np.clip(np.floor(np.log2(np.maximum(mag, 1))).astype(np.int32) - 4, 0, 7)
    mant = np.where(seg == 0, mag >> 1, mag >> seg) & 0x0F
    code = sign | (seg << 4) | mant
    return (code ^ 0x55).astype(np.uint8)
