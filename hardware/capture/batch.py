"""Struct-of-arrays packet batches and capture counters.

The tap handles hundreds of thousands of packets a second, so packets never become Python objects on
the hot path: a batch is a handful of numpy columns over one backing byte buffer.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

# ::ffff:0:0/96, RFC 4291 §2.5.5.2: IPv4 addresses are stored IPv4-mapped so one column serves both.
V4_MAPPED_PREFIX = bytes(10) + b"\xff\xff"


@dataclass(slots=True)
class CaptureStats:
    """Counters of one capture source.

    Every packet read ends in exactly one place:
    ``packets == emitted + sum(rejected.values()) + fragments_merged + fragments_pending``.
    """

    packets: int = 0  # link-layer records read (file records or frames received)
    bytes: int = 0  # captured bytes of those records
    batches: int = 0
    emitted: int = 0  # UDP/TCP rows handed out in batches
    rejected: dict[str, int] = field(default_factory=dict)  # reason -> count
    fragments_merged: int = 0  # IP fragments absorbed into a datagram that was emitted or re-decoded
    fragments_pending: int = 0  # fragments still waiting in the reassembly buffer
    kernel_drops: int = 0  # live capture: PACKET_STATISTICS tp_drops
    kernel_packets: int = 0  # live capture: PACKET_STATISTICS tp_packets
    truncated: bool = False  # the file ended inside a record
    # Damage to the file itself, by stable reason key (``reasons.DAMAGE``: "gzip-crc-mismatch",
    # "truncated-record", "pcapng-bad-block", …); empty for a sound file. Health and receipts carry
    # these keys; the one-line descriptions go to the log.
    damage: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str, count: int = 1) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + count

    def note_damage(self, reason: str) -> None:
        self.damage[reason] = self.damage.get(reason, 0) + 1

    def accounted(self) -> int:
        return self.emitted + sum(self.rejected.values()) + self.fragments_merged + self.fragments_pending


def addr_text(a: np.ndarray | bytes) -> str:
    """A 16-byte address column value as text (IPv4-mapped addresses as dotted quads)."""
    raw = bytes(a)
    if raw[:12] == V4_MAPPED_PREFIX:
        return str(ipaddress.IPv4Address(raw[12:]))
    return str(ipaddress.IPv6Address(raw))


def addr16(addr: str | bytes) -> bytes:
    """An address as 16 bytes (IPv4 as ``::ffff:a.b.c.d``); accepts text or 4/16 raw bytes."""
    if isinstance(addr, str):
        ip = ipaddress.ip_address(addr)
        raw = ip.packed
    else:
        raw = bytes(addr)
    if len(raw) == 4:
        return V4_MAPPED_PREFIX + raw
    if len(raw) == 16:
        return raw
    raise ValueError(f"address must be 4 or 16 bytes, got {len(raw)}")


@dataclass(slots=True)
class PacketBatch:
    """UDP and TCP packets as columns; row ``i``'s L4 payload is ``buf[off[i]:off[i] + length[i]]``."""

    buf: np.ndarray  # uint8 backing bytes
    ts: np.ndarray  # float64 capture time, epoch seconds
    src: np.ndarray  # uint8[n, 16]
    dst: np.ndarray  # uint8[n, 16]
    proto: np.ndarray  # uint8: 17 UDP, 6 TCP
    sport: np.ndarray  # uint16
    dport: np.ndarray  # uint16
    off: np.ndarray  # int64
    length: np.ndarray  # int32
    tcp_seq: np.ndarray  # uint32 (0 for UDP)
    tcp_flags: np.ndarray  # uint8 (0 for UDP)

    def __len__(self) -> int:
        return int(self.ts.shape[0])

    def payload(self, i: int) -> bytes:
        o = int(self.off[i])
        return self.buf[o : o + int(self.length[i])].tobytes()

    def src_str(self, i: int) -> str:
        return addr_text(self.src[i])

    def dst_str(self, i: int) -> str:
        return addr_text(self.dst[i])

    def is_ipv4(self) -> np.ndarray:
        """Boolean column: row carries IPv4 (IPv4-mapped) addresses."""
        prefix = np.frombuffer(V4_MAPPED_PREFIX, dtype=np.uint8)
        return np.all(self.src[:, :12] == prefix, axis=1)

    def take(self, rows: np.ndarray) -> PacketBatch:
        """The rows ``rows`` (indices or boolean mask) as a new batch over the same buffer."""
        return PacketBatch(
            self.buf,
            self.ts[rows],
            self.src[rows],
            self.dst[rows],
            self.proto[rows],
            self.sport[rows],
            self.dport[rows],
            self.off[rows],
            self.length[rows],
            self.tcp_seq[rows],
            self.tcp_flags[rows],
        )

    def records(self) -> list[tuple[float, str, str, int, int, int, bytes, int, int]]:
        """Rows as plain tuples ``(ts, src, dst, proto, sport, dport, payload, tcp_seq, tcp_flags)``
        (slow; for tests and tools)."""
        return [
            (
                float(self.ts[i]),
                self.src_str(i),
                self.dst_str(i),
                int(self.proto[i]),
                int(self.sport[i]),
                int(self.dport[i]),
                self.payload(i),
                int(self.tcp_seq[i]),
                int(self.tcp_flags[i]),
            )
            for i in range(len(self))
        ]

    @classmethod
    def empty(cls) -> PacketBatch:
        return cls.from_records([])

    @classmethod
    def from_records(
        cls,
        records: Iterable[Sequence[object]],
    ) -> PacketBatch:
        """Build a batch from ``(ts, src, dst, proto, sport, dport, payload[, tcp_seq, tcp_flags])`` rows;
        ``src``/``dst`` are address text or 4/16 raw bytes."""
        rows = list(records)
        n = len(rows)
        ts = np.zeros(n, np.float64)
        src = np.zeros((n, 16), np.uint8)
        dst = np.zeros((n, 16), np.uint8)
        proto = np.zeros(n, np.uint8)
        sport = np.zeros(n, np.uint16)
        dport = np.zeros(n, np.uint16)
        off = np.zeros(n, np.int64)
        length = np.zeros(n, np.int32)
        seq = np.zeros(n, np.uint32)
        flags = np.zeros(n, np.uint8)
        chunks: list[bytes] = []
        pos = 0
        for i, r in enumerate(rows):
            ts[i] = float(r[0])  # type: ignore[arg-type]
            src[i] = np.frombuffer(addr16(r[1]), np.uint8)  # type: ignore[arg-type]
            dst[i] = np.frombuffer(addr16(r[2]), np.uint8)  # type: ignore[arg-type]
            proto[i] = int(r[3])  # type: ignore[call-overload]
            sport[i] = int(r[4])  # type: ignore[call-overload]
            dport[i] = int(r[5])  # type: ignore[call-overload]
            data = bytes(r[6])  # type: ignore[call-overload]
            off[i] = pos
            length[i] = len(data)
            chunks.append(data)
            pos += len(data)
            if len(r) > 7:
                seq[i] = int(r[7])  # type: ignore[call-overload]
                flags[i] = int(r[8])  # type: ignore[call-overload]
        buf = np.frombuffer(b"".join(chunks), np.uint8).copy()
        return cls(buf, ts, src, dst, proto, sport, dport, off, length, seq, flags)

    @classmethod
    def concat(cls, batches: Sequence[PacketBatch]) -> PacketBatch:
        """One batch holding all rows of ``batches`` in order (copies the backing buffers)."""
        if not batches:
            return cls.empty()
        if len(batches) == 1:
            return batches[0]
        shifts = np.cumsum([0] + [b.buf.shape[0] for b in batches[:-1]])
        return cls(
            np.concatenate([b.buf for b in batches]),
            np.concatenate([b.ts for b in batches]),
            np.concatenate([b.src for b in batches]),
            np.concatenate([b.dst for b in batches]),
            np.concatenate([b.proto for b in batches]),
            np.concatenate([b.sport for b in batches]),
            np.concatenate([b.dport for b in batches]),
            np.concatenate([b.off + s for b, s in zip(batches, shifts, strict=True)]),
            np.concatenate([b.length for b in batches]),
            np.concatenate([b.tcp_seq for b in batches]),
            np.concatenate([b.tcp_flags for b in batches]),
        )


__all__ = ["CaptureStats", "PacketBatch", "addr16", "addr_text"]
