"""Read WAV files as int16 channels: 16-bit PCM, 8-bit PCM, G.711 µ-law and A-law.

Python's ``wave`` module reads PCM only; telephony WAVs are often µ-law (format tag 7) or
A-law (6), so the RIFF chunks are walked here (Microsoft RIFF/WAVE, "fmt " and "data"
chunks; WAVE_FORMAT_EXTENSIBLE carries the real tag in the first two bytes of its GUID).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.errors import CoreError
from ccedge.dsp.g711 import ALAW_TO_PCM, ULAW_TO_PCM

_PCM, _ALAW, _ULAW, _EXTENSIBLE = 1, 6, 7, 0xFFFE


class AudioFileError(CoreError):
    """A WAV file that cannot be read; the message names the chunk or field."""


def read_wav(path: str | Path) -> tuple[int, npt.NDArray[np.int16]]:
    """Return ``(rate, samples)`` with samples shaped ``(channels, n)`` as int16."""
    data = Path(path).read_bytes()
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFileError(f"{Path(path).name}: not a RIFF/WAVE file (bad RIFF header)")
    pos = 12
    fmt: tuple[int, int, int, int] | None = None
    payload: bytes | None = None
    while pos + 8 <= len(data):
        cid = data[pos : pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        body = data[pos + 8 : pos + 8 + size]
        if cid == b"fmt ":
            if len(body) < 16:
                raise AudioFileError(f"{Path(path).name}: WAV fmt chunk is truncated")
            tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
            if tag == _EXTENSIBLE:
                if len(body) < 26:
                    raise AudioFileError(f"{Path(path).name}: WAV extensible fmt chunk is truncated")
                (tag,) = struct.unpack_from("<H", body, 24)
            fmt = (tag, channels, rate, bits)
        elif cid == b"data":
            payload = body
            break
        pos += 8 + size + (size & 1)  # chunks are word-aligned
    if fmt is None:
        raise AudioFileError(f"{Path(path).name}: WAV has no fmt chunk")
    if payload is None:
        raise AudioFileError(f"{Path(path).name}: WAV has no data chunk")
    tag, channels, rate, bits = fmt
    if channels < 1:
        raise AudioFileError(f"{Path(path).name}: WAV fmt channels is 0")
    if tag == _PCM and bits == 16:
        pcm = np.frombuffer(payload[: len(payload) // 2 * 2], dtype="<i2").astype(np.int16)
    elif tag == _PCM and bits == 8:
        pcm = ((np.frombuffer(payload, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
    elif tag == _ULAW and bits == 8:
        pcm = ULAW_TO_PCM[np.frombuffer(payload, dtype=np.uint8)]
    elif tag == _ALAW and bits == 8:
        pcm = ALAW_TO_PCM[np.frombuffer(payload, dtype=np.uint8)]
    else:
        raise AudioFileError(f"{Path(path).name}: WAV format tag {tag} with {bits} bits is not supported")
    n = len(pcm) // channels
    return rate, np.ascontiguousarray(pcm[: n * channels].reshape(n, channels).T)


def write_wav(path: str | Path, rate: int, samples: npt.NDArray[np.int16]) -> None:
    """Write 16-bit PCM; ``samples`` is 1-D (mono) or ``(channels, n)``."""
    a = np.asarray(samples, dtype=np.int16)
    if a.ndim == 1:
        a = a[None, :]
    channels = a.shape[0]
    raw = np.ascontiguousarray(a.T).astype("<i2").tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(raw)) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, _PCM, channels, rate, rate * 2 * channels, 2 * channels, 16)
    Path(path).write_bytes(header + fmt + b"data" + struct.pack("<I", len(raw)) + raw)
