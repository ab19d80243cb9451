"""``ccedge tap``: calls, legs, codecs, SRTP status and DTMF from capture files or a live interface.

    ccedge tap CAPTURE... [--json] [--wav-dir DIR]
    ccedge tap --interface IFACE [--json] [--duration S] [--wav-dir DIR]

``--json`` writes one JSON object per call (JSON lines) with the keys ``call_id``, ``state``,
``end_reason``, ``legs`` (``leg``, ``ssrc``, ``codec``, ``packets``, ``lost``, ``duration_s``,
``encrypted``, ``srtp``) and ``dtmf`` (the digits in call order). Counters of everything the
tap ignored or rejected go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import signal
import sys
import threading
import time
import wave
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ccedge.core.errors import CoreError

log = logging.getLogger("ccedge.tap")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("tap", help="list the calls, legs and DTMF in captures or on an interface",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("captures", nargs="*", metavar="CAPTURE", help="pcap / pcapng files, optionally .gz")
    p.add_argument("--interface", "-i", metavar="IFACE", help="capture live from this network interface")
    p.add_argument("--bpf", default=None, help="live capture filter (default: UDP, TCP and GRE/ERSPAN)")
    p.add_argument("--duration", type=float, metavar="S", help="stop live capture after S seconds")
    p.add_argument("--json", action="store_true", help="one JSON object per call (JSON lines)")
    p.add_argument("--wav-dir", type=Path, metavar="DIR", help="write each leg as a WAV file into DIR")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help="end a call after S s of capture time with no SIP/RTP (default: %(default)s)")
    p.add_argument("--srtp-key", action="append", default=[], metavar="IP:PORT:CRYPTO",
                   help="SDES key for SRTP sent from IP:PORT, as an a=crypto value "
                        "('1 AES_CM_128_HMAC_SHA1_80 inline:...'); repeatable")
    p.add_argument("--stats", action="store_true", help="print the tap's counters to stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccedge.core.tap.capturefiles import tap_capture
    from ccedge.core.tap.tap import Tap

    if bool(args.captures) == bool(args.interface):
        raise CoreError("give capture files or --interface IFACE (not both)")
    keys = [_srtp_key(k) for k in args.srtp_key]
    if args.captures:
        report = tap_capture(args.captures, idle_timeout=args.timeout, sdes_keys=keys)
        for rec in report.calls:
            _print_call(rec, args.json, sys.stdout)
        stats = report.stats
    else:
        # Live: each call is printed once it has ended; the rest when the capture stops.
        tap = Tap(idle_timeout=args.timeout, audio=False, incremental=True, sdes_keys=keys,
                  retain_audio=bool(args.wav_dir))
        printed = 0
        reader_stats: Counter[str] = Counter()
        for batch in _live_batches(args.interface, args.bpf, args.duration, reader_stats):
            tap.feed(batch)
            while printed < len(tap.records):
                _print_call(tap.records[printed], args.json, sys.stdout)
                printed += 1
        _, report = tap.finish()
        done = {r.call_id for r in tap.records[:printed]}
        for rec in report.calls:
            if rec.call_id not in done:
                _print_call(rec, args.json, sys.stdout)
        stats = {**report.stats, **reader_stats}
    if args.wav_dir:
        _write_wavs(report.calls, args.wav_dir)
    if args.stats or not args.json:
        summary = " ".join(f"{k}={v}" for k, v in sorted(stats.items()))
        print(f"tap: {len(report.calls)} calls; {summary}", file=sys.stderr)
    return 0


def _srtp_key(text: str) -> tuple[str, int, str]:
    # IP:PORT:value; an IPv6 address is written in brackets ([::1]:4000:...).
    m = re.fullmatch(r"\[?([0-9A-Fa-f:.]+?)\]?:(\d+):(.+)", text.strip())
    if m is None:
        raise CoreError("--srtp-key must be IP:PORT:'<tag> <suite> inline:<key>'")
    value = m.group(3).strip()
    if not value[0].isdigit():
        value = "1 " + value  # the tag is irrelevant out of band
    return m.group(1), int(m.group(2)), value


def _live_batches(iface: str, bpf: str | None, duration: float | None,
                  stats: Counter[str]) -> Iterable[Any]:
    from ccedge.core.tap.capturefiles import merge_reader_stats
    from ccedge.hardware.capture.live import DEFAULT_BPF, LiveCapture

    cap = LiveCapture(iface, bpf=DEFAULT_BPF if bpf is None else bpf)

    def _stop(*_: object) -> None:
        cap.stop()  # the capture drains what the kernel already queued, then ends its iteration

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    log.info("capturing on %s until %s", iface, f"{duration:g} s have passed" if duration else "stopped")
    timer = threading.Timer(duration, _stop) if duration else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        yield from cap
    finally:
        if timer is not None:
            timer.cancel()
        cap.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        merge_reader_stats(stats, getattr(cap, "stats", None))


def _print_call(rec: Any, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(rec.to_json(), sort_keys=False) + "\n")
        out.flush()
        return
    start = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(rec.start_wall))
    parties = (f"{rec.caller or '?'} -> {rec.callee or '?'}" if rec.state != "orphan"
               else f"(relayed media of {rec.relay_of})" if rec.relay_of else "(no signalling)")
    line = f"call {rec.call_id}  {parties}  state={rec.state}"
    if rec.end_reason:
        line += f" end={rec.end_reason}"
    line += f"  start={start}Z"
    if rec.codec:
        line += f"  codec={rec.codec}"
    if rec.zrtp:
        line += "  zrtp=unsupported"
    out.write(line + "\n")
    for leg in rec.legs:
        out.write(f"  leg {leg.name:<9} ssrc=0x{leg.ssrc:08x}  codec={leg.codec or '?'}"
                  f"  packets={leg.packets}  lost={leg.lost}  duration={leg.duration_s:.2f}s"
                  f"  srtp={leg.srtp}\n")
    notable = [e for e in rec.events if e.kind in ("held", "resumed", "codec-changed", "transferred")]
    if notable:
        shown = (f"{e.kind}@{e.t:.1f}s({e.detail if e.kind == 'codec-changed' else e.reason})"
                 for e in notable)
        out.write("  events " + "  ".join(shown) + "\n")
    if rec.dtmf:
        out.write(f"  dtmf {rec.digits}\n")
    out.flush()


_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")


def _write_wavs(calls: Iterable[Any], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for rec in calls:
        for leg in rec.legs:
            samples = leg.pcm()
            if len(samples) == 0:
                continue
            name = _UNSAFE.sub("_", f"{rec.call_id}-{leg.name}")[:200] + ".wav"
            with wave.open(str(directory / name), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(leg.pcm_rate())
                w.writeframes(samples.astype("<i2").tobytes())
