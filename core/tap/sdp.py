"""SDP session descriptions (RFC 4566) and offer/answer pairing (RFC 3264).

The tap needs from SDP only what a passive observer can use: where each party wants
its media (c= and m= port), which payload types mean which codec (rtpmap, RFC 3551
static types), packet time, the media direction (hold, RFC 3264 §8.4), and the SDES
keys (a=crypto, RFC 4568) or the ZRTP marker (a=zrtp-hash, RFC 6189 §8.1).
Structural errors (a bad m= or c= line) raise :class:`TapParseError`; a bad attribute
is skipped and named in ``warnings`` so the tap can count it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccedge.core.tap.errors import TapParseError

# RFC 3551 §6 Table 4: static audio payload types (encoding, clock rate, channels).
STATIC_PAYLOAD_TYPES: dict[int, tuple[str, int, int]] = {
    0: ("PCMU", 8000, 1), 3: ("GSM", 8000, 1), 4: ("G723", 8000, 1), 5: ("DVI4", 8000, 1),
    6: ("DVI4", 16000, 1), 7: ("LPC", 8000, 1), 8: ("PCMA", 8000, 1), 9: ("G722", 8000, 1),
    10: ("L16", 44100, 2), 11: ("L16", 44100, 1), 12: ("QCELP", 8000, 1), 13: ("CN", 8000, 1),
    14: ("MPA", 90000, 1), 15: ("G728", 8000, 1), 16: ("DVI4", 11025, 1), 17: ("DVI4", 22050, 1),
    18: ("G729", 8000, 1),
}
# Formats that carry no audio of their own: never "the codec" of a call.
NON_AUDIO = frozenset({"TELEPHONE-EVENT", "CN", "NSE", "RED", "ULPFEC", "FLEXFEC"})
DIRECTIONS = ("sendrecv", "sendonly", "recvonly", "inactive")
HOLD_ADDRESSES = ("0.0.0.0", "::")


@dataclass(frozen=True, slots=True)
class Codec:
    pt: int
    encoding: str  # as written in rtpmap, upper case ("PCMU", "G722", "TELEPHONE-EVENT")
    clock_rate: int
    channels: int = 1


@dataclass(frozen=True, slots=True)
class MediaDescription:
    """One m= section with the session-level defaults applied."""

    media: str  # audio, video, image, …
    port: int
    port_count: int
    proto: str  # RTP/AVP, RTP/SAVP, RTP/SAVPF, udptl, …
    formats: tuple[str, ...]
    address: str  # media-level c= or else the session's (RFC 4566 §5.7)
    direction: str  # media-level attribute or else session-level, default sendrecv (RFC 3264 §5.1)
    rtpmap: dict[int, Codec] = field(default_factory=dict)
    fmtp: dict[int, str] = field(default_factory=dict)
    ptime: float | None = None  # milliseconds
    crypto: tuple[str, ...] = ()  # a=crypto values (RFC 4568 §9.1), in order
    zrtp_hash: str = ""
    attributes: tuple[tuple[str, str | None], ...] = ()

    @property
    def codecs(self) -> list[Codec]:
        """Every RTP format in the m= line's order, static types filled from RFC 3551."""
        out = []
        for f in self.formats:
            if not f.isdigit():
                continue
            pt = int(f)
            if pt in self.rtpmap:
                out.append(self.rtpmap[pt])
            elif pt in STATIC_PAYLOAD_TYPES:
                enc, rate, ch = STATIC_PAYLOAD_TYPES[pt]
                out.append(Codec(pt, enc, rate, ch))
        return out

    @property
    def audio_codec(self) -> Codec | None:
        """The first format that carries audio (the preferred one, RFC 3264 §5.1)."""
        return next((c for c in self.codecs if c.encoding not in NON_AUDIO), None)

    @property
    def payload_map(self) -> dict[int, tuple[str, int]]:
        return {c.pt: (c.encoding, c.clock_rate) for c in self.codecs}

    @property
    def secure(self) -> bool:
        return "SAVP" in self.proto.upper()

    @property
    def on_hold(self) -> bool:
        """An offer that puts the other side on hold (RFC 3264 §8.4; c=0.0.0.0 is RFC 2543's way)."""
        return self.direction in ("sendonly", "inactive") or self.address in HOLD_ADDRESSES

    @property
    def hold_reason(self) -> str:
        return "0.0.0.0" if self.address in HOLD_ADDRESSES else self.direction


@dataclass(frozen=True, slots=True)
class SessionDescription:
    origin: str  # the o= line's value
    version: int  # o= sess-version: grows with each new offer (RFC 3264 §8)
    address: str  # session-level c= address ('' when absent)
    media: tuple[MediaDescription, ...]
    text: str  # the description as received
    warnings: tuple[str, ...] = ()  # reason keys of attributes that were skipped

    @classmethod
    def parse(cls, data: bytes | str) -> SessionDescription:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes | bytearray) else data
        warnings: list[str] = []
        origin = ""
        version = 0
        session_addr = ""
        session_dir = ""
        sections: list[list[tuple[str, str]]] = []
        seen_v = False
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            if len(line) < 2 or line[1] != "=":
                raise TapParseError(f"SDP line {number} is not '<type>=<value>'", "sdp.bad-line")
            kind, value = line[0], line[2:]
            if kind == "v":
                seen_v = True
            if kind == "m":
                sections.append([])
            if sections:
                sections[-1].append((kind, value))
                continue
            if kind == "o":
                origin = value
                parts = value.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    version = int(parts[2])
            elif kind == "c":
                session_addr = _connection(value)
            elif kind == "a" and value in DIRECTIONS:
                session_dir = value
        if not seen_v:
            raise TapParseError("SDP has no v= line", "sdp.no-version")
        media = tuple(_media(s, session_addr, session_dir or "sendrecv", warnings) for s in sections)
        return cls(origin, version, session_addr, media, text, tuple(warnings))

    @property
    def audio(self) -> MediaDescription | None:
        return next((m for m in self.media if m.media == "audio"), None)


def _connection(value: str) -> str:
    # c=<nettype> <addrtype> <connection-address> (RFC 4566 §5.7); multicast may add /ttl
    parts = value.split()
    if len(parts) != 3 or parts[0].upper() != "IN" or parts[1].upper() not in ("IP4", "IP6"):
        raise TapParseError("SDP c= line is not 'IN IP4|IP6 <address>'", "sdp.bad-connection")
    return parts[2].split("/", 1)[0]


def _media(lines: list[tuple[str, str]], session_addr: str, session_dir: str,
           warnings: list[str]) -> MediaDescription:
    _, mline = lines[0]
    parts = mline.split()
    if len(parts) < 3:
        raise TapParseError("SDP m= line is not '<media> <port> <proto> <fmt>...'", "sdp.bad-media")
    port_text, _, count_text = parts[1].partition("/")
    if not port_text.isdigit() or int(port_text) > 65535 or (count_text and not count_text.isdigit()):
        raise TapParseError("SDP m= line has an invalid port", "sdp.bad-media-port")
    address = session_addr
    direction = session_dir
    rtpmap: dict[int, Codec] = {}
    fmtp: dict[int, str] = {}
    ptime: float | None = None
    crypto: list[str] = []
    zrtp = ""
    attrs: list[tuple[str, str | None]] = []
    for kind, value in lines[1:]:
        if kind == "c":
            address = _connection(value)
        elif kind == "a":
            name, sep, arg = value.partition(":")
            attrs.append((name, arg if sep else None))
            if name in DIRECTIONS and not sep:
                direction = name
            elif name == "rtpmap":
                codec = _rtpmap(arg)
                if codec is None:
                    warnings.append("sdp.bad-rtpmap")
                else:
                    rtpmap[codec.pt] = codec
            elif name == "fmtp":
                pt_text, _, params = arg.partition(" ")
                if pt_text.isdigit():
                    fmtp[int(pt_text)] = params.strip()
                else:
                    warnings.append("sdp.bad-fmtp")
            elif name == "ptime":
                try:
                    ptime = float(arg)
                except ValueError:
                    warnings.append("sdp.bad-ptime")
            elif name == "crypto":
                crypto.append(arg.strip())
            elif name == "zrtp-hash":
                zrtp = arg.strip()
    if not address:
        warnings.append("sdp.no-connection")
    return MediaDescription(
        media=parts[0].lower(), port=int(port_text), port_count=int(count_text or 1), proto=parts[2],
        formats=tuple(parts[3:]), address=address, direction=direction, rtpmap=rtpmap, fmtp=fmtp,
        ptime=ptime, crypto=tuple(crypto), zrtp_hash=zrtp, attributes=tuple(attrs),
    )


def _rtpmap(arg: str) -> Codec | None:
    # a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>] (RFC 4566 §6)
    pt_text, _, rest = arg.strip().partition(" ")
    pieces = rest.strip().split("/")
    if not pt_text.isdigit() or int(pt_text) > 127 or len(pieces) < 2 or not pieces[1].isdigit():
        return None
    channels = int(pieces[2]) if len(pieces) > 2 and pieces[2].isdigit() else 1
    return Codec(int(pt_text), pieces[0].upper(), int(pieces[1]), channels)


@dataclass(frozen=True, slots=True)
class Negotiated:
    """The outcome of one offer/answer exchange for the audio stream (RFC 3264 §6)."""

    offer: MediaDescription
    answer: MediaDescription | None
    codec: Codec | None  # what will be sent: the answer's first audio format also offered
    offer_crypto: str = ""  # the offerer's a=crypto value whose tag the answer accepted
    answer_crypto: str = ""

    @property
    def rejected(self) -> bool:
        return self.answer is not None and self.answer.port == 0


def negotiate(offer: SessionDescription, answer: SessionDescription | None) -> Negotiated | None:
    """Pair the audio m= lines of an offer and its answer (matched by position, RFC 3264 §6)."""
    index = next((i for i, m in enumerate(offer.media) if m.media == "audio"), None)
    if index is None:
        return None
    om = offer.media[index]
    am = answer.media[index] if answer is not None and index < len(answer.media) else None
    codec: Codec | None = None
    offer_crypto = om.crypto[0] if om.crypto else ""
    answer_crypto = ""
    if am is not None:
        offered = {c.encoding for c in om.codecs}
        codec = next((c for c in am.codecs if c.encoding not in NON_AUDIO and c.encoding in offered),
                     am.audio_codec)
        if am.crypto:
            answer_crypto = am.crypto[0]
            tag = answer_crypto.split(" ", 1)[0]
            offer_crypto = next((c for c in om.crypto if c.split(" ", 1)[0] == tag), offer_crypto)
    else:
        codec = om.audio_codec
    return Negotiated(om, am, codec, offer_crypto, answer_crypto)


__all__ = [
    "DIRECTIONS",
    "NON_AUDIO",
    "STATIC_PAYLOAD_TYPES",
    "Codec",
    "MediaDescription",
    "Negotiated",
    "SessionDescription",
    "negotiate",
]
