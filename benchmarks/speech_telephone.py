"""Accuracy on telephone calls (issue 15): our live path against faster-whisper, same weights.

Each leg of the telephone evaluation set (``ccedge.testing.telephone``: generated two-party
conversations in the neural and the espeak-ng voice over G.711 with loss/noise/speed, the
shared LibriSpeech/jfk clips through the telephone, the shared real 8 kHz recordings) is
transcribed whole:

* **ccedge**: the appliance's path: our VAD stage cuts the leg into utterances, the engine
  decodes them as the worker pool does (consecutive utterances packed into one window), with
  the configuration under test;
* **faster-whisper int8** on the same CTranslate2 tiny.en weights, with its own Silero VAD
  (``vad_filter=True``) over the whole leg, greedy and beam 5 (its default).

Both are scored with Whisper's English normaliser (``whisper-normalizer``) and jiwer; WER per
part and overall (also with every digit a word of its own, :func:`digits_apart`, the same for
both engines), audio seconds per CPU second, and a check that no word changed utterance
(each word's time lies inside the utterance it was returned for).

    .venv/bin/python benchmarks/speech_telephone.py [--smoke] [--configs default,prompt,...]
Results: benchmarks/results/speech_telephone.json. faster-whisper and whisper-normalizer are
benchmark-only (pip install faster-whisper whisper-normalizer); without them those parts skip.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import pickle
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

from ccedge.core.speech.prompt import domain_prompt

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CCEDGE_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "benchmarks" / "results" / "speech_telephone.json"
CACHE = Path(os.environ.get("CCEDGE_BENCH_CACHE", "/tmp/ccedge-bench-cache"))

# Configurations of our engine: TranscribeOptions overrides (plus "pack": False = one window per
# utterance). "default" is the shipped live configuration.
# The organisations of the set's conversations: what a site configures as its own terms
# (``[speech] terms``); the benchmark's "site" is a contact centre answering for all four.
SENTENCE = ("Hello, thanks for calling. Can I have your date of birth, please? And the card number, the "
            "expiry date and the security code?")
SITE_TERMS = ("first harbor bank", "riverside medical clinic", "summit insurance", "cedar credit union")
NAMES = [t.title() for t in SITE_TERMS]
PROMPT = domain_prompt("contact-centre")  # the appliance's built-in vocabulary
SITE_PROMPT = domain_prompt("contact-centre", NAMES)  # [speech] prompt = "contact-centre" with the names
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "unpacked": {"pack": False},
    "dtw": {"dtw": True},
    "dtw-prompt": {"dtw": True, "initial_prompt": PROMPT},
    "dtw-pad03": {"dtw": True, "segment": {"pad_s": 0.3}},
    "dtw-pause06": {"dtw": True, "segment": {"min_pause_s": 0.6, "pad_s": 0.2}},
    "dtw-long": {"dtw": True, "segment": {"max_utterance_s": 15.0, "min_pause_s": 0.6, "pad_s": 0.2},
                 "pack_seconds": 14.0},
    "dtw-beam5": {"dtw": True, "beam_size": 5},
    # Decoding options, one at a time on the shipped default (issue 15, point 3). None of them
    # touches the VAD's cuts.
    "temp-fallback": {"temperature_inc": 0.2},  # whisper.cpp's own default (we ship 0)
    "no-speech-08": {"no_speech_thold": 0.8},
    "no-speech-off": {"no_speech_thold": 1.0},
    "logprob-off": {"logprob_thold": -100.0},
    "drop-off": {"drop_logprob": -100.0},  # our own whole-segment drop below -2.0
    "nst-off": {"suppress_non_speech": False},
    # The encoder floor for a lone utterance (issue 9: live utterances mostly reach an idle worker
    # alone and pay for 10.24 s of encoder); "unpacked" is how they are decoded then.
    "unpacked-ctx384": {"pack": False, "audio_ctx_min": 384},
    "unpacked-ctx256": {"pack": False, "audio_ctx_min": 256},
    # Segmentation isolated from decoding: our engine on the cuts of faster-whisper's own Silero
    # VAD (its defaults: 2 s of silence ends a chunk, 0.4 s padding; an offline cut, too slow to
    # close an utterance live). The peer on our cuts is the row "faster-whisper ... on our cuts".
    "silero-cuts": {"segment": "silero"},
    # The VAD's pause and padding (the shipped default since issue 15 is 0.6 s / 0.2 s; "pause03" is
    # the one before), then longer pauses and utterances up to a whole sentence, offline-like.
    "flash-all": {"flash_attn": True},  # encoder and decoder: no DTW word times (whisper.cpp)
    "no-flash": {"flash_encoder": False},  # the plain encoder (the PyPI wheel)
    # Issue 9: windows of 768 positions (14 s of packed audio) instead of the 512 floor's 8.9 s, as
    # a backlogged queue packs them (``TranscribeOptions.pack_seconds_backlog``).
    "pack14": {"pack_seconds": 14.0},
    "loops-off": {"keep_before_loop": False},  # a looping segment dropped whole (before 6 December)
    # Issue 9: shorter silence between packed utterances (1.0 s shipped), so more fit one window;
    # words are given back by their midpoints, so a short gap risks moving them.
    "gap03": {"pack_gap_s": 0.3},
    "gap04": {"pack_gap_s": 0.4},
    "gap05": {"pack_gap_s": 0.5},
    "gap06": {"pack_gap_s": 0.6},
    "gap07": {"pack_gap_s": 0.7},
    "gap08": {"pack_gap_s": 0.8},
    "pause03": {"segment": {"min_pause_s": 0.3, "pad_s": 0.1}},
    "pause06": {"segment": {"min_pause_s": 0.6, "pad_s": 0.2}},
    "pause10": {"segment": {"min_pause_s": 1.0, "pad_s": 0.2}},
    "pause20-long": {"segment": {"min_pause_s": 2.0, "pad_s": 0.4, "max_utterance_s": 28.0}},
    # the live pause with longer utterances only (6 December: a read sentence in one window)
    "max12": {"segment": {"max_utterance_s": 12.0}},
    "max15": {"segment": {"max_utterance_s": 15.0}},
    "max12-pack14": {"segment": {"max_utterance_s": 12.0}, "pack_seconds": 14.0},
    # 6 December: bigger packed windows, as faster-whisper's VAD stitches speech into 30 s windows
    "pack20": {"pack_seconds": 20.0},
    "pack28": {"pack_seconds": 28.0},
    "max15-pack20": {"segment": {"max_utterance_s": 15.0}, "pack_seconds": 20.0},
    "max15-pack28": {"segment": {"max_utterance_s": 15.0}, "pack_seconds": 28.0},
    "pack28-fallback": {"pack_seconds": 28.0, "temperature_inc": 0.2},
    # Domain prompting (issue 15): the contact-centre vocabulary, then with the site's own names
    "prompt": {"initial_prompt": PROMPT},
    "prompt-site": {"initial_prompt": SITE_PROMPT},
    "prompt-site-keep": {"initial_prompt": SITE_PROMPT,
                         "drop_logprob": -100.0, "no_speech_thold": 1.0},
    "prompt-names": {"initial_prompt": domain_prompt("", NAMES)},
    "prompt-sentence": {"initial_prompt": domain_prompt(SENTENCE, NAMES)},
    "prompt-sentence-only": {"initial_prompt": SENTENCE},
    "pause06-fallback": {"segment": {"min_pause_s": 0.6, "pad_s": 0.2}, "temperature_inc": 0.2},
    "pause06-nst-off": {"segment": {"min_pause_s": 0.6, "pad_s": 0.2}, "suppress_non_speech": False},
    # The second pass (``speech.turns``): the live cuts regrouped after the call into turns (2 s
    # gap, 28 s, 0.4 s padding, the pauses' own audio), one window each, words given back to the
    # live utterances by time; with the live model, then with Whisper base (its second-pass rung).
    "turns": {"turns": True},
    "turns-gap1": {"turns": {"gap_s": 1.0}},
    "turns-base": {"turns": True, "model": "base"},
    "base": {"model": "base"},
    "turns-fallback": {"turns": True, "temperature_inc": 0.2},
    "turns-base-fallback": {"turns": True, "model": "base", "temperature_inc": 0.2},
    # the second pass as shipped: whole turns, fallback, repeated sentences dropped
    "turns-fallback-rep": {"turns": True, "temperature_inc": 0.2, "drop_repeats": True},
    "turns-base-fallback-rep": {"turns": True, "model": "base", "temperature_inc": 0.2, "drop_repeats": True},
    "turns-base-beam5-rep": {"turns": True, "model": "base", "temperature_inc": 0.2, "drop_repeats": True,
                             "beam_size": 5},
}


# The cue words redaction's context rules and guidance's phrases depend on (issue 15, "domain
# prompting": what a prompt does to them, not only to WER), and the organisations' names.
CUES = ("date of birth", "security code", "expiry", "expiration", "recorded", "card number", "member id",
        "account", "balance", "payment", "social security", "policy number", "verify", "verified")


def cue_counts(refs: list[str], hyps: list[str], cues: tuple[str, ...] = CUES) -> dict[str, tuple[int, int]]:
    """Per cue, (found, said): occurrences in the reference, and how many of them the hypothesis of
    the same leg holds (at most as many as said; lower-cased, punctuation dropped)."""

    def norm(text: str) -> str:
        return " " + " ".join(re.findall(r"[a-z0-9']+", text.lower())) + " "

    out: dict[str, tuple[int, int]] = {}
    for cue in cues:
        found = said = 0
        for r, h in zip(refs, hyps, strict=True):
            n = norm(r).count(f" {cue} ")
            said += n
            found += min(n, norm(h).count(f" {cue} "))
        if said:
            out[cue] = (found, said)
    return out


def normaliser() -> Any:
    try:
        from whisper_normalizer.english import EnglishTextNormalizer
    except ImportError:
        return None
    return EnglishTextNormalizer()


_DIGIT_WORDS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())}


def digits_apart(norm: Any) -> Any:
    """Whisper's normaliser, then every digit a word of its own ("4532" and "4, 5, 3, 2" alike).

    The normaliser joins a number read digit by digit into one token ("four five three two, one
    one two two" -> "45321122") but keeps digits the recogniser wrote apart ("4, 5, 3, 2" -> "4 5 3
    2"), so the same heard digits count as one word or as many depending on how they were
    written; a card number heard right but written apart then scores 15 insertions. Both
    engines' text and the references get the same treatment.
    """

    def apply(text: str) -> str:
        spaced = re.sub(r"\d", lambda m: f" {m.group()} ", norm(text))
        return " ".join(_DIGIT_WORDS.get(w, w) for w in spaced.split())

    return apply


def wer(refs: list[str], hyps: list[str], digits: bool = False) -> float:
    import jiwer

    norm = normaliser()
    if norm is None:
        raise SystemExit("pip install whisper-normalizer (benchmark-only)")
    if digits:
        norm = digits_apart(norm)
    pairs = [(norm(r), norm(h)) for r, h in zip(refs, hyps, strict=True)]
    pairs = [(r, h if h.strip() else "<empty>") for r, h in pairs if r.strip()]
    return float(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]))


def load_set(smoke: bool) -> list[Any]:
    from ccedge.testing.telephone import telephone_set

    key = CACHE / f"telephone-{'smoke' if smoke else 'full'}-v1.pkl"
    if key.is_file():
        legs: list[Any] = pickle.loads(key.read_bytes())
        return legs
    legs = telephone_set(SHARED if SHARED.is_dir() else None, smoke=smoke)
    CACHE.mkdir(parents=True, exist_ok=True)
    key.write_bytes(pickle.dumps(legs))
    return legs


def _ours(model: str, config: dict[str, Any], legs: list[Any], conn: Any) -> None:
    os.environ["OMP_NUM_THREADS"] = "1"
    from ccedge.core.commands.transcribe import utterances as vad_cuts
    from ccedge.core.segment import SegmentConfig
    from ccedge.core.speech.engine import TranscribeOptions, WhisperCppEngine

    cfg = dict(config)
    pack = cfg.pop("pack", True)
    segment = cfg.pop("segment", {})
    regroup = cfg.pop("turns", False)
    cfg.pop("model", None)

    def utterances(call_id: str, leg: str, t0: float, rate: int, pcm: Any) -> list[Any]:
        if segment == "silero":
            return silero_cuts(call_id, leg, rate, pcm)
        return list(vad_cuts(call_id, leg, t0, rate, pcm, SegmentConfig(**segment)))

    engine = WhisperCppEngine(Path(model), TranscribeOptions(n_threads=1, **cfg))
    texts, per_utt = [], []
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    for leg in legs:
        utts = utterances(leg.name, "x", 0.0, leg.rate, leg.samples)
        if regroup:
            per_utt.append([tr.text for tr in by_turns(engine, utts, leg, regroup)])
            texts.append(" ".join(per_utt[-1]))
            continue
        if pack:
            results = engine.transcribe_many(utts)
        else:
            results = [engine.transcribe_one(u) for u in utts]
        per_utt.append([r.transcript.text for r in results])
        texts.append(" ".join(r.transcript.text for r in results))
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    conn.send({"texts": texts, "cpu": cpu, "utts": per_utt})


def by_turns(engine: Any, utts: list[Any], leg: Any, regroup: Any) -> list[Any]:
    """The second pass's decode: ``utts`` regrouped into turns over the leg's audio, each turn one
    window, its words given back to the utterances (one transcript per utterance, in order)."""
    from ccedge.core.speech.turns import split_turn, turns

    out: list[Any] = [None] * len(utts)
    kw = regroup if isinstance(regroup, dict) else {}
    for turn in turns(utts, {utts[0].leg: leg.samples} if utts else {}, leg.rate, **kw):
        whole = engine.transcribe_one(turn.window).transcript
        for i, tr in zip(turn.parts, split_turn(whole, [utts[i] for i in turn.parts]), strict=True):
            out[i] = tr
    return out


def silero_cuts(call_id: str, leg: str, rate: int, pcm: Any) -> list[Any]:
    """The leg cut where faster-whisper's Silero VAD (its default options) finds speech."""
    import numpy as np
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    from ccedge.core.frames import Utterance
    from ccedge.core.speech.audio import to_whisper

    spans = get_speech_timestamps(to_whisper(pcm, rate), VadOptions())
    return [Utterance(call_id, leg, t["start"] / 16000, t["end"] / 16000, rate,
                      np.ascontiguousarray(pcm[t["start"] * rate // 16000:t["end"] * rate // 16000]))
            for t in spans]


def moved_words(packed: list[list[str]], alone: list[list[str]]) -> tuple[int, int]:
    """Words a packed window gave to the wrong utterance. Decoded alone, an utterance's words
    cannot come from elsewhere; so a word that occurs in exactly one utterance of the leg when
    each is decoded alone, and that the packed decode puts in another utterance (and not in
    its own), moved. Only such rare words are judged. Returns (moved, judged)."""
    import re
    from collections import Counter

    def bag(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if len(w) > 2}

    moved = judged = 0
    for leg_p, leg_a in zip(packed, alone, strict=True):
        alone_bags = [bag(t) for t in leg_a]
        seen = Counter(w for b in alone_bags for w in b)
        home = {w: k for k, b in enumerate(alone_bags) for w in b if seen[w] == 1}
        judged += len(home)
        for k, text in enumerate(leg_p):
            moved += sum(1 for w in bag(text) if w in home and home[w] != k and w not in bag(leg_p[home[w]]))
    return moved, judged


def _faster(model: str, beam: int, our_cuts: bool, legs: list[Any], conn: Any) -> None:
    """The peer over each whole leg with its Silero VAD, or (``our_cuts``) over each utterance
    our VAD stage cuts, one window each, without its VAD: decoding compared on the same cuts."""
    os.environ["OMP_NUM_THREADS"] = "1"
    from faster_whisper import WhisperModel

    from ccedge.core.commands.transcribe import utterances as vad_cuts
    from ccedge.core.speech.audio import to_whisper

    def pieces(leg: Any) -> list[Any]:
        if not our_cuts:
            return [to_whisper(leg.samples, leg.rate)]
        return [to_whisper(u.samples, u.rate) for u in vad_cuts(leg.name, "x", 0.0, leg.rate, leg.samples)]

    m = WhisperModel(model, device="cpu", compute_type="int8", cpu_threads=1, num_workers=1)
    texts = []
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    for leg in legs:
        words = []
        for audio in pieces(leg):
            segs, _ = m.transcribe(audio, language="en", beam_size=beam, vad_filter=not our_cuts,
                                   condition_on_previous_text=False)
            words += [s.text.strip() for s in segs]
        texts.append(" ".join(words))
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    conn.send({"texts": texts, "cpu": cpu})


def run(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=target, args=(*args, child))
    p.start()
    child.close()  # so that recv() fails instead of hanging when the child dies
    try:
        out: dict[str, Any] = parent.recv()
    except EOFError:
        p.join()
        raise SystemExit(f"{getattr(target, '__name__', target)} died (exit code {p.exitcode})") from None
    p.join()
    return out


def score(name: str, res: dict[str, Any], legs: list[Any]) -> dict[str, Any]:
    from ccedge.testing.telephone import iter_parts

    hyp = {leg.name: t for leg, t in zip(legs, res["texts"], strict=True)}
    row: dict[str, Any] = {"engine": name}
    for part, members in iter_parts(legs):
        row[part] = wer([m.reference for m in members], [hyp[m.name] for m in members])
    row["all"] = wer([m.reference for m in legs], [hyp[m.name] for m in legs])
    row["all_digits_apart"] = wer([m.reference for m in legs], [hyp[m.name] for m in legs], digits=True)
    cues = cue_counts([m.reference for m in legs], [hyp[m.name] for m in legs], CUES + SITE_TERMS)
    row["cues"] = {k: list(v) for k, v in cues.items()}
    row["cue_recall"] = sum(f for f, _ in cues.values()) / max(sum(n for _, n in cues.values()), 1)
    audio = sum(leg.seconds for leg in legs)
    row["audio_s_per_cpu_s"] = audio / max(res["cpu"], 1e-9)
    row["words_moved"], row["words"] = res.get("moved", 0), res.get("words", 0)
    return row


def table(rows: list[dict[str, Any]]) -> str:
    skip = ("engine", "audio_s_per_cpu_s", "words_moved", "words", "all", "all_digits_apart", "cues",
            "cue_recall")
    parts = [k for k in rows[0] if k not in skip]
    head = ("| engine | " + " | ".join(f"WER % {p}" for p in parts)
            + " | WER % all | WER % all, digits apart | cue words heard | audio s per CPU s | words moved |")
    lines = [head, "|" + "---|" * (len(parts) + 6)]
    for r in rows:
        cells = [f"{100 * r[p]:.1f}" for p in parts]
        found, said = (sum(v[i] for v in r["cues"].values()) for i in (0, 1))
        tail = (f" | {100 * r['all']:.1f} | {100 * r['all_digits_apart']:.1f} | {found}/{said}"
                f" | {r['audio_s_per_cpu_s']:.1f}"
                f" | {r['words_moved']}/{r['words']} |")
        lines.append(f"| {r['engine']} | " + " | ".join(cells) + tail)
    return "\n".join(lines)


def cue_table(rows: list[dict[str, Any]]) -> str:
    """Per cue word, how many of its occurrences each engine heard."""
    cues = sorted({c for r in rows for c in r["cues"]}, key=lambda c: -rows[0]["cues"].get(c, [0, 0])[1])
    lines = ["| engine | " + " | ".join(cues) + " |", "|" + "---|" * (len(cues) + 1)]
    for r in rows:
        cells = [("{}/{}".format(*r["cues"][c]) if c in r["cues"] else "-") for c in cues]
        lines.append(f"| {r['engine']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="one conversation per voice, ours only")
    ap.add_argument("--configs", default="default,unpacked", help=f"of {','.join(CONFIGS)}")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--peer-on-our-cuts", action="store_true",
                    help="also the peer decoding our VAD stage's utterances (segmentation isolated)")
    ap.add_argument("--parts", default="", help="only legs of these parts (comma-separated)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from ccedge.core.speech import find_model
    from ccedge.core.speech.build import source_dir

    legs = load_set(args.smoke)
    if args.parts:
        legs = [leg for leg in legs if leg.part in args.parts.split(",")]
    print(f"telephone set: {len(legs)} legs, {sum(leg.seconds for leg in legs):.0f} s", file=sys.stderr)
    rows = []
    names = args.configs.split(",")
    results = {}
    for name in ["unpacked"] + [n for n in names if n != "unpacked"]:
        t = time.time()
        model = CONFIGS[name].get("model", "tiny.en")
        results[name] = run(_ours, str(find_model("q8_0", model)), CONFIGS[name], legs)
        print(f"  {name}: {time.time() - t:.0f} s", file=sys.stderr)
    for name in names:
        res = results[name]
        alone = results["unpacked"]["utts"]
        if [len(x) for x in res["utts"]] == [len(x) for x in alone]:  # same cuts: comparable
            res["moved"], res["words"] = moved_words(res["utts"], alone)
        rows.append(score(f"ccedge q8_0 {name}", res, legs))
    if not args.smoke and not args.no_peer:
        try:
            import faster_whisper  # noqa: F401
        except ImportError:
            print("faster-whisper not installed: peer skipped", file=sys.stderr)
        else:
            for beam in (1, 5):
                rows.append(score(f"faster-whisper int8 beam {beam} (+ Silero VAD)",
                                  run(_faster, str(source_dir()), beam, False, legs), legs))
            if args.peer_on_our_cuts:
                rows.append(score("faster-whisper int8 beam 1 on our cuts",
                                  run(_faster, str(source_dir()), 1, True, legs), legs))
    print(table(rows))
    print(cue_table(rows))
    out = OUT if not args.parts else OUT.with_name(f"speech_telephone-{args.parts.replace(',', '+')}.json")
    out.parent.mkdir(parents=True, exist_ok=True)  # a subset keeps its own file: the whole set's stays
    out.write_text(json.dumps({"legs": len(legs), "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
