"""Capture files: classic pcap (either byte order, µs or ns), pcapng, and gzip'd either.

Classic pcap records are walked by a Numba kernel straight out of large read buffers; pcapng blocks are
walked in Python (one struct unpack per block) into the same record arrays. Both then go through
:func:`fastpath.assemble_batch`. Format references: draft-ietf-opsawg-pcap (classic) and
draft-ietf-opsawg-pcapng (pcapng).

A damaged file never raises once its header was read: what decodes is kept, the damage is logged
(logger ``ccedge.capture``, one line naming the file, the byte offset and what is wrong) and counted in
``stats.damage`` under a stable key (``reasons.DAMAGE``) at the point the reader passes it, so a consumer
that checks ``stats.damage`` after each batch knows which calls were open when it happened (gzip damage
is seen when the decompressor reaches it, up to one read chunk ahead of the packets). A pcapng block
with a bad length is skipped up to the next block whose leading and trailing lengths agree; classic pcap
has no framing to resynchronise on and stops at a record with an impossible length.
"""

from __future__ import annotations

import logging
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ccedge.hardware.capture import pcapng, reasons
from ccedge.hardware.capture._pcapng_kernel import walk_pcapng_epb
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.decode import SlowDecoder
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.fastpath import SUPPORTED_LINKTYPES, assemble_batch, walk_pcap
from ccedge.hardware.capture.rawfile import PCAP_MAGICS, open_raw, read_into
from ccedge.hardware.capture.reassembly import DEFAULT_TIMEOUT_S, Reassembler

log = logging.getLogger("ccedge.capture")

PCAPNG_SHB = pcapng.SHB

DEFAULT_BATCH = 65536
CHUNK_BYTES = 16 << 20
MAX_DAMAGE_LOGGED = 20  # per file; the counts in ``stats.damage`` stay complete


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
        self._damage_logged = 0
        self._f = open_raw(self.path, self._damage)
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

    @property
    def damaged(self) -> bool:
        """The file itself is damaged (see ``stats.damage`` for what); packets that decoded are kept."""
        return bool(self.stats.damage)

    def _damage(self, reason: str, detail: str) -> None:
        """Count damage under its stable key and name it once in the log (stderr for the CLI)."""
        self.stats.note_damage(reason)
        if reason in (reasons.GZIP_TRUNCATED, reasons.GZIP_CORRUPT, reasons.READ_ERROR):
            self.stats.truncated = True
        self._damage_logged += 1
        if self._damage_logged <= MAX_DAMAGE_LOGGED:
            log.warning("%s: damaged capture (%s): %s", self.path, reason, detail)
        elif self._damage_logged == MAX_DAMAGE_LOGGED + 1:
            log.warning("%s: more damage; only counted from here on", self.path)

    def _read_exact(self, n: int) -> bytes:
        buf = bytearray(n)
        got = read_into(self._f, memoryview(buf))
        if got < 0:
            got = -got - 1
            self._damage(reasons.READ_ERROR, "a read failed; the data ends there")
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
        got = read_into(self._f, memoryview(new)[left:])  # type: ignore[arg-type]
        if got < 0:
            got = -got - 1
            self._damage(reasons.READ_ERROR, "a read failed; the data ends there")
        eof = left + got < size
        if eof and left + got < size // 2:
            # batches (and consumers keeping them) hold this buffer: do not pin 16 MiB for a small file
            new = new[: left + got].copy()
        return new, left + got, eof

    def _truncated(self, reason: str = reasons.TRUNCATED_RECORD, detail: str = "") -> None:
        """A record or block that cannot be read: one packet lost, counted and named."""
        self.stats.truncated = self.stats.truncated or reason != reasons.PCAPNG_BAD_BLOCK
        self.stats.packets += 1
        self.stats.reject(reason)
        default = {
            reasons.TRUNCATED_RECORD: "the file ends inside a record (the packets before it are kept)",
            reasons.CORRUPT_RECORD: "a record header claims an impossible length; reading stops there",
        }
        self._damage(reason, detail or default.get(reason, reason))

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
                self._truncated(reasons.CORRUPT_RECORD, f"record {self.stats.packets + 1} has an "
                                "impossible length; reading stops there (the packets before it are kept)")
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
        consumed = 0  # file offset of chunk[0], for messages
        big = False
        ifaces: list[tuple[int, float, float]] = []  # (linktype, units per second, offset s)
        bp = self.batch_packets
        offs: list[int] = []
        lens: list[int] = []
        tss: list[float] = []
        lts: list[int] = []
        scanning = False  # after a bad block: looking for the next sound one
        bad_at = skipped = 0

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

        def bad_block(why: str) -> None:
            nonlocal scanning, bad_at, skipped
            bad_at, skipped, scanning = consumed + pos, 0, True
            self._truncated(reasons.PCAPNG_BAD_BLOCK, f"block at byte {bad_at} {why}")

        while True:
            if scanning:
                q, need, qbig = pcapng.find_block(chunk, pos, filled, big, eof)
                if q < 0:
                    self._damage(reasons.PCAPNG_RESYNC, f"no sound block after byte {bad_at}: "
                                 f"{skipped + filled - pos} bytes to the end of the file skipped")
                    return
                skipped += q - pos
                if need:
                    consumed += q
                    chunk, filled, eof = self._refill(chunk, q, filled, need)
                    pos = 0
                    continue
                self._damage(reasons.PCAPNG_RESYNC,
                             f"resynchronised at byte {consumed + q} after skipping {skipped} bytes")
                pos, big, scanning = q, qbig, False
                continue
            if pos + 12 <= filled and chunk[pos : pos + 4].tobytes() == b"\x0a\x0d\x0d\x0a":
                # Section Header Block: its byte-order magic decides how to read everything after it
                bom = chunk[pos + 8 : pos + 12].tobytes()
                if bom not in (pcapng.BOM_LE, pcapng.BOM_BE):
                    if offs:
                        yield flush()
                    bad_block("is a section header with a bad byte-order magic")
                    pos += 1
                    continue
                big = bom == pcapng.BOM_BE
            blen = pcapng.block_len(chunk, pos, big)
            if pos + 12 > filled or pos + blen > filled:
                need = 12 if pos + 12 > filled else blen
                if offs:
                    yield flush()
                if eof or need > pcapng.MAX_BLOCK:
                    if pos >= filled:
                        return
                    plausible = need <= pcapng.MAX_BLOCK and need >= 12 and need % 4 == 0
                    if eof and plausible and pcapng.find_block(chunk, pos + 1, filled, big, True)[0] < 0:
                        self._truncated()  # a sound-looking last block is cut: the file was cut
                        return
                    bad_block(f"claims {need} bytes, more than the file holds")
                    pos += 1
                    continue
                consumed += pos
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
                n, npos, _st, _need = walk_pcapng_epb(
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
            if blen < 12 or blen % 4 or not pcapng.trailer_ok(chunk, pos, blen, big):
                if offs:
                    yield flush()
                bad_block(f"has a bad total length ({blen})")
                pos += 1
                continue
            if btype == PCAPNG_SHB:
                ifaces = []  # interface ids are per section
            e = ">" if big else "<"
            body = pos + 8
            if btype == 1:  # Interface Description Block
                ifaces.append(pcapng.parse_idb(chunk[body : pos + blen - 4].tobytes(), e))
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
                    self._damage(reasons.PCAPNG_BAD_BLOCK,
                                 f"packet block at byte {consumed + pos} has a bad captured length")
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


__all__ = ["CaptureReader", "open_capture"]
