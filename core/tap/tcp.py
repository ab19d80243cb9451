"""SIP over TCP: per-direction stream reassembly and Content-Length framing.

A passive tap sees each TCP segment once, possibly out of order, retransmitted, or not at
all. Each direction of a connection is rebuilt in sequence-number order (RFC 9293 §3.4,
with 32-bit wrap-around); segments that arrive early wait in a bounded set, retransmitted
bytes are trimmed, and when a hole never fills (the tap missed a segment) the partial
message is dropped and framing resynchronises at the next SIP start line. Messages are cut
by Content-Length, which RFC 3261 §18.3 makes mandatory on stream transports; CRLF
keep-alives (RFC 5626 §4.4.1) between messages are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

FIN = 0x01
SYN = 0x02
RST = 0x04

# A request line ("INVITE sip:x SIP/2.0") or a status line ("SIP/2.0 200 ") at a line start.
_START = re.compile(rb"(?:[A-Z][A-Z0-9_.!%*+`'~-]* [^ \r\n]+ SIP/2\.0\r?\n|SIP/2\.0 [1-6]\d\d[ \r\n])")
_START_ANYWHERE = re.compile(rb"(?:^|(?<=\n))" + _START.pattern)
_START_AFTER_NEWLINE = re.compile(rb"(?<=\n)" + _START.pattern)
_CONTENT_LENGTH = re.compile(rb"(?im)^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*\r?$")
_KEEPALIVE = b"\r\n"

StreamKey = tuple[str, int, str, int]


def _seq_delta(a: int, b: int) -> int:
    """a - b in 32-bit sequence space, as a signed number (RFC 1982 serial arithmetic)."""
    return ((a - b + 0x80000000) & 0xFFFFFFFF) - 0x80000000


@dataclass(slots=True)
class _Direction:
    next_seq: int
    buffer: bytearray = field(default_factory=bytearray)
    pending: dict[int, bytes] = field(default_factory=dict)
    last_ts: float = 0.0
    # After a hole the first byte is anywhere inside a message ("NFO sip:x SIP/2.0" would pass
    # for a start line): only a start line after a line break is trusted until one is found.
    after_gap: bool = False
    scanned: int = 0  # bytes taken in so far
    seen_sip: bool = False  # a whole SIP message has come out of this direction


class SipStreamReassembler:
    """Turns TCP segments into whole SIP messages, one reassembly state per direction."""

    def __init__(self, max_pending: int = 64, max_message: int = 256 * 1024,
                 max_streams: int = 100_000, give_up_bytes: int = 256 * 1024) -> None:
        self.max_pending = max_pending
        self.max_message = max_message
        self.max_streams = max_streams
        self.give_up_bytes = give_up_bytes
        self.stats: Counter[str] = Counter()
        self._streams: dict[StreamKey, _Direction] = {}
        # Directions that carried give_up_bytes without one SIP start line (TLS, HTTP, …):
        # later segments are counted and dropped without reassembly (bounded, oldest first out).
        self._not_sip: dict[StreamKey, None] = {}

    def __len__(self) -> int:
        return len(self._streams)

    def feed(self, key: StreamKey, seq: int, flags: int, payload: bytes, ts: float = 0.0) -> list[bytes]:
        """Add one segment; return the messages it completes, in stream order."""
        self.stats["tcp.segments"] += 1
        if key in self._not_sip:
            self.stats["tcp.not-sip-segments"] += 1
            if flags & (FIN | RST):
                del self._not_sip[key]
            return []
        state = self._streams.get(key)
        if flags & SYN:
            # The SYN consumes one sequence number (RFC 9293 §3.4); data starts after it.
            state = _Direction(next_seq=(seq + 1) & 0xFFFFFFFF)
            self._add(key, state)
            seq = (seq + 1) & 0xFFFFFFFF
        elif state is None:
            if not payload:
                return []
            # Joined mid-stream: take this segment as the start; framing resyncs at a start line.
            state = _Direction(next_seq=seq)
            self._add(key, state)
        state.last_ts = ts
        out: list[bytes] = []
        if payload:
            self._accept(state, seq, payload)
            out = self._frame(state)
            if out:
                state.seen_sip = True
            elif not state.seen_sip and state.scanned > self.give_up_bytes:
                self._give_up(key)
                return []
        if flags & (FIN | RST):
            out.extend(self._close(key))
        return out

    def flush(self) -> list[bytes]:
        """End of capture: give up on holes, deliver whatever complete messages remain."""
        out: list[bytes] = []
        for key in list(self._streams):
            out.extend(self._close(key))
        return out

    def expire(self, now: float, idle: float) -> list[bytes]:
        """Close directions with no segment for ``idle`` seconds of capture time."""
        out: list[bytes] = []
        for key, state in list(self._streams.items()):
            if now - state.last_ts > idle:
                out.extend(self._close(key))
        return out

    # -- internals ------------------------------------------------------------------------------

    def _give_up(self, key: StreamKey) -> None:
        self._streams.pop(key, None)
        self.stats["tcp.not-sip-streams"] += 1
        self._not_sip[key] = None
        if len(self._not_sip) > self.max_streams:
            del self._not_sip[next(iter(self._not_sip))]

    def _add(self, key: StreamKey, state: _Direction) -> None:
        if key not in self._streams and len(self._streams) >= self.max_streams:
            oldest = min(self._streams, key=lambda k: self._streams[k].last_ts)
            del self._streams[oldest]
            self.stats["tcp.streams-evicted"] += 1
        self._streams[key] = state

    def _close(self, key: StreamKey) -> list[bytes]:
        state = self._streams.pop(key, None)
        if state is None:
            return []
        out: list[bytes] = []
        while state.pending:
            self._jump(state)
            out.extend(self._frame(state))
        if state.buffer.strip(b"\r\n"):
            self.stats["sip.tcp-incomplete-at-close"] += 1
        return out

    def _accept(self, state: _Direction, seq: int, payload: bytes) -> None:
        delta = _seq_delta(seq, state.next_seq)
        if delta < 0:
            if delta + len(payload) <= 0:
                self.stats["tcp.retransmitted-segments"] += 1
                return
            self.stats["tcp.overlapping-segments"] += 1
            payload = payload[-delta:]
            delta = 0
        if delta > 0:
            if seq not in state.pending or len(state.pending[seq]) < len(payload):
                state.pending[seq] = payload
            else:
                self.stats["tcp.retransmitted-segments"] += 1
            if len(state.pending) > self.max_pending:
                self._jump(state)
            return
        state.buffer += payload
        state.scanned += len(payload)
        state.next_seq = (state.next_seq + len(payload)) & 0xFFFFFFFF
        self._drain_pending(state)

    def _drain_pending(self, state: _Direction) -> None:
        while state.pending:
            progressed = False
            for seq in list(state.pending):
                delta = _seq_delta(seq, state.next_seq)
                if delta > 0:
                    continue
                data = state.pending.pop(seq)
                if delta + len(data) > 0:
                    data = data[-delta:] if delta else data
                    state.buffer += data
                    state.next_seq = (state.next_seq + len(data)) & 0xFFFFFFFF
                progressed = True
            if not progressed:
                return

    def _jump(self, state: _Direction) -> None:
        """A hole that will not fill: drop the partial message and skip to the earliest held segment."""
        first = min(state.pending, key=lambda s: _seq_delta(s, state.next_seq))
        self.stats["tcp.gaps"] += 1
        if state.buffer.strip(b"\r\n"):
            self.stats["sip.tcp-gap-discarded"] += 1
        state.buffer.clear()
        state.after_gap = True
        state.next_seq = first
        self._drain_pending(state)

    def _frame(self, state: _Direction) -> list[bytes]:
        out: list[bytes] = []
        buf = state.buffer
        while buf:
            while buf.startswith(_KEEPALIVE):
                del buf[:2]
                state.after_gap = False  # whatever follows a line break starts a line
            if not buf:
                break
            if state.after_gap or not _START.match(buf):
                m = (_START_AFTER_NEWLINE if state.after_gap else _START_ANYWHERE).search(buf)
                if m is None:
                    # Keep a tail that may hold the beginning of a start line.
                    keep = buf.rfind(b"\n") + 1
                    if keep == 0 and len(buf) > 512:
                        keep = len(buf)
                    if keep:
                        self.stats["sip.tcp-resync-bytes"] += keep
                        state.after_gap = state.after_gap and buf[keep - 1] != 0x0A
                        del buf[:keep]
                    break
                self.stats["sip.tcp-resync-bytes"] += m.start()
                del buf[: m.start()]
                state.after_gap = False
            head_end = _head_end(buf)
            if head_end < 0:
                if len(buf) > self.max_message:
                    self.stats["sip.tcp-oversized"] += 1
                    del buf[:1]  # not a message start after all: resync past it
                    continue
                break
            m = _CONTENT_LENGTH.search(buf, 0, head_end)
            length = int(m.group(1)) if m else 0
            if m is None:
                self.stats["sip.tcp-no-content-length"] += 1
            if length > self.max_message:
                self.stats["sip.tcp-oversized"] += 1
                del buf[:1]
                continue
            total = head_end + length
            if len(buf) < total:
                break
            out.append(bytes(buf[:total]))
            del buf[:total]
        return out


def _head_end(buf: bytearray) -> int:
    """Offset just past the empty line that ends the header block, or -1."""
    crlf = buf.find(b"\r\n\r\n")
    lf = buf.find(b"\n\n")
    ends = [e for e in (crlf + 4 if crlf >= 0 else -1, lf + 2 if lf >= 0 else -1) if e >= 0]
    return min(ends) if ends else -1


__all__ = ["FIN", "RST", "SYN", "SipStreamReassembler"]
