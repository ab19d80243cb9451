"""Capture files: classic pcap (either byte order, µs or ns), pcapng, and gzip'd either.

Classic pcap records are walked by a Numba kernel straight out of large read buffers; pcapng blocks are
walked in Python (one struct unpack per block) into the same record arrays. Both then go through
:func:`fastpath.assemble_batch`. Format references: draft-ietf-opsawg-pcap (classic) and
draft-ietf-opsawg-pcapng (pcapng).
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ccedge.hardware.capture import _kernel, reasons
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.decode import SlowDecoder
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.fastpath import MAX_CAPLEN, SUPPORTED_LINKTYPES, assemble_batch, walk_pcap
from ccedge.hardware.capture.reassembly import DEFAULT_TIMEOUT_S, Reassembler

# classic pcap magic numbers as read little-endian: (big_endian records, nanosecond timestamps)
PCAP_MAGICS = {
    0xA1B2C3D4: (False, False),
    0xA1B23C4D: (False, True),
    0xD4C3B2A1: (True, False),
    0x4D3CB2A1: (True, True),
}
PCAPNG_SHB = 0x0A0D0D0A
PCAPNG_BOM = 0x1A2B3C4D
GZIP_MAGIC = b"\x1f\x8b"

DEFAULT_BATCH = 65536
CHUNK_BYTES = 16 << 20


class _GzipStream:
    """gzip (RFC 1952) decoded with zlib directly, so a cut-off or corrupt stream still yields every byte
    before the damage (``gzip.GzipFile`` raises and loses the buffered tail); members may be concatenated."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._z = zlib.decompressobj(wbits=31)
        self._out = bytearray()
        self.damaged = False
        self._eof = False

    def _fill(self, want: int) -> None:
        while len(self._out) < want and not self._eof:
            if self._z.eof and self._z.unused_data:
                data = self._z.unused_data  # a further gzip member follows
                self._z = zlib.decompressobj(wbits=31)
            else:
                data = self._raw.read(1 << 16)
            if not data:
                self._eof = True
                # ended inside a member: cut off in transfer or by a full disk
                self.damaged = not self._z.eof
                break
            try:
                self._out += self._z.decompress(data)
            except zlib.error:
                self.damaged = True
                self._eof = True

    def readinto(self, mv: memoryview) -> int:
        self._fill(len(mv))
        n = min(len(mv), len(self._out))
        mv[:n] = self._out[:n]
        del self._out[:n]
        return n

    def read(self, n: int) -> bytes:
        self._fill(n)
        out = bytes(self._out[:n])
        del self._out[:n]
        return out

    def close(self) -> None:
        self._raw.close()


def _open_raw(path: Path) -> BinaryIO:
    try:
        f: BinaryIO = open(path, "rb")
    except OSError as e:
        raise CaptureError(f"cannot open capture {path}: {e.strerror}") from e
    head = f.read(2)
    f.seek(0)
    if head == GZIP_MAGIC:
        return _GzipStream(f)  # type: ignore[return-value]
    return f


def _read_into(f: BinaryIO, mv: memoryview) -> int:
    """Fill ``mv`` as far as the file allows; a read error ends the data (returned as ``-got - 1``)."""
    got = 0
    while got < len(mv):
        try:
            n = f.readinto(mv[got:])  # type: ignore[attr-defined]
        except OSError:
            return -got - 1
        if not n:
            break
        got += n
    return got


class CaptureReader:
    """Iterable of :class:`PacketBatch` from one capture file; ``stats`` fills while iterating."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        batch_packets: int = DEFAULT_BATCH,
        fragment_timeout_s: float = DEFAULT_TIMEOUT_S,
        chunk_bytes: int = CHUNK_BYTES,
    ) -> None:
        if batch_packets < 1:
            raise ValueError("batch_packets must be positive")
        self.path = Path(path)
        self.batch_packets = batch_packets
        self.chunk_bytes = max(chunk_bytes, 1 << 12)
        self.stats = CaptureStats()
        self.reassembler = Reassembler(self.stats, timeout_s=fragment_timeout_s)
        self._slow = SlowDecoder(self.reassembler)
        self._f = _open_raw(self.path)
        self.damaged = False  # gzip stream cut off or corrupt
        self._iterated = False
        head = self._read_exact(4)
        if len(head) < 4:
            self.close()
            raise CaptureError(f"{self.path}: file too short for a capture header ({len(head)} bytes)")
        magic = struct.unpack("<I", head)[0]
        self._head = head
        if magic in PCAP_MAGICS:
            self.format = "pcap"
            self._init_pcap(magic)
        elif magic == PCAPNG_SHB:
            self.format = "pcapng"
            self.linktype = -1
            rest = self._read_exact(8)
            self._head = head + rest
            if len(rest) < 8:
                self.close()
                raise CaptureError(f"{self.path}: pcapng section header truncated ({4 + len(rest)} bytes)")
            if rest[4:] not in (b"\x1a\x2b\x3c\x4d", b"\x4d\x3c\x2b\x1a"):
                self.close()
                raise CaptureError(f"{self.path}: pcapng section header has a bad byte-order magic")
        else:
            self.close()
            raise CaptureError(f"{self.path}: not a pcap or pcapng file (magic 0x{magic:08x})")

    def _read_exact(self, n: int) -> bytes:
        buf = bytearray(n)
        got = _read_into(self._f, memoryview(buf))
        if got < 0:
            self.damaged = True
            got = -got - 1
        return bytes(buf[:got])

    def _init_pcap(self, magic: int) -> None:
        self._big, self._nano = PCAP_MAGICS[magic]
        rest = self._read_exact(20)
        if len(rest) < 20:
            self.close()
            raise CaptureError(f"{self.path}: pcap file header truncated ({4 + len(rest)} of 24 bytes)")
        e = ">" if self._big else "<"
        major, minor, _zone, _sigfigs, self.snaplen, lt = struct.unpack(e + "HHiIII", rest)
        if major != 2:
            self.close()
            raise CaptureError(f"{self.path}: unsupported pcap version {major}.{minor} (expected 2.x)")
        # bits 16-31 of the link-type field carry FCS information (draft-ietf-opsawg-pcap §4)
        self.linktype = lt & 0xFFFF
        if self.linktype not in SUPPORTED_LINKTYPES:
            self.close()
            raise CaptureError(f"{self.path}: unsupported pcap link type {self.linktype}")

    def close(self) -> None:
        self._f.close()

    def __enter__(self) -> CaptureReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[PacketBatch]:
        if self._iterated:
            raise CaptureError(f"{self.path}: a capture reader can be iterated only once (open it again)")
        self._iterated = True
        try:
            inner = self._iter_pcap() if self.format == "pcap" else self._iter_pcapng()
            for batch in inner:
                if len(batch):
                    self.stats.batches += 1
                    yield batch
            self.reassembler.flush()
            if isinstance(self._f, _GzipStream) and self._f.damaged:
                self.stats.truncated = True
                self.damaged = True
        finally:
            self.close()

    def read_all(self) -> PacketBatch:
        """Every packet of the file in one batch."""
        return PacketBatch.concat(list(self))

    # ---- chunked buffer shared by both formats
    def _refill(self, chunk: np.ndarray, pos: int, filled: int, need: int) -> tuple[np.ndarray, int, bool]:
        """New chunk holding ``chunk[pos:filled]`` followed by more file data; (chunk, filled, eof)."""
        left = filled - pos
        size = max(self.chunk_bytes, need + 1, left * 2)
        new = np.empty(size, np.uint8)
        new[:left] = chunk[pos:filled]
        got = _read_into(self._f, memoryview(new)[left:])  # type: ignore[arg-type]
        if got < 0:
            self.damaged = True
            got = -got - 1
        eof = left + got < size
        if eof and left + got < size // 2:
            # batches (and consumers keeping them) hold this buffer: do not pin 16 MiB for a small file
            new = new[: left + got].copy()
        return new, left + got, eof

    def _truncated(self, reason: str = reasons.TRUNCATED_RECORD) -> None:
        self.stats.truncated = True
        self.stats.packets += 1
        self.stats.reject(reason)

    def _iter_pcap(self) -> Iterator[PacketBatch]:
        chunk, filled, eof = self._refill(np.empty(0, np.uint8), 0, 0, 0)
        pos = 0
        while True:
            rec_off, rec_len, rec_ts, pos, status, need = walk_pcap(
                chunk, pos, filled, self._big, self._nano, self.batch_packets
            )
            if rec_off.shape[0]:
                lts = np.full(rec_off.shape[0], self.linktype, np.int32)
                yield assemble_batch(chunk, lts, rec_off, rec_len, rec_ts, self.stats, self._slow)
            if status == 2:
                self._truncated(reasons.CORRUPT_RECORD)
                return
            if status == 1:
                if eof:
                    if pos < filled:
                        self._truncated()
                    return
                chunk, filled, eof = self._refill(chunk, pos, filled, need)
                pos = 0

    # ---- pcapng
    def _iter_pcapng(self) -> Iterator[PacketBatch]:
        chunk, filled, eof = self._refill(np.frombuffer(self._head, np.uint8), 0, len(self._head), 0)
        pos = 0
        big = False
        ifaces: list[tuple[int, float, float]] = []  # (linktype, units per second, offset s)
        bp = self.batch_packets
        offs: list[int] = []
        lens: list[int] = []
        tss: list[float] = []
        lts: list[int] = []

        def flush() -> PacketBatch:
            b = assemble_batch(
                chunk,
                np.asarray(lts, np.int32),
                np.asarray(offs, np.int64),
                np.asarray(lens, np.int64),
                np.asarray(tss, np.float64),
                self.stats,
                self._slow,
            )
            offs.clear()
            lens.clear()
            tss.clear()
            lts.clear()
            return b

        while True:
            if pos + 12 <= filled and chunk[pos : pos + 4].tobytes() == b"\x0a\x0d\x0d\x0a":
                # Section Header Block: its byte-order magic decides how to read everything after it
                bom = chunk[pos + 8 : pos + 12].tobytes()
                if bom not in (b"\x1a\x2b\x3c\x4d", b"\x4d\x3c\x2b\x1a"):
                    if offs:
                        yield flush()
                    self._truncated(reasons.PCAPNG_BAD_BLOCK)
                    return
                big = bom == b"\x1a\x2b\x3c\x4d"
            if pos + 12 > filled or pos + self._pcapng_block_len(chunk, pos, big) > filled:
                need = 12 if pos + 12 > filled else self._pcapng_block_len(chunk, pos, big)
                if offs:
                    yield flush()
                if eof:
                    if pos < filled:
                        self._truncated()
                    return
                if need > MAX_CAPLEN + 64:
                    self._truncated(reasons.PCAPNG_BAD_BLOCK)
                    return
                chunk, filled, eof = self._refill(chunk, pos, filled, need)
                pos = 0
                continue
            if ifaces and len(offs) < bp:
                # fast path: a run of Enhanced Packet Blocks of known interfaces
                n_room = bp - len(offs)
                ro, rl, rt, rlt = (
                    np.empty(n_room, np.int64),
                    np.empty(n_room, np.int64),
                    np.empty(n_room),
                    np.empty(n_room, np.int32),
                )
                n, npos, _st, _need = _kernel._walk_pcapng_epb(
                    chunk,
                    pos,
                    filled,
                    big,
                    np.array([f[0] for f in ifaces], np.int32),
                    np.array([f[1] for f in ifaces]),
                    np.array([f[2] for f in ifaces]),
                    n_room,
                    ro,
                    rl,
                    rt,
                    rlt,
                )
                if n:
                    offs.extend(ro[:n].tolist())
                    lens.extend(rl[:n].tolist())
                    tss.extend(rt[:n].tolist())
                    lts.extend(rlt[:n].tolist())
                    pos = int(npos)
                    if len(offs) >= bp:
                        yield flush()
                    continue
            btype = int.from_bytes(chunk[pos : pos + 4].tobytes(), "big" if big else "little")
            if btype == PCAPNG_SHB:
                ifaces = []  # interface ids are per section
            blen = self._pcapng_block_len(chunk, pos, big)
            if blen < 12 or blen % 4:
                if offs:
                    yield flush()
                self._truncated(reasons.PCAPNG_BAD_BLOCK)
                return
            e = ">" if big else "<"
            body = pos + 8
            if btype == 1:  # Interface Description Block
                ifaces.append(self._pcapng_idb(chunk[body : pos + blen - 4].tobytes(), e))
            elif btype in (6, 2, 3):  # Enhanced / obsolete Packet / Simple Packet Block
                if btype == 3:
                    if blen < 16:
                        iface, units, caplen = 0, 0, -1
                    else:
                        iface, units = 0, 0
                        caplen = min(struct.unpack_from(e + "I", chunk.data, body)[0], blen - 16)
                    dpos = body + 4
                elif blen < 32:
                    iface, units, caplen, dpos = 0, 0, -1, 0
                else:
                    if btype == 6:
                        iface, hi, lo, caplen = struct.unpack_from(e + "IIII", chunk.data, body)
                    else:
                        iface, _drops, hi, lo, caplen = struct.unpack_from(e + "HHIII", chunk.data, body)
                    units = (hi << 32) | lo
                    dpos = body + 20
                if caplen < 0 or dpos + caplen > pos + blen - 4:
                    self.stats.packets += 1
                    self.stats.reject(reasons.PCAPNG_BAD_BLOCK)
                elif iface >= len(ifaces):
                    self.stats.packets += 1
                    self.stats.reject(reasons.PCAPNG_UNKNOWN_INTERFACE)
                else:
                    lt, per_s, toff = ifaces[iface]
                    offs.append(dpos)
                    lens.append(caplen)
                    tss.append(units / per_s + toff)
                    lts.append(lt)
                    if len(offs) >= bp:
                        yield flush()
            pos += blen

    @staticmethod
    def _pcapng_block_len(chunk: np.ndarray, pos: int, big: bool) -> int:
        if pos + 8 > chunk.shape[0]:
            return 12
        return int.from_bytes(chunk[pos + 4 : pos + 8].tobytes(), "big" if big else "little")

    @staticmethod
    def _pcapng_idb(body: bytes, e: str) -> tuple[int, float, float]:
        if len(body) < 8:
            return -1, 1e6, 0.0
        lt = struct.unpack_from(e + "H", body, 0)[0]
        per_s, toff = 1e6, 0.0
        p = 8
        while p + 4 <= len(body):
            code, olen = struct.unpack_from(e + "HH", body, p)
            if code == 0:
                break
            val = body[p + 4 : p + 4 + olen]
            if code == 9 and olen >= 1:  # if_tsresol: 10^-v, or 2^-v when the top bit is set
                v = val[0]
                per_s = float(2 ** (v & 0x7F)) if v & 0x80 else float(10**v)
            elif code == 14 and olen >= 8:  # if_tsoffset, seconds
                toff = float(struct.unpack(e + "q", val[:8])[0])
            p += 4 + ((olen + 3) & ~3)
        return lt, per_s, toff


def open_capture(
    path: str | os.PathLike[str],
    batch_packets: int = DEFAULT_BATCH,
    fragment_timeout_s: float = DEFAULT_TIMEOUT_S,
) -> CaptureReader:
    """Open a pcap/pcapng file (gzip'd or not; told by content, not name) as an iterable of batches.

    Raises :class:`CaptureError` for a file that is not a readable capture; problems inside packets are
    counted in ``reader.stats.rejected``.
    """
    return CaptureReader(path, batch_packets=batch_packets, fragment_timeout_s=fragment_timeout_s)


def sniff_format(data: bytes) -> str:
    """ "pcap", "pcapng" or "gzip" from a file's first bytes, else raises CaptureError."""
    if data[:2] == GZIP_MAGIC:
        return "gzip"
    if len(data) >= 4:
        magic = struct.unpack("<I", data[:4])[0]
        if magic in PCAP_MAGICS:
            return "pcap"
        if magic == PCAPNG_SHB:
            return "pcapng"
    raise CaptureError("not a pcap, pcapng or gzip file")


__all__ = ["CaptureReader", "open_capture", "sniff_format"]
