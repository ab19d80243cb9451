"""One DTMF digit stream per call: out-of-band events (RFC 4733/2833, SIP INFO) plus the
in-band tones that no out-of-band event already reports.

Gateways and PBXs often send a key both ways at once: an RFC 4733 event (RFC 4733 §2.5.1
lets the sender keep the tone in the audio) and the tone itself in the media, a little
later or earlier (Asterisk's in-band copy trails its events by about 0.25 s in the testsuite
captures). An in-band tone is a duplicate when an out-of-band event of the same digit lies
within ``tolerance_s`` of it; each out-of-band event absorbs at most one tone, the nearest,
so a key pressed twice quickly is still counted twice. Out-of-band events always stay:
they are exact, tones are inferred.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccedge.core.frames import DtmfEvent
from ccedge.dsp.dtmf import DtmfTone


def tones_to_events(tones: Sequence[DtmfTone], call_id: str, leg: str, t0: float = 0.0) -> list[DtmfEvent]:
    """In-band tones of a buffer that starts at ``t0`` on the call clock, as events."""
    return [DtmfEvent(call_id, leg, t.digit, t0 + t.t0, t0 + t.t1, "inband") for t in tones]


def _distance(a: DtmfEvent, b: DtmfEvent) -> float:
    """Gap between two events' spans (0 when they overlap)."""
    return max(0.0, max(a.t0, b.t0) - min(a.t1, b.t1))


def merge_dtmf(
    out_of_band: Sequence[DtmfEvent],
    inband: Sequence[DtmfEvent],
    tolerance_s: float = 0.5,
    same_leg: bool = False,
) -> list[DtmfEvent]:
    """All out-of-band events plus the in-band events they do not duplicate, by time.

    With ``same_leg`` a tone only matches an event of its own leg; by default it may match
    either leg, since a PBX can echo a caller's key as a tone on the other leg.
    """
    taken = [False] * len(out_of_band)
    keep: list[DtmfEvent] = []
    for tone in sorted(inband, key=lambda e: e.t0):
        best = -1
        best_d = tolerance_s
        for j, ev in enumerate(out_of_band):
            if taken[j] or ev.digit != tone.digit or ev.call_id != tone.call_id:
                continue
            if same_leg and ev.leg != tone.leg:
                continue
            d = _distance(ev, tone)
            if d <= best_d:
                best, best_d = j, d
        if best >= 0:
            taken[best] = True
        else:
            keep.append(tone)
    return sorted([*out_of_band, *keep], key=lambda e: (e.t0, e.source != "inband"))


__all__ = ["merge_dtmf", "tones_to_events"]
