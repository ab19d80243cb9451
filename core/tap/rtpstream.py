"""One RTP stream as the demux reports it, and where its payload octets lie.

:class:`RtpStream` is what the SIP side reads (INTERFACES.md, "core.tap RTP side"); its
audio is decoded on first use by :func:`ccedge.core.tap.streamwork.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap import codecs
from ccedge.core.tap.jitter import Ordered

if TYPE_CHECKING:
    from ccedge.core.tap.streams import RtpDemux

StreamKey = tuple[str, int, str, int, int]  # src, sport, dst, dport, first SSRC


@dataclass(eq=False)
class RtpStream:
    """One direction of media on one 4-tuple, following SSRC changes (the leg's RTP)."""

    src: str
    sport: int
    dst: str
    dport: int
    ssrc: int
    ssrcs: list[int]
    first_ts: float
    last_ts: float
    packets: int
    lost: int
    duplicates: int
    gaps: int
    payload_types: dict[int, int]
    codec: str | None
    clock_rate: int
    srtp: str  # "none" | "decrypted" | "encrypted" | "zrtp"
    dtmf: list[tuple[str, float, float]]
    rtcp: dict[str, Any]
    jitter_s: float = 0.0
    comfort_noise: int = 0
    unknown_payload_types: dict[int, int] = field(default_factory=dict)
    malformed: int = 0
    auth_failed: int = 0
    other_events: int = 0
    dtmf_keys: list[tuple[int, int]] = field(default_factory=list)  # (sub-stream, RTP ts) per dtmf entry
    # Where the packets are (the demux's storage as of ``generation``): set by streamwork, dropped by
    # forget(). parts: (sub-stream, its ordering, its rows) per SSRC of the stream.
    demux: RtpDemux | None = field(default=None, repr=False)
    parts: list[tuple[int, Ordered, npt.NDArray[np.int64]]] = field(default_factory=list, repr=False)
    generation: int = field(default=0, repr=False)
    _pcm: tuple[float, int, npt.NDArray[np.int16]] | None = field(default=None, repr=False)

    def _current(self) -> RtpStream | None:
        """This stream as the demux knows it now (rows move when storage is compacted)."""
        if self.demux is None:
            return None
        if self.generation == self.demux.generation:
            return self
        return self.demux.streams.get(self.key)

    @property
    def key(self) -> StreamKey:
        return (self.src, self.sport, self.dst, self.dport, self.ssrc)

    @property
    def rate(self) -> int:
        """Audio sample rate of :meth:`pcm` (16 kHz for G.722 though its RTP clock is 8 kHz)."""
        return codecs.AUDIO_RATE.get(self.codec or "", self.clock_rate)

    @property
    def plausible(self) -> bool:
        """Enough packets with mostly consecutive sequence numbers to be media, not stray UDP."""
        return self.packets >= 3 and self.lost <= 4 * self.packets

    def pcm(self) -> tuple[float, int, npt.NDArray[np.int16]]:
        """(capture time of sample 0, rate, int16 samples) in order, loss and CN as silence.

        Empty when the stream is not decodable (unknown codec, encrypted, ZRTP, events only).
        """
        if self.demux is None or self.codec not in codecs.DECODABLE or self.srtp in ("encrypted", "zrtp"):
            return self.first_ts, self.rate, np.zeros(0, np.int16)
        if self._pcm is None:  # a stream object is immutable once built: decode it once
            cur = self._current()
            if cur is None:
                return self.first_ts, self.rate, np.zeros(0, np.int16)
            self._pcm = self.demux.render(cur)
        return self._pcm

    def forget(self) -> None:
        """Drop the per-packet arrays and decoded audio (the summary stays): the stream was handed
        on and released; ``pcm()`` and ``raw_payloads()`` are empty from now on."""
        self.parts = []
        self._pcm = None
        self.demux = None

    def raw_payloads(self, pt: int) -> list[bytes]:
        """Payloads of one payload type in arrival order (for formats the tap does not decode)."""
        cur = self._current()
        if cur is None or self.demux is None:
            return []
        return self.demux.raw(cur, pt)


@dataclass(eq=False)
class Payloads:
    """Payload places of some packets: ``segs[seg[i]][start[i]:start[i]+length[i]]``."""

    segs: list[npt.NDArray[np.uint8]]
    seg: npt.NDArray[np.int32]
    start: npt.NDArray[np.int64]
    length: npt.NDArray[np.int64]
    valid: npt.NDArray[np.bool_]
    typed: Any  # () -> numba typed List of segs, or None for a single in-memory store

    def each(self) -> list[bytes]:
        return [
            self.segs[g][a : a + n].tobytes() if v else b""
            for g, a, n, v in zip(
                self.seg.tolist(), self.start.tolist(), self.length.tolist(), self.valid.tolist(), strict=True
            )
        ]

    def concat(self, keep: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.uint8]:
        seg, start, length = self.seg, self.start, np.where(self.valid, self.length, 0)
        start = np.where(length > 0, start, 0)
        if keep is not None:
            seg, start, length = seg[keep], start[keep], length[keep]
        if self.typed is None:
            out = np.empty(int(length.sum()), np.uint8)
            out_off = np.concatenate(([0], np.cumsum(length)[:-1])).astype(np.int64)
            K.gather(self.segs[0], start, length, out, out_off)
            return out
        return K.gather_segments(self.typed(), seg, start, length)


__all__ = ["Payloads", "RtpStream", "StreamKey"]
