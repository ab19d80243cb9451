"""Reading back what the offline model build writes: a ggml whisper file's header and tensor table,
and dequantised q8_0/q5_0 blocks (tests and error measurements only; the engine loads models through
whisper.cpp)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.ggml import GGML_MAGIC, WhisperHparams
from ccedge.core.speech.quantise import BLOCK_BYTES, GGML_TYPE_F16, GGML_TYPE_F32, GGML_TYPE_Q8_0, QK


def read_ggml_header(path: Path) -> tuple[WhisperHparams, int, dict[str, tuple[int, tuple[int, ...]]]]:
    """Parse a ggml whisper file's hparams, ftype and tensor table (name -> (type, ne))."""
    buf = Path(path).read_bytes()
    (magic,) = struct.unpack_from("<I", buf, 0)
    if magic != GGML_MAGIC:
        raise SpeechError("ggml model file has a bad magic number")
    ints = struct.unpack_from("<11i", buf, 4)
    hp, ftype = WhisperHparams(*ints[:10]), ints[10]
    off = 4 + 44
    n_mel, n_fft = struct.unpack_from("<ii", buf, off)
    off += 8 + 4 * n_mel * n_fft
    (n_tok,) = struct.unpack_from("<i", buf, off)
    off += 4
    for _ in range(n_tok):
        (ln,) = struct.unpack_from("<i", buf, off)
        off += 4 + ln
    table: dict[str, tuple[int, tuple[int, ...]]] = {}
    while off < len(buf):
        nd, nl, tt = struct.unpack_from("<iii", buf, off)
        off += 12
        ne = struct.unpack_from("<" + "i" * nd, buf, off)
        off += 4 * nd
        name = buf[off : off + nl].decode()
        off += nl
        count = int(np.prod(ne))
        size = {GGML_TYPE_F32: 4 * count, GGML_TYPE_F16: 2 * count}.get(tt)
        if size is None:
            size = count // QK * BLOCK_BYTES[tt]
        off += size
        table[name] = (tt, tuple(ne))
    return hp, ftype, table


def dequantize(data: npt.NDArray[np.uint8], ggml_type: int) -> npt.NDArray[np.float32]:
    """The quantiser's inverse (up to quantisation error), to measure that error."""
    blk = data.reshape(-1, BLOCK_BYTES[ggml_type])
    d = blk[:, :2].copy().view("<f2").astype(np.float32)
    if ggml_type == GGML_TYPE_Q8_0:
        return (blk[:, 2:].view(np.int8).astype(np.float32) * d).reshape(-1)
    qh = blk[:, 2:6].copy().view("<u4")[:, 0]
    qs = blk[:, 6:]
    lo = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int32)
    bits = ((qh[:, None] >> np.arange(QK, dtype=np.uint32)) & 1).astype(np.int32)
    q = (lo | (bits << 4)) - 16
    return (q.astype(np.float32) * d).reshape(-1)


__all__ = ["dequantize", "read_ggml_header"]
