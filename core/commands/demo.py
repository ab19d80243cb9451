"""``ccedge demo``: the bundled capture through every stage built so far.

What it prints is what the appliance would keep: redacted transcripts, DTMF as masked
events (never the digits), redaction receipts and talk statistics.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from ccedge.core.pipeline import CallAnalysis, PipelineOptions, analyse_capture, write_outputs
from ccedge.core.simulate.demo import bundled_capture


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="replay the bundled capture through every stage",
                       description=__doc__)
    p.add_argument("--capture", type=Path, action="append",
                   help="capture file(s) to replay instead of the bundled one")
    p.add_argument("--json", action="store_true", help="one JSON object per call instead of text")
    p.add_argument("--no-transcribe", action="store_true", help="stop after the tap, VAD and DTMF stages")
    p.add_argument("--workers", type=int, default=1, help="speech worker processes (default 1)")
    p.add_argument("--wav-dir", type=Path,
                   help="store masked audio per leg, redacted transcripts and receipts here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    captures = args.capture or [bundled_capture()]
    opts = PipelineOptions(transcribe=not args.no_transcribe, workers=args.workers)
    started = time.monotonic()

    def progress(msg: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    progress(f"replaying {', '.join(str(c) for c in captures)}")
    report, results = analyse_capture(captures, opts, progress)
    if args.json:
        for r in results:
            print(json.dumps(r.to_json()))
    else:
        for r in results:
            _print_call(r)
        stats = " ".join(f"{k}={v}" for k, v in sorted(report.stats.items()) if v)
        print(f"\n{len(results)} calls in {time.monotonic() - started:.1f} s; tap counters: {stats}")
    if args.wav_dir is not None:
        write_outputs(results, args.wav_dir)
    return 0


def _print_call(r: CallAnalysis) -> None:
    c = r.call
    print(f"\n=== {c.call_id}  {c.caller} -> {c.callee}  state={c.state} end={c.end_reason or '-'}")
    for leg in c.legs:
        print(f"    leg {leg.name:<8} ssrc=0x{leg.ssrc:08x} {leg.codec:<5} packets={leg.packets} "
              f"lost={leg.lost} {leg.duration_s:.1f}s srtp={leg.srtp}")
    for e in c.events:
        if e.kind not in ("started", "ringing"):
            print(f"    event {e.kind:<13} at {e.t:6.2f}s {e.reason}")
    lines: list[tuple[float, str]] = [
        (t.t0, f"    [{t.t0:6.2f}-{t.t1:6.2f}] {t.leg:<7} {t.text}") for t in r.transcripts
    ]
    lines += [(d.t0, f"    [{d.t0:6.2f}       ] {d.leg:<7} <DTMF key, {d.source}, masked>") for d in r.dtmf]
    for _, line in sorted(lines):
        print(line)
    if r.receipt is not None:
        rc = r.receipt
        kinds = ", ".join(f"{k}×{n}" for k, n in sorted(rc.kinds.items())) or "nothing"
        flags = f"  FLAGGED: {', '.join(rc.flags)}" if rc.flagged else ""
        print(f"    redacted: {kinds}; coverage {rc.coverage:.0%} of {rc.coverage_scope}{flags}")
    if r.talk is not None:
        ratio = ", ".join(f"{k} {v:.0%}" for k, v in sorted(r.talk.talk_ratio.items()))
        print(f"    talk: {ratio}; overtalk {r.talk.overtalk_s:.1f}s; "
              f"{len(r.talk.silence_runs)} long silences")
