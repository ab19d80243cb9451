"""Redaction benchmark: recall/precision per kind, latency per utterance, over-masking.

Sets:
  * synthetic conversations (``ccedge.testing.redact_synth``: public test PANs, SSNs, CVVs,
    expiry dates and dates of birth said in many styles, split over turns, read back, keyed
    as DTMF, plus non-sensitive talk with amounts, times and counts) -- always run;
  * presidio-research ``synth_dataset_v2.json`` and the Presidio recogniser test cases, side
    by side with Presidio's pattern recognisers (``pip install presidio-analyzer``;
    benchmark-only, not a project dependency) -- when ../shared/data is present;
  * fake-vcons dialogues, numbers spelled as spoken: share of answers to "what's your SSN /
    date of birth / policy number …" that still hold a number after redaction.

  * the spoken set (``ccedge.testing.spokenset``: 120 bank and clinic calls, espeak-ng and
    piper voices, G.711 RTP with loss, noise and fast speech): tap, VAD, whisper as shipped,
    then redaction under the shipped policy and with parts of it switched off; per kind,
    leaks in text, in stored audio (energy left) and in the stored audio transcribed again,
    over-masking, Luhn-valid runs, time per utterance (``ccedge.testing.spokeneval``).
    Captures and transcripts are cached under tmp/cache/redact (not in git).

Usage: ``python benchmarks/redact.py [--smoke] [--spoken-calls 120] [--budget-min 60]
[--out benchmarks/results/redact.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from ccedge.core.frames import Transcript
from ccedge.core.redact import Redactor, RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import chains
from ccedge.testing.redact_eval import (
    LABEL_TO_KIND,
    Span,
    fake_vcon_call,
    load_presidio_cases,
    load_synth,
    predict_text,
    score,
    score_cases,
)
from ccedge.testing.redact_synth import cases

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CCEDGE_SHARED_DATA", REPO.parent / "shared" / "data"))
PRESIDIO_KINDS = ["PAN", "SSN", "PHONE", "EMAIL"]
OUR_KINDS = [*PRESIDIO_KINDS, "ADDRESS", "NAME"]


def presidio_predictor() -> Any:
    import logging

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # it tries to fetch a suffix list
    try:
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            PhoneRecognizer,
            UsSsnRecognizer,
        )
    except ImportError:
        return None
    recs = [
        (CreditCardRecognizer(), "CREDIT_CARD"),
        (UsSsnRecognizer(), "US_SSN"),
        (EmailRecognizer(), "EMAIL_ADDRESS"),
        (PhoneRecognizer(), "PHONE_NUMBER"),
    ]

    def predict(text: str) -> list[Span]:
        out: list[Span] = []
        for r, ent in recs:
            analyze: Any = r.analyze  # no NLP artefacts: pattern recognisers need none
            for res in analyze(text, [ent], None):
                # AnalyzerEngine's default threshold is 0; keep what a deployment would (>= 0.3).
                if res.score >= 0.3:
                    out.append((res.start, res.end, LABEL_TO_KIND[res.entity_type]))
        return out

    return predict


def text_eval(smoke: bool) -> dict[str, Any]:
    synth_path = SHARED / "text/presidio-research/synth_dataset_v2.json"
    if not synth_path.is_file():
        return {"skipped": "shared data not present"}
    samples = load_synth(synth_path)
    if smoke:
        samples = samples[:300]
    out: dict[str, Any] = {"sentences": len(samples)}
    t = time.perf_counter()
    ours = score(samples, predict_text, OUR_KINDS)
    out["ours_s"] = round(time.perf_counter() - t, 2)
    out["ours"] = {k: v.to_json() for k, v in ours.items()}
    pres = presidio_predictor()
    if pres is not None:
        t = time.perf_counter()
        out["presidio"] = {k: v.to_json() for k, v in score(samples, pres, PRESIDIO_KINDS).items()}
        out["presidio_s"] = round(time.perf_counter() - t, 2)
    tests = SHARED / "text/presidio-tests"
    for fname, kind in (("test_credit_card_recognizer.py", "PAN"), ("test_us_ssn_recognizer.py", "SSN")):
        cs = load_presidio_cases(tests / fname, kind)
        row = {"cases": len(cs), "ours": score(cs, predict_text, [kind])[kind].to_json()}
        if pres is not None:
            row["presidio"] = score(cs, pres, [kind])[kind].to_json()
        out[f"presidio-tests/{kind}"] = row
    return out


def vcons_eval(smoke: bool) -> dict[str, Any]:
    path = SHARED / "text/fake-vcons/fake_vcons_transcripts.jsonl"
    if not path.is_file():
        return {"skipped": "shared data not present"}
    ask = re.compile(
        r"social security|date of birth|card number|account number|policy number|member id|"
        r"phone number|routing|zip",
        re.I,
    )

    def numbers(text: str) -> bool:
        c = CallText("x")
        c.add_transcript(Transcript("x", "caller", 0.0, 5.0, text))
        return any(len(ch) >= 3 for ch in chains(c))

    asked = leaked = words = masked = 0
    lines = path.read_text().splitlines()
    for line in lines[:100] if smoke else lines:
        d = json.loads(line)
        call = fake_vcon_call(d)
        res = redact_call(call, RedactPolicy())
        for i, u in enumerate(call.utts):
            words += len(u.tokens)
            masked += sum(1 for x in res.labels[i] if x is not None)
            if i and ask.search(call.utts[i - 1].text) and numbers(u.text):
                asked += 1
                leaked += numbers(res.transcripts[i].text)
    return {
        "dialogues": min(len(lines), 100) if smoke else len(lines),
        "asked_answers": asked,
        "answers_with_number_left": leaked,
        "leak_rate": round(leaked / asked, 4) if asked else None,
        "words_masked_share": round(masked / words, 4),
    }


def latency(smoke: bool) -> dict[str, Any]:
    """Streaming redaction time per utterance along a long call (every utterance re-checks the call)."""
    turns = [(leg, text) for c in cases() for leg, text, _ in c.turns]
    n = 60 if smoke else 240
    red = Redactor()
    times = []
    t = 0.0
    for k in range(n):
        leg, text = turns[k % len(turns)]
        d = 0.35 * len(text.split())
        tr = Transcript("lat", leg, t, t + d, text)
        t += d + 0.6
        a = time.perf_counter()
        red.process(tr)
        times.append((time.perf_counter() - a) * 1000)
    times.sort()
    return {
        "utterances": n,
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * (n - 1))], 3),
        "max_ms": round(times[-1], 3),
    }


def e2e_eval() -> dict[str, Any]:
    """espeak-ng calls -> pcap -> tap, VAD, whisper, redaction; artefacts searched."""
    import shutil
    import tempfile

    if shutil.which("espeak-ng") is None:
        return {"skipped": "espeak-ng not installed"}
    try:
        from ccedge.core.speech import find_model

        model = find_model()
    except Exception:
        return {"skipped": "transcription model not built"}
    from ccedge.testing.redact_e2e import run

    with tempfile.TemporaryDirectory() as d:
        return run(Path(d), small=False, model=model)


def spoken_eval(
    calls: int, budget_min: float, cache: Path, model: Path | None, limit: int | None = None,
    max_utterance_s: float | None = None,
) -> dict[str, Any]:
    """The spoken set end to end: shipped policy and ablations (windows off, cue matching)."""
    import dataclasses

    from ccedge.core.segment import SegmentConfig
    from ccedge.testing import spokeneval as se
    from ccedge.testing.spokenset import build

    t = time.perf_counter()
    cap, sset = build(cache, calls)
    render_s = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    # Transcripts are cached per model ("shipped" for the built default, the file's stem otherwise)
    # and per VAD cut (the stage's defaults: a new default cuts, and so transcribes, anew) and
    # encoder (the flash encoder's numbers differ slightly from the plain one's).
    from ccedge.core.speech.backend import backend
    from ccedge.core.speech.engine import TranscribeOptions

    seg = SegmentConfig() if max_utterance_s is None else SegmentConfig(max_utterance_s=max_utterance_s)
    vad = f"-vad{seg.min_pause_s}+{seg.pad_s}+{seg.max_utterance_s}"
    flash = "-fenc" if TranscribeOptions().flash_encoder and backend().encoder_flash else ""
    gap = f"-gap{TranscribeOptions().pack_gap_s}"  # packed windows' silence moves DTW's words
    loops = "-loops2"  # the words before a repetition loop kept, their utterance unheard (speech.loops)
    digits = "-runs"  # spoken digit runs joined into one number (speech.tokens.join_digit_runs)
    tag = ("shipped" if model is None else model.stem) + vad + flash + gap + loops + digits
    inputs = se.transcribe(cap, cache, model=model, tag=tag, budget_s=budget_min * 60, max_calls=limit,
                           segment=seg)
    asr_s, asr_cpu = time.perf_counter() - t, time.process_time() - cpu
    audio_s = sum(len(pcm) / rate for c in inputs for rate, pcm in c.legs.values())
    done = {c.call_id for c in inputs}
    sset.values = [v for v in sset.values if v.call_id in done]
    sset.turns = [x for x in sset.turns if x["call_id"] in done]
    shipped = RedactPolicy()
    variants = {
        "shipped": shipped,
        "cues exact+fuzzy": dataclasses.replace(shipped, cue_match=("exact", "fuzzy")),
        "cues exact only": dataclasses.replace(shipped, cue_match=("exact",)),
        "no windows/runs": shipped.with_switches(NUMBER=False),
    }
    out: dict[str, Any] = {
        "calls_generated": calls,
        "calls_scored": len(inputs),
        "render_s": round(render_s, 1),
        "transcribe_s": round(asr_s, 1),
        # Whisper runs in this process: its CPU time is ours. Cached chunks cost nothing here, so
        # the rate is only meaningful for a run that transcribed every call it scores.
        "model": tag,
        "transcribe_cpu_s": round(asr_cpu, 1),
        "leg_audio_s": round(audio_s, 1),
        "variants": {},
    }
    rates = {c.call_id: next(iter(c.legs.values()))[0] for c in inputs}
    for name, pol in variants.items():
        outs = se.redact(inputs, pol)
        again = se.retranscribe(sset, outs, rates, model) if name == "shipped" else None
        out["variants"][name] = se.score(sset, inputs, outs, again)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="small subsets (CI)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks/results/redact.json")
    ap.add_argument("--no-e2e", action="store_true", help="skip the small espeak end-to-end run (minutes)")
    ap.add_argument("--spoken-calls", type=int, default=120, help="calls of the spoken set (0: skip)")
    ap.add_argument("--budget-min", type=float, default=90.0, help="stop transcribing new chunks after this")
    ap.add_argument("--cache", type=Path, default=REPO / "tmp/cache/redact")
    ap.add_argument("--model", type=Path, help="ggml model for the spoken set (default: the built one)")
    ap.add_argument("--calls-limit", type=int, help="score only the first N calls of the spoken set")
    ap.add_argument("--vad-max-utterance-s", type=float,
                    help="cut the spoken set's legs with this longest utterance ([vad] max_utterance_s)")
    args = ap.parse_args(argv)
    sc, over = score_cases(cases())
    res: dict[str, Any] = {
        "synthetic_conversations": {
            "per_kind": {k: v.to_json() for k, v in sc.items()},
            "non_sensitive_words_masked": round(over, 4),
        },
        "latency": latency(args.smoke),
        "presidio_text": text_eval(args.smoke),
        "fake_vcons_spoken": vcons_eval(args.smoke),
        "end_to_end_speech": {"skipped": "--smoke or --no-e2e"} if args.smoke or args.no_e2e else e2e_eval(),
        "spoken_set": {"skipped": "--smoke or --spoken-calls 0"}
        if args.smoke or not args.spoken_calls
        else spoken_eval(args.spoken_calls, args.budget_min, args.cache, args.model, args.calls_limit,
                         args.vad_max_utterance_s),
        "smoke": args.smoke,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1) + "\n")
    print_table(res)
    return 0


def print_table(res: dict[str, Any]) -> None:
    print("synthetic conversations (recall = every number word masked; kind = labelled as that kind)")
    for k, v in res["synthetic_conversations"]["per_kind"].items():
        print(f"  {k:10s} items {v['items']:4d}  recall {v['recall']:.3f}  kind {v['kind_correct']:.3f}")
    print(f"  non-sensitive words masked: {res['synthetic_conversations']['non_sensitive_words_masked']:.4f}")
    lat = res["latency"]
    print(f"latency per utterance: p50 {lat['p50_ms']} ms  p95 {lat['p95_ms']} ms  max {lat['max_ms']} ms")
    pt = res["presidio_text"]
    if "ours" in pt:
        print(f"presidio-research synth_dataset_v2 ({pt['sentences']} sentences): recall / precision")
        for k in OUR_KINDS:
            o = pt["ours"][k]
            p = pt.get("presidio", {}).get(k)
            ps = f"   presidio {p['recall']} / {p['precision']}" if p else ""
            print(f"  {k:8s} gold {o['gold']:4d}  ours {o['recall']} / {o['precision']}{ps}")
        for key in ("presidio-tests/PAN", "presidio-tests/SSN"):
            r = pt[key]
            ps = (
                f"   presidio {r['presidio']['recall']} / {r['presidio']['precision']}"
                if "presidio" in r
                else ""
            )
            print(f"  {key:20s} ours {r['ours']['recall']} / {r['ours']['precision']}{ps}")
    e2e = res["end_to_end_speech"]
    if "recall" in e2e:
        rec = "  ".join(f"{k} {v:.3f} ({e2e['turns'][k]})" for k, v in e2e["recall"].items())
        print(
            f"end to end on speech ({e2e['calls']} calls, {e2e['audio_s']} s audio, {e2e['pipeline_s']} s):"
        )
        print(f"  recall (turn audio >= 95% masked): {rec}")
        print(
            f"  non-sensitive speech masked: {e2e['non_sensitive_speech_masked']}  (agent speech inside "
            f"payment segments, masked by policy: {e2e['agent_speech_in_payment_segments_masked']})"
        )
        print(
            f"  artefact findings: {e2e['artefact_findings'] or 'none'}; "
            f"Luhn-valid PANs in artefacts: {e2e['luhn_pans_in_artefacts']}"
        )
    print_spoken(res["spoken_set"])
    fv = res["fake_vcons_spoken"]
    if "leak_rate" in fv:
        print(
            f"fake-vcons: {fv['asked_answers']} answers to identifier questions, "
            f"{fv['answers_with_number_left']} "
            f"with a number left ({fv['leak_rate']}); words masked overall {fv['words_masked_share']}"
        )


def print_spoken(sp: dict[str, Any]) -> None:
    if "variants" not in sp:
        return
    print(
        f"spoken set: {sp['calls_scored']} of {sp['calls_generated']} calls scored "
        f"(render {sp['render_s']} s, tap+VAD+whisper {sp['transcribe_s']} s)"
    )
    ship = sp["variants"]["shipped"]
    print(
        "  kind    values  text leaks whole/part  audio leaks  re-transcribed leaks"
        "  text recall  audio recall"
    )
    for k, v in ship["per_kind"].items():
        print(
            f"  {k:7s} {v['n']:6d}  {v['text_whole_leaks']:10d} / {v['text_partial_leaks']:<4d}"
            f"  {v['audio_leaks']:11d}  {v['retranscribed_leaks']!s:>20s}  {v['text_recall']:11.3f}"
            f"  {v['audio_recall']:12.3f}"
        )
    print(
        f"  card 7-digit runs in leg text: {ship['pan_7_digit_runs_in_leg_text']}; "
        f"Luhn-valid runs in outputs: {ship['luhn_runs_in_outputs']}; "
        f"over-masking {ship['over_masking']:.4f} (payment segments, masked by policy: "
        f"{ship['payment_segment_speech_masked']:.3f}); latency/utt p50 {ship['latency_ms']['p50']} ms "
        f"p95 {ship['latency_ms']['p95']} ms max {ship['latency_ms']['max']} ms"
    )
    print(f"  negatives masked (share of their speech): {ship['negatives_masked']}")
    print("  variant            text part leaks  audio leaks  over-masking")
    for name, v in sp["variants"].items():
        tl = sum(x["text_partial_leaks"] for x in v["per_kind"].values())
        al = sum(x["audio_leaks"] for x in v["per_kind"].values())
        print(f"  {name:18s} {tl:15d}  {al:11d}  {v['over_masking']:.4f}")


if __name__ == "__main__":
    sys.exit(main())
