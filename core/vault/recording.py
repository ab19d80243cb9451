"""One call as it is being recorded: a two-channel WAV stream, an event stream and, when
redaction could not clear some audio in time, a quarantine stream; each a chunked AEAD file.

The audio plaintext is a WAV file (RIFF, PCM 16-bit, channel 0 the agent, channel 1 the
customer, the call's own sample rate) whose size fields hold 0xFFFFFFFF while it grows, the
streaming convention sox and ffmpeg accept; ``ccedge recordings get`` writes the real sizes.
Blocks of the two legs arrive separately and at their own pace, so they are placed on one
timeline by their call time: a gap is silence, a leg that lags more than ``max_skew_s``
behind the other is padded so that memory stays bounded (ARCHITECTURE.md, live and bounded).

A chunk is cut at least every ``chunk_seconds`` of call audio, so a crash loses at most
that much; events ride along in the same rhythm.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.vault.format import KIND_AUDIO, KIND_EVENTS, KIND_QUARANTINE, ChunkWriter
from ccedge.dsp.resample import resample

STREAM_SIZE = 0xFFFFFFFF
SUPPORTED_RATES = (8000, 16000)


def wav_header(rate: int, channels: int, data_bytes: int = STREAM_SIZE) -> bytes:
    """A canonical 44-byte PCM WAV header; ``data_bytes`` 0xFFFFFFFF marks a growing stream."""
    riff = STREAM_SIZE if data_bytes == STREAM_SIZE else 36 + data_bytes
    block = channels * 2
    return (
        b"RIFF"
        + struct.pack("<I", riff)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block, block, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


def finish_wav(plain: bytes) -> bytes:
    """The stored WAV stream with its real sizes (what ``recordings get`` writes)."""
    if len(plain) < 44:
        return wav_header(8000, 2, 0)
    channels, rate = struct.unpack_from("<HI", plain, 22)
    data = len(plain) - 44
    data -= data % (2 * channels)
    return wav_header(rate, channels, data) + plain[44 : 44 + data]


class Timeline:
    """Places each channel's blocks by time and hands out interleaved frames both legs cover."""

    def __init__(self, channels: int, max_skew_s: float) -> None:
        self.channels = channels
        self.rate = 0
        self.written = 0  # frames handed out
        self.max_skew_s = max_skew_s
        self._pend: list[list[npt.NDArray[np.int16]]] = [[] for _ in range(channels)]
        self._len = [0] * channels
        self.overlap_dropped = 0

    def add(self, channel: int, t0: float, rate: int, samples: npt.NDArray[np.int16]) -> None:
        if self.rate == 0:
            self.rate = rate if rate in SUPPORTED_RATES else 8000
        if rate != self.rate:
            samples = resample(samples, rate, self.rate, "QQ")
        pos = round(t0 * self.rate)
        gap = pos - (self.written + self._len[channel])
        if gap < 0:  # overlaps what this channel already has: keep the first copy
            cut = min(-gap, len(samples))
            self.overlap_dropped += cut
            samples = samples[cut:]
        elif gap > 0:
            self._push(channel, np.zeros(gap, np.int16))
        if len(samples):
            self._push(channel, samples)

    @property
    def pending(self) -> list[int]:
        return list(self._len)

    def _push(self, channel: int, a: npt.NDArray[np.int16]) -> None:
        self._pend[channel].append(a)
        self._len[channel] += len(a)

    def take(self, final: bool = False) -> bytes:
        lead = max(self._len)
        ready = lead if final else min(self._len)
        if not final and self.rate and lead - ready > self.max_skew_s * self.rate:
            ready = lead - int(self.max_skew_s * self.rate)
        if ready <= 0:
            return b""
        out = np.zeros((ready, self.channels), np.int16)
        for ch in range(self.channels):
            buf = np.concatenate(self._pend[ch]) if self._pend[ch] else np.zeros(0, np.int16)
            n = min(ready, len(buf))
            out[:n, ch] = buf[:n]
            rest = buf[ready:]
            self._pend[ch] = [rest] if len(rest) else []
            self._len[ch] = len(rest)
        self.written += ready
        return out.tobytes()


class LiveRecording:
    """The files of one call being written (synchronous; the sink calls it off the loop)."""

    def __init__(
        self,
        folder: Path,
        stem: str,
        dek: bytes,
        channels: Mapping[str, int],
        chunk_seconds: float = 1.0,
        max_skew_s: float = 2.0,
    ) -> None:
        self.folder = folder
        self.stem = stem
        self.channels = dict(channels)
        self.chunk_seconds = chunk_seconds
        self.audio = ChunkWriter(folder / f"{stem}.audio", dek, KIND_AUDIO)
        try:
            self.events = ChunkWriter(folder / f"{stem}.events", dek, KIND_EVENTS)
        except BaseException:
            self.audio.abandon()
            raise
        self.quarantine: ChunkWriter | None = None
        self.timeline = Timeline(2, max_skew_s)
        self._header_written = False
        self._events_due = False
        self.sealed_spans = 0
        self.sealed_seconds = 0.0
        self.utterances = 0
        self.words = 0
        self.model = ""

    @property
    def paths(self) -> dict[str, Path]:
        out = {"audio": self.folder / f"{self.stem}.audio", "events": self.folder / f"{self.stem}.events"}
        if self.quarantine is not None:
            out["quarantine"] = self.folder / f"{self.stem}.quarantine"
        return out

    def channel_of(self, leg: str, role: str) -> int:
        if leg not in self.channels:
            used = set(self.channels.values())
            pref = 1 if role == "customer" else 0
            self.channels[leg] = pref if pref not in used else (1 - pref if 1 - pref not in used else pref)
        return self.channels[leg]

    def add_audio(self, leg: str, role: str, t0: float, rate: int, samples: npt.NDArray[np.int16]) -> None:
        self.timeline.add(self.channel_of(leg, role), t0, rate, samples)
        data = self.timeline.take()
        if data:
            self._audio_bytes(data)

    def _audio_bytes(self, data: bytes) -> None:
        if not self._header_written:
            self.audio.write(wav_header(self.timeline.rate, 2))
            self._header_written = True
        self.audio.write(data)

    def open_quarantine(self, qdek: bytes) -> None:
        self.quarantine = ChunkWriter(self.folder / f"{self.stem}.quarantine", qdek, KIND_QUARANTINE)

    def add_sealed(self, leg: str, role: str, t0: float, rate: int, original: npt.NDArray[np.int16]) -> None:
        """Keep the unmasked original of a span that left the hold-back uncleared."""
        assert self.quarantine is not None
        meta = json.dumps(
            {"leg": leg, "role": role, "t0": round(t0, 4), "rate": rate, "n": len(original)}
        ).encode()
        self.quarantine.write(struct.pack(">I", len(meta)) + meta + original.astype("<i2").tobytes())
        self._events_due = True
        self.sealed_spans += 1
        self.sealed_seconds += len(original) / rate

    def add_event(self, e: Mapping[str, Any]) -> None:
        if e.get("type") == "utterance" and e.get("final", True):
            self.utterances += 1
            self.words += len(e.get("words") or str(e.get("text", "")).split())
            self.model = str(e.get("model", "")) or self.model
        self.events.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        if e.get("type") in ("utterance", "score"):
            self._events_due = True

    def due(self) -> bool:
        """Whether a chunk should be cut now (``chunk_seconds`` of audio, or a transcript line)."""
        return self._events_due or self.audio.pending >= self.timeline.rate * 4 * self.chunk_seconds > 0

    def flush(self) -> None:
        """Encrypt and append what is buffered (file I/O: the sink runs this off the loop)."""
        self.audio.flush()
        self.events.flush()
        if self.quarantine is not None:
            self.quarantine.flush()
        self._events_due = False

    def close(self) -> None:
        data = self.timeline.take(final=True)
        if data or not self._header_written:
            self._audio_bytes(data)
        self.audio.close()
        self.events.close()
        if self.quarantine is not None:
            self.quarantine.close()

    def discard(self) -> None:
        """Close and remove the files (a recording the index never took)."""
        self.abandon()
        for path in self.paths.values():
            path.unlink(missing_ok=True)

    def abandon(self) -> None:
        for w in (self.audio, self.events, self.quarantine):
            if w is not None:
                w.abandon()


def parse_quarantine(plain: bytes) -> list[tuple[dict[str, Any], npt.NDArray[np.int16]]]:
    out: list[tuple[dict[str, Any], npt.NDArray[np.int16]]] = []
    pos = 0
    while pos + 4 <= len(plain):
        (n,) = struct.unpack_from(">I", plain, pos)
        meta = json.loads(plain[pos + 4 : pos + 4 + n])
        start = pos + 4 + n
        samples = np.frombuffer(plain[start : start + 2 * int(meta["n"])], "<i2").astype(np.int16)
        out.append((meta, samples))
        pos = start + 2 * int(meta["n"])
    return out


__all__ = ["LiveRecording", "Timeline", "finish_wav", "parse_quarantine", "wav_header"]
