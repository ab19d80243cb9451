"""``ccedge vad``: speech segments of each leg of a WAV file or a capture.

    ccedge vad AUDIO [--json] [--engine ccedge|webrtc] [--mode 0-3] [--stats]

AUDIO is a WAV (one leg per channel; the call id is the file stem, legs are ``channel-N``)
or a pcap / pcapng capture (each leg of each call, on the call clock). ``--json`` writes one
JSON object per leg (JSON lines) with the keys ``call_id``, ``leg`` and ``segments``, a list
of ``[start_s, end_s]``. ``--stats`` adds one object per call with its talk statistics
(talk time and ratio per leg, silences, overtalk, longest monologue, response latencies).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ccedge.core.audiolegs import audio_legs, to_analysis_rate


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "vad",
        help="speech segments of each leg (WAV or capture)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("audio", metavar="AUDIO", help="WAV file or pcap / pcapng capture")
    p.add_argument("--json", action="store_true", help="one JSON object per leg (JSON lines)")
    p.add_argument("--engine", choices=("ccedge", "webrtc"), default="ccedge", help="VAD engine (vad.engine)")
    p.add_argument("--mode", type=int, choices=(0, 1, 2, 3), default=2, help="aggressiveness (default 2)")
    p.add_argument("--frame-ms", type=int, choices=(10, 20, 30), default=10, help="frame length")
    p.add_argument("--stats", action="store_true", help="talk statistics per call")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccedge.dsp.talkstats import talk_stats
    from ccedge.dsp.vad import frames_to_segments, make_vad

    calls: dict[str, dict[str, list[tuple[float, float]]]] = {}
    durations: dict[str, float] = {}
    for leg in audio_legs(args.audio):
        x, rate = to_analysis_rate(leg.samples, leg.rate)
        labels = make_vad(args.engine, rate, args.frame_ms, args.mode).detect(x)
        segs = frames_to_segments(labels, args.frame_ms)
        calls.setdefault(leg.call_id, {})[leg.leg] = segs
        durations[leg.call_id] = max(durations.get(leg.call_id, 0.0), len(x) / rate)
        if args.json:
            print(json.dumps({"call_id": leg.call_id, "leg": leg.leg, "segments": [[a, b] for a, b in segs]}))
        else:
            total = sum(b - a for a, b in segs)
            dur = len(x) / rate
            print(f"{leg.call_id} {leg.leg}: {len(segs)} segments, {total:.2f} s of speech in {dur:.2f} s")
            for a, b in segs:
                print(f"  {a:9.3f} - {b:9.3f}  ({b - a:.2f} s)")
    if args.stats:
        for call_id, legs in calls.items():
            st = talk_stats(legs, durations[call_id])
            if args.json:
                print(json.dumps({"call_id": call_id, "talk_stats": st.to_json()}))
            else:
                print(f"{call_id} talk statistics: {json.dumps(st.to_json())}")
    sys.stdout.flush()
    return 0
