"""Where each party of each call receives media, over time, from the SDP the dialogs negotiated.

Each party's SDP says where it wants to *receive* RTP (RFC 3264 §5); with symmetric RTP
(RFC 4961) it also sends from there. So a stream sent to the callee's negotiated address, or
from the caller's, is the caller's leg (caller → callee audio) and the reverse is the callee's
leg. Bindings carry the capture time they were negotiated, because ports are reused by later
calls. The index also hands each SDP's rtpmap and a=crypto keys to the RTP demux.
"""

from __future__ import annotations

import functools
import ipaddress
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

from ccedge.core.tap.dialog import Dialog, other
from ccedge.core.tap.sdp import HOLD_ADDRESSES, MediaDescription

Endpoint = tuple[str, int]
MATCH_SLACK_S = 2.0  # media may be captured a moment before the SDP that announces it


class DemuxSink(Protocol):
    def set_payload_map(self, ip: str, port: int, mapping: dict[int, tuple[str, int]]) -> None: ...

    def add_sdes_key(self, ip: str, port: int, crypto: Any, call_id: str = "") -> None: ...


@functools.lru_cache(maxsize=65536)
def norm_ip(ip: str) -> str:
    """Text form used for matching: IPv4-mapped IPv6 (::ffff:a.b.c.d) as plain IPv4."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return str(addr)


@dataclass(frozen=True, slots=True)
class Binding:
    ts: float
    call_id: str
    party: str  # who receives at this endpoint


class MediaIndex:
    """Negotiated media endpoints of every call over time; implements ``dialog.MediaListener``."""

    def __init__(self, sink: DemuxSink | None = None, crypto_parser: Any = None) -> None:
        self.sink = sink
        self.crypto_parser = crypto_parser  # srtp.parse_crypto_attribute, when available
        self.bindings: dict[Endpoint, list[Binding]] = defaultdict(list)
        self.stats: Counter[str] = Counter()
        self._keys_seen: set[tuple[Endpoint, str]] = set()

    def media(self, dialog: Dialog, party: str, md: MediaDescription, crypto: str, ts: float) -> None:
        ep = (norm_ip(md.address), md.port)
        if ep[0] in HOLD_ADDRESSES:
            return  # RFC 2543 hold (c=0.0.0.0): nobody receives there
        lst = self.bindings[ep]
        if not lst or lst[-1].call_id != dialog.call_id or lst[-1].party != party:
            lst.append(Binding(ts, dialog.call_id, party))
        if self.sink is None:
            return
        if md.payload_map:
            self.sink.set_payload_map(ep[0], ep[1], md.payload_map)
        if md.secure and hasattr(self.sink, "expect_srtp"):
            self.sink.expect_srtp(ep[0], ep[1])
        if self.crypto_parser is None:
            return
        # Every offered key: the demux keeps the one that authenticates (RFC 4568 §7.1.1, §6.1).
        for value in dict.fromkeys([crypto, *md.crypto]):
            if not value or (ep, value) in self._keys_seen:
                continue
            self._keys_seen.add((ep, value))
            try:
                key = self.crypto_parser(value)
            except ValueError as e:  # TapParseError names the reason (unsupported suite, bad key)
                self.stats[getattr(e, "reason", "sdp.bad-crypto")] += 1
                continue
            self.sink.add_sdes_key(ep[0], ep[1], key, dialog.call_id)
            self.stats["srtp.sdes-keys"] += 1

    def _binding(self, ep: Endpoint, ts: float) -> Binding | None:
        lst = self.bindings.get(ep)
        if not lst:
            return None
        best = None
        for b in lst:
            if b.ts <= ts + MATCH_SLACK_S:
                best = b
        return best or lst[0]

    def match(self, src: str, sport: int, dst: str, dport: int, ts: float) -> tuple[str, str] | None:
        """(call_id, leg) of a stream, or None when no signalling announced either end."""
        m = self.match_how(src, sport, dst, dport, ts)
        return None if m is None else (m[0], m[1])

    def match_how(self, src: str, sport: int, dst: str, dport: int,
                  ts: float) -> tuple[str, str, str] | None:
        """(call_id, leg, "dst"|"src"): which end of the stream the SDP named."""
        b = self._binding((norm_ip(dst), dport), ts)
        if b is not None:
            return b.call_id, other(b.party), "dst"  # sent to the party that receives here
        b = self._binding((norm_ip(src), sport), ts)
        if b is not None:
            return b.call_id, b.party, "src"  # sent from where the party receives (symmetric RTP)
        return None


__all__ = ["Binding", "DemuxSink", "Endpoint", "MediaIndex", "norm_ip"]
