"""``ccedge score TRANSCRIPT_JSONL --policy PACK|FILE [--json]``: guidance and QM over a transcript.

Input: JSON lines in the ``ccedge redact --json`` / ``utterance`` event shape (``call_id``,
``start_s``, ``end_s``, ``text``, optional ``words``), each with ``role`` (``agent`` or
``customer``) or else ``leg``: ``caller``/``callee`` (``--direction inbound``, the default:
the callee is the agent; ``outbound``: the caller is) or ``agent``/``customer``. A line with a
``digit`` key is a key press. Optional per-line keys ``agent``, ``team``, ``caller_key`` and
``started`` (epoch seconds) describe the call for ``--store``. Text goes through the redactor
again before anything is evaluated or printed (a transcript that was not redacted still never
shows a card number). A bad line is reported on stderr (``line N: ...``), counted and skipped.

Output per call: the prompts with their times, each rule's status and the scorecard;
``--json`` writes one object per call: ``{"call_id", "policy", "prompts": [...],
"rules": [{"id", "status", "evidence": [...]}, ...], "score": {"total", "criteria": [...]},
"summary", "sentiment", "tags"}``. ``--store`` keeps scores and facts for ``ccedge qm report``.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError

_LEG_ROLE = {
    "inbound": {"callee": "agent", "caller": "customer"},
    "outbound": {"caller": "agent", "callee": "customer"},
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score",
        help="guidance prompts and QM score of a transcript",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("transcript", type=Path, metavar="TRANSCRIPT_JSONL", help="JSON lines ('-' for stdin)")
    p.add_argument("--policy", required=True, help="policy pack name (finance, healthcare, service) or file")
    p.add_argument("--scorecard", help="scorecard name or file (default: the one named like the policy)")
    p.add_argument(
        "--direction",
        choices=("inbound", "outbound"),
        default="inbound",
        help="which leg is the agent when lines carry only caller/callee (default inbound)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per call")
    p.add_argument("--exact", action="store_true", help="exact phrase matching only (no fuzzy)")
    p.add_argument("--store", action="store_true", help="keep the scores for 'ccedge qm report'")
    p.add_argument("--data-dir", type=Path, help="with --store: data directory (default: the appliance's)")
    p.set_defaults(func=_run)


def read_calls(text: str, direction: str = "inbound") -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Lines grouped per call, re-redacted, each with its ``role``; and one message per bad line."""
    from ccedge.core.commands.redact import redact_stream
    from ccedge.core.language import normalise, unsure_words
    from ccedge.core.redact import RedactPolicy

    errors: list[str] = []
    kept: list[tuple[int, dict[str, Any]]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except ValueError:
            errors.append(f"line {n}: not a JSON object")
            continue
        if not isinstance(obj, dict):
            errors.append(f"line {n}: not a JSON object")
            continue
        role: str | None = obj["role"] if obj.get("role") in ("agent", "customer") else None
        leg = str(obj.get("leg"))
        role = role or _LEG_ROLE[direction].get(leg) or (leg if leg in ("agent", "customer") else None)
        if "digit" not in obj and role is None:
            errors.append(f"line {n}: no role: give role (agent/customer) or leg (caller/callee)")
            continue
        if "digit" not in obj and not isinstance(obj.get("text"), str):
            errors.append(f"line {n}: no text")
            continue
        try:
            t0 = float(obj["start_s"]) if "start_s" in obj else 0.0
            t1 = float(obj["end_s"]) if "end_s" in obj else t0
        except (TypeError, ValueError):
            errors.append(f"line {n}: start_s/end_s is not a number")
            continue
        if not (math.isfinite(t0) and math.isfinite(t1)):
            errors.append(f"line {n}: start_s/end_s is not a finite number")
            continue
        r = role or "unknown"
        # Only what guidance needs goes on: a key press keeps its time, never its digit.
        default_leg = {"agent": "callee", "customer": "caller"}.get(r, "unknown")
        clean: dict[str, Any] = {"call_id": str(obj.get("call_id", "call")), "start_s": t0,
                                 "end_s": max(t0, t1), "role": r, "leg": str(obj.get("leg", default_leg))}
        if "digit" in obj:
            clean["digit"] = "[DTMF]"
        else:
            clean["text"] = obj["text"]
            clean["unsure"] = unsure_words(_word_probs(obj))  # kept below only if in the redacted text
        for k in ("agent", "team", "caller_key"):
            if isinstance(obj.get(k), str):
                clean[k] = obj[k]
        if isinstance(obj.get("started"), int | float) and math.isfinite(obj["started"]):
            clean["started"] = float(obj["started"])
        kept.append((n, clean))
    texts = [o for _, o in kept if "text" in o]
    out = io.StringIO()
    keys = ("call_id", "leg", "start_s", "end_s", "text")
    src = "".join(json.dumps({k: o[k] for k in keys}) + "\n" for o in texts)
    redact_stream(io.StringIO(src), out, RedactPolicy(), as_json=True)
    for o, red in zip(texts, out.getvalue().splitlines(), strict=True):
        o["text"] = json.loads(red)["text"]
        o["unsure"] = sorted(o["unsure"] & set(normalise(o["text"]).split()))  # never a redacted word
    calls: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, o in kept:
        calls[o["call_id"]].append(o)
    return calls, errors


def _word_probs(obj: dict[str, Any]) -> list[tuple[str, float]]:
    """(word, probability) of a line's ``words``, when the recogniser gave them."""
    words = obj.get("words")
    if not isinstance(words, list):
        return []
    return [(str(w.get("word", w.get("text", ""))), float(w["p"])) for w in words
            if isinstance(w, dict) and isinstance(w.get("p"), int | float) and math.isfinite(w["p"])]


def score_lines(
    lines: list[dict[str, Any]], policy: Any, card: Any, fuzzy: bool | None = None
) -> dict[str, Any]:
    """Guidance and QM over one call's (redacted) lines: the ``--json`` object."""
    from ccedge.core.guidance import Line, evaluate
    from ccedge.core.qm import build_facts, score_call

    utts = [
        Line(
            d["role"],
            float(d.get("start_s", 0.0)),
            float(d.get("end_s", d.get("start_s", 0.0))),
            str(d.get("text", "")),
            str(d.get("leg", "")),
            frozenset(d.get("unsure", ())),
        )
        for d in lines
        if "digit" not in d
    ]
    keys = [
        (float(d.get("start_s", 0.0)), float(d.get("end_s", d.get("start_s", 0.0))), d["role"])
        for d in lines
        if "digit" in d
    ]
    prompts, results = evaluate(policy, utts, keys, fuzzy=fuzzy)
    call_id = str(lines[0].get("call_id", "call")) if lines else "call"
    meta = lines[0] if lines else {}
    facts = build_facts(
        call_id,
        [(u.role, u.start_s, u.end_s, u.text) for u in utts],
        results,
        str(meta.get("agent", "")),
        str(meta.get("team", "")),
        str(meta.get("caller_key", "")),
        float(meta.get("started", 0.0)),
    )
    score = score_call(card, facts) if card is not None else None
    return {
        "call_id": call_id,
        "policy": f"{policy.id} {policy.version}",
        "prompts": [p.to_json() for p in prompts],
        "rules": [r.to_json() for r in results],
        "score": score.to_json() if score else None,
        "summary": facts.summary,
        "sentiment": facts.sentiment,
        "tags": facts.tags,
        "_facts": facts,
        "_score": score,
    }


def _run(args: argparse.Namespace) -> int:
    from ccedge.core.guidance import load_policy
    from ccedge.core.qm import card_names, load_scorecard

    policy = load_policy(args.policy)
    card_ref = args.scorecard or (policy.id if policy.id in card_names() else None)
    card = load_scorecard(card_ref) if card_ref else None
    if args.transcript == Path("-"):
        text = sys.stdin.read()
    elif not args.transcript.is_file():
        raise CoreError(f"no such file: {args.transcript}")
    else:
        text = args.transcript.read_text(encoding="utf-8", errors="replace")
    calls, errors = read_calls(text, args.direction)
    for e in errors:
        print(f"ccedge score: {e}", file=sys.stderr)
    store = None
    if args.store:
        from ccedge.core.config import data_dir
        from ccedge.core.qm import QmStore

        store = QmStore((args.data_dir or data_dir()) / "qm.sqlite")
    for lines in calls.values():
        res = score_lines(lines, policy, card, fuzzy=False if args.exact else None)
        facts, score = res.pop("_facts"), res.pop("_score")
        if store is not None and score is not None:
            store.put_facts(facts)
            store.put_score(score, facts)
        if args.json:
            print(json.dumps(res, ensure_ascii=False))
        else:
            _print(res)
    if errors:
        print(f"ccedge score: {len(errors)} bad line(s) skipped", file=sys.stderr)
    return 1 if errors and not calls else 0


def _print(res: dict[str, Any]) -> None:
    print(f"call {res['call_id']} — policy {res['policy']}")
    for p in res["prompts"]:
        due = f" (due {p['due_by_s']:.0f} s)" if p["due_by_s"] is not None else ""
        print(f"  {p['t']:7.1f} s  {p['state']:8} {p['severity']:8} {p['rule']}: {p['message']}{due}")
    print("  rules:")
    for r in res["rules"]:
        ev = r["evidence"][0] if r["evidence"] else None
        where = f'  @{ev["t0"]:.1f} s "{ev["matched"]}"' if ev else ""
        print(f"    {r['status']:15} {r['id']}{where}")
    s = res["score"]
    if s is not None:
        fail = "  AUTO-FAIL" if s["auto_failed"] else ""
        print(f"  score {s['scorecard']} v{s['version']}: {s['total']:.1f}{fail}")
        for c in s["criteria"]:
            print(f"    {c['status']:15} {c['points']:4.0f}/{c['weight']:<4.0f} {c['id']}")
    if res["summary"].get("reason"):
        print(f"  reason: {res['summary']['reason']['text']}")
    if res["tags"]:
        print(f"  tags: {', '.join(res['tags'])}")
