"""``ccedge run``: the live appliance (capture → tap → VAD/DTMF → speech → redaction → events).

``--events -`` writes every event as one JSON object per line (a ``type`` key plus the
event's fields, README "The live appliance"). SIGTERM or SIGINT drains and exits 0; a second
one exits at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from ccedge.core.bus import Subscription
from ccedge.core.runtime import Runtime, load_config, with_overrides
from ccedge.core.runtime.logs import setup_logging
from ccedge.core.runtime.second_pass import SecondPass, SecondPassSink, resolve_model
from ccedge.core.runtime.wavsink import WavDirSink
from ccedge.core.sink import Sink
from ccedge.core.vault import VaultSink


def register(sub: Any) -> None:
    p = sub.add_parser("run", help="run the appliance: live capture and/or replayed captures",
                       description=__doc__)
    p.add_argument("--config", type=Path, help="TOML configuration (README: configuration keys)")
    p.add_argument("--data-dir", type=Path, help="the appliance's data directory")
    p.add_argument("--passphrase-file", type=Path,
                   help="vault passphrase (else $CCEDGE_VAULT_PASSPHRASE, else the machine secret)")
    p.add_argument("--interface", action="append", default=[], metavar="IFACE",
                   help="capture live on this interface (root or CAP_NET_RAW)")
    p.add_argument("--replay", action="append", default=[], metavar="CAPTURE",
                   help="replay this pcap/pcapng at its recorded pace")
    p.add_argument("--sound-card", metavar="DEVICE",
                   help="a line tap / headset splitter on this sound input (PortAudio index or name)")
    p.add_argument("--fast", action="store_true", help="replay as fast as possible")
    p.add_argument("--exit-when-done", action="store_true",
                   help="close every call and exit when the replays end")
    p.add_argument("--events", metavar="FILE|-", help="write every event as JSON lines here")
    p.add_argument("--wav-dir", type=Path, help="keep redacted audio per leg, transcripts and receipts here")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    capture: dict[str, Any] = {}
    if args.interface:
        capture["interfaces"] = list(args.interface)
    if args.replay:
        for r in args.replay:
            if not Path(r).is_file():
                print(f"ccedge run: no such capture: {r}", file=sys.stderr)
                return 2
        capture["replay"] = [str(r) for r in args.replay]
    if args.fast:
        capture["fast"] = True
    if args.exit_when_done:
        capture["exit_when_done"] = True
    cfg = with_overrides(cfg, capture=capture)
    if args.data_dir is not None:
        from dataclasses import replace

        cfg = replace(cfg, data_dir=str(args.data_dir))
    if args.sound_card:
        from dataclasses import replace

        sound = {**cfg.section("sound"), "device": args.sound_card}
        cfg = replace(cfg, sections={**cfg.sections, "sound": sound})
    if not cfg.capture.replay and not cfg.capture.interfaces and not cfg.section("sound").get("device"):
        print("ccedge run: nothing to capture: give --interface, --replay or --sound-card (or [capture] / "
              "[sound] in --config)", file=sys.stderr)
        return 2
    setup_logging(cfg.runtime.log_format, getattr(args, "verbose", False))
    sinks: list[Sink] = [WavDirSink(args.wav_dir)] if args.wav_dir else []
    vault = VaultSink.for_data_dir(cfg.data_path(), args.passphrase_file)  # after `ccedge init`: every call
    if vault is not None:
        sinks.insert(0, vault)
    from ccedge.core.compliance import compliance_stages, rescorer  # [guidance] / [qm]: the event stages

    guidance, qm, source = cfg.section("guidance"), cfg.section("qm"), cfg.source
    if not guidance:  # no [guidance] table: the default policy `ccedge init` recorded, if any
        from ccedge.core.commands.init import default_compliance

        recorded = default_compliance(cfg.data_path())
        if recorded is not None:
            guidance, qm_default, source = recorded
            qm = qm or qm_default
    stages = compliance_stages(guidance, qm, cfg.data_path(), source)
    second = second_pass(cfg, vault, args.passphrase_file, rescorer(stages))
    if second is not None:
        sinks.append(SecondPassSink(second))
    rt = Runtime(cfg, sinks=sinks, event_stages=stages)
    out: TextIO | None = None
    if args.events == "-":
        out = sys.stdout
    elif args.events:
        out = open(args.events, "a", encoding="utf-8")
    try:
        code = run_until_signalled(rt, out)
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
        if second is not None:
            second.stop()
    for sink in sinks:
        for line in getattr(sink, "failures", ()):
            print(f"ccedge run: --wav-dir: {line}", file=sys.stderr)
            code = 2
    return code


async def write_events(sub: Subscription, out: TextIO) -> None:
    """Every event, in order, one JSON line each (a storing subscriber: none is dropped)."""
    async for e in sub:
        out.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
        out.flush()


def second_pass(cfg: Any, vault: VaultSink | None, passphrase_file: Path | None,
                after: Any = None) -> SecondPass | None:
    """The idle-time second pass (issue 15), when configured, built, and there is a vault to rewrite;
    ``after`` (QM's re-score) gets each call whose transcript it replaced."""
    name = cfg.speech.second_pass_model
    model = resolve_model(name)
    if not name or vault is None:
        return None
    if model is None:
        print(f"ccedge run: [speech] second_pass_model {name!r} is not built; no second pass",
              file=sys.stderr)
        return None
    runner = SecondPass(cfg.data_path(), model, passphrase_file, language=cfg.speech.second_pass_language,
                        after=after, prompt=cfg.speech.initial_prompt())
    runner.start()
    return runner


def run_until_signalled(rt: Runtime, events: TextIO | None = None) -> int:
    """Run ``rt`` with SIGTERM/SIGINT draining it; a second signal ends the process at once."""

    async def main() -> int:
        loop = asyncio.get_running_loop()
        signals = {"n": 0}

        def on_signal() -> None:
            signals["n"] += 1
            if signals["n"] == 1:
                rt.stop()
            else:
                rt.kill()
                os._exit(130)

        for s in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(s, on_signal)
        writer = None
        if events is not None:
            sub = rt.bus.subscribe("events-file", maxsize=1000, policy="block")
            writer = asyncio.create_task(write_events(sub, events))
        try:
            code = await rt.run()
        finally:
            if writer is not None:
                await writer
        return code

    return asyncio.run(main())
