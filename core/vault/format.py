"""The vault's file format: a chunked streaming AEAD (AES-256-GCM), one file per stream.

A file is a 64-byte header followed by chunks; each chunk is a 4-byte big-endian length and
the AES-256-GCM ciphertext (with its 16-byte tag) of at most ``chunk_size`` plaintext bytes.
The chunk's index and a final flag are in the nonce *and* the associated data, together
with the whole header (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár,
"Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015), so
that dropping the tail, reordering chunks or splicing chunks of another file all fail
authentication. Each file has its own key, derived with HKDF-SHA256 from the recording's
data key, the file's random id and its kind, so two streams of one recording never share a
(key, nonce) pair. ``FORMAT.md`` beside this module is the byte-level description.

A file being written grows one whole chunk at a time (one ``write``); after ``kill -9`` or a
power cut every complete chunk still authenticates, and a partly written last chunk is
reported as lost bytes, never as corruption.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ccedge.core.vault.errors import IntegrityError, KeyUnavailableError, VaultError

MAGIC = b"CCEDGEV1"
VERSION = 1
HEADER_LEN = 64
TAG_LEN = 16
DEFAULT_CHUNK = 64 * 1024
MAX_CHUNK = 4 * 1024 * 1024
KIND_AUDIO, KIND_EVENTS, KIND_QUARANTINE, KIND_DATA = 1, 2, 3, 4
KINDS = {KIND_AUDIO: "audio", KIND_EVENTS: "events", KIND_QUARANTINE: "quarantine", KIND_DATA: "data"}
_HEAD = struct.Struct(">8sBBHI16s7s")  # magic, version, kind, reserved, chunk_size, file_id, nonce prefix
_LEN = struct.Struct(">I")


@dataclass(frozen=True, slots=True)
class Header:
    kind: int
    chunk_size: int
    file_id: bytes
    prefix: bytes
    raw: bytes  # the 64 bytes as stored (associated data of every chunk)


def file_key(dek: bytes, file_id: bytes, kind: int) -> bytes:
    """The per-file AES-256 key (RFC 5869 HKDF-SHA256, salt = file id, info names the kind)."""
    if len(dek) != 32:
        raise VaultError("data key must be 32 bytes")
    return HKDF(hashes.SHA256(), 32, file_id, b"ccedge-vault-v1/" + bytes([kind])).derive(dek)


# The final flag: 0 = more chunks follow, 1 = final chunk written by the writer, 2 = final
# chunk appended by recovery after a crash (its own value, so that it can never reuse the
# nonce of a final chunk the writer may have half written when it died).
MORE, FINAL, RECOVERED = 0, 1, 2


def _nonce(prefix: bytes, index: int, flag: int) -> bytes:
    return prefix + struct.pack(">IB", index, flag)


def _aad(header: bytes, index: int, flag: int) -> bytes:
    return header + struct.pack(">IB", index, flag)


def make_header(key: bytes, kind: int, file_id: bytes, prefix: bytes, chunk_size: int) -> bytes:
    body = _HEAD.pack(MAGIC, VERSION, kind, 0, chunk_size, file_id, prefix)
    check = hmac.new(key, b"key-check" + body, hashlib.sha256).digest()[:16]
    raw = body + check
    return raw + bytes(HEADER_LEN - len(raw))


def parse_header(raw: bytes, what: str = "file") -> Header:
    if len(raw) < HEADER_LEN:
        raise IntegrityError(what, "shorter than its header")
    magic, version, kind, _r, chunk_size, file_id, prefix = _HEAD.unpack_from(raw)
    if magic != MAGIC:
        raise IntegrityError(what, "not a ccedge vault file (bad magic)")
    if version != VERSION:
        raise IntegrityError(what, f"unsupported format version {version}")
    if kind not in KINDS or not 0 < chunk_size <= MAX_CHUNK:
        raise IntegrityError(what, "header fields out of range")
    return Header(kind, chunk_size, file_id, prefix, bytes(raw[:HEADER_LEN]))


def check_key(header: Header, key: bytes, what: str = "file") -> None:
    body = header.raw[: _HEAD.size]
    want = hmac.new(key, b"key-check" + body, hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(want, header.raw[_HEAD.size : _HEAD.size + 16]):
        raise KeyUnavailableError(f"{what}: the key does not match this file (wrong key, or header altered)")


class ChunkWriter:
    """Appends authenticated chunks to a file; ``write`` buffers, ``flush`` emits one chunk.

    The file is created exclusively with mode 0600. ``close`` writes the final chunk (which
    may be empty): a file without one was never closed, see :class:`ChunkReader`.
    """

    def __init__(
        self, path: os.PathLike[str] | str, dek: bytes, kind: int, chunk_size: int = DEFAULT_CHUNK
    ) -> None:
        if not 0 < chunk_size <= MAX_CHUNK:
            raise VaultError("chunk size out of range")
        self.path = os.fspath(path)
        self.file_id = os.urandom(16)
        self.chunk_size = chunk_size
        self._key = file_key(dek, self.file_id, kind)
        self._aead = AESGCM(self._key)
        self._prefix = os.urandom(7)
        self._header = make_header(self._key, kind, self.file_id, self._prefix, chunk_size)
        self._buf = bytearray()
        self.index = 0
        self.bytes_in = 0
        self.closed = False
        self.size = HEADER_LEN  # bytes of whole chunks on disk
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        try:
            # No fsync here: the storing sink syncs the filesystem once a second for all live
            # files together (ccedge.core.vault.sink), and close() fsyncs each file.
            _write_all(self._fd, self._header)
        except BaseException:
            os.close(self._fd)
            os.unlink(self.path)
            raise

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self._buf += data
        self.bytes_in += len(data)
        while len(self._buf) >= self.chunk_size:
            self._emit(bytes(self._buf[: self.chunk_size]), MORE)
            del self._buf[: self.chunk_size]

    @property
    def pending(self) -> int:
        return len(self._buf)

    def flush(self) -> None:
        """Emit what is buffered as one chunk (nothing when empty)."""
        if self._buf:
            self._emit(bytes(self._buf), MORE)
            self._buf.clear()

    def sync(self) -> None:
        os.fsync(self._fd)

    def close(self) -> None:
        if self.closed:
            return
        self._emit(bytes(self._buf), FINAL)
        self._buf.clear()
        os.fsync(self._fd)
        os.close(self._fd)
        self.closed = True

    def abandon(self) -> None:
        """Close the descriptor without a final chunk (the file reads as interrupted)."""
        if not self.closed:
            os.close(self._fd)
            self.closed = True

    def _emit(self, plain: bytes, flag: int) -> None:
        ct = self._aead.encrypt(
            _nonce(self._prefix, self.index, flag), plain, _aad(self._header, self.index, flag)
        )
        try:
            _write_all(self._fd, _LEN.pack(len(ct)) + ct)
        except OSError:
            # A short write (ENOSPC, EIO) must not leave half a chunk for the next one to
            # follow: cut back to the last whole chunk, so the file stays readable.
            try:
                os.ftruncate(self._fd, self.size)
            except OSError:
                pass  # the reader reports the tail as lost bytes
            raise
        self.size += 4 + len(ct)
        self.index += 1


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


class ChunkReader:
    """Reads and authenticates a vault file chunk by chunk.

    Iterating yields plaintext chunks. When the iteration ends, ``complete`` says whether the
    final chunk was seen, ``chunks`` how many authenticated, ``good_bytes`` where the last
    whole chunk ends and ``lost_bytes`` how many bytes of a partly written chunk follow it.
    Any chunk that fails authentication raises :class:`IntegrityError` naming its index.
    """

    def __init__(self, f: BinaryIO, dek: bytes, what: str = "file", kind: int | None = None) -> None:
        self._f = f
        self.what = what
        self.header = parse_header(f.read(HEADER_LEN), what)
        if kind is not None and self.header.kind != kind:
            raise IntegrityError(what, f"is a {KINDS[self.header.kind]} file, expected {KINDS[kind]}")
        key = file_key(dek, self.header.file_id, self.header.kind)
        check_key(self.header, key, what)
        self._aead = AESGCM(key)
        self.complete = False
        self.recovered = False  # closed by crash recovery, not by its writer
        self.chunks = 0
        self.good_bytes = HEADER_LEN
        self.lost_bytes = 0

    def __iter__(self) -> Iterator[bytes]:
        h = self.header
        while True:
            head = self._f.read(4)
            if not head:
                return
            if len(head) < 4:
                self.lost_bytes = len(head)
                return
            (n,) = _LEN.unpack(head)
            if self.complete:
                raise IntegrityError(f"{self.what} chunk {self.chunks}", "data after the final chunk")
            if not TAG_LEN <= n <= h.chunk_size + TAG_LEN:
                raise IntegrityError(f"{self.what} chunk {self.chunks}", "length field out of range")
            ct = self._f.read(n)
            if len(ct) < n:
                self.lost_bytes = 4 + len(ct)
                return
            plain = self._open(ct)
            self.chunks += 1
            self.good_bytes += 4 + n
            yield plain

    def _open(self, ct: bytes) -> bytes:
        i, h = self.chunks, self.header
        for flag in (MORE, FINAL, RECOVERED):
            try:
                plain = self._aead.decrypt(_nonce(h.prefix, i, flag), ct, _aad(h.raw, i, flag))
            except InvalidTag:
                continue
            self.complete = flag != MORE
            self.recovered = flag == RECOVERED
            return plain
        raise IntegrityError(
            f"{self.what} chunk {i}", "failed authentication (altered, reordered or spliced)"
        )

    def read_all(self) -> bytes:
        return b"".join(self)


def seal_tail(path: os.PathLike[str] | str, dek: bytes, what: str = "file") -> tuple[int, int]:
    """Recover a file that was never closed: cut a partly written chunk and append an empty
    final chunk. Returns (chunks kept, bytes lost). A closed file is left as it is."""
    with open(path, "rb") as f:
        r = ChunkReader(f, dek, what)
        for _ in r:
            pass
    if r.complete:
        return r.chunks, 0
    key = file_key(dek, r.header.file_id, r.header.kind)
    ct = AESGCM(key).encrypt(
        _nonce(r.header.prefix, r.chunks, RECOVERED), b"", _aad(r.header.raw, r.chunks, RECOVERED)
    )
    fd = os.open(path, os.O_RDWR)
    try:
        os.ftruncate(fd, r.good_bytes)
        os.lseek(fd, r.good_bytes, os.SEEK_SET)
        _write_all(fd, _LEN.pack(len(ct)) + ct)
        os.fsync(fd)
    finally:
        os.close(fd)
    return r.chunks, r.lost_bytes


__all__ = [
    "DEFAULT_CHUNK",
    "HEADER_LEN",
    "KINDS",
    "KIND_AUDIO",
    "KIND_DATA",
    "KIND_EVENTS",
    "KIND_QUARANTINE",
    "ChunkReader",
    "ChunkWriter",
    "Header",
    "file_key",
    "parse_header",
    "seal_tail",
]
