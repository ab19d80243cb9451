"""ggml block quantisation (q8_0, q5_0) in numpy, byte-identical to ggml's reference code.

Follows ``quantize_row_q8_0_ref`` and ``quantize_row_q5_0_ref`` in ggml ``ggml-quants.c``
(what ``ggml_quantize_chunk`` runs when no importance matrix is given): blocks of 32
values, a float16 scale ``d`` per block, all arithmetic in float32 as the C code does it.

    q8_0 block (34 bytes): fp16 d = amax/127; int8 q[32] = roundf(x/d)
    q5_0 block (22 bytes): fp16 d = max/-16 (max = the signed value of largest magnitude);
                           q = min(31, (int)(x/d + 16.5)); low nibbles packed two per byte
                           (element j and j+16), fifth bits in a uint32 ``qh``
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ccedge.core.speech.errors import SpeechError

QK = 32  # values per block (ggml QK8_0 == QK5_0 == 32)

# ggml_type ids (ggml.h)
GGML_TYPE_F32 = 0
GGML_TYPE_F16 = 1
GGML_TYPE_Q5_0 = 6
GGML_TYPE_Q8_0 = 8

BLOCK_BYTES = {GGML_TYPE_Q8_0: 2 + QK, GGML_TYPE_Q5_0: 2 + 4 + QK // 2}


def _blocks(x: npt.ArrayLike) -> npt.NDArray[np.float32]:
    a = np.ascontiguousarray(x, dtype=np.float32)
    if a.size % QK:
        raise SpeechError(f"quantiser input length must be a multiple of {QK} (rows of whole blocks)")
    return a.reshape(-1, QK)


def _roundf(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """C ``roundf``: halves away from zero (numpy's round is half-to-even)."""
    t = np.trunc(v)
    frac = v - t  # exact in float32
    return np.where(np.abs(frac) >= np.float32(0.5), t + np.sign(v), t).astype(np.float32)


def quantize_q8_0(x: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    """Quantise float values (row-major, whole blocks) to q8_0 bytes."""
    b = _blocks(x)
    amax = np.max(np.abs(b), axis=1)
    d = (amax / np.float32(127)).astype(np.float32)
    # a subnormal scale's inverse overflows to inf and a zero times it is NaN: ggml's C does the same float
    # arithmetic without traps, and the bytes must match it, so numpy is told not to warn
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        inv = np.where(d != 0, np.float32(1) / d, np.float32(0)).astype(np.float32)
        q = _roundf((b * inv[:, None]).astype(np.float32)).astype(np.int8)
    out = np.empty((b.shape[0], BLOCK_BYTES[GGML_TYPE_Q8_0]), dtype=np.uint8)
    out[:, :2] = d.astype("<f2").view(np.uint8).reshape(-1, 2)
    out[:, 2:] = q.view(np.uint8)
    return out.reshape(-1)


def quantize_q5_0(x: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    """Quantise float values (row-major, whole blocks) to q5_0 bytes."""
    b = _blocks(x)
    # ggml keeps the FIRST element of largest magnitude (strict '<' in its scan), with its sign.
    idx = np.argmax(np.abs(b), axis=1)
    mx = b[np.arange(b.shape[0]), idx]
    # An all-zero block leaves ggml's running max at its +0.0 start, so d = +0/-16 = -0.0.
    mx = np.where(np.abs(mx) > 0, mx, np.float32(0)).astype(np.float32)
    d = (mx / np.float32(-16)).astype(np.float32)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # as in quantize_q8_0
        inv = np.where(d != 0, np.float32(1) / d, np.float32(0)).astype(np.float32)
        scaled = ((b * inv[:, None]).astype(np.float32) + np.float32(16.5)).astype(np.float32)
        # (int8_t) cast truncates toward zero; values are in [0.5, 32.5] so truncation is floor.
        qi = np.minimum(np.trunc(scaled), 31).astype(np.uint32)
    lo, hi = qi[:, : QK // 2], qi[:, QK // 2 :]
    qs = ((lo & 0x0F) | ((hi & 0x0F) << 4)).astype(np.uint8)
    shifts = np.arange(QK, dtype=np.uint32)
    qh = np.bitwise_or.reduce(((qi & 0x10) >> 4) << shifts, axis=1).astype("<u4")
    out = np.empty((b.shape[0], BLOCK_BYTES[GGML_TYPE_Q5_0]), dtype=np.uint8)
    out[:, :2] = d.astype("<f2").view(np.uint8).reshape(-1, 2)
    out[:, 2:6] = qh.view(np.uint8).reshape(-1, 4)
    out[:, 6:] = qs
    return out.reshape(-1)


def quantize(x: npt.ArrayLike, ggml_type: int) -> npt.NDArray[np.uint8]:
    if ggml_type == GGML_TYPE_Q8_0:
        return quantize_q8_0(x)
    if ggml_type == GGML_TYPE_Q5_0:
        return quantize_q5_0(x)
    raise SpeechError(f"unsupported quantisation type id {ggml_type}")
