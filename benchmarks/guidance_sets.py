"""Render and transcribe the labelled guidance set once, cached outside git.

``python benchmarks/guidance_sets.py [--voice en-us|piper|all] [--limit N]`` writes, per voice,
``<cache>/<voice>/calls.pcap`` (all calls of the set as SIP + G.711 RTP, a few seconds apart)
and ``transcripts.jsonl`` (``ccedge transcribe --json``: the real speech engine on the
capture). ``--held-out``: the 12 held-out calls (and the 6 sentiment calls) instead of the tuned
set of 48; ``--held-out-2``: the 14 calls of the second held-out set; ``--held-out-3``: the 12
calls of the third; ``--held-out-4``: the 13 calls of the fourth;
``--held-out-5``: the 14 calls of the fifth; ``--held-out-6``: the 14 calls of the sixth;
``--held-out-7``: the 12 calls of the seventh; ``--held-out-8``: the 12 calls of the eighth;
``--held-out-9``: the 12 calls of the ninth; ``--held-out-10``: the 12 calls of the tenth;
``--held-out-11``: the 12 calls of the eleventh; ``--held-out-12``: the 12 calls of the twelfth;
``--held-out-13``: the 12 calls of the thirteenth; ``--held-out-14``: the 12 calls of the fourteenth;
``--held-out-15``: the 12 calls of the fifteenth; ``--held-out-16``: the 12 calls of the sixteenth;
``--held-out-17``: the 12 calls of the seventeenth; ``--held-out-18``: the 12 calls of the eighteenth;
``--held-out-19``: the 12 calls of the nineteenth (a flag for each set in ``LATER_SETS``).
The cache is ``$CCEDGE_GUIDANCE_CACHE`` or ``~/.cache/ccedge/guidance-eval``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from ccedge.core.simulate import write_capture
from ccedge.testing.guidance_calls import (
    LATER_SETS,
    ScriptedCall,
    eval_calls,
    heldout_calls,
    sentiment_calls,
    synthetic_call,
)

CACHE = Path(os.environ.get("CCEDGE_GUIDANCE_CACHE", Path.home() / ".cache" / "ccedge" / "guidance-eval"))
VOICES = ("en-us", "piper")
SPACING_S = 4.0  # calls start this far apart (they overlap, as on a live floor)
_VERB = ("import argparse, importlib, sys; p = argparse.ArgumentParser(); s = p.add_subparsers(); "
         "importlib.import_module('ccedge.core.commands.' + sys.argv[1]).register(s); "
         "a = p.parse_args(sys.argv[1:]); sys.exit(a.func(a))")


def pool(held_out: bool | int = False) -> list[ScriptedCall]:
    """The set: tuned (False), held-out with the sentiment calls (True or 1), held-out 2 to 19 (2 to 19)."""
    if held_out is not True and held_out in LATER_SETS:
        return LATER_SETS[held_out]()
    return [*heldout_calls(), *sentiment_calls()] if held_out else eval_calls()


def subset(limit: int | None = None, every: int = 1, held_out: bool | int = False) -> list[ScriptedCall]:
    return pool(held_out)[::every][:limit]


def set_digest(limit: int | None, every: int = 1, held_out: bool | int = False) -> str:
    calls = subset(limit, every, held_out)
    blob = json.dumps([[c.call_id, c.turns] for c in calls]).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def prepare(voice: str, limit: int | None = None, every: int = 1, quiet: bool = False,
            held_out: bool | int = False) -> Path:
    """The transcripts of the set spoken by ``voice`` (rendered and transcribed when not cached)."""
    folder = CACHE / f"{voice}-{set_digest(limit, every, held_out)}"
    out = folder / "transcripts.jsonl"
    if out.is_file():
        return out
    folder.mkdir(parents=True, exist_ok=True)
    calls = subset(limit, every, held_out)
    t0 = time.perf_counter()
    cap = folder / "calls.pcap"
    if not (folder / "truth.json").is_file():  # written after the capture: a finished render is reused
        write_capture(cap, [synthetic_call(c, voice=voice, start=i * SPACING_S) for i, c in enumerate(calls)],
                      truth_json=folder / "truth.json")
    if not quiet:
        print(f"{voice}: rendered {len(calls)} calls in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    t0 = time.perf_counter()
    tmp = out.with_suffix(".part")
    with tmp.open("w") as f:
        # the verb module alone (not the whole CLI with every entry point): `ccedge transcribe --json`
        subprocess.run([sys.executable, "-c", _VERB, "transcribe", str(cap), "--json"], stdout=f, check=True)
    tmp.rename(out)
    if not quiet:
        print(f"{voice}: transcribed in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--voice", default="all", choices=[*VOICES, "all"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--every", type=int, default=1, help="every n-th call of the set")
    ap.add_argument("--held-out", action="store_true", help="the 12 held-out calls and 6 sentiment calls")
    for n in sorted(LATER_SETS):  # one flag per registered set: --held-out-2 ... --held-out-19
        ap.add_argument(f"--held-out-{n}", action="store_true", help=f"the calls of held-out set {n}")
    a = ap.parse_args()
    which: bool | int = next((n for n in sorted(LATER_SETS, reverse=True) if getattr(a, f"held_out_{n}")),
                             a.held_out)
    for v in VOICES if a.voice == "all" else (a.voice,):
        print(prepare(v, a.limit, a.every, held_out=which))
    return 0


if __name__ == "__main__":
    sys.exit(main())
