"""The model ladder (issue 15): tiny.en and Whisper base, q8_0 and q5_0, on the telephone set.

Each rung is our live path with the shipped default options (``speech_telephone``'s "default"
configuration: our VAD stage cuts each leg, the engine decodes consecutive utterances packed
into one window, one thread), only the model file changes. Reported per rung: WER on each part
of the telephone evaluation set (Whisper's English normaliser), audio seconds per CPU second of
the decoding process, and the model's size. Base runs with ``language="en"`` on the English
set (a site that takes only English calls pins it; "auto" costs a language pass per window).

``--spanish`` adds the Spanish set (``ccedge.testing.spanish_set``: espeak-ng ``es`` calls
over G.711 with card numbers and dates of birth) on the multilingual rungs with
``language="auto"``: WER (numbers compared digit by digit on both sides), the language
identified per leg, and the card numbers and dates of birth redacted in text.

    .venv/bin/python benchmarks/speech_ladder.py [--smoke] [--models tiny.en:q8_0,base:q5_0]
        [--parts conversation-piper,conversation-espeak] [--prompts none,site] [--spanish]

``--prompts none,site`` crosses the ladder with domain prompting (``[speech] prompt =
"contact-centre"`` with the set's organisations as the site's terms).
Results: benchmarks/results/speech_ladder.json. Ours only: the peer comparison on the same
weights is ``benchmarks/speech_telephone.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
OUT = REPO / "benchmarks" / "results" / "speech_ladder.json"
RUNGS = ("tiny.en:q8_0", "tiny.en:q5_0", "base:q8_0", "base:q5_0")


def _decode(model: str, language: str, prompt: str, legs: list[Any], conn: Any) -> None:
    """Worker process: the live path (VAD stage + packed windows) over each leg."""
    os.environ["OMP_NUM_THREADS"] = "1"
    from dataclasses import replace

    import numpy as np

    from ccedge.core.frames import AudioFrame
    from ccedge.core.segment import SegmentConfig, Segmenter
    from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine
    from ccedge.core.speech.leglang import LegLanguage

    # "auto-leg": what the worker pool does on a multilingual model (one window per utterance,
    # decoded in the leg's pinned language once settled); "auto": per-window detection, packed.
    # "auto-leg-packed": the same, and once the leg is pinned its utterances packed in that language
    packed_pinned = language == "auto-leg-packed"
    pinned = language in ("auto-leg", "auto-leg-packed")
    opts = TranscribeOptions(n_threads=1, language="auto" if pinned else language, initial_prompt=prompt)
    engine = WhisperCppEngine(Path(model), opts)
    ll = LegLanguage()
    texts, langs, words = [], [], []
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    for leg in legs:
        seg, utts = Segmenter(SegmentConfig()), []
        for a in range(0, len(leg.samples), leg.rate):
            frame = AudioFrame(
                leg.name, "x", a / leg.rate, leg.rate, np.ascontiguousarray(leg.samples[a : a + leg.rate])
            )
            utts += seg.process_sync(frame)
        utts += seg.flush_sync()
        if pinned:
            results = []
            for k, u in enumerate(utts):
                settled = ll.language(u.call_id, u.leg)
                if packed_pinned and settled != "auto":
                    engine.options = replace(opts, language=settled)
                    results += engine.transcribe_many(utts[k:])
                    break
                engine.options = replace(opts, language=settled)
                r = engine.transcribe_one(u)
                if r.transcript.text:
                    ll.observe(u.call_id, u.leg, r.language, u.t1 - u.t0)
                results.append(r)
        else:
            results = engine.transcribe_many(utts)
        texts.append(" ".join(r.transcript.text for r in results if r.transcript.text))
        seen = [(r.language, r.transcript.t1 - r.transcript.t0) for r in results if r.language]
        langs.append(
            max({lang for lang, _ in seen}, key=lambda x: sum(d for g, d in seen if g == x)) if seen else ""
        )
        words.append([w for r in results for w in r.transcript.words])
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    conn.send({"texts": texts, "cpu": cpu, "langs": langs, "timed_words": words})


def model_path(rung: str) -> Path:
    from ccedge.core.speech import find_model

    name, quant = rung.split(":")
    return find_model(quant, name)


def english(rungs: list[str], smoke: bool, parts: list[str], prompts: list[str]) -> list[dict[str, Any]]:
    import speech_telephone as tel

    legs = tel.load_set(smoke)
    if parts:
        legs = [leg for leg in legs if leg.part in parts]
    print(f"telephone set: {len(legs)} legs, {sum(leg.seconds for leg in legs):.0f} s", file=sys.stderr)
    rows = []
    for rung in rungs:
        path = model_path(rung)
        for prompt in prompts:  # "none", or "site": the contact-centre vocabulary and the names
            t = time.time()
            res = tel.run(_decode, str(path), "en", tel.SITE_PROMPT if prompt == "site" else "", legs)
            res.pop("timed_words")
            how = ", prompt: vocabulary + site names" if prompt == "site" else ""
            row = tel.score(f"ccedge {rung} ({path.stat().st_size / 1e6:.1f} MB{how})", res, legs)
            rows.append(row)
            print(f"  {rung} {prompt}: {time.time() - t:.0f} s wall, all {100 * row['all']:.1f} %",
                  file=sys.stderr)
    return rows


def spanish(rungs: list[str], smoke: bool) -> list[dict[str, Any]]:
    import speech_telephone as tel

    from ccedge.testing.spanish_set import score_spanish, spanish_set

    calls = spanish_set(limit=1 if smoke else None)
    legs = [leg for call in calls for leg in call.legs]
    print(f"spanish set: {len(calls)} calls, {sum(leg.seconds for leg in legs):.0f} s", file=sys.stderr)
    rows = []
    for rung in rungs:
        if not rung.startswith("base"):
            continue
        for language, how in (("auto", "per-window detection, packed"),
                              ("auto-leg", "language pinned per leg, as the workers"),
                              ("auto-leg-packed", "language pinned per leg, then packed")):
            res = tel.run(_decode, str(model_path(rung)), language, "", legs)
            audio = sum(leg.seconds for leg in legs)
            row = {
                "engine": f"ccedge {rung} ({how})",
                **score_spanish(calls, res["texts"], res["langs"], res["timed_words"]),
                "audio_s_per_cpu_s": audio / max(res["cpu"], 1e-9),
            }
            rows.append(row)
            print(f"  {rung} {language}: WER {100 * row['wer']:.1f} %", file=sys.stderr)
    return rows


def spanish_table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| engine | WER % | legs identified es | card numbers redacted | dates of birth redacted"
        " | digits of a value left in text | audio s per CPU s |"
    )
    lines = [head, "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['engine']} | {100 * r['wer']:.1f} | {r['lang_ok']}/{r['legs']} | "
            f"{r['pan_redacted']}/{r['pans']} | {r['dob_redacted']}/{r['dobs']} | {r['leaked_runs']} | "
            f"{r['audio_s_per_cpu_s']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="smoke set, one Spanish call; no results")
    ap.add_argument("--models", default=",".join(RUNGS), help="rungs as MODEL:QUANT, comma-separated")
    ap.add_argument("--parts", default="", help="only legs of these parts (comma-separated)")
    ap.add_argument("--spanish", action="store_true", help="also the Spanish set on the multilingual rungs")
    ap.add_argument("--no-english", action="store_true")
    ap.add_argument("--prompts", default="none", help="none and/or site (the domain prompt), comma-separated")
    args = ap.parse_args(argv)
    import speech_telephone as tel

    rungs = args.models.split(",")
    out: dict[str, Any] = json.loads(OUT.read_text()) if OUT.is_file() else {}
    if not args.no_english:
        rows = english(rungs, args.smoke, [p for p in args.parts.split(",") if p], args.prompts.split(","))
        print(tel.table(rows))
        out["english:" + (args.parts or "all")] = rows  # one entry per part selection
    if args.spanish:
        srows = spanish(rungs, args.smoke)
        print(spanish_table(srows))
        out["spanish"] = srows
    if not args.smoke:  # the smoke run checks the path; it does not replace measured results
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
