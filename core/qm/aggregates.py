"""Per agent, per team and per site figures over a period, from stored scores and facts.

- average score, auto-fail count, each criterion's failure rate, and a trend (mean of the
  period's second half minus its first half);
- first-contact-resolution proxy: a call is *repeated* when the same caller (the salted hash
  in ``Party.key``, never the number) calls again within ``repeat_days``;
- outcome alignment: for each criterion, how calls that met it differ from calls that missed
  it in repeat rate and in the customer's sentiment recovery, with counts, so a criterion that
  goes with no difference in outcomes shows as such;
- complaint topics per day.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ccedge.core.qm.facts import CallFacts

REPEAT_DAYS = 7.0
MIN_CALLS = 5  # fewer calls on either side: the difference is shown but not judged


def repeats(facts: Sequence[CallFacts], repeat_days: float = REPEAT_DAYS) -> dict[str, bool]:
    """call id -> whether the same caller called again within ``repeat_days`` after it."""
    by_key: dict[str, list[CallFacts]] = defaultdict(list)
    for f in facts:
        if f.caller_key:
            by_key[f.caller_key].append(f)
    out = {f.call_id: False for f in facts}
    for calls in by_key.values():
        calls.sort(key=lambda f: f.started)
        for a, b in itertools.pairwise(calls):
            if b.started - a.started <= repeat_days * 86400:
                out[a.call_id] = True
    return out


def _recovered(f: CallFacts | None) -> bool | None:
    if f is None or "recovered" not in f.sentiment:
        return None
    return bool(f.sentiment["recovered"])


def _group(scores: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in scores:
        groups[s.get(key) or "(none)"].append(s)
    out = []
    for name, rows in sorted(groups.items()):
        rows.sort(key=lambda s: s.get("started") or 0.0)
        totals = [float(s["total"]) for s in rows]
        half = len(totals) // 2
        trend = round(statistics.fmean(totals[half:]) - statistics.fmean(totals[:half]), 1) if half else 0.0
        fails: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for s in rows:
            for c in s["criteria"]:
                if c["status"] in ("met", "missed"):
                    fails[c["id"]][1] += 1
                    fails[c["id"]][0] += c["status"] == "missed"
        out.append(
            {
                key: name,
                "calls": len(rows),
                "average": round(statistics.fmean(totals), 1),
                "auto_failed": sum(1 for s in rows if s["auto_failed"]),
                "trend": trend,
                "failure_rates": {k: round(m / n, 3) for k, (m, n) in sorted(fails.items()) if n},
            }
        )
    return out


def alignment(
    scores: list[dict[str, Any]], facts: dict[str, CallFacts], repeated: dict[str, bool]
) -> list[dict[str, Any]]:
    sides: dict[str, dict[str, list[tuple[bool, bool | None]]]] = defaultdict(
        lambda: {"met": [], "missed": []}
    )
    for s in scores:
        for c in s["criteria"]:
            if c["status"] in ("met", "missed"):
                f = facts.get(s["call_id"])
                sides[c["id"]][c["status"]].append((repeated.get(s["call_id"], False), _recovered(f)))
    out = []
    for cid, side in sorted(sides.items()):
        row: dict[str, Any] = {"criterion": cid}
        for name in ("met", "missed"):
            xs = side[name]
            rec = [r for _, r in xs if r is not None]
            row[name] = {
                "calls": len(xs),
                "repeat_rate": round(sum(r for r, _ in xs) / len(xs), 3) if xs else None,
                "recovery_rate": round(sum(rec) / len(rec), 3) if rec else None,
            }
        m, x = row["met"], row["missed"]
        judged = m["calls"] >= MIN_CALLS and x["calls"] >= MIN_CALLS
        d_rep = (
            None
            if m["repeat_rate"] is None or x["repeat_rate"] is None
            else round(x["repeat_rate"] - m["repeat_rate"], 3)
        )
        d_rec = (
            None
            if m["recovery_rate"] is None or x["recovery_rate"] is None
            else round(m["recovery_rate"] - x["recovery_rate"], 3)
        )
        row["repeat_gap"] = d_rep
        row["recovery_gap"] = d_rec
        if not judged:
            row["verdict"] = "too few calls"
        elif max(abs(d_rep or 0.0), abs(d_rec or 0.0)) >= 0.1:
            row["verdict"] = "matters"
        else:
            row["verdict"] = "no difference in outcomes"
        out.append(row)
    return out


def complaint_topics(facts: Sequence[CallFacts]) -> list[dict[str, Any]]:
    """Per day, how many complaint calls carried each topic."""
    days: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in facts:
        if "complaint" in f.tags:
            day = time.strftime("%Y-%m-%d", time.gmtime(f.started))
            for t in f.tags:
                if t != "complaint":
                    days[day][t] += 1
    return [
        {"day": d, "topics": dict(sorted(v.items(), key=lambda kv: -kv[1]))} for d, v in sorted(days.items())
    ]


def report(scores: list[dict[str, Any]], facts: Sequence[CallFacts],
           context: Sequence[CallFacts] = ()) -> dict[str, Any]:
    """The figures of ``scores``/``facts``; ``context``: other calls that only tell repeats
    (``QmStore.callers_again``: the same callers' later calls outside a one-agent view)."""
    by_id = {f.call_id: f for f in facts}
    rep = repeats([*facts, *context])
    calls = [f for f in facts if f.caller_key]
    fcr = round(1 - sum(rep[f.call_id] for f in calls) / len(calls), 3) if calls else None
    return {
        "calls": len(scores),
        "fcr_proxy": fcr,
        "average": round(statistics.fmean(float(s["total"]) for s in scores), 1) if scores else None,
        "agents": _group(scores, "agent"),
        "teams": _group(scores, "team"),
        "alignment": alignment(scores, by_id, rep),
        "complaint_topics": complaint_topics(facts),
    }
