"""RFC 4733 telephone-event payloads (DTMF named events) turned into digits with capture times.

How a sender describes one key press (RFC 4733 §2.5):

* every packet of one event carries the same RTP timestamp: the event's onset; the
  duration field grows as the key is held;
* the last packet has the E bit and is sent three times (§2.5.1.4), so a digit is
  recognised by its timestamp, not by counting end packets;
* a digit held longer than the 16-bit duration allows (~8 s at 8 kHz) is cut into
  segments (§2.5.1.3): a new timestamp equal to the old one plus the old duration, the
  earlier segment without E bit; those segments are joined again here;
* a repeated digit (``1122``) is a new event with a new timestamp, so the same event
  code twice in a row is two digits whenever the timestamps say so.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from ccedge.core.tap.errors import TapParseError

DIGITS = "0123456789*#ABCD"  # RFC 4733 §3.2 Table 1: events 0-15
DURATION_WRAP = 1 << 16


@dataclass(frozen=True, slots=True)
class TelephoneEvent:
    """One telephone-event payload (RFC 4733 §2.3)."""

    event: int
    end: bool
    volume: int  # dBm0 below 0, 0-63
    duration: int  # RTP ticks since the event's onset

    @classmethod
    def parse(cls, payload: bytes) -> TelephoneEvent:
        if len(payload) < 4:
            raise TapParseError("telephone-event payload shorter than 4 bytes", "rtp.bad-telephone-event")
        event, flags, duration = struct.unpack_from("!BBH", payload)
        return cls(event=event, end=bool(flags & 0x80), volume=flags & 0x3F, duration=duration)

    def __bytes__(self) -> bytes:
        return struct.pack(
            "!BBH", self.event, (0x80 if self.end else 0) | (self.volume & 0x3F), self.duration
        )


@dataclass(frozen=True, slots=True)
class Digit:
    """A recognised key press; times are capture times (seconds since the epoch)."""

    digit: str
    start_ts: float
    end_ts: float
    event: int
    ended: bool  # an end packet was seen
    rtp_ts: int = -1  # RTP timestamp of its onset (its first segment): the key live extraction dedupes on


@dataclass
class _Group:
    rtp_ts: int
    event: int
    first_cap: float
    first_duration: int
    duration: int = 0
    end: bool = False
    end_cap: float = 0.0
    last_raw: int = 0
    wraps: int = 0


def digits_from_packets(
    rtp_ts: Sequence[int], cap_ts: Sequence[float], payloads: Sequence[bytes], clock_rate: int = 8000
) -> tuple[list[Digit], int]:
    """Digits from a stream's telephone-event packets given in playout order.

    Returns the digits and the number of non-DTMF events (e.g. fax tones, flash) seen.
    """
    groups: list[_Group] = []
    by_ts: dict[int, _Group] = {}
    for ts, cap, payload in zip(rtp_ts, cap_ts, payloads, strict=True):
        try:
            ev = TelephoneEvent.parse(payload)
        except TapParseError:
            continue
        g = by_ts.get(ts)
        if g is None or g.event != ev.event:
            g = _Group(
                rtp_ts=ts,
                event=ev.event,
                first_cap=cap,
                first_duration=ev.duration,
                duration=ev.duration,
                last_raw=ev.duration,
            )
            by_ts[ts] = g
            groups.append(g)
        else:
            if ev.duration < g.last_raw and g.last_raw - ev.duration > DURATION_WRAP // 2:
                g.wraps += 1  # a sender that lets the 16-bit duration wrap instead of segmenting
            g.last_raw = ev.duration
            g.duration = max(g.duration, ev.duration + g.wraps * DURATION_WRAP)
        if ev.end and not g.end:
            g.end, g.end_cap = True, cap
    digits: list[Digit] = []
    other = 0
    prev: _Group | None = None
    for g in groups:
        onset = g.first_cap - g.first_duration / clock_rate
        length = g.duration / clock_rate
        # §2.5.1.3: a segment continues the previous event when it starts where that one stopped.
        # (A segment of a non-DTMF event continues that event, never the digit before it.)
        if (
            prev is not None
            and not prev.end
            and prev.event == g.event
            and (g.rtp_ts - prev.rtp_ts) % (1 << 32) == prev.duration % (1 << 32)
        ):
            if g.event < len(DIGITS) and digits:
                last = digits[-1]
                digits[-1] = Digit(last.digit, last.start_ts, max(last.end_ts, onset + length), g.event,
                                   g.end, last.rtp_ts)
            prev = g
            continue
        prev = g
        if g.event >= len(DIGITS):
            other += 1
            continue
        digits.append(Digit(DIGITS[g.event], onset, onset + length, g.event, g.end, g.rtp_ts))
    return digits, other


def looks_like_events(payload_lengths: Sequence[int], first_octets: Sequence[int]) -> bool:
    """Heuristic for a dynamic PT with no SDP: 4-octet payloads whose event codes are DTMF."""
    return (
        len(payload_lengths) > 0
        and all(n == 4 for n in payload_lengths)
        and all(e < 16 for e in first_octets)
    )


__all__ = ["DIGITS", "Digit", "TelephoneEvent", "digits_from_packets", "looks_like_events"]
