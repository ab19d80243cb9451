"""End-to-end proof on speech: synthetic calls spoken by espeak-ng, redacted, then searched.

``build`` writes a capture of payment and clinic calls in which customers say card numbers
(well-known public test PANs), codes, expiry dates, SSNs and dates of birth in many styles
(digit by digit, with "oh" and "double", in pairs, split across turns, read back by the
agent, keyed as DTMF). ``evaluate`` reads what ``redact_capture`` stored: the share of each
sensitive turn's audio that is masked (silence in the WAV where the words were), the share
of non-sensitive speech masked, and every text artefact searched for the numbers; the masked
WAVs are transcribed again and searched too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ccedge.core.redact.artefacts import scan_files, scan_text
from ccedge.core.redact.callaudio import safe_name
from ccedge.core.redact.speakable import say_digits

PANS = ("4111111111111111", "5555555555554444", "378282246310005", "6011000990139424", "4012888888881881")
SSNS = ("512246789", "078051123", "401321987")
AGENT, CUSTOMER = "callee", "caller"


@dataclass(slots=True)
class LabelledTurn:
    leg: str
    text: str = ""
    kind: str = ""  # "" for non-sensitive talk
    secret: str = ""  # the digits said or keyed (for the artefact search)
    dtmf: str = ""
    in_segment: bool = False  # said inside a payment segment (masked whole by policy)


def scripts(small: bool = False) -> list[tuple[str, list[LabelledTurn]]]:
    """(call id, turns) of the synthetic calls."""
    out: list[tuple[str, list[LabelledTurn]]] = []
    styles = ("words", "double", "pairs", "oh", "words")
    for i, pan in enumerate(PANS[:2] if small else PANS):
        st = styles[i]
        turns = [
            LabelledTurn(AGENT, "Thank you for calling. How can I help you today?"),
            LabelledTurn(CUSTOMER, "I would like to pay my bill please."),
            LabelledTurn(
                AGENT, "Of course. Can I take the long number on the front of the card?", in_segment=True
            ),
        ]
        if i % 2 == 0:
            turns.append(LabelledTurn(CUSTOMER, f"Yes, it is {say_digits(pan, st)}.", "PAN", pan))
        else:
            half = len(pan) // 2
            turns += [
                LabelledTurn(CUSTOMER, say_digits(pan[:half], st, [4, 4]) + ".", "PAN", pan[:half]),
                LabelledTurn(AGENT, "Okay.", in_segment=True),
                LabelledTurn(CUSTOMER, say_digits(pan[half:], st, [4, 4]) + ".", "PAN", pan[half:]),
            ]
        if i == 2:
            turns.append(
                LabelledTurn(AGENT, f"Let me read that back, {say_digits(pan, 'words')}.", "PAN", pan)
            )
        cvv = ("737", "4321", "123", "909", "246")[i]
        turns += [
            LabelledTurn(AGENT, "And the security code on the back of the card?", in_segment=True),
            LabelledTurn(CUSTOMER, say_digits(cvv, "words", [len(cvv)]) + ".", "CVV", cvv),
            LabelledTurn(AGENT, "And the expiry date?", in_segment=True),
            LabelledTurn(CUSTOMER, ("oh nine, twenty seven.", "twelve twenty six.")[i % 2], "EXPIRY", ""),
            LabelledTurn(AGENT, "Please key in your PIN now.", in_segment=True),
            LabelledTurn(CUSTOMER, dtmf="4821", kind="PIN", secret=""),
            LabelledTurn(AGENT, "Thank you, your payment has been processed. Is there anything else?"),
            LabelledTurn(CUSTOMER, "No, that is all. Thank you for your help."),
        ]
        out.append((f"pay{i}@e2e.test", turns))
    for i, ssn in enumerate(SSNS[:1] if small else SSNS):
        dob = ("April fifteenth, nineteen eighty nine", "oh four, one five, one nine eight nine",
               "the second of November, nineteen seventy five")[i]  # fmt: skip
        turns = [
            LabelledTurn(AGENT, "Good morning, this is the clinic. How can I help you?"),
            LabelledTurn(CUSTOMER, "I need to change my appointment for next week."),
            LabelledTurn(AGENT, "Can I have your social security number please?"),
            LabelledTurn(CUSTOMER, f"It is {say_digits(ssn, ('words', 'oh', 'double')[i])}.", "SSN", ssn),
            LabelledTurn(AGENT, "And your date of birth?"),
            LabelledTurn(CUSTOMER, dob + ".", "DOB", ""),
            LabelledTurn(AGENT, "Thank you. I have moved your appointment to Tuesday morning."),
            LabelledTurn(CUSTOMER, "That is great, thank you very much."),
        ]
        out.append((f"clinic{i}@e2e.test", turns))
    return out


def build(path: Path, small: bool = False) -> tuple[list[Any], list[tuple[str, list[LabelledTurn]]]]:
    from ccedge.core.simulate import SyntheticCall, Turn, write_capture

    scr = scripts(small)
    calls = []
    for k, (cid, turns) in enumerate(scr):
        st = [Turn(t.leg, text=t.text) if t.text else Turn(t.leg, dtmf=t.dtmf) for t in turns]
        calls.append(SyntheticCall(cid, st, codec=("PCMU", "PCMA")[k % 2], start=float(k) * 0.5))
    return write_capture(path, calls), scr


def evaluate(
    truths: list[Any],
    scr: list[tuple[str, list[LabelledTurn]]],
    wav_dir: Path,
    original: dict[tuple[str, str], np.ndarray],
    log_texts: list[str] = (),  # type: ignore[assignment]
    retranscribed: str | None = None,
) -> dict[str, Any]:
    """Per-kind recall (turn audio >= 95 % masked), non-sensitive speech masked, artefact search."""
    from ccedge.core.audiofile import read_wav

    per_kind: dict[str, list[int]] = {}
    neutral_total = neutral_masked = seg_total = seg_masked = 0.0
    secrets = sorted({t.secret for _, turns in scr for t in turns if len(t.secret) >= 6})
    for truth, (cid, turns) in zip(truths, scr, strict=True):
        labelled = [t for t in turns]
        speech_truths = [t for t in truth.turns if t.kind == "speech"]
        spoken = [t for t in labelled if t.text]
        for tt, lt in zip(speech_truths, spoken, strict=False):
            path = wav_dir / f"{safe_name(cid, tt.leg)}.wav"
            rate, pcm = read_wav(path)
            pcm = pcm[0] if pcm.ndim > 1 else pcm
            orig = original.get((cid, tt.leg))
            a, b = int(tt.t0 * rate), int(tt.t1 * rate)
            seg = pcm[a:b]
            if orig is not None:
                loud = np.abs(orig[a:b].astype(np.int32)) > 200  # where the words are
                masked = float(np.mean(seg[loud] == 0)) if loud.any() else 1.0
            else:
                masked = float(np.mean(seg == 0)) if len(seg) else 1.0
            if lt.kind:
                per_kind.setdefault(lt.kind, []).append(int(masked >= 0.95))
            elif lt.in_segment:
                seg_total += tt.t1 - tt.t0
                seg_masked += masked * (tt.t1 - tt.t0)
            else:
                neutral_total += tt.t1 - tt.t0
                neutral_masked += masked * (tt.t1 - tt.t0)
    found = scan_files(sorted(wav_dir.glob("*.jsonl")), secrets)
    for i, text in enumerate(log_texts):
        f = scan_text(text, secrets)
        if f:
            found[f"log-{i}"] = sorted(set(f))
    if retranscribed is not None:
        f = scan_text(retranscribed, secrets)
        if f:
            found["retranscribed-masked-audio"] = sorted(set(f))
    return {
        "recall": {k: round(sum(v) / len(v), 4) for k, v in per_kind.items()},
        "turns": {k: len(v) for k, v in per_kind.items()},
        "non_sensitive_speech_masked": round(neutral_masked / neutral_total, 4) if neutral_total else 0.0,
        "agent_speech_in_payment_segments_masked": round(seg_masked / seg_total, 4) if seg_total else 0.0,
        "artefact_findings": found,
        "luhn_pans_in_artefacts": sum(1 for v in found.values() if "pan" in v),
    }


def retranscribe(wav_dir: Path, model: Path | None = None) -> str:
    """The masked WAVs transcribed again (VAD + whisper), one line per utterance."""
    from ccedge.core.audiofile import read_wav
    from ccedge.core.frames import AudioFrame
    from ccedge.core.segment import Segmenter
    from ccedge.core.speech import TranscribeOptions, WhisperCppEngine, find_model

    utts = []
    seg = Segmenter()
    for p in sorted(wav_dir.glob("*.wav")):
        rate, pcm = read_wav(p)
        x = pcm[0] if pcm.ndim > 1 else pcm
        n = int(0.2 * rate)
        for i in range(0, len(x), n):
            utts += seg.process_sync(AudioFrame(p.stem, "x", i / rate, rate, x[i : i + n]))
        utts += seg.end_leg(p.stem, "x")
    with WhisperCppEngine(model or find_model(), TranscribeOptions(n_threads=2)) as eng:
        return "\n".join(t.text for t in eng.transcribe(utts) if t.text)


def run(workdir: Path, small: bool = False, model: Path | None = None) -> dict[str, Any]:
    """Build the calls, run the whole path, and evaluate everything it stored."""
    import io
    import logging
    import time

    from ccedge.core.audiolegs import audio_legs, to_analysis_rate
    from ccedge.core.pipeline import PipelineOptions, redact_capture
    from ccedge.core.redact.policy import RedactPolicy

    cap = workdir / "e2e.pcap"
    wav = workdir / "out"
    truths, scr = build(cap, small)
    original = {(lg.call_id, lg.leg): to_analysis_rate(lg.samples, lg.rate)[0] for lg in audio_legs(cap)}
    logbuf = io.StringIO()
    handler = logging.StreamHandler(logbuf)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    # What an appliance logs: INFO and up from everything, DEBUG from our own code.
    root.setLevel(logging.INFO)
    logging.getLogger("ccedge").setLevel(logging.DEBUG)
    out = io.StringIO()
    try:
        t = time.perf_counter()
        redact_capture(cap, wav, PipelineOptions(policy=RedactPolicy(), model=model), as_json=True, out=out)
        elapsed = time.perf_counter() - t
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    (workdir / "run.log").write_text(logbuf.getvalue())
    (workdir / "run.out").write_text(out.getvalue())
    again = retranscribe(wav, model)
    (workdir / "retranscribed.txt").write_text(again)
    res = evaluate(truths, scr, wav, original, [out.getvalue(), logbuf.getvalue()], again)
    res["calls"] = len(scr)
    res["audio_s"] = round(sum(len(v) for v in original.values()) / 8000.0, 1)
    res["pipeline_s"] = round(elapsed, 1)
    return res
