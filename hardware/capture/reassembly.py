"""IPv4 and IPv6 fragment reassembly with a timeout and bounded memory.

RFC 791 §3.2 (IPv4: key src, dst, protocol, identification; offsets in 8-byte units) and RFC 8200 §4.5
(IPv6: key src, dst, identification; the next header comes from the offset-0 fragment). Overlapping
fragments drop the whole datagram (RFC 5722 for IPv6; we apply it to IPv4 too: a passive tap cannot
know which copy the endpoint kept). Time is capture time, so replaying an old file behaves as the
wire did.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from ccedge.hardware.capture import reasons
from ccedge.hardware.capture.batch import CaptureStats

DEFAULT_TIMEOUT_S = 30.0  # Linux net.ipv4.ipfrag_time default
DEFAULT_MAX_DATAGRAMS = 4096
DEFAULT_MAX_BYTES = 32 << 20
MAX_DATAGRAM = 65535 + 40  # IPv4 total length limit; IPv6 payload length limit without jumbograms


@dataclass(slots=True)
class _Pending:
    first_ts: float
    pieces: dict[int, bytes] = field(default_factory=dict)  # offset -> data
    total: int = -1  # known once the last fragment (MF=0) arrived
    next_header: int = -1  # upper-layer protocol (IPv6: from the offset-0 fragment)
    size: int = 0


class Reassembler:
    """Collects fragments; :meth:`add` returns the whole datagram's payload when it completes."""

    def __init__(
        self,
        stats: CaptureStats,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_datagrams: int = DEFAULT_MAX_DATAGRAMS,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if timeout_s <= 0 or max_datagrams < 1 or max_bytes < 1:
            raise ValueError("reassembly timeout, datagram and byte limits must be positive")
        self.stats = stats
        self.timeout_s = timeout_s
        self.max_datagrams = max_datagrams
        self.max_bytes = max_bytes
        self._pending: OrderedDict[tuple[object, ...], _Pending] = OrderedDict()
        self._bytes = 0
        self._now = float("-inf")

    def __len__(self) -> int:
        return len(self._pending)

    @property
    def held_bytes(self) -> int:
        return self._bytes

    def _drop(self, key: tuple[object, ...], reason: int, extra: int = 0) -> None:
        p = self._pending.pop(key)
        self._bytes -= p.size
        self.stats.fragments_pending -= len(p.pieces)
        self.stats.reject(reasons.NAMES[reason], len(p.pieces) + extra)

    def expire(self, now: float) -> None:
        """Drop datagrams whose first fragment is older than the timeout at capture time ``now``."""
        self._now = max(self._now, now)
        while self._pending:
            key, p = next(iter(self._pending.items()))
            if self._now - p.first_ts <= self.timeout_s:
                break
            self._drop(key, reasons.FRAGMENT_TIMEOUT)

    def flush(self) -> None:
        """End of capture: whatever is still incomplete is counted and dropped."""
        for key in list(self._pending):
            self._drop(key, reasons.FRAGMENT_INCOMPLETE)

    def add(
        self, key: tuple[object, ...], offset: int, more: bool, data: bytes, ts: float, next_header: int
    ) -> tuple[int, int, bytes]:
        """Add one fragment (``next_header`` -1 when this fragment does not say).

        Returns ``(OK, next_header, payload)`` when the datagram is complete, else ``(status, -1, b"")``
        with a status from :mod:`reasons` that is already counted in the stats (FRAGMENT_HELD: kept)."""
        self.expire(ts)
        end = offset + len(data)
        if end > MAX_DATAGRAM or (more and len(data) % 8) or (more and not data):
            self.stats.reject(reasons.NAMES[reasons.FRAGMENT_BAD])
            return reasons.FRAGMENT_BAD, -1, b""
        p = self._pending.get(key)
        if p is None:
            while self._pending and (
                len(self._pending) >= self.max_datagrams or self._bytes + len(data) > self.max_bytes
            ):
                self._drop(next(iter(self._pending)), reasons.FRAGMENT_OVERFLOW)
            if len(data) > self.max_bytes:
                self.stats.reject(reasons.NAMES[reasons.FRAGMENT_OVERFLOW])
                return reasons.FRAGMENT_OVERFLOW, -1, b""
            p = _Pending(first_ts=ts)
            self._pending[key] = p
        else:
            old = p.pieces.get(offset)
            if old is not None and old == data:
                self.stats.reject(reasons.NAMES[reasons.FRAGMENT_DUPLICATE])
                return reasons.FRAGMENT_DUPLICATE, -1, b""
            for o, d in p.pieces.items():
                if o < end and offset < o + len(d):
                    self._drop(key, reasons.FRAGMENT_OVERLAP, extra=1)
                    return reasons.FRAGMENT_OVERLAP, -1, b""
            if (not more and p.total >= 0 and end != p.total) or (p.total >= 0 and end > p.total):
                self._drop(key, reasons.FRAGMENT_BAD, extra=1)
                return reasons.FRAGMENT_BAD, -1, b""
            while self._bytes + len(data) > self.max_bytes and len(self._pending) > 1:
                victim = next(iter(self._pending))
                if victim == key:
                    self._pending.move_to_end(key)
                    continue
                self._drop(victim, reasons.FRAGMENT_OVERFLOW)
            if self._bytes + len(data) > self.max_bytes:
                self._drop(key, reasons.FRAGMENT_OVERFLOW, extra=1)
                return reasons.FRAGMENT_OVERFLOW, -1, b""
        if not more:
            if any(o + len(d) > end for o, d in p.pieces.items()):
                self._drop(key, reasons.FRAGMENT_BAD, extra=1)
                return reasons.FRAGMENT_BAD, -1, b""
            p.total = end
        if next_header >= 0:
            p.next_header = next_header
        p.pieces[offset] = data
        p.size += len(data)
        self._bytes += len(data)
        self.stats.fragments_pending += 1
        if p.total < 0 or p.next_header < 0 or p.size != p.total:
            return reasons.FRAGMENT_HELD, -1, b""
        # no overlaps and sizes add up to total: the pieces tile [0, total) exactly
        del self._pending[key]
        self._bytes -= p.size
        count = len(p.pieces)
        self.stats.fragments_pending -= count
        self.stats.fragments_merged += count - 1  # the completing fragment stands for the datagram
        payload = b"".join(p.pieces[o] for o in sorted(p.pieces))
        return reasons.OK, p.next_header, payload


__all__ = ["Reassembler"]
