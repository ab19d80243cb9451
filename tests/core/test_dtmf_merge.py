"""In-band tones merged with RFC 2833 / SIP INFO events without double counting."""

from __future__ import annotations

from ccedge.core.dtmf_merge import merge_dtmf, tones_to_events
from ccedge.core.frames import DtmfEvent
from ccedge.dsp.dtmf import DtmfTone


def _ev(d: str, t0: float, source: str = "rfc2833", leg: str = "caller") -> DtmfEvent:
    return DtmfEvent("c1", leg, d, t0, t0 + 0.2, source)  # type: ignore[arg-type]


def test_inband_copies_of_events_are_dropped() -> None:
    oob = [_ev("2", 5.80), _ev("0", 6.59), _ev("1", 7.33)]
    tones = [_ev("2", 6.08, "inband"), _ev("1", 7.58, "inband")]  # Asterisk-style trailing copies
    merged = merge_dtmf(oob, tones)
    assert "".join(e.digit for e in merged) == "201"
    assert all(e.source == "rfc2833" for e in merged)


def test_tones_without_events_are_kept_in_time_order() -> None:
    oob = [_ev("5", 1.0, "sip-info")]
    tones = [_ev("9", 0.2, "inband"), _ev("5", 1.1, "inband"), _ev("5", 3.0, "inband")]
    merged = merge_dtmf(oob, tones)
    assert [(e.digit, e.source) for e in merged] == [("9", "inband"), ("5", "sip-info"), ("5", "inband")]


def test_one_event_absorbs_one_tone() -> None:
    # a key pressed twice quickly: one event seen, two tones -> the nearer tone is the copy
    merged = merge_dtmf([_ev("7", 2.0)], [_ev("7", 2.05, "inband"), _ev("7", 2.35, "inband")])
    assert [(e.digit, e.source, e.t0) for e in merged] == [("7", "rfc2833", 2.0), ("7", "inband", 2.35)]


def test_same_leg_option_and_tone_conversion() -> None:
    oob = [_ev("4", 1.0, leg="callee")]
    tones = tones_to_events([DtmfTone("4", 0.05, 0.15, -20.0)], "c1", "caller", t0=1.0)
    assert tones[0].t0 == 1.05 and tones[0].source == "inband"
    assert len(merge_dtmf(oob, tones)) == 1
    assert len(merge_dtmf(oob, tones, same_leg=True)) == 2
