"""The one WAV reader and writer: int16 channels out of PCM (8/16/24/32-bit), IEEE float, G.711 µ/A-law.

Python's ``wave`` module reads PCM only; telephony WAVs are often µ-law (format tag 7) or A-law (6),
so the RIFF chunks are walked here (Microsoft RIFF/WAVE: "fmt " and "data" chunks;
WAVE_FORMAT_EXTENSIBLE carries the real tag in the first two bytes of its sub-format GUID).

Headers are validated before anything is sized from them: a header that says 0 Hz, 1 Hz, 0 or 65,535
channels or 13-bit samples is refused with a one-line error naming the field, so a damaged or hostile
file can neither raise a traceback nor make a later stage allocate gigabytes (a 1 Hz file "resampled"
to 16 kHz would be 16,000 times its size).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ccedge.core.errors import CoreError
from ccedge.dsp.g711 import ALAW_TO_PCM, ULAW_TO_PCM

_PCM, _FLOAT, _ALAW, _ULAW, _EXTENSIBLE = 1, 3, 6, 7, 0xFFFE
MIN_RATE = 4000  # below telephony's 8 kHz nothing we detect (speech, DTMF up to 1633 Hz) survives
MAX_RATE = 384000
MAX_CHANNELS = 16
_WIDTHS = {(_PCM, 8), (_PCM, 16), (_PCM, 24), (_PCM, 32), (_FLOAT, 32), (_FLOAT, 64), (_ULAW, 8), (_ALAW, 8)}
RIFF_MAGICS = (b"RIFF", b"RIFX", b"RF64")


class AudioFileError(CoreError):
    """A WAV file that cannot be read; the message names the chunk or field."""


def looks_like_wav(head: bytes) -> bool:
    """Whether a file's first bytes are a RIFF-family header (RIFF, big-endian RIFX, RF64)."""
    return head[:4] in RIFF_MAGICS


def _fmt(name: str, body: bytes) -> tuple[int, int, int, int]:
    if len(body) < 16:
        raise AudioFileError(f"{name}: WAV fmt chunk is truncated ({len(body)} of 16 bytes)")
    tag, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", body)
    if tag == _EXTENSIBLE:
        if len(body) < 26:
            raise AudioFileError(f"{name}: WAV extensible fmt chunk is truncated")
        (tag,) = struct.unpack_from("<H", body, 24)
    if not 1 <= channels <= MAX_CHANNELS:
        raise AudioFileError(f"{name}: WAV header says {channels} channels (1-{MAX_CHANNELS} supported)")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioFileError(f"{name}: WAV header says {rate} Hz ({MIN_RATE}-{MAX_RATE} Hz supported)")
    if (tag, bits) not in _WIDTHS:
        raise AudioFileError(f"{name}: WAV format tag {tag} with {bits}-bit samples is not supported "
                             "(PCM 8/16/24/32, float 32/64, G.711 µ-law/A-law 8)")
    if block_align != channels * bits // 8:
        raise AudioFileError(f"{name}: WAV block align {block_align} does not match {channels} channels "
                             f"of {bits} bits")
    return tag, channels, rate, bits


def _decode(tag: int, bits: int, payload: bytes) -> npt.NDArray[np.int16]:
    if tag == _PCM and bits == 16:
        return np.frombuffer(payload, dtype="<i2").astype(np.int16)
    if tag == _PCM and bits == 8:  # unsigned, offset 128
        return ((np.frombuffer(payload, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
    if tag == _PCM and bits == 24:
        b = np.frombuffer(payload, dtype=np.uint8).reshape(-1, 3)
        return (b[:, 1].astype(np.uint16) | (b[:, 2].astype(np.uint16) << 8)).view(np.int16)
    if tag == _PCM and bits == 32:
        return (np.frombuffer(payload, dtype="<i4") >> 16).astype(np.int16)
    if tag == _FLOAT:
        x = np.frombuffer(payload, dtype="<f4" if bits == 32 else "<f8")
        x = np.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)
        return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)
    table = ULAW_TO_PCM if tag == _ULAW else ALAW_TO_PCM
    return table[np.frombuffer(payload, dtype=np.uint8)]


def read_wav(path: str | Path) -> tuple[int, npt.NDArray[np.int16]]:
    """Return ``(rate, samples)`` with samples shaped ``(channels, n)`` as int16.

    A data chunk shorter than its header says (a cut file) gives the whole frames it holds."""
    name = Path(path).name
    data = Path(path).read_bytes()
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        if data[:4] in (b"RIFX", b"RF64"):
            raise AudioFileError(f"{name}: {data[:4].decode()} WAV files are not supported (RIFF only)")
        raise AudioFileError(f"{name}: not a RIFF/WAVE file (bad RIFF header)")
    pos = 12
    fmt: tuple[int, int, int, int] | None = None
    payload: bytes | None = None
    while pos + 8 <= len(data):
        cid = data[pos : pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        body = data[pos + 8 : pos + 8 + size]
        if cid == b"fmt ":
            fmt = _fmt(name, body)
        elif cid == b"data":
            payload = body
            break
        pos += 8 + size + (size & 1)  # chunks are word-aligned
    if fmt is None:
        raise AudioFileError(f"{name}: WAV has no fmt chunk before its data")
    if payload is None:
        raise AudioFileError(f"{name}: WAV has no data chunk")
    tag, channels, rate, bits = fmt
    frame = channels * bits // 8
    pcm = _decode(tag, bits, payload[: len(payload) // frame * frame])
    n = len(pcm) // channels
    return rate, np.ascontiguousarray(pcm.reshape(n, channels).T)


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


__all__ = ["MAX_RATE", "MIN_RATE", "AudioFileError", "looks_like_wav", "read_wav", "write_wav"]
