"""A call's score against one scorecard version, with the evidence behind each criterion.

Each criterion is ``met``, ``missed`` or ``not_applicable``; N/A criteria leave the
denominator (no payment taken: payment criteria do not count for or against). A section's
score is the met weight over its applicable weight; the total is the weighted mean of the
applicable sections, 0..100. A missed ``auto_fail`` criterion (a mandatory disclosure) makes
the total 0 whatever else was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccedge.core.qm.facts import CallFacts
from ccedge.core.qm.scorecard import Criterion, Scorecard


@dataclass(frozen=True, slots=True)
class ScoreResult:
    call_id: str
    scorecard: str
    version: str
    total: float
    auto_failed: bool
    criteria: tuple[dict[str, Any], ...]
    sections: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "scorecard": self.scorecard,
            "version": self.version,
            "total": self.total,
            "auto_failed": self.auto_failed,
            "criteria": list(self.criteria),
            "sections": list(self.sections),
        }


def criterion_status(c: Criterion, facts: CallFacts) -> tuple[str, list[Any]]:
    if c.rule:
        r = facts.rules.get(c.rule)
        if r is None:
            return "not_applicable", []
        status = {"met": "met", "violated": "missed"}.get(r.get("status", ""), "not_applicable")
        return status, list(r.get("evidence", []))
    if c.sentiment_min is not None:
        if "end" not in facts.sentiment:
            return "not_applicable", []
        end = float(facts.sentiment["end"])
        ev = [{"t0": facts.sentiment.get("end_t", 0.0), "matched": f"customer sentiment at end {end:+.2f}"}]
        return ("met" if end >= c.sentiment_min else "missed"), ev
    if c.talk_ratio_max is not None:
        if facts.agent_talk_ratio is None:
            return "not_applicable", []
        ev = [{"matched": f"agent talk share {facts.agent_talk_ratio:.2f}"}]
        return ("met" if facts.agent_talk_ratio <= c.talk_ratio_max else "missed"), ev
    return "not_applicable", []


def score_call(card: Scorecard, facts: CallFacts, overrides: dict[str, str] | None = None) -> ScoreResult:
    """Score ``facts``; ``overrides`` (criterion -> status) carries accepted disputes."""
    rows: list[dict[str, Any]] = []
    for c in card.criteria:
        status, evidence = criterion_status(c, facts)
        if overrides and c.id in overrides:
            evidence = [*evidence, {"matched": f"status set to {overrides[c.id]} by an accepted dispute"}]
            status = overrides[c.id]
        points = c.weight if status == "met" else 0.0
        rows.append(
            {
                "id": c.id,
                "title": c.title,
                "section": c.section,
                "status": status,
                "weight": c.weight,
                "points": points,
                "auto_fail": c.auto_fail,
                "rule": c.rule,
                "evidence": evidence,
            }
        )
    sections = [{"id": s.id, "title": s.title, "weight": s.weight} for s in card.sections]
    return totals(facts.call_id, card.id, card.version, rows, sections)


def totals(
    call_id: str, card: str, version: str, rows: list[dict[str, Any]], sections: list[dict[str, Any]]
) -> ScoreResult:
    """Section scores and the total from criterion rows (used again when a dispute is accepted)."""
    auto_failed = any(r["auto_fail"] and r["status"] == "missed" for r in rows)
    out = []
    num = den = 0.0
    for s in sections:
        mine = [r for r in rows if r["section"] == s["id"] and r["status"] != "not_applicable"]
        w = sum(r["weight"] for r in mine)
        score = None if w == 0 else 100.0 * sum(r["points"] for r in mine) / w
        out.append({**s, "score": None if score is None else round(score, 1)})
        if score is not None:
            num += s["weight"] * score
            den += s["weight"]
    total = 0.0 if auto_failed else (round(num / den, 1) if den else 100.0)
    return ScoreResult(call_id, card, version, total, auto_failed, tuple(rows), tuple(out))
