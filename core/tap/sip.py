"""SIP messages (RFC 3261 §7, §20): parse captured bytes and write them back unchanged.

``SipMessage.parse(data)`` splits the start line, the header fields (compact forms,
folded continuation lines, comma-separated multi-value fields) and the body framed by
Content-Length. Each header keeps its exact text, so ``bytes(SipMessage.parse(b)) == b``
for any message the parser accepts; accessors (``call_id``, ``cseq``, ``get_all``) work
on the unfolded, canonical view. Errors name the field that is wrong and carry a stable
``reason`` key that the tap counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.nameaddr import NameAddr, parse_name_addr, uri_user

# RFC 3261 §7.3.3 compact forms, plus those registered later (RFC 3515 Refer-To,
# RFC 3892 Referred-By, RFC 6665 Event/Allow-Events, RFC 4028 Session-Expires,
# RFC 3841 Accept-/Reject-Contact and Request-Disposition, RFC 4474 Identity).
COMPACT_FORMS: dict[str, str] = {
    "a": "accept-contact",
    "b": "referred-by",
    "c": "content-type",
    "d": "request-disposition",
    "e": "content-encoding",
    "f": "from",
    "i": "call-id",
    "j": "reject-contact",
    "k": "supported",
    "l": "content-length",
    "m": "contact",
    "n": "identity-info",
    "o": "event",
    "r": "refer-to",
    "s": "subject",
    "t": "to",
    "u": "allow-events",
    "v": "via",
    "x": "session-expires",
    "y": "identity",
}

# Fields whose grammar is a comma-separated list (RFC 3261 §7.3.1: such fields may be
# written as several lines or one line with commas, with the same meaning). Fields not
# listed here (Authorization, WWW-Authenticate, Date, User-Agent, …) hold commas in
# their single value and are never split.
LIST_FIELDS = frozenset({
    "accept", "accept-encoding", "accept-language", "alert-info", "allow", "allow-events",
    "call-info", "contact", "content-encoding", "content-language", "error-info", "in-reply-to",
    "path", "proxy-require", "record-route", "require", "route", "service-route", "supported",
    "unsupported", "via", "warning", "p-asserted-identity", "history-info", "reason",
})

_TOKEN = re.compile(r"[A-Za-z0-9.!%*_+`'~-]+\Z")  # RFC 3261 §25.1 token
_LINE = re.compile(r"\r\n|\n")
_MAX_HEAD = 64 * 1024  # far beyond any real SIP header block; bounds work on garbage


def canonical(name: str) -> str:
    """Lower-case full field name; compact forms expanded (RFC 3261 §7.3.3)."""
    key = name.strip().lower()
    return COMPACT_FORMS.get(key, key)


def split_list(value: str) -> list[str]:
    """Split a comma-separated field value, keeping commas inside quotes and <…> (§7.3.1)."""
    out: list[str] = []
    depth = 0
    quoted = False
    start = 0
    i = 0
    n = len(value)
    while i < n:
        ch = value[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == "<":
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            part = value[start:i].strip()
            if part:
                out.append(part)
            start = i + 1
        i += 1
    part = value[start:].strip()
    if part:
        out.append(part)
    return out


@dataclass(frozen=True, slots=True)
class Header:
    """One header field as written: ``raw`` is its exact text including folded lines."""

    name: str
    value: str  # unfolded (§7.3.1: continuation lines joined by one space), stripped
    raw: str
    key: str = ""  # canonical(name), filled in by the parser

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", canonical(self.name))


@dataclass(frozen=True, slots=True)
class SipMessage:
    """A SIP request or response. Build one with :meth:`parse` or :meth:`build`."""

    start_line: str
    headers: tuple[Header, ...]
    body: bytes
    is_request: bool
    method: str = ""  # requests only
    uri: str = ""
    status: int = 0  # responses only
    reason: str = ""
    version: str = "SIP/2.0"
    eol: str = "\r\n"  # the start line's terminator as written
    blank: str = "\r\n"  # the empty line that ends the header block, as written
    trailer: bytes = b""  # bytes after Content-Length in a datagram (§18.3: ignored), kept for round trip

    # -- parsing ------------------------------------------------------------------------------

    @classmethod
    def parse(cls, data: bytes, datagram: bool = True) -> SipMessage:
        """Parse one message. ``datagram``: the body may run to the end when Content-Length
        is absent (RFC 3261 §18.3 allows that over UDP only; on a stream it means no body)."""
        head_end, sep_len = _find_head_end(data)
        if head_end < 0:
            raise TapParseError("SIP header block is not terminated by an empty line",
                                "sip.no-end-of-headers")
        head = data[:head_end].decode("utf-8", "surrogateescape")
        blank = data[head_end : head_end + sep_len].decode("ascii")
        rest = data[head_end + sep_len :]
        lines = _split_lines(head)
        if not lines or not lines[0][0]:
            raise TapParseError("SIP start line is missing", "sip.bad-start-line")
        start, start_eol = lines[0]
        st = _parse_start_line(start)
        headers = _parse_headers(lines[1:])
        length_text = next((h.value for h in headers if h.key == "content-length"), None)
        trailer = b""
        if length_text is None:
            body = rest if datagram else b""
            trailer = b"" if datagram else rest
        else:
            if not length_text.isdigit():
                raise TapParseError("SIP Content-Length is not a number", "sip.bad-content-length")
            length = int(length_text)
            if length > len(rest):
                raise TapParseError("SIP body is shorter than Content-Length", "sip.truncated-body")
            body, trailer = rest[:length], rest[length:]
        return cls(start, headers, bytes(body), st.is_request, st.method, st.uri, st.status, st.reason,
                   st.version, eol=start_eol, blank=blank, trailer=bytes(trailer))

    @classmethod
    def build(cls, start_line: str, headers: list[tuple[str, str]], body: bytes = b"",
              content_length: bool = True) -> SipMessage:
        """A message with CRLF line ends; ``Content-Length`` is added unless present or disabled."""
        pairs = list(headers)
        if content_length and not any(canonical(n) == "content-length" for n, _ in pairs):
            pairs.append(("Content-Length", str(len(body))))
        raw = start_line + "\r\n" + "".join(f"{n}: {v}\r\n" for n, v in pairs) + "\r\n"
        return cls.parse(raw.encode("utf-8", "surrogateescape") + body)

    def __bytes__(self) -> bytes:
        head = self.start_line + self.eol + "".join(h.raw for h in self.headers) + self.blank
        return head.encode("utf-8", "surrogateescape") + self.body + self.trailer

    # -- field access -------------------------------------------------------------------------

    def get(self, name: str) -> str | None:
        """The first value of a field (compact or full name, any case), or None."""
        key = canonical(name)
        for h in self.headers:
            if h.key == key:
                return h.value
        return None

    def get_all(self, name: str) -> list[str]:
        """Every value of a field in order, list fields split at their commas (§7.3.1)."""
        key = canonical(name)
        out: list[str] = []
        for h in self.headers:
            if h.key == key:
                out.extend(split_list(h.value) if key in LIST_FIELDS else [h.value])
        return out

    def require(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            pretty = canonical(name).title()
            raise TapParseError(f"SIP message has no {pretty} header", f"sip.no-{canonical(name)}")
        return value

    @property
    def call_id(self) -> str:
        value = self.require("call-id")
        if not value:
            raise TapParseError("SIP Call-ID header is empty", "sip.no-call-id")
        return value

    @property
    def cseq(self) -> tuple[int, str]:
        """(sequence number, method) of the CSeq field (§20.16)."""
        parts = self.require("cseq").split()
        if len(parts) != 2 or not parts[0].isdigit() or not _TOKEN.match(parts[1]):
            raise TapParseError("SIP CSeq header is not '<number> <method>'", "sip.bad-cseq")
        return int(parts[0]), parts[1].upper()

    @property
    def from_(self) -> NameAddr:
        return parse_name_addr(self.require("from"), "From")

    @property
    def to(self) -> NameAddr:
        return parse_name_addr(self.require("to"), "To")

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower case ('' when absent)."""
        value = self.get("content-type") or ""
        return value.split(";", 1)[0].strip().lower()

    @property
    def cseq_method(self) -> str:
        return self.cseq[1]


# -- helpers ------------------------------------------------------------------------------------


def _find_head_end(data: bytes) -> tuple[int, int]:
    """Index of the empty line ending the header block and its length (CRLF or bare LF)."""
    limit = min(len(data), _MAX_HEAD)
    crlf = data.find(b"\r\n\r\n", 0, limit + 4)
    lf = data.find(b"\n\n", 0, limit + 2)
    if crlf >= 0 and (lf < 0 or crlf + 2 <= lf + 1):
        return crlf + 2, 2
    if lf >= 0:
        # A message written with bare LF line ends (tolerated, as most stacks do).
        return lf + 1, 1
    return -1, 0


def _split_lines(head: str) -> list[tuple[str, str]]:
    """(line, terminator) pairs; the last line may have an empty terminator."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _LINE.finditer(head):
        out.append((head[pos : m.start()], m.group()))
        pos = m.end()
    if pos < len(head):
        out.append((head[pos:], ""))
    return out


class _Start(NamedTuple):
    is_request: bool
    method: str
    uri: str
    status: int
    reason: str
    version: str


def _parse_start_line(line: str) -> _Start:
    if line.startswith("SIP/"):
        # Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2)
        parts = line.split(" ", 2)
        if len(parts) < 2:
            raise TapParseError("SIP status line has no status code", "sip.bad-start-line")
        version, code = parts[0], parts[1]
        if not (len(code) == 3 and code.isdigit() and 100 <= int(code) <= 699):
            raise TapParseError("SIP status code is not a number from 100 to 699", "sip.bad-status-code")
        return _Start(False, "", "", int(code), parts[2] if len(parts) == 3 else "", version)
    # Request-Line = Method SP Request-URI SP SIP-Version (§7.1)
    parts = line.split(" ")
    if len(parts) != 3:
        raise TapParseError("SIP request line is not 'METHOD URI SIP/2.0'", "sip.bad-start-line")
    method, uri, version = parts
    if not _TOKEN.match(method):
        raise TapParseError("SIP request line has an invalid method token", "sip.bad-method")
    if not uri:
        raise TapParseError("SIP request line has an empty Request-URI", "sip.bad-request-uri")
    if not version.upper().startswith("SIP/"):
        raise TapParseError("SIP request line has no SIP version", "sip.bad-version")
    return _Start(True, method.upper(), uri, 0, "", version)


def _parse_headers(lines: list[tuple[str, str]]) -> tuple[Header, ...]:
    out: list[Header] = []
    name = ""
    parts: list[str] = []
    raw: list[str] = []

    def flush() -> None:
        if raw:
            value = parts[0].strip() if len(parts) == 1 else " ".join(p.strip() for p in parts).strip()
            out.append(Header(name, value, raw[0] if len(raw) == 1 else "".join(raw), canonical(name)))

    for number, (line, eol) in enumerate(lines, start=2):
        if line[:1] in (" ", "\t"):
            # §7.3.1: a line starting with whitespace continues the previous field.
            if not raw:
                raise TapParseError("SIP header block starts with a continuation line", "sip.bad-header")
            parts.append(line)
            raw.append(line + eol)
            continue
        flush()
        colon = line.find(":")
        if colon <= 0:
            raise TapParseError(f"SIP header line {number} has no field name and colon", "sip.bad-header")
        name = line[:colon].rstrip(" \t")
        if not _TOKEN.match(name):
            raise TapParseError(f"SIP header line {number} has an invalid field name", "sip.bad-header")
        parts = [line[colon + 1 :]]
        raw = [line + eol]
    flush()
    return tuple(out)


def looks_like_sip(data: bytes) -> bool:
    """Cheap test of a datagram's first line: a SIP start line, not RTP, STUN, MGCP or keep-alive."""
    if data.startswith(b"SIP/2.0 "):
        return True
    sp = data.find(b" ", 0, 20)
    if sp <= 0 or not (data[:sp].isalpha() and data[:sp].isupper()):
        return False
    eol = data.find(b"\n", sp, 2048)
    line = data[sp:eol] if eol > 0 else data[sp:2048]
    return line.rstrip(b"\r").endswith(b" SIP/2.0")


__all__ = [
    "COMPACT_FORMS",
    "Header",
    "NameAddr",
    "SipMessage",
    "canonical",
    "looks_like_sip",
    "parse_name_addr",
    "split_list",
    "uri_user",
]
