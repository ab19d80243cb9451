"""pcapng block framing (draft-ietf-opsawg-pcapng §3): block lengths, interface descriptions, and
finding the next sound block after a damaged one.

Every block starts with its type and total length and ends with the same length again (§3.1), so a
candidate position whose leading and trailing lengths agree is, with high confidence, a real block:
that is what resynchronisation looks for after a corrupt length.
"""

from __future__ import annotations

import re
import struct

import numpy as np

from ccedge.hardware.capture.fastpath import MAX_CAPLEN

SHB = 0x0A0D0D0A
BOM_LE = b"\x4d\x3c\x2b\x1a"  # 0x1A2B3C4D written little-endian
BOM_BE = b"\x1a\x2b\x3c\x4d"
MAX_BLOCK = MAX_CAPLEN + 64
# Blocks worth resynchronising on: SHB, IDB (1), obsolete PB (2), SPB (3), NRB (4), ISB (5), EPB (6),
# DSB (10). A lookahead so overlapping candidates are all seen.
_CANDIDATE_LE = re.compile(rb"(?=\x0a\x0d\x0d\x0a|[\x01-\x06\x0a]\x00\x00\x00)")
_CANDIDATE_BE = re.compile(rb"(?=\x0a\x0d\x0d\x0a|\x00\x00\x00[\x01-\x06\x0a])")


def block_len(chunk: np.ndarray, pos: int, big: bool) -> int:
    """The total length field of the block at ``pos`` (12, the minimum, when not yet readable)."""
    if pos + 8 > chunk.shape[0]:
        return 12
    return int.from_bytes(chunk[pos + 4 : pos + 8].tobytes(), "big" if big else "little")


def trailer_ok(chunk: np.ndarray, pos: int, blen: int, big: bool) -> bool:
    """Whether the block's trailing total length (§3.1) repeats the leading one."""
    tail = chunk[pos + blen - 4 : pos + blen].tobytes()
    return int.from_bytes(tail, "big" if big else "little") == blen


def find_block(chunk: np.ndarray, start: int, filled: int, big: bool, eof: bool) -> tuple[int, int, bool]:
    """The first well-formed block at or after ``start`` in ``chunk[:filled]``.

    Returns ``(pos, need, big)``: ``need == 0`` when a whole block was found at ``pos`` (``big`` is its
    byte order, which a Section Header Block may change); ``need > 0`` when the search must go on with
    more data (keep the buffer from ``pos``, have ``need`` bytes from there, call again from ``pos``);
    ``pos == -1`` when the data ended without another block.
    """
    data = chunk[start:filled].tobytes()
    for m in (_CANDIDATE_BE if big else _CANDIDATE_LE).finditer(data):
        q = start + m.start()
        if q + 12 > filled:
            return (-1, 0, big) if eof else (q, 12, big)
        qbig = big
        if data[m.start() : m.start() + 4] == b"\x0a\x0d\x0d\x0a":
            bom = chunk[q + 8 : q + 12].tobytes()
            if bom not in (BOM_LE, BOM_BE):
                continue
            qbig = bom == BOM_BE
        blen = block_len(chunk, q, qbig)
        if blen < 12 or blen % 4 or blen > MAX_BLOCK:
            continue
        if q + blen > filled:
            if eof:
                continue
            return q, blen, big
        if trailer_ok(chunk, q, blen, qbig):
            return q, 0, qbig
    if eof:
        return -1, 0, big
    keep = max(start, filled - 11)  # a candidate may begin in the last bytes
    return keep, 12, big


def parse_idb(body: bytes, e: str) -> tuple[int, float, float]:
    """(link type, timestamp units per second, offset in seconds) of an Interface Description Block
    body (§4.2); ``e`` is the struct byte-order prefix."""
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


__all__ = ["MAX_BLOCK", "SHB", "block_len", "find_block", "parse_idb", "trailer_ok"]
