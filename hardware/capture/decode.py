"""The Python decoding path: one link-layer frame → one UDP/TCP row, or a reason it is not one.

It handles everything the Numba kernel handles and more (IP fragments via :class:`Reassembler`), so it
serves both as the fallback for packets the kernel defers and as the independent reference the kernel
is tested against. Policies match the kernel exactly (see ``_kernel.parse_one``).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ccedge.hardware.capture import _kernel as k
from ccedge.hardware.capture import reasons
from ccedge.hardware.capture.batch import V4_MAPPED_PREFIX
from ccedge.hardware.capture.reassembly import Reassembler

_H = struct.Struct("!H")
_I = struct.Struct("!I")


@dataclass(slots=True)
class Row:
    src: bytes  # 16 bytes
    dst: bytes
    proto: int
    sport: int
    dport: int
    payload: bytes
    tcp_seq: int = 0
    tcp_flags: int = 0


def _link(linktype: int, b: bytes) -> tuple[int, int] | int:
    """(ethertype, position after the link header) or a status code."""
    n = len(b)
    if linktype == k.LT_EN10MB:
        if n < 14:
            return reasons.TRUNCATED_LINK
        return _H.unpack_from(b, 12)[0], 14
    if linktype == k.LT_LINUX_SLL:
        if n < 16:
            return reasons.TRUNCATED_LINK
        return _H.unpack_from(b, 14)[0], 16
    if linktype == k.LT_LINUX_SLL2:
        if n < 20:
            return reasons.TRUNCATED_LINK
        return _H.unpack_from(b, 0)[0], 20
    if linktype in (k.LT_RAW, k.LT_RAW_BSD, k.LT_RAW_OPENBSD):
        if n < 1:
            return reasons.TRUNCATED_LINK
        v = b[0] >> 4
        if v == 4:
            return 0x0800, 0
        if v == 6:
            return 0x86DD, 0
        return reasons.NOT_IP
    if linktype == k.LT_IPV4:
        return 0x0800, 0
    if linktype == k.LT_IPV6:
        return 0x86DD, 0
    if linktype in (k.LT_NULL, k.LT_LOOP):
        if n < 4:
            return reasons.TRUNCATED_LINK
        fam = int.from_bytes(b[:4], "big" if linktype == k.LT_LOOP else "little")
        if fam > 0xFFFF:
            fam = int.from_bytes(b[:4], "big")
        if fam == 2:
            return 0x0800, 4
        if fam in (10, 24, 28, 30):
            return 0x86DD, 4
        return reasons.NOT_IP
    return reasons.UNSUPPORTED_LINKTYPE


def _skip_ext(b: bytes, nh: int, l4: int, ipend: int) -> tuple[int, int] | None:
    """Skip one IPv6 extension header (RFC 8200 §4; AH counts 4-byte words, RFC 4302 §2.2):
    (next header, position after it), or None when it is cut off."""
    if l4 + 2 > ipend:
        return None
    elen = (b[l4 + 1] + 2) * 4 if nh == 51 else (b[l4 + 1] + 1) * 8
    if l4 + elen > ipend:
        return None
    return b[l4], l4 + elen


class SlowDecoder:
    """Stateful (fragments) Python decoder; one per capture source."""

    def __init__(self, reassembler: Reassembler) -> None:
        self.reasm = reassembler

    def decode(self, linktype: int, frame: bytes, ts: float) -> Row | int:
        """A row, or a status code: a reject reason for the caller to count, or one in
        ``reasons.COUNTED`` (fragment outcomes) that the reassembler has counted already."""
        r = _link(linktype, frame)
        if isinstance(r, int):
            return r
        et, pos = r
        return self._from_ethertype(frame, et, pos, len(frame), ts, 0)

    def _from_ethertype(self, b: bytes, et: int, pos: int, end: int, ts: float, depth: int) -> Row | int:
        if depth >= k.MAX_DEPTH:
            return reasons.TOO_DEEP
        while et in (0x8100, 0x88A8, 0x9100):
            if pos + 4 > end:
                return reasons.TRUNCATED_LINK
            et = _H.unpack_from(b, pos + 2)[0]
            pos += 4
        if et == 0x8864:  # PPPoE session, RFC 2516 §4
            if pos + 8 > end:
                return reasons.TRUNCATED_LINK
            ppp = _H.unpack_from(b, pos + 6)[0]
            pos += 8
            if ppp == 0x0021:
                et = 0x0800
            elif ppp == 0x0057:
                et = 0x86DD
            else:
                return reasons.NOT_IP
        elif et in (0x8847, 0x8848):  # MPLS, RFC 3032 §2.1
            while True:
                if pos + 4 > end:
                    return reasons.TRUNCATED_LINK
                bos = b[pos + 2] & 1
                pos += 4
                if bos:
                    break
            if pos + 1 > end:
                return reasons.TRUNCATED_LINK
            v = b[pos] >> 4
            if v not in (4, 6):
                return reasons.NOT_IP
            et = 0x0800 if v == 4 else 0x86DD
        if et == 0x0800:
            return self._ipv4(b, pos, end, ts, depth)
        if et == 0x86DD:
            return self._ipv6(b, pos, end, ts, depth)
        return reasons.NOT_IP

    def _ipv4(self, b: bytes, pos: int, end: int, ts: float, depth: int) -> Row | int:
        if pos + 20 > end:
            return reasons.TRUNCATED_IP
        vihl = b[pos]
        if vihl >> 4 != 4:
            return reasons.BAD_IP_VERSION
        ihl = (vihl & 15) * 4
        if ihl < 20:
            return reasons.BAD_IP_HEADER_LENGTH
        if pos + ihl > end:
            return reasons.TRUNCATED_IP
        tot = _H.unpack_from(b, pos + 2)[0]
        if tot == 0:
            ipend = end
        elif tot < ihl:
            return reasons.BAD_IP_TOTAL_LENGTH
        else:
            ipend = min(end, pos + tot)
        frag = _H.unpack_from(b, pos + 6)[0]
        nh = b[pos + 9]
        src = V4_MAPPED_PREFIX + b[pos + 12 : pos + 16]
        dst = V4_MAPPED_PREFIX + b[pos + 16 : pos + 20]
        l4 = pos + ihl
        if frag & 0x3FFF:
            ident = _H.unpack_from(b, pos + 4)[0]
            st, got, data = self.reasm.add(
                (4, src, dst, nh, ident), (frag & 0x1FFF) * 8, bool(frag & 0x2000), bytes(b[l4:ipend]), ts, nh
            )
            if st != reasons.OK:
                return st
            return self._l4(data, got, 0, len(data), src, dst, ts, depth)
        return self._l4(b, nh, l4, ipend, src, dst, ts, depth)

    def _ipv6(self, b: bytes, pos: int, end: int, ts: float, depth: int) -> Row | int:
        if pos + 40 > end:
            return reasons.TRUNCATED_IP
        if b[pos] >> 4 != 6:
            return reasons.BAD_IP_VERSION
        plen = _H.unpack_from(b, pos + 4)[0]
        ipend = end if plen == 0 else min(end, pos + 40 + plen)
        nh = b[pos + 6]
        src = bytes(b[pos + 8 : pos + 24])
        dst = bytes(b[pos + 24 : pos + 40])
        l4 = pos + 40
        while nh in (0, 43, 60, 51, 44):
            if nh == 44:
                # fragment header, RFC 8200 §4.5: next header, reserved, offset|M, identification
                if l4 + 8 > ipend:
                    return reasons.TRUNCATED_IPV6_EXT
                fnh = b[l4]
                offm = _H.unpack_from(b, l4 + 2)[0]
                ident = _I.unpack_from(b, l4 + 4)[0]
                offset = (offm >> 3) * 8
                more = bool(offm & 1)
                if offset == 0 and not more:
                    # atomic fragment (RFC 6946): not fragmented at all
                    nh = fnh
                    l4 += 8
                    continue
                st, got, data = self.reasm.add(
                    (6, src, dst, ident),
                    offset,
                    more,
                    bytes(b[l4 + 8 : ipend]),
                    ts,
                    fnh if offset == 0 else -1,
                )
                if st != reasons.OK:
                    return st
                return self._ipv6_upper(data, got, 0, len(data), src, dst, ts, depth)
            skipped = _skip_ext(b, nh, l4, ipend)
            if skipped is None:
                return reasons.TRUNCATED_IPV6_EXT
            nh, l4 = skipped
        return self._l4(b, nh, l4, ipend, src, dst, ts, depth)

    def _ipv6_upper(
        self, b: bytes, nh: int, l4: int, ipend: int, src: bytes, dst: bytes, ts: float, depth: int
    ) -> Row | int:
        # extension headers after the fragment header (destination options) belong to the payload
        while nh in (0, 43, 60, 51):
            skipped = _skip_ext(b, nh, l4, ipend)
            if skipped is None:
                return reasons.TRUNCATED_IPV6_EXT
            nh, l4 = skipped
        if nh == 44:
            return reasons.NESTED_FRAGMENT
        return self._l4(b, nh, l4, ipend, src, dst, ts, depth)

    def _l4(
        self, b: bytes, nh: int, l4: int, ipend: int, src: bytes, dst: bytes, ts: float, depth: int
    ) -> Row | int:
        if nh == 17:
            if l4 + 8 > ipend:
                return reasons.TRUNCATED_UDP
            sport, dport, ulen = struct.unpack_from("!HHH", b, l4)
            pend = ipend
            if ulen >= 8 and l4 + ulen < ipend:
                pend = l4 + ulen
            q = l4 + 8
            if dport == 4789 and pend - q >= 22 and b[q : q + 4] == b"\x08\0\0\0" and b[q + 7] == 0:
                # VXLAN, RFC 7348 §5
                return self._from_ethertype(b, _H.unpack_from(b, q + 20)[0], q + 22, pend, ts, depth + 1)
            if dport == 6081 and pend - q >= 8:
                # Geneve, RFC 8926 §3.4
                glen = 8 + (b[q] & 0x3F) * 4
                if b[q] >> 6 == 0 and b[q + 1] & 0x3F == 0 and _H.unpack_from(b, q + 2)[0] == 0x6558:
                    if pend - q >= glen + 14:
                        return self._from_ethertype(
                            b, _H.unpack_from(b, q + glen + 12)[0], q + glen + 14, pend, ts, depth + 1
                        )
            return Row(src, dst, 17, sport, dport, bytes(b[q:pend]))
        if nh == 6:
            if l4 + 20 > ipend:
                return reasons.TRUNCATED_TCP
            sport, dport, seq = struct.unpack_from("!HHI", b, l4)
            doff = (b[l4 + 12] >> 4) * 4
            if doff < 20:
                return reasons.BAD_TCP_OFFSET
            if l4 + doff > ipend:
                return reasons.TRUNCATED_TCP
            return Row(src, dst, 6, sport, dport, bytes(b[l4 + doff : ipend]), seq, b[l4 + 13])
        if nh == 50:
            return reasons.IPSEC
        if nh != 47:
            return reasons.NON_UDP_TCP
        return self._gre(b, l4, ipend, ts, depth)

    def _gre(self, b: bytes, l4: int, end: int, ts: float, depth: int) -> Row | int:
        # RFC 2784 §2.1 / RFC 2890 §2; ERSPAN types I, II, III (draft-foschiano-erspan)
        if l4 + 4 > end:
            return reasons.TRUNCATED_GRE
        gflags, gproto = struct.unpack_from("!HH", b, l4)
        if gflags & 0x0007 or gflags & 0x4000:
            return reasons.UNSUPPORTED_GRE
        p = l4 + 4 + 4 * (bool(gflags & 0x8000) + bool(gflags & 0x2000) + bool(gflags & 0x1000))
        if p > end:
            return reasons.TRUNCATED_GRE
        if gproto == 0x88BE:
            if gflags & 0x1000:
                if p + 8 > end:
                    return reasons.TRUNCATED_ERSPAN
                p += 8
        elif gproto == 0x22EB:
            if p + 12 > end:
                return reasons.TRUNCATED_ERSPAN
            ft = (b[p + 10] >> 2) & 0x1F
            o = b[p + 11] & 1
            p += 12
            if o:
                if p + 8 > end:
                    return reasons.TRUNCATED_ERSPAN
                p += 8
            if ft != 0:
                return reasons.ERSPAN_FRAME_TYPE
        elif gproto in (0x0800, 0x86DD):
            return self._from_ethertype(b, gproto, p, end, ts, depth + 1)
        elif gproto != 0x6558:
            return reasons.GRE_UNKNOWN_PROTO
        if p + 14 > end:
            return reasons.TRUNCATED_LINK
        return self._from_ethertype(b, _H.unpack_from(b, p + 12)[0], p + 14, end, ts, depth + 1)


__all__ = ["Row", "SlowDecoder"]
