"""``ccedge recordings``: list, fetch, search, hold and quarantine the vault's recordings.

Every verb that reads content is audited with the local user as actor (role: compliance,
the holder of the vault passphrase). ``rescan`` runs the appliance's own transcription and
redaction again over each sealed span (``--model`` picks a larger model when one is built).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.commands.vaultargs import actor, add_vault_args, iso, open_vault, parse_time, recording_json
from ccedge.core.files import atomic_write
from ccedge.core.vault import quarantine_rescan


def register(sub: Any) -> None:
    p = sub.add_parser(
        "recordings", help="list, get, search, hold and quarantine stored recordings", description=__doc__
    )
    verbs = p.add_subparsers(dest="recordings_verb", metavar="VERB", required=True)

    ls = verbs.add_parser("list", help="recordings in the vault (filters by time, agent, call, flags)")
    add_vault_args(ls)
    _filters(ls)
    ls.add_argument("--flagged", action="store_true", help="only calls whose redaction receipt is flagged")
    ls.add_argument("--json", action="store_true", help="one JSON object per recording")
    ls.set_defaults(func=run_list)

    get = verbs.add_parser("get", help="decrypt one redacted recording to a WAV file (audited)")
    add_vault_args(get)
    get.add_argument("call", help="call id")
    get.add_argument(
        "--out", type=Path, required=True, help="the WAV file to write (agent left, customer right)"
    )
    get.add_argument("--transcript", type=Path, help="also write the redacted transcript (JSON lines) here")
    get.set_defaults(func=run_get)

    se = verbs.add_parser(
        "search", help="calls whose redacted transcript contains TEXT (decrypted in memory)"
    )
    add_vault_args(se)
    se.add_argument("text")
    _filters(se)
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=run_search)

    q = verbs.add_parser("quarantine", help="calls with sealed (uncleared) audio or a flagged receipt")
    add_vault_args(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_quarantine)

    rs = verbs.add_parser(
        "rescan", help="re-run redaction over a call's sealed spans: release masked or shred"
    )
    add_vault_args(rs)
    rs.add_argument("call")
    rs.add_argument("--model", type=Path, help="whisper.cpp model file (default: the built model)")
    rs.add_argument("--shred", action="store_true", help="shred the sealed spans without rescanning")
    rs.set_defaults(func=run_rescan)

    for name, helptext in (
        ("hold", "put a call under legal hold (blocks retention)"),
        ("release", "release a call's legal holds"),
    ):
        h = verbs.add_parser(name, help=helptext)
        add_vault_args(h)
        h.add_argument("call")
        if name == "hold":
            h.add_argument("--reason", required=True, help="case or matter reference")
        h.set_defaults(func=run_hold)

    sh = verbs.add_parser("shred", help="destroy a call's keys and files now (refused under legal hold)")
    add_vault_args(sh)
    sh.add_argument("call")
    sh.add_argument("--reason", required=True)
    sh.set_defaults(func=run_shred)

    sw = verbs.add_parser("sweep", help="apply retention: shred every expired recording not on hold")
    add_vault_args(sw)
    sw.add_argument("--now", type=parse_time, default=None, help="pretend it is this time (testing a policy)")
    sw.set_defaults(func=run_sweep)

    rk = verbs.add_parser("rotate-key", help="new key-encryption key; rewrap every data key; destroy the old")
    add_vault_args(rk)
    rk.set_defaults(func=run_rotate)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="since", type=parse_time, help="calls started at or after (ISO 8601 or epoch)"
    )
    p.add_argument("--to", dest="until", type=parse_time, help="calls started before")
    p.add_argument("--agent", help="agent label (extension or configured name)")


def run_list(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        rows = v.list_calls(
            args.since, args.until, args.agent, getattr(args, "call", None), True if args.flagged else None
        )
    for r in rows:
        if args.json:
            print(json.dumps(recording_json(r)))
        else:
            flags = ("HOLD " if r["legal_hold"] else "") + ("FLAGGED " if r["flagged"] else "")
            print(
                f"{r['call_id']:<36} {iso(r['started'])} {float(r['duration_s'] or 0):8.1f}s "
                f"{r['agent'] or '-':<12} {r['state']:<11} expires {iso(r['expires'])[:10]} {flags}"
            )
    if not args.json:
        print(f"{len(rows)} recording(s)", file=sys.stderr)
    return 0


def run_get(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        wav = v.audio_wav(args.call, who, role)
        lines = v.transcript(args.call, who, role) if args.transcript else []
    atomic_write(args.out, wav)
    if args.transcript:
        atomic_write(
            args.transcript, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines).encode()
        )
    print(f"wrote {args.out} ({len(wav)} bytes)" + (f" and {args.transcript}" if args.transcript else ""))
    return 0


def run_search(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        hits = v.search(args.text, who, role, since=args.since, until=args.until, agent=args.agent)
    for h in hits:
        if args.json:
            print(json.dumps(h, ensure_ascii=False))
        else:
            for x in h["hits"]:
                print(f"{h['call_id']}  {x['role']:<8} {float(x['start_s']):7.1f}s  {x['text']}")
    print(f"{len(hits)} call(s) match", file=sys.stderr)
    return 0


def run_quarantine(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        rows = v.quarantined()
    for r in rows:
        if args.json:
            print(json.dumps({**r, "started": iso(r["started"])}))
        else:
            print(
                f"{r['call_id']:<36} {iso(r['started'])} spans={r['spans']} sealed={r['sealed_s']:.1f}s "
                f"flags={','.join(r['flags']) or '-'}"
            )
    if not args.json:
        print(f"{len(rows)} call(s) in quarantine", file=sys.stderr)
    return 0


def run_rescan(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        if args.shred:
            result = quarantine_rescan(v, args.call, lambda _m, _s: None, who, role)
        else:
            result = quarantine_rescan(v, args.call, rescan_clearer(args.model), who, role)
    print(f"{result['call_id']}: {result['spans']} sealed span(s) {result['outcome']}")
    return 0


def rescan_clearer(model: Path | None) -> Any:
    """Transcribe a sealed span again and redact it; None when any word stays unsure."""
    from ccedge.core.frames import Utterance
    from ccedge.core.redact.policy import RedactPolicy
    from ccedge.core.redact.redactor import Redactor
    from ccedge.core.speech import find_model
    from ccedge.core.speech.engine import WhisperCppEngine
    from ccedge.dsp.mask import mask_spans

    policy = RedactPolicy()
    engine = WhisperCppEngine(model or find_model())

    def clear(meta: Mapping[str, Any], samples: npt.NDArray[np.int16]) -> npt.NDArray[np.int16] | None:
        rate, leg = int(meta["rate"]), str(meta["leg"])
        utt = Utterance("rescan", leg, 0.0, len(samples) / rate, rate, samples, priority=10)
        transcript = engine.transcribe_one(utt).transcript
        if any(w.p < policy.confidence_floor for w in transcript.words):
            return None  # still not sure what was said: it cannot be released
        red = Redactor(policy)
        red.process(transcript)
        spans = [(s.t0, s.t1) for s in red.redact("rescan").spans]
        return mask_spans(samples, rate, spans)

    return clear


def run_hold(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        if args.recordings_verb == "hold":
            n = v.hold(args.call, args.reason, who, role)
            print(f"{args.call}: legal hold {n} placed")
        else:
            n = v.release(args.call, who, role)
            print(f"{args.call}: {n} legal hold(s) released")
    return 0


def run_shred(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        v.shred(args.call, who, role, args.reason)
    print(f"{args.call}: keys destroyed, files removed")
    return 0


def run_sweep(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        done = v.sweep(args.now)
    print(f"retention: {len(done)} recording(s) shredded")
    return 0


def run_rotate(args: argparse.Namespace) -> int:
    who, role = actor()
    with open_vault(args) as v:
        r = v.rotate(who, role)
    print(
        f"key-encryption key {r['from']} -> {r['to']}: {r['rewrapped']} data key(s) rewrapped, "
        "old key destroyed"
    )
    return 0
