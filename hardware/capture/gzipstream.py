"""gzip (RFC 1952) read with raw inflate, so damage loses only what it must.

``gzip.GzipFile`` and ``zlib.decompressobj(wbits=31)`` check the CRC-32 and length trailer inside the
same call that returns the member's last bytes, and raise instead of returning them: one flipped bit in
an 8-byte trailer then costs every packet of a small capture. Here the member header (RFC 1952 §2.3.1)
and trailer are parsed by hand around a raw DEFLATE stream (RFC 1951), the CRC is computed as the data
arrives, and damage (bad CRC or length, a cut-off or corrupt stream, trailing garbage) is reported by a
stable reason key while every byte that inflated is kept. Members may be concatenated (§2.2).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO

from ccedge.hardware.capture import reasons

GZIP_MAGIC = b"\x1f\x8b"
_FHCRC, _FEXTRA, _FNAME, _FCOMMENT = 0x02, 0x04, 0x08, 0x10
_READ = 1 << 16
_INFLATE_MAX = 1 << 22  # output per inflate call: a highly compressed member cannot balloon memory

Report = Callable[[str, str], None]  # (reason key, one-line detail)


def _header_length(buf: bytes | bytearray) -> int | None:
    """Length of the member header at the start of ``buf``; None when more bytes are needed, -1 when
    ``buf`` does not start with a gzip member header (RFC 1952 §2.3.1)."""
    if bytes(buf[:2]) != GZIP_MAGIC[: len(buf[:2])]:
        return -1
    if len(buf) < 10:
        return None
    if buf[2] != 8:  # CM 8 = deflate, the only method defined
        return -1
    flags = buf[3]
    pos = 10
    if flags & _FEXTRA:
        if len(buf) < pos + 2:
            return None
        pos += 2 + struct.unpack_from("<H", buf, pos)[0]
    for flag in (_FNAME, _FCOMMENT):
        if flags & flag:
            end = buf.find(b"\0", pos)
            if end < 0:
                return None
            pos = end + 1
    if flags & _FHCRC:
        pos += 2
    return pos if len(buf) >= pos else None


class GzipStream:
    """A readable view of the decompressed bytes of a gzip file (``read`` / ``readinto``).

    ``report(reason, detail)`` is called once per damage found; reason is one of
    ``reasons.GZIP_*``. Reading never raises for damage: the data simply ends after the last byte that
    inflated.
    """

    def __init__(self, raw: BinaryIO, report: Report) -> None:
        self._raw = raw
        self._report = report
        self._in = bytearray()  # compressed bytes not yet consumed
        self._z: Any = None  # a zlib decompressor while inside a member's DEFLATE data
        self._crc = 0
        self._size = 0
        self._members = 0
        self._out = bytearray()
        self._raw_eof = False
        self._done = False

    def _more(self) -> bool:
        if self._raw_eof:
            return False
        data = self._raw.read(_READ)
        if not data:
            self._raw_eof = True
            return False
        self._in += data
        return True

    def _end(self, reason: str | None = None, detail: str = "") -> None:
        self._done = True
        if reason is not None:
            self._report(reason, detail)

    def _member_header(self) -> None:
        n = _header_length(self._in)
        while n is None:
            if not self._more():
                if self._in:
                    self._end(reasons.GZIP_TRUNCATED,
                              f"ends inside the header of gzip member {self._members + 1}")
                else:
                    self._end()
                return
            n = _header_length(self._in)
        if n < 0:
            if self._members and not any(self._in) and not any(self._drain_raw()):
                self._end()  # zero padding after the last member (tape and block devices add it)
            else:
                self._end(reasons.GZIP_TRAILING_GARBAGE,
                          f"bytes after gzip member {self._members} are not a gzip member (ignored)")
            return
        del self._in[:n]
        self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        self._crc = self._size = 0
        self._members += 1

    def _drain_raw(self) -> bytes:
        """The rest of the raw file, in bounded reads, only to tell zero padding from garbage."""
        while self._more():
            if any(self._in):
                break
            self._in.clear()
        return bytes(self._in)

    def _inflate(self) -> None:
        z = self._z
        assert z is not None
        if not self._in and not self._more():
            self._end(reasons.GZIP_TRUNCATED,
                      f"compressed data ends inside gzip member {self._members} (the bytes before are kept)")
            return
        data = bytes(self._in)
        self._in.clear()
        try:
            out = z.decompress(data, _INFLATE_MAX)
        except zlib.error as e:
            self._end(reasons.GZIP_CORRUPT, f"gzip member {self._members} has corrupt DEFLATE data ({e})")
            return
        self._crc = zlib.crc32(out, self._crc)
        self._size += len(out)
        self._out += out
        if not z.eof:
            self._in[:0] = z.unconsumed_tail
            return
        self._in[:0] = z.unused_data
        self._z = None
        while len(self._in) < 8 and self._more():
            pass
        if len(self._in) < 8:
            self._end(reasons.GZIP_TRUNCATED, f"gzip member {self._members} is cut inside its trailer")
            return
        crc, isize = struct.unpack_from("<II", self._in)
        del self._in[:8]
        if crc != self._crc:  # RFC 1952 §2.3.1: CRC32 of the uncompressed data
            self._report(reasons.GZIP_CRC, f"gzip member {self._members} fails its CRC-32 check "
                         f"(stored {crc:08x}, computed {self._crc:08x}; its {self._size} bytes are kept)")
        elif isize != self._size & 0xFFFFFFFF:  # ISIZE: length modulo 2^32
            self._report(reasons.GZIP_LENGTH, f"gzip member {self._members} has a wrong length trailer "
                         f"({isize} stored, {self._size} inflated; kept)")

    def _fill(self, want: int) -> None:
        while len(self._out) < want and not self._done:
            if self._z is None:
                self._member_header()
            else:
                self._inflate()

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


__all__ = ["GZIP_MAGIC", "GzipStream"]
