"""``ccedge dtmf``: in-band DTMF digits of each leg of a WAV file or a capture.

    ccedge dtmf AUDIO [--json] [--merge]

AUDIO is a WAV (one leg per channel; the call id is the file stem, legs are ``channel-N``)
or a pcap / pcapng capture (each leg of each call, on the call clock). Tones are found with
Goertzel filters under ITU-T Q.24 acceptance rules. ``--json`` writes one JSON object per leg
(JSON lines): ``{"call_id", "leg", "digits", "events": [{"digit", "t0", "t1", "source"}]}``.
With ``--merge`` the events also hold the call's RFC 2833 / SIP INFO digits seen on that
leg, and an in-band tone that merely repeats one of them is not counted twice.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ccedge.core.audiolegs import audio_legs, to_analysis_rate


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "dtmf",
        help="in-band DTMF digits of each leg (WAV or capture)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("audio", metavar="AUDIO", help="WAV file or pcap / pcapng capture")
    p.add_argument("--json", action="store_true", help="one JSON object per leg (JSON lines)")
    p.add_argument("--merge", action="store_true", help="merge with the capture's RFC 2833 / SIP INFO digits")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccedge.core.dtmf_merge import merge_dtmf, tones_to_events
    from ccedge.dsp.dtmf import detect_dtmf

    for leg in audio_legs(args.audio):
        x, rate = to_analysis_rate(leg.samples, leg.rate)
        events = tones_to_events(detect_dtmf(x, rate), leg.call_id, leg.leg)
        if args.merge:
            events = merge_dtmf([e for e in leg.dtmf if e.leg == leg.leg], events)
        digits = "".join(e.digit for e in events)
        if args.json:
            print(
                json.dumps(
                    {
                        "call_id": leg.call_id,
                        "leg": leg.leg,
                        "digits": digits,
                        "events": [
                            {"digit": e.digit, "t0": round(e.t0, 3), "t1": round(e.t1, 3), "source": e.source}
                            for e in events
                        ],
                    }
                )
            )
        else:
            print(f"{leg.call_id} {leg.leg}: {digits or '(none)'}")
            for e in events:
                print(f"  {e.digit}  {e.t0:9.3f} - {e.t1:9.3f}  {e.source}")
    return 0
