"""Numba kernels of the capture fast path (private; use :mod:`ccedge.hardware.capture.fastpath`).

``walk_pcap`` walks classic pcap record headers; ``parse_frames`` decodes link layer → (GRE/ERSPAN →
link layer)* → IPv4/IPv6 → UDP/TCP for every record and writes one row per record plus a status code
from :mod:`ccedge.hardware.capture.reasons`. Anything unusual (IP fragments) is returned as DEFER for
the Python path; the kernel never raises.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ccedge.hardware.capture.linktypes import (  # globals the kernels read (frozen at compile time)
    LT_EN10MB,
    LT_IPV4,
    LT_IPV6,
    LT_LINUX_SLL,
    LT_LINUX_SLL2,
    LT_LOOP,
    LT_NULL,
    LT_RAW,
    LT_RAW_BSD,
    LT_RAW_OPENBSD,
)

MAX_CAPLEN = (
    1 << 26
)  # a record header claiming more than 64 MiB is corrupt (pcap snaplen ≤ 262144 in practice)

# status codes (mirror reasons.py; numba needs plain globals)
_OK = 0
_DEFER = 1
_TRUNCATED_LINK = 2
_UNSUPPORTED_LINKTYPE = 3
_NOT_IP = 4
_TRUNCATED_IP = 5
_BAD_IP_VERSION = 6
_BAD_IP_HEADER_LENGTH = 7
_BAD_IP_TOTAL_LENGTH = 8
_TRUNCATED_IPV6_EXT = 9
_NON_UDP_TCP = 10
_TRUNCATED_UDP = 11
_TRUNCATED_TCP = 12
_BAD_TCP_OFFSET = 13
_TRUNCATED_GRE = 14
_UNSUPPORTED_GRE = 15
_GRE_UNKNOWN_PROTO = 16
_TRUNCATED_ERSPAN = 17
_ERSPAN_FRAME_TYPE = 18
_TOO_DEEP = 19
_IPSEC = 27

MAX_DEPTH = 4  # link layers in one record: outer + up to three GRE/ERSPAN tunnels


@njit(cache=True, nogil=True)
def be16(b, p):
    return (np.int64(b[p]) << 8) | np.int64(b[p + 1])


@njit(cache=True, nogil=True)
def be32(b, p):
    return (
        (np.int64(b[p]) << 24) | (np.int64(b[p + 1]) << 16) | (np.int64(b[p + 2]) << 8) | np.int64(b[p + 3])
    )


@njit(cache=True, nogil=True)
def le32(b, p):
    return (
        (np.int64(b[p + 3]) << 24) | (np.int64(b[p + 2]) << 16) | (np.int64(b[p + 1]) << 8) | np.int64(b[p])
    )


@njit(cache=True, nogil=True)
def _ip_ethertype(b, p, end):
    """The EtherType of a bare IP packet at ``p`` from its version nibble, or minus a status code."""
    if p + 1 > end:
        return -_TRUNCATED_LINK
    v = b[p] >> 4
    if v == 4:
        return 0x0800
    if v == 6:
        return 0x86DD
    return -_NOT_IP


@njit(cache=True, nogil=True)
def walk_pcap(buf, start, end, big_endian, nano, max_pkts, rec_off, rec_len, rec_ts):
    """Walk classic pcap record headers (16 bytes: ts_sec, ts_frac, incl_len, orig_len) from ``start``.

    Returns (records, next position, status, bytes needed): status 0 = stopped at ``max_pkts``,
    1 = the buffer ends before the next whole record (``need`` = bytes from ``next`` it needs),
    2 = a record header claims an absurd length (corrupt file).
    """
    n = 0
    pos = start
    div = 1e9 if nano else 1e6
    while n < max_pkts:
        if pos + 16 > end:
            return n, pos, 1, 16
        if big_endian:
            sec = be32(buf, pos)
            frac = be32(buf, pos + 4)
            caplen = be32(buf, pos + 8)
        else:
            sec = le32(buf, pos)
            frac = le32(buf, pos + 4)
            caplen = le32(buf, pos + 8)
        if caplen > MAX_CAPLEN:
            return n, pos, 2, 0
        if pos + 16 + caplen > end:
            return n, pos, 1, 16 + caplen
        rec_off[n] = pos + 16
        rec_len[n] = caplen
        rec_ts[n] = sec + frac / div
        n += 1
        pos += 16 + caplen
    return n, pos, 0, 0


@njit(cache=True, nogil=True)
def parse_one(buf, linktype, pos, end, i, src, dst, proto, sport, dport, off, length, seq, flags):
    # ---- outer link layer -> ethertype
    et = -1
    if linktype == LT_EN10MB:
        if pos + 14 > end:
            return _TRUNCATED_LINK
        et = be16(buf, pos + 12)
        pos += 14
    elif linktype == LT_LINUX_SLL:
        # Linux cooked v1: 16-byte header, protocol type last (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL)
        if pos + 16 > end:
            return _TRUNCATED_LINK
        et = be16(buf, pos + 14)
        pos += 16
    elif linktype == LT_LINUX_SLL2:
        # Linux cooked v2: 20-byte header, protocol type first
        if pos + 20 > end:
            return _TRUNCATED_LINK
        et = be16(buf, pos)
        pos += 20
    elif linktype == LT_RAW or linktype == LT_RAW_BSD or linktype == LT_RAW_OPENBSD:
        et = _ip_ethertype(buf, pos, end)
        if et < 0:
            return -et
    elif linktype == LT_IPV4:
        et = 0x0800
    elif linktype == LT_IPV6:
        et = 0x86DD
    elif linktype == LT_NULL or linktype == LT_LOOP:
        # BSD loopback: 4-byte address family, host order for NULL, network order for LOOP
        if pos + 4 > end:
            return _TRUNCATED_LINK
        fam = be32(buf, pos) if linktype == LT_LOOP else le32(buf, pos)
        if fam > 0xFFFF:
            fam = be32(buf, pos)  # written on a big-endian host
        pos += 4
        if fam == 2:
            et = 0x0800
        elif fam == 24 or fam == 28 or fam == 30 or fam == 10:
            et = 0x86DD
        else:
            return _NOT_IP
    else:
        return _UNSUPPORTED_LINKTYPE

    for _depth in range(MAX_DEPTH):
        # IEEE 802.1Q / 802.1ad (QinQ) tags, and the legacy 0x9100 QinQ TPID
        while et == 0x8100 or et == 0x88A8 or et == 0x9100:
            if pos + 4 > end:
                return _TRUNCATED_LINK
            et = be16(buf, pos + 2)
            pos += 4
        if et == 0x8864:
            # PPPoE session stage, RFC 2516 §4: 6-byte header, then the 2-byte PPP protocol (RFC 1661)
            if pos + 8 > end:
                return _TRUNCATED_LINK
            ppp = be16(buf, pos + 6)
            pos += 8
            if ppp == 0x0021:
                et = 0x0800
            elif ppp == 0x0057:
                et = 0x86DD
            else:
                return _NOT_IP
        elif et == 0x8847 or et == 0x8848:
            # MPLS label stack, RFC 3032 §2.1: skip to the bottom-of-stack entry, then IP by version
            while True:
                if pos + 4 > end:
                    return _TRUNCATED_LINK
                bos = buf[pos + 2] & 1
                pos += 4
                if bos:
                    break
            et = _ip_ethertype(buf, pos, end)
            if et < 0:
                return -et
        if et == 0x0800:
            # IPv4, RFC 791 §3.1
            if pos + 20 > end:
                return _TRUNCATED_IP
            vihl = buf[pos]
            if (vihl >> 4) != 4:
                return _BAD_IP_VERSION
            ihl = np.int64(vihl & 15) * 4
            if ihl < 20:
                return _BAD_IP_HEADER_LENGTH
            if pos + ihl > end:
                return _TRUNCATED_IP
            tot = be16(buf, pos + 2)
            if tot == 0:
                ipend = end  # TCP segmentation offload on the capturing host leaves 0 here
            elif tot < ihl:
                return _BAD_IP_TOTAL_LENGTH
            else:
                ipend = min(end, pos + tot)  # shorter: snaplen cut it; longer: Ethernet padding follows
            if be16(buf, pos + 6) & 0x3FFF:
                return _DEFER  # MF set or fragment offset: reassembly in Python
            nh = buf[pos + 9]
            for k in range(10):
                src[i, k] = 0
                dst[i, k] = 0
            src[i, 10] = 0xFF
            src[i, 11] = 0xFF
            dst[i, 10] = 0xFF
            dst[i, 11] = 0xFF
            for k in range(4):
                src[i, 12 + k] = buf[pos + 12 + k]
                dst[i, 12 + k] = buf[pos + 16 + k]
            l4 = pos + ihl
        elif et == 0x86DD:
            # IPv6, RFC 8200 §3
            if pos + 40 > end:
                return _TRUNCATED_IP
            if (buf[pos] >> 4) != 6:
                return _BAD_IP_VERSION
            plen = be16(buf, pos + 4)
            ipend = end if plen == 0 else min(end, pos + 40 + plen)  # 0: jumbogram (RFC 2675) or TSO
            nh = buf[pos + 6]
            for k in range(16):
                src[i, k] = buf[pos + 8 + k]
                dst[i, k] = buf[pos + 24 + k]
            l4 = pos + 40
            # extension headers, RFC 8200 §4: hop-by-hop, routing, destination options; AH (RFC 4302 §2.2)
            while nh == 0 or nh == 43 or nh == 60 or nh == 51 or nh == 44:
                if nh == 44:
                    return _DEFER  # fragment header
                if l4 + 2 > ipend:
                    return _TRUNCATED_IPV6_EXT
                if nh == 51:
                    elen = (np.int64(buf[l4 + 1]) + 2) * 4
                else:
                    elen = (np.int64(buf[l4 + 1]) + 1) * 8
                if l4 + elen > ipend:
                    return _TRUNCATED_IPV6_EXT
                nh = buf[l4]
                l4 += elen
        else:
            return _NOT_IP

        if nh == 17:
            # UDP, RFC 768
            if l4 + 8 > ipend:
                return _TRUNCATED_UDP
            ulen = be16(buf, l4 + 4)
            pend = ipend
            if ulen >= 8 and l4 + ulen < ipend:
                pend = l4 + ulen
            dp = be16(buf, l4 + 2)
            q = l4 + 8
            if (
                dp == 4789
                and pend - q >= 22
                and buf[q] == 0x08
                and buf[q + 1] == 0
                and buf[q + 2] == 0
                and buf[q + 3] == 0
                and buf[q + 7] == 0
            ):
                # VXLAN, RFC 7348 §5 (cloud traffic mirroring): I flag only, reserved fields zero
                end = pend
                et = be16(buf, q + 20)
                pos = q + 22
                continue
            if dp == 6081 and pend - q >= 8:
                # Geneve, RFC 8926 §3.4: version 0, reserved bits zero, protocol Ethernet (0x6558)
                glen = 8 + np.int64(buf[q] & 0x3F) * 4
                if (buf[q] >> 6) == 0 and (buf[q + 1] & 0x3F) == 0 and be16(buf, q + 2) == 0x6558:
                    if pend - q >= glen + 14:
                        end = pend
                        et = be16(buf, q + glen + 12)
                        pos = q + glen + 14
                        continue
            proto[i] = 17
            sport[i] = be16(buf, l4)
            dport[i] = be16(buf, l4 + 2)
            off[i] = l4 + 8
            length[i] = pend - (l4 + 8)
            seq[i] = 0
            flags[i] = 0
            return _OK
        if nh == 6:
            # TCP, RFC 9293 §3.1
            if l4 + 20 > ipend:
                return _TRUNCATED_TCP
            doff = np.int64(buf[l4 + 12] >> 4) * 4
            if doff < 20:
                return _BAD_TCP_OFFSET
            if l4 + doff > ipend:
                return _TRUNCATED_TCP
            proto[i] = 6
            sport[i] = be16(buf, l4)
            dport[i] = be16(buf, l4 + 2)
            off[i] = l4 + doff
            length[i] = ipend - (l4 + doff)
            seq[i] = be32(buf, l4 + 4)
            flags[i] = buf[l4 + 13]
            return _OK
        if nh == 50:
            return _IPSEC
        if nh != 47:
            return _NON_UDP_TCP
        # GRE, RFC 2784 §2.1 with key/sequence (RFC 2890 §2): the outer tunnel of a SPAN session
        if l4 + 4 > ipend:
            return _TRUNCATED_GRE
        gflags = be16(buf, l4)
        gproto = be16(buf, l4 + 2)
        if (gflags & 0x0007) != 0 or (gflags & 0x4000) != 0:
            return _UNSUPPORTED_GRE  # version 1 (PPTP) or RFC 1701 source routing
        p = l4 + 4
        if gflags & 0x8000:
            p += 4  # checksum + reserved1
        if gflags & 0x2000:
            p += 4  # key
        has_seq = (gflags & 0x1000) != 0
        if has_seq:
            p += 4
        if p > ipend:
            return _TRUNCATED_GRE
        end = ipend
        if gproto == 0x88BE:
            # ERSPAN: type II carries an 8-byte header and sets the GRE sequence bit; type I has neither
            if has_seq:
                if p + 8 > end:
                    return _TRUNCATED_ERSPAN
                p += 8
            ether = True
        elif gproto == 0x22EB:
            # ERSPAN type III (draft-foschiano-erspan §4.3): 12-byte header; byte 10 is P(1) FT(5) HwID(2),
            # FT 0 is Ethernet; the O flag (last bit of byte 11) adds an 8-byte platform sub-header
            if p + 12 > end:
                return _TRUNCATED_ERSPAN
            ft = (buf[p + 10] >> 2) & 0x1F
            o = buf[p + 11] & 1
            p += 12
            if o:
                if p + 8 > end:
                    return _TRUNCATED_ERSPAN
                p += 8
            if ft != 0:
                return _ERSPAN_FRAME_TYPE
            ether = True
        elif gproto == 0x6558:
            ether = True  # transparent Ethernet bridging
        elif gproto == 0x0800 or gproto == 0x86DD:
            ether = False
        else:
            return _GRE_UNKNOWN_PROTO
        if ether:
            if p + 14 > end:
                return _TRUNCATED_LINK
            et = be16(buf, p + 12)
            pos = p + 14
        else:
            et = gproto
            pos = p
    return _TOO_DEEP


@njit(cache=True, nogil=True)
def parse_frames(
    buf, linktype, rec_off, rec_len, n, status, src, dst, proto, sport, dport, off, length, seq, flags
):
    """Decode ``n`` records; row ``i`` of the outputs belongs to record ``i`` when ``status[i] == 0``."""
    for i in range(n):
        status[i] = parse_one(
            buf,
            linktype[i],
            rec_off[i],
            rec_off[i] + rec_len[i],
            i,
            src,
            dst,
            proto,
            sport,
            dport,
            off,
            length,
            seq,
            flags,
        )
