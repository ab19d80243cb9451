"""RFC 4733 digits come out of the live tap while the call runs, once each (issue 9, Events).

A generated capture is fed packet by packet: every RFC 4733 digit of a plain call comes out before
that call's end, within the stop time of its last packet, and the digits the tap gives in total
(live, then at the end) are exactly those of the batch extraction: none twice, none lost. SRTP
calls keep their digits for the end of the call.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ccedge.core.frames import CallEvent, DtmfEvent
from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from ccedge.core.tap import Tap
from ccedge.hardware import capture
from tests.conftest import require_tool

CALLS = [
    SyntheticCall("pin@live-dtmf", [Turn("callee", "please key in your PIN now"),
                                    Turn("caller", dtmf="2580", pause=0.6),
                                    Turn("callee", "thank you, the payment is complete, goodbye")]),
    SyntheticCall("repeat@live-dtmf", [Turn("caller", dtmf="1122"), Turn("callee", "got it, thanks")],
                  codec="PCMA", start=0.3, ended_by="callee"),
    SyntheticCall("srtp@live-dtmf", [Turn("caller", dtmf="97"), Turn("callee", "ok, goodbye")],
                  start=0.5, srtp=True),
]


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("live-dtmf") / "calls.pcap"
    write_capture(path, CALLS)
    return path


def _feed_packet_by_packet(path: Path) -> tuple[list[tuple[float, Any]], Any, Tap]:
    """(capture time when each output came out, item), the report, the tap."""
    whole = capture.open_capture(path).read_all()
    tap = Tap(audio_block_s=0.2)
    out: list[tuple[float, Any]] = []
    ts = np.asarray(whole.ts)
    for k in range(len(whole)):
        out.extend((float(ts[k]), x) for x in tap.feed(whole.take(np.arange(k, k + 1))))
    rest, report = tap.finish()
    out.extend((float(ts.max()), x) for x in rest)
    return out, report, tap


def _batch_digits(path: Path) -> Counter[tuple[str, str, str]]:
    tap = Tap(incremental=False, audio=False)
    for b in capture.open_capture(path):
        tap.feed(b)
    _, report = tap.finish()
    return Counter((r.call_id, d.leg, d.digit) for r in report.calls for d in r.dtmf if d.source == "rfc2833")


def test_rfc4733_digits_come_out_live_once_each(sim: Path) -> None:
    out, report, tap = _feed_packet_by_packet(sim)
    ended = {x.call_id: at for at, x in out if isinstance(x, CallEvent) and x.kind == "ended"}
    starts = {r.call_id: r.start_wall for r in report.calls}
    digits = [(at, x) for at, x in out if isinstance(x, DtmfEvent) and x.source == "rfc2833"]
    got = Counter((x.call_id, x.leg, x.digit) for _, x in digits)
    assert got == _batch_digits(sim)  # the batch result: none twice, none lost
    assert sum(got.values()) == 10
    by_call: dict[str, str] = {}
    for _at, x in sorted(digits, key=lambda p: (p[1].call_id, p[1].t0)):
        by_call[x.call_id] = by_call.get(x.call_id, "") + x.digit
    assert by_call == {"pin@live-dtmf": "2580", "repeat@live-dtmf": "1122", "srtp@live-dtmf": "97"}
    live = [(at, x) for at, x in digits if x.call_id != "srtp@live-dtmf"]
    assert len(live) == 8 and tap.live_dtmf is not None
    stop_s = tap.live_dtmf.stop_s
    for at, x in live:
        assert at < ended[x.call_id], (x.call_id, x.digit)  # before the call's end
        # Given within the stop time (or at the end packet) after the key press's last packet.
        assert at - (starts[x.call_id] + x.t1) <= stop_s + 0.1, (x.call_id, x.digit)
    # Live times are the batch extraction's times (packets arrive in order here).
    batch = {(r.call_id, round(d.t0, 6), d.digit)
             for r in report.calls for d in r.dtmf if d.source == "rfc2833"}
    assert {(x.call_id, round(x.t0, 6), x.digit) for _, x in live} <= batch
    srtp = [at for at, x in digits if x.call_id == "srtp@live-dtmf"]
    assert srtp and all(at >= ended["srtp@live-dtmf"] for at in srtp)  # left to the end of that call
    assert tap.collect_stats().get("dtmf.rfc2833-given-live") == 8
    assert not tap.live_dtmf.emitted  # forgotten with their calls


def test_no_live_digits_without_live_playout(sim: Path) -> None:
    tap = Tap(audio=False)  # no live playout: digits come with the record, as before
    assert tap.live_dtmf is None
    during: list[DtmfEvent] = []
    for b in capture.open_capture(sim):
        during.extend(x for x in tap.feed(b) if isinstance(x, DtmfEvent) and x.source == "rfc2833")
    rest, _ = tap.finish()
    total = during + [x for x in rest if isinstance(x, DtmfEvent) and x.source == "rfc2833"]
    assert Counter((x.call_id, x.digit) for x in total) == Counter(
        (c, d) for (c, _leg, d), n in _batch_digits(sim).items() for _ in range(n))
