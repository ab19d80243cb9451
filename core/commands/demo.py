"""``ccedge demo``: ``ccedge run`` on the bundled capture, shown live in the terminal.

On a terminal it is the whole appliance: a throwaway one with its API and the console on it
(``ccedge.core.commands.demo_console``); ``--no-console`` (and any run without a terminal)
keeps the printed view below.

The calls replay at their recorded pace (``--fast``: as fast as the chain goes); each call is
shown when it starts, each utterance as soon as it is redacted, DTMF as masked key presses
(never the digits), and the receipt when the call ends; the appliance's ``Health`` figures
close the run. ``--json`` prints one object per call as it ends instead (the README's
contract). No network, root or sound card is needed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

from ccedge.core.bus import Subscription
from ccedge.core.events import (
    CallEnded,
    CallStarted,
    CallUpdated,
    DtmfMasked,
    Event,
    Health,
    UtteranceRedacted,
)
from ccedge.core.pipeline import analysis_of
from ccedge.core.runtime import CallResult, Runtime, RuntimeConfig, TapSource
from ccedge.core.runtime.config import CaptureConfig, SpeechConfig
from ccedge.core.runtime.wavsink import WavDirSink
from ccedge.core.simulate.demo import bundled_capture


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="replay the bundled capture through the live appliance",
                       description=__doc__)
    p.add_argument("--capture", type=Path, action="append",
                   help="capture file(s) to replay instead of the bundled one")
    p.add_argument("--fast", action="store_true", help="replay as fast as possible, not in real time")
    p.add_argument("--json", action="store_true", help="one JSON object per call instead of the live view")
    p.add_argument("--no-transcribe", action="store_true", help="stop after the tap, VAD and DTMF stages")
    p.add_argument("--workers", type=int, default=0,
                   help="speech worker processes (default 0: one per core, as `ccedge run`)")
    p.add_argument("--wav-dir", type=Path,
                   help="store masked audio per leg, redacted transcripts and receipts here")
    p.add_argument("--no-console", action="store_true",
                   help="the printed live view instead of the console (the default without a terminal, "
                        "and with --json or --wav-dir)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccedge.core.commands import demo_console

    if demo_console.wanted(args.no_console, plain_output=bool(args.json or args.wav_dir)):
        # the whole appliance (init, enroll, run with the API) and the console, by subprocesses
        return demo_console.run_with_console(args.capture or [bundled_capture()], workers=args.workers,
                                             fast=args.fast, transcribe=not args.no_transcribe)
    captures = [str(c) for c in (args.capture or [bundled_capture()])]
    cfg = RuntimeConfig(capture=CaptureConfig(fast=args.fast, exit_when_done=True),
                        speech=SpeechConfig(enabled=not args.no_transcribe, workers=max(0, args.workers)))
    sinks = [WavDirSink(args.wav_dir)] if args.wav_dir else []
    started = time.monotonic()

    def call_done(r: CallResult) -> None:
        if args.json:
            print(json.dumps(analysis_of(r, {}, None).to_json()), flush=True)

    source = TapSource(paths=tuple(captures), paced=not args.fast, name="demo")
    rt = Runtime(cfg, sinks=sinks, sources=[source], on_result=call_done)
    if not args.json:
        print(f"replaying {', '.join(Path(c).name for c in captures)}"
              f"{' (fast)' if args.fast else ' in real time (--fast to hurry)'}", flush=True)

    async def main() -> None:
        view = rt.bus.subscribe("demo-view", maxsize=1000)
        printer = asyncio.create_task(_show(view, quiet=args.json))
        try:
            await rt.run()
        finally:
            await printer

    asyncio.run(main())
    if not args.json and rt.last_health is not None:
        _health(rt.last_health, time.monotonic() - started)
    for sink in sinks:
        for line in sink.failures:
            print(f"ccedge demo: --wav-dir: {line}")
            return 2
    return 0


async def _show(view: Subscription, quiet: bool) -> None:
    async for e in view:
        if not quiet:
            line = _line(e)
            if line:
                print(line, flush=True)


def _line(e: Event) -> str:
    cid = e.call_id.split("@")[0][:28]
    if isinstance(e, CallStarted):
        parties = ", ".join(f"{p.leg}={p.role}" for p in e.parties) or "no signalling"
        return f"\n=== {cid}  call started ({parties})"
    if isinstance(e, UtteranceRedacted):
        span = f"[{e.start_s:6.2f}-{e.end_s:6.2f}]"
        live = "" if e.final else "  (live: numbers held)"
        return f"    {cid:<28} {span} {e.leg:<7} {e.role:<8} {e.text}{live}"
    if isinstance(e, DtmfMasked):
        key = f"<DTMF key, {e.method}, masked>"
        return f"    {cid:<28} [{e.start_s:6.2f}       ] {e.leg:<7} {e.role:<8} {key}"
    if isinstance(e, CallUpdated):
        return f"    {cid:<28} call {e.change} at {e.t:6.2f}s"
    if isinstance(e, CallEnded):
        rc = e.receipt
        kinds = ", ".join(f"{k}×{n}" for k, n in sorted(dict(rc.get("kinds", {})).items())) or "nothing"
        flags = f"  FLAGGED: {', '.join(rc.get('flags', []))}" if rc.get("flagged") else ""
        return (f"=== {cid}  call ended ({e.reason}, {e.duration_s:.1f} s); redacted: {kinds}; "
                f"coverage {float(rc.get('coverage', 0)):.0%} of {rc.get('coverage_scope', 'call')}{flags}")
    return ""


def _health(h: Health, wall_s: float) -> None:
    restarts = ", ".join(f"{k} {v}" for k, v in h.restarts.items()) or "none"
    print(f"\nHealth after {wall_s:.1f} s: packets {h.packets}, drops {h.drops}, damaged {h.damaged}, "
          f"calls {h.calls_total}, speech queue {h.speech_queue} (shed {h.speech_shed}), "
          f"masked for lag {h.masked_lag_s:.1f} s, CPU {h.cpu_percent:.0f}%, memory {h.rss_mb:.0f} MiB, "
          f"restarts: {restarts}, events lost {h.events_lost}")
