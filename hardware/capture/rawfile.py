"""A capture file's bytes and what kind of file it is: the magic numbers, gunzipping by content
(gzip'd captures are told by their bytes, not their name), and reads that survive an I/O error."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.gzipstream import GZIP_MAGIC, GzipStream, Report
from ccedge.hardware.capture.pcapng import SHB as PCAPNG_SHB

# classic pcap magic numbers as read little-endian: (big_endian records, nanosecond timestamps)
PCAP_MAGICS = {
    0xA1B2C3D4: (False, False),
    0xA1B23C4D: (False, True),
    0xD4C3B2A1: (True, False),
    0x4D3CB2A1: (True, True),
}


def _ignore(reason: str, detail: str) -> None:
    pass


def open_raw(path: Path, report: Report = _ignore) -> BinaryIO:
    """The file's bytes, gunzipped when its content is gzip (damage goes to ``report``)."""
    try:
        f: BinaryIO = open(path, "rb")
    except OSError as e:
        raise CaptureError(f"cannot open capture {path}: {e.strerror}") from e
    head = f.read(2)
    f.seek(0)
    if head == GZIP_MAGIC:
        return GzipStream(f, report)
    return f


def read_into(f: BinaryIO, mv: memoryview) -> int:
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


__all__ = ["PCAP_MAGICS", "open_raw", "read_into", "sniff_format"]
