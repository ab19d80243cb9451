"""``ccedge redact``: redact transcripts read from stdin (JSON lines or plain text).

``ccedge redact [--json]`` reads what ``ccedge transcribe --json`` writes (one object per
utterance: ``call_id``, ``leg``, ``start_s``, ``end_s``, ``text``, ``words``) or plain text
lines, and writes one redacted line per input line, in input order. Lines of one
``call_id`` form one digit stream, so a card number read over several lines is found; lines
without times are taken in order. ``--json`` writes the same keys with the text and words
redacted, plus ``spans`` (leg, start_s, end_s, kind, detector, confidence, reason). A JSON
line holding a DTMF ``digit`` (with ``source``) joins the stream and comes back masked.
The whole input is read before anything is written: a number completed on a later line
must be masked on the earlier ones too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ccedge.core.frames import DtmfEvent, DtmfSource, Transcript, Word
from ccedge.core.redact import RedactError, RedactPolicy, redact_call
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.receipt import build_receipt
from ccedge.core.redact.textin import MAX_JSON_DEPTH, json_depth, lines, text_input

_DEFAULT_CALL = "stdin"
_SOURCES: dict[str, DtmfSource] = {"rfc2833": "rfc2833", "sip-info": "sip-info", "inband": "inband"}
_WORD_S = 0.35  # assumed length of a word when a line carries no times


def register(sub: Any) -> None:
    p = sub.add_parser("redact", help="redact transcripts (stdin) or a whole capture")
    p.add_argument(
        "capture",
        nargs="?",
        type=Path,
        metavar="CAPTURE",
        help="pcap/pcapng: tap -> VAD -> transcription -> redaction (needs --wav-dir)",
    )
    p.add_argument("--json", action="store_true", help="JSON lines out, with spans")
    p.add_argument("--policy", type=Path, help="redaction policy (JSON: rules, triggers, knobs)")
    p.add_argument("--receipt", type=Path, help="write one redaction receipt per call (JSON lines) here")
    p.add_argument("--wav-dir", type=Path, help="with CAPTURE: write masked audio per leg here")
    p.add_argument("--model", type=Path, help="with CAPTURE: ggml model file (default: the built model)")
    p.set_defaults(func=_run)


def _policy(args: argparse.Namespace) -> RedactPolicy:
    return RedactPolicy.load(args.policy) if args.policy else RedactPolicy()


def _run(args: argparse.Namespace) -> int:
    policy = _policy(args)
    if args.capture is not None:
        if args.wav_dir is None:
            raise RedactError("redacting a capture needs --wav-dir for the masked audio")
        from ccedge.core.pipeline import PipelineOptions, redact_capture

        opts = PipelineOptions(policy=policy, model=args.model.resolve() if args.model else None)
        redact_capture(args.capture, args.wav_dir, opts, as_json=args.json, receipt=args.receipt)
        return 0
    inp = text_input(sys.stdin.buffer)
    return redact_stream(inp, sys.stdout, policy, as_json=args.json, receipt=args.receipt)


def _parse(
    line: str, n: int, last_t1: dict[str, float]
) -> tuple[dict[str, Any] | None, Transcript | DtmfEvent]:
    obj: Any = None
    s = line.strip()
    if s.startswith("{"):
        if json_depth(s) > MAX_JSON_DEPTH:
            raise RedactError(f"line {n}: JSON nested deeper than {MAX_JSON_DEPTH} levels (refused)")
        try:
            obj = json.loads(s)
        except (ValueError, RecursionError):
            obj = None
    if not isinstance(obj, dict):
        text = line.rstrip("\n")
        t0 = last_t1.get(_DEFAULT_CALL, 0.0) + 0.5
        t1 = t0 + _WORD_S * max(1, len(text.split()))
        last_t1[_DEFAULT_CALL] = t1
        return None, Transcript(_DEFAULT_CALL, "caller", t0, t1, text)
    call_id = str(obj.get("call_id", _DEFAULT_CALL))
    leg = str(obj.get("leg", "caller"))
    if "digit" in obj and "text" not in obj:
        t0 = _num(obj.get("start_s"), last_t1.get(call_id, 0.0) + 0.2, f"line {n}: start_s")
        t1 = _num(obj.get("end_s"), t0 + 0.1, f"line {n}: end_s")
        last_t1[call_id] = max(last_t1.get(call_id, 0.0), t1)
        src = str(obj.get("source", "rfc2833"))
        if src not in _SOURCES:
            raise RedactError(f"line {n}: DTMF source must be rfc2833, sip-info or inband")
        return obj, DtmfEvent(call_id, leg, str(obj["digit"])[:1], t0, t1, _SOURCES[src])
    body = obj.get("text")
    if not isinstance(body, str):
        raise RedactError(f"line {n}: JSON object has no text field")
    text = body
    words_in = obj.get("words") or []
    if not isinstance(words_in, list):
        raise RedactError(f"line {n}: words must be a list")
    if "start_s" in obj:
        t0 = _num(obj.get("start_s"), 0.0, f"line {n}: start_s")
        t1 = _num(obj.get("end_s"), t0, f"line {n}: end_s")
    else:
        t0 = last_t1.get(call_id, 0.0) + 0.5
        t1 = t0 + _WORD_S * max(1, len(text.split()))
    words = []
    for k, w in enumerate(words_in):
        if not isinstance(w, dict):
            raise RedactError(f"line {n}: word {k} is not an object")
        words.append(
            Word(
                str(w.get("word", "")),
                _num(w.get("start_s"), t0, f"line {n}: word start_s"),
                _num(w.get("end_s"), t1, f"line {n}: word end_s"),
                _num(w.get("p"), 1.0, "p"),
            )
        )
    unheard = obj.get("unheard") or []
    if not isinstance(unheard, list) or not all(isinstance(x, list) and len(x) == 2 for x in unheard):
        raise RedactError(f"line {n}: unheard must be a list of [start_s, end_s] pairs")
    gone = tuple((_num(a, t0, f"line {n}: unheard start_s"), _num(b, t1, f"line {n}: unheard end_s"))
                 for a, b in unheard)
    last_t1[call_id] = max(last_t1.get(call_id, 0.0), t1)
    return obj, Transcript(call_id, leg, t0, t1, text, tuple(words), str(obj.get("model", "")), gone)


# Keys copied from an input line to its output line; any other key is dropped, since its
# value has not been through redaction.
_KEYS = ("call_id", "leg", "start_s", "end_s", "text", "words", "model", "digit", "source", "language",
         "unheard")


def _known(obj: dict[str, Any] | None) -> dict[str, Any]:
    return {k: obj[k] for k in _KEYS if obj is not None and k in obj}


def _num(v: Any, default: float, what: str) -> float:
    if v is None:
        return default
    try:
        return float(v)
    except (TypeError, ValueError) as e:
        raise RedactError(f"{what} is not a number") from e


def redact_stream(
    inp: TextIO, out: TextIO, policy: RedactPolicy, as_json: bool = False, receipt: Path | None = None
) -> int:
    calls: dict[str, CallText] = {}
    order: list[tuple[dict[str, Any] | None, str, str, int]] = []  # (obj, call_id, kind, index)
    last_t1: dict[str, float] = {}
    for n, line in lines(inp):
        if not line.strip():
            order.append((None, "", "blank", 0))
            continue
        obj, item = _parse(line, n, last_t1)
        c = calls.setdefault(item.call_id, CallText(item.call_id))
        if isinstance(item, Transcript):
            order.append((obj, item.call_id, "text", c.add_transcript(item).index))
        else:
            order.append((obj, item.call_id, "dtmf", c.add_dtmf(item)))
    results = {cid: redact_call(c, policy) for cid, c in calls.items()}
    for obj, cid, kind, idx in order:
        if kind == "blank":
            out.write("\n")
            continue
        res = results[cid]
        if kind == "dtmf":
            ev = calls[cid].dtmf[idx]
            lab = res.dtmf_labels[idx] or "DTMF"
            if as_json:
                o = _known(obj)
                o["digit"] = f"[{lab}]"
                o["spans"] = [
                    _span_json(s, policy)
                    for s in res.spans
                    if s.leg == ev.leg and s.t0 <= ev.t1 and s.t1 >= ev.t0
                ]
                out.write(json.dumps(o, ensure_ascii=False) + "\n")
            else:
                out.write(f"[{lab}]\n")
            continue
        tr = res.transcripts[idx]
        if not as_json:
            out.write(tr.text + "\n")
            continue
        o = _known(obj) if obj is not None else {"call_id": cid, "leg": tr.leg}
        o["text"] = tr.text
        if obj is not None and isinstance(obj.get("words"), list):
            o["words"] = [
                {**{k: w[k] for k in ("start_s", "end_s", "p") if k in w}, "word": rw.text}
                for w, rw in zip(obj["words"], tr.words, strict=False)
                if isinstance(w, dict)
            ]
        o["spans"] = [
            _span_json(s, policy, tr.t0, tr.t1)
            for s in res.spans
            if s.leg == tr.leg and s.t0 < tr.t1 and s.t1 > tr.t0
        ]
        out.write(json.dumps(o, ensure_ascii=False) + "\n")
    out.flush()
    if receipt is not None:
        with receipt.open("w") as f:
            for cid, res in results.items():
                f.write(json.dumps(build_receipt(calls[cid], res, policy).to_json()) + "\n")
    return 0


def _span_json(s: Any, policy: RedactPolicy, lo: float = -1e18, hi: float = 1e18) -> dict[str, Any]:
    return {
        "leg": s.leg,
        "start_s": round(max(s.t0, lo), 3),
        "end_s": round(min(s.t1, hi), 3),
        "kind": s.kind,
        "detector": s.detector,
        "confidence": round(s.confidence, 3),
        "reason": policy.reason(s.kind),
    }
