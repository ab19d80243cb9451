"""Does a TLS ClientHello offer TLS 1.3? A pure function over the first bytes a client sends.

grpcio's Python API cannot set a minimum TLS version on server credentials (grpc/grpc#37305),
so the gate (``ccedge.rpc.server.gate``) reads the client's first record(s) and admits only a
ClientHello whose ``supported_versions`` extension lists TLS 1.3. BoringSSL picks the highest
version both sides offer, so an admitted connection negotiates 1.3 end to end.

Wire format (RFC 8446):

* §5.1 records: ``type(1) legacy_version(2) length(2) fragment``; type 22 = handshake; a
  handshake message may be split over several records (never interleaved with other types
  before it is complete); ``length`` ≤ 2^14 and never 0 for a handshake record.
* §4 handshake header: ``msg_type(1) length(3)``; msg_type 1 = client_hello.
* §4.1.2 ClientHello: ``legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2>
  compression<1..2^8-1> extensions<8..2^16-1>`` (TLS 1.2 and older may omit extensions).
* §4.2.1 ``supported_versions`` (43) in a ClientHello: ``versions<2..254>`` of 2-byte codes;
  without it the client speaks TLS 1.2 or older (§4.2.1: servers then negotiate ≤ 1.2).
* An SSL 2.0-compatible hello starts with a byte whose high bit is set (RFC 5246 App. E.2).

Nothing here raises on any input: every outcome is a :class:`Hello` (hypothesis checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RECORD_HANDSHAKE = 22
HANDSHAKE_CLIENT_HELLO = 1
EXT_SUPPORTED_VERSIONS = 0x002B
TLS13 = 0x0304
MAX_RECORD = 1 << 14  # RFC 8446 §5.1 TLSPlaintext.length
DEFAULT_CAP = 64 * 1024  # a ClientHello (even with post-quantum key shares) is a few KiB
MAX_RECORDS = 64  # 64 KiB fits in 4 full records; more fragments than this is an attack

Verdict = Literal["admit", "refuse", "more"]


@dataclass(frozen=True, slots=True)
class Hello:
    """``admit``: TLS 1.3 offered; ``refuse`` with a one-line ``reason`` (``tls`` says whether the
    bytes were a well-formed TLS ClientHello, so a protocol_version alert makes sense); ``more``:
    the ClientHello is not complete yet, and no verdict can come before the input is ``need``
    bytes long (so a reader that trickles bytes costs one parse per record, not one per byte)."""

    verdict: Verdict
    reason: str = ""
    tls: bool = False
    need: int = 0


def _refuse(reason: str, tls: bool = False) -> Hello:
    return Hello("refuse", reason, tls)


def _handshake_bytes(data: bytes, cap: int) -> tuple[bytes, int] | Hello:
    """The handshake fragments of the leading handshake records (a cut last record counts its
    part) and the input length the next record needs to be complete."""
    out = bytearray()
    pos = 0
    records = 0
    while pos < len(data):
        if len(data) - pos < 5:
            return bytes(out), pos + 5
        records += 1
        if records > MAX_RECORDS:
            return _refuse("ClientHello fragmented into too many records")
        rtype, major, length = data[pos], data[pos + 1], int.from_bytes(data[pos + 3:pos + 5], "big")
        if rtype != RECORD_HANDSHAKE:
            return _refuse("a record other than handshake before the ClientHello ended")
        if major != 3:
            return _refuse("not a TLS record version")
        if length == 0 or length > MAX_RECORD:
            return _refuse("handshake record length out of range")
        fragment = data[pos + 5:pos + 5 + length]
        out += fragment
        if len(out) > cap:
            return _refuse("ClientHello larger than the gate's bound")
        pos += 5 + length
        if len(out) >= 4 and len(out) >= 4 + int.from_bytes(out[1:4], "big"):
            break  # the first message is complete; what follows (early data, CCS) is not ours
    return bytes(out), pos + 5 if pos <= len(data) else pos


class _Reader:
    """Bounds-checked cursor; ``take`` returns None past the end."""

    __slots__ = ("buf", "pos")

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, n: int) -> bytes | None:
        if n < 0 or self.pos + n > len(self.buf):
            return None
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def vector(self, width: int) -> bytes | None:
        head = self.take(width)
        return None if head is None else self.take(int.from_bytes(head, "big"))

    def left(self) -> int:
        return len(self.buf) - self.pos


def _versions(extensions: bytes) -> list[int] | Hello | None:
    """The supported_versions list, None when absent, a refusal when the block is malformed."""
    r = _Reader(extensions)
    found: list[int] | None = None
    seen: set[int] = set()
    while r.left():
        etype = r.take(2)
        body = r.vector(2)
        if etype is None or body is None:
            return _refuse("malformed ClientHello extensions", tls=True)
        code = int.from_bytes(etype, "big")
        if code in seen:  # RFC 8446 §4.2: at most one extension of each type
            return _refuse("duplicate ClientHello extension", tls=True)
        seen.add(code)
        if code == EXT_SUPPORTED_VERSIONS:
            inner = _Reader(body)
            listed = inner.vector(1)
            if listed is None or inner.left() or not listed or len(listed) % 2:
                return _refuse("malformed supported_versions", tls=True)
            found = [int.from_bytes(listed[i:i + 2], "big") for i in range(0, len(listed), 2)]
    return found


def _client_hello(body: bytes) -> Hello:
    r = _Reader(body)
    if r.take(2) is None or r.take(32) is None:  # legacy_version, random
        return _refuse("truncated ClientHello", tls=True)
    session = r.vector(1)
    suites = r.vector(2)
    compression = r.vector(1)
    if session is None or len(session) > 32 or suites is None or len(suites) < 2 or len(suites) % 2 \
            or not compression:
        return _refuse("malformed ClientHello", tls=True)
    if not r.left():
        return _refuse("offers TLS 1.2 or older (no extensions)", tls=True)
    extensions = r.vector(2)
    if extensions is None or r.left():
        return _refuse("malformed ClientHello extensions", tls=True)
    versions = _versions(extensions)
    if isinstance(versions, Hello):
        return versions
    if versions is None:
        return _refuse("offers TLS 1.2 or older (no supported_versions)", tls=True)
    if TLS13 not in versions:
        return _refuse("supported_versions lacks TLS 1.3", tls=True)
    return Hello("admit", "TLS 1.3 offered", tls=True)


def inspect_client_hello(data: bytes, cap: int = DEFAULT_CAP) -> Hello:
    """Judge the bytes a client sent first (a prefix of its stream; give more when ``more``)."""
    if not data:
        return Hello("more", need=5)
    if data[0] & 0x80:
        return _refuse("SSL 2.0-style hello")
    if data[0] != RECORD_HANDSHAKE:
        return _refuse("not a TLS handshake (plaintext or another protocol)")
    got = _handshake_bytes(data, cap)
    if isinstance(got, Hello):
        return got
    hs, need = got  # a handshake message may continue in the next record (§5.1): wait for it
    if len(hs) < 4:
        return Hello("more", need=need)
    if hs[0] != HANDSHAKE_CLIENT_HELLO:
        return _refuse("first handshake message is not a ClientHello")
    length = int.from_bytes(hs[1:4], "big")
    if length > cap:
        return _refuse("ClientHello larger than the gate's bound")
    if len(hs) < 4 + length:
        return Hello("more", need=need)
    return _client_hello(hs[4:4 + length])


__all__ = ["DEFAULT_CAP", "MAX_RECORDS", "Hello", "inspect_client_hello"]
