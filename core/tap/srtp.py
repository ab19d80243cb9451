"""SDES-SRTP: ``a=crypto`` attributes (RFC 4568) and decryption of SRTP packets (RFC 3711).

AES_CM_128_HMAC_SHA1_80/32 go through libsrtp (``pylibsrtp``), the well-kept
implementation. Its Python binding exposes no AES-192/256 counter-mode profile and no
MKI, so those (RFC 6188 suites, and any key with an MKI) use the RFC 3711 transform
written out below on ``cryptography``'s AES; the tests check it against libsrtp on the
128-bit suites, packet for packet.

A passive tap only ever *unprotects*: the key in a party's SDP is the key that party
sends with (RFC 4568 §6.1), so it decrypts the media coming from that party.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import struct
from dataclasses import dataclass
from typing import Any

from ccedge.core.tap.errors import TapError, TapParseError

# RFC 4568 §6.2 and RFC 6188 §6: suite -> (master key octets, tag octets). Salt is 14 octets.
SUITES: dict[str, tuple[int, int]] = {
    "AES_CM_128_HMAC_SHA1_80": (16, 10),
    "AES_CM_128_HMAC_SHA1_32": (16, 4),
    "AES_192_CM_HMAC_SHA1_80": (24, 10),
    "AES_192_CM_HMAC_SHA1_32": (24, 4),
    "AES_256_CM_HMAC_SHA1_80": (32, 10),
    "AES_256_CM_HMAC_SHA1_32": (32, 4),
}
SALT_LEN = 14
ZRTP_MAGIC = 0x5A525450  # "ZRTP", RFC 6189 §5: bytes 4-7 of every ZRTP packet
_ATTR = re.compile(r"^\s*(\d{1,9})\s+([A-Za-z0-9_]+)\s+(\S+)(?:\s+(.*))?$")


class SrtpError(TapError):
    """An SRTP packet that does not authenticate or decrypt; ``reason`` is a stable key."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SdesCrypto:
    """One parsed ``a=crypto`` attribute (its first key-params)."""

    tag: int
    suite: str
    master_key: bytes = b""
    master_salt: bytes = b""
    lifetime: int | None = None
    mki: int | None = None
    mki_length: int = 0
    session_params: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never print key material
        return f"SdesCrypto(tag={self.tag}, suite={self.suite!r}, mki_length={self.mki_length})"

    @property
    def tag_length(self) -> int:
        return SUITES[self.suite][1]

    @property
    def key_salt(self) -> bytes:
        return self.master_key + self.master_salt


def _lifetime(text: str) -> int:
    if text.startswith("2^"):
        exp = int(text[2:])
        if not 0 <= exp <= 64:
            raise ValueError
        return 1 << exp
    return int(text)


def parse_crypto_attribute(value: str) -> SdesCrypto:
    """Parse the value of an ``a=crypto:`` line (RFC 4568 §9.1), e.g.
    ``1 AES_CM_128_HMAC_SHA1_80 inline:<base64 key||salt>|2^20|1:4``."""
    m = _ATTR.match(value)
    if not m:
        raise TapParseError("a=crypto attribute is missing tag, suite or key-params", "srtp.bad-crypto")
    tag, suite, key_params, rest = int(m.group(1)), m.group(2).upper(), m.group(3), m.group(4)
    if suite not in SUITES:
        raise TapParseError("a=crypto crypto-suite is not supported", "srtp.unsupported-suite")
    first = key_params.split(";")[0]  # several keys may follow, ';'-separated (§9.1)
    if not first.lower().startswith("inline:"):
        raise TapParseError("a=crypto key-method is not inline", "srtp.bad-crypto")
    parts = first[len("inline:") :].split("|")
    try:
        raw = base64.b64decode(parts[0] + "=" * (-len(parts[0]) % 4), validate=True)
    except (binascii.Error, ValueError) as e:
        raise TapParseError("a=crypto key-salt is not valid base64", "srtp.bad-key") from e
    key_len = SUITES[suite][0]
    if len(raw) != key_len + SALT_LEN:
        raise TapParseError("a=crypto key-salt has the wrong length for its suite", "srtp.bad-key")
    lifetime = mki = None
    mki_length = 0
    try:
        for p in parts[1:]:
            if ":" in p:  # MKI:length (§6.1)
                a, b = p.split(":", 1)
                mki, mki_length = int(a), int(b)
                if not 1 <= mki_length <= 128:
                    raise ValueError
            else:
                lifetime = _lifetime(p)
    except ValueError as e:
        raise TapParseError("a=crypto lifetime or MKI is malformed", "srtp.bad-crypto") from e
    return SdesCrypto(
        tag, suite, raw[:key_len], raw[key_len:], lifetime, mki, mki_length, tuple((rest or "").split())
    )


def _aes_ctr(key: bytes, iv: int, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    enc = Cipher(algorithms.AES(key), modes.CTR(iv.to_bytes(16, "big"))).encryptor()
    return enc.update(data) + enc.finalize()


def _derive(master_key: bytes, master_salt: bytes, label: int, length: int) -> bytes:
    # RFC 3711 §4.3.1 with key_derivation_rate 0: x = (label << 48) XOR master_salt, IV = x * 2^16.
    x = (label << 48) ^ int.from_bytes(master_salt, "big")
    return _aes_ctr(master_key, x << 16, b"\0" * length)


class _Rfc3711Receiver:
    """The SRTP receive transform for AES-CM + HMAC-SHA1 at any AES key size."""

    def __init__(self, crypto: SdesCrypto) -> None:
        self.crypto = crypto
        mk, ms = crypto.master_key, crypto.master_salt
        self.k_e = _derive(mk, ms, 0x00, len(mk))
        self.k_a = _derive(mk, ms, 0x01, 20)
        self.k_s = int.from_bytes(_derive(mk, ms, 0x02, SALT_LEN), "big")
        # SRTCP keys, RFC 3711 §4.3.2 labels 3-5.
        self.c_e = _derive(mk, ms, 0x03, len(mk))
        self.c_a = _derive(mk, ms, 0x04, 20)
        self.c_s = int.from_bytes(_derive(mk, ms, 0x05, SALT_LEN), "big")
        self.state: dict[int, tuple[int, int]] = {}  # ssrc -> (ROC, highest seq s_l)

    def _index(self, ssrc: int, seq: int) -> tuple[int, int]:
        # RFC 3711 §3.3.1 / Appendix A: guess the ROC of this packet from s_l.
        if ssrc not in self.state:
            return 0, seq
        roc, s_l = self.state[ssrc]
        if s_l < 32768:
            v = roc - 1 if seq - s_l > 32768 else roc
        else:
            v = roc + 1 if s_l - 32768 > seq else roc
        return v, seq

    def unprotect(self, packet: bytes) -> bytes:
        tag_len, mki_len = self.crypto.tag_length, self.crypto.mki_length
        if len(packet) < 12 + tag_len + mki_len:
            raise SrtpError("SRTP packet shorter than header and tag", "srtp.truncated")
        b0 = packet[0]
        hdr = 12 + 4 * (b0 & 0x0F)
        if b0 & 0x10:
            if len(packet) < hdr + 4:
                raise SrtpError("SRTP packet has truncated extension header", "srtp.truncated")
            hdr += 4 + 4 * struct.unpack_from("!H", packet, hdr + 2)[0]
        end = len(packet) - tag_len - mki_len
        if end < hdr:
            raise SrtpError("SRTP packet shorter than header and tag", "srtp.truncated")
        seq, ssrc = struct.unpack_from("!H", packet, 2)[0], struct.unpack_from("!I", packet, 8)[0]
        roc, _ = self._index(ssrc, seq)
        if roc < 0:
            roc = 0
        mac = hmac.new(self.k_a, packet[:end] + struct.pack("!I", roc & 0xFFFFFFFF), hashlib.sha1).digest()
        if not hmac.compare_digest(mac[:tag_len], packet[len(packet) - tag_len :]):
            raise SrtpError("SRTP packet failed authentication", "srtp.auth-failed")
        index = (roc << 16) | seq
        iv = (self.k_s << 16) ^ (ssrc << 64) ^ (index << 16)  # RFC 3711 §4.1.1
        plain = _aes_ctr(self.k_e, iv & ((1 << 128) - 1), packet[hdr:end])
        old = self.state.get(ssrc)
        if old is None or index > (old[0] << 16 | old[1]):
            self.state[ssrc] = (roc, seq)
        return packet[:hdr] + plain

    def unprotect_rtcp(self, packet: bytes) -> bytes:
        """RFC 3711 §3.4: header(8) | encrypted | E+index(4) | MKI | tag (always 80-bit for SRTCP)."""
        tag_len, mki_len = 10, self.crypto.mki_length  # §4.2: SRTCP tags are 80 bits in these suites
        end = len(packet) - tag_len - mki_len - 4
        if end < 8:
            raise SrtpError("SRTCP packet shorter than header and trailer", "srtcp.truncated")
        mac = hmac.new(self.c_a, packet[: end + 4], hashlib.sha1).digest()
        if not hmac.compare_digest(mac[:tag_len], packet[len(packet) - tag_len :]):
            raise SrtpError("SRTCP packet failed authentication", "srtcp.auth-failed")
        e_index = struct.unpack_from("!I", packet, end)[0]
        if not e_index & 0x80000000:
            return packet[:end]
        ssrc = struct.unpack_from("!I", packet, 4)[0]
        iv = (self.c_s << 16) ^ (ssrc << 64) ^ ((e_index & 0x7FFFFFFF) << 16)
        return packet[:8] + _aes_ctr(self.c_e, iv & ((1 << 128) - 1), packet[8:end])

    def protect(self, packet: bytes, roc: int = 0) -> bytes:
        """The sender's transform (fixtures for the suites libsrtp's binding lacks)."""
        b0 = packet[0]
        hdr = 12 + 4 * (b0 & 0x0F)
        if b0 & 0x10:
            hdr += 4 + 4 * struct.unpack_from("!H", packet, hdr + 2)[0]
        seq, ssrc = struct.unpack_from("!H", packet, 2)[0], struct.unpack_from("!I", packet, 8)[0]
        iv = (self.k_s << 16) ^ (ssrc << 64) ^ (((roc << 16) | seq) << 16)
        body = packet[:hdr] + _aes_ctr(self.k_e, iv & ((1 << 128) - 1), packet[hdr:])
        mac = hmac.new(self.k_a, body + struct.pack("!I", roc), hashlib.sha1).digest()
        mki = b""
        if self.crypto.mki_length:
            mki = (self.crypto.mki or 0).to_bytes(self.crypto.mki_length, "big")
        return body + mki + mac[: self.crypto.tag_length]


class SrtpReceiver:
    """Unprotects one party's SRTP (all of its SSRCs) with one SDES key."""

    def __init__(self, crypto: SdesCrypto) -> None:
        self.crypto = crypto
        self._libsrtp = None
        self._own: _Rfc3711Receiver | None = None
        if crypto.suite.startswith("AES_CM_128") and crypto.mki is None:
            import pylibsrtp

            profile = (
                pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80
                if crypto.suite.endswith("_80")
                else pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_32
            )
            policy = pylibsrtp.Policy(
                key=crypto.key_salt, ssrc_type=pylibsrtp.Policy.SSRC_ANY_INBOUND, srtp_profile=profile
            )
            policy.window_size = 1024  # a tap sees reordering that a phone's jitter buffer absorbed
            self._libsrtp = pylibsrtp.Session(policy=policy)
            self._errors = pylibsrtp.Error
        else:
            self._own = _Rfc3711Receiver(crypto)

    def unprotect_rtcp(self, packet: bytes) -> bytes:
        """The plain compound RTCP packet of an SRTCP packet; :class:`SrtpError` when it fails."""
        if self._own is not None:
            return self._own.unprotect_rtcp(packet)
        assert self._libsrtp is not None
        try:
            return bytes(self._libsrtp.unprotect_rtcp(packet))
        except self._errors as e:
            raise SrtpError("SRTCP packet failed authentication or replay check", "srtcp.auth-failed") from e

    def unprotect(self, packet: bytes) -> bytes:
        """The plain RTP packet; :class:`SrtpError` when it does not authenticate."""
        if self._own is not None:
            return self._own.unprotect(packet)
        assert self._libsrtp is not None
        try:
            return bytes(self._libsrtp.unprotect(packet))
        except self._errors as e:
            text = str(e)
            reason = "srtp.replay" if "replay" in text else "srtp.auth-failed"
            raise SrtpError("SRTP packet failed authentication or replay check", reason) from e


def sending_session(crypto: SdesCrypto) -> Any:
    """A libsrtp sending session for ``crypto`` (AES_CM_128 suites only): fixtures and the simulator."""
    import pylibsrtp

    profile = (
        pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80
        if crypto.suite.endswith("_80")
        else pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_32
    )
    return pylibsrtp.Session(
        policy=pylibsrtp.Policy(
            key=crypto.key_salt, ssrc_type=pylibsrtp.Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile
        )
    )


def protect_for_tests(crypto: SdesCrypto, packets: list[bytes]) -> list[bytes]:
    """SRTP-protect plain RTP packets with libsrtp (AES_CM_128 suites only): test fixtures."""
    session = sending_session(crypto)
    return [bytes(session.protect(p)) for p in packets]


def protect_rtcp_for_tests(crypto: SdesCrypto, packets: list[bytes]) -> list[bytes]:
    """SRTCP-protect plain RTCP packets with libsrtp (AES_CM_128 suites only): test fixtures."""
    session = sending_session(crypto)
    return [bytes(session.protect_rtcp(p)) for p in packets]


def is_zrtp(payload: bytes) -> bool:
    """RFC 6189 §5: first byte 0x10 (version 0, the 'not RTP' marker), magic cookie at 4-7."""
    return len(payload) >= 12 and payload[0] == 0x10 and struct.unpack_from("!I", payload, 4)[0] == ZRTP_MAGIC


__all__ = [
    "SALT_LEN",
    "SUITES",
    "ZRTP_MAGIC",
    "SdesCrypto",
    "SrtpError",
    "SrtpReceiver",
    "is_zrtp",
    "parse_crypto_attribute",
    "protect_for_tests",
    "protect_rtcp_for_tests",
]
