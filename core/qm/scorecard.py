"""Scorecards: versioned TOML of sections and weighted criteria, validated on load.

A criterion takes its status from one source: a guidance ``rule`` (its call status, N/A
when the rule did not apply: no payment taken -> payment criteria N/A), the customer's
``sentiment`` at the end of the call (``sentiment_min``), or the agent's share of talk
(``talk_ratio_max``). ``auto_fail`` criteria (a missed mandatory disclosure) zero the call.
Cards ``finance``, ``healthcare`` and ``service`` ship in ``cards/``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ccedge.core.qm.errors import ScorecardError
from ccedge.core.tomlcheck import LineMap, Problem, toml_error_line

_CARD_KEYS = {"id", "version", "policy", "description"}
_SECTION_KEYS = {"id", "title", "weight"}
_CRITERION_KEYS = {"id", "title", "section", "weight", "auto_fail", "rule", "sentiment_min", "talk_ratio_max"}
_SOURCES = ("rule", "sentiment_min", "talk_ratio_max")


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    weight: float


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: str
    section: str
    weight: float
    auto_fail: bool = False
    rule: str = ""
    sentiment_min: float | None = None
    talk_ratio_max: float | None = None


@dataclass(frozen=True, slots=True)
class Scorecard:
    id: str
    version: str
    policy: str
    sections: tuple[Section, ...]
    criteria: tuple[Criterion, ...]
    source: str = ""


def card_names() -> list[str]:
    return sorted(
        p.name[:-5]
        for p in (resources.files("ccedge.core.qm") / "cards").iterdir()
        if p.name.endswith(".toml")
    )


def load_scorecard(name_or_path: str | Path) -> Scorecard:
    s = str(name_or_path)
    if s in card_names():
        return parse_scorecard(
            (resources.files("ccedge.core.qm") / "cards" / f"{s}.toml").read_text(), f"card:{s}"
        )
    path = Path(s)
    if not path.is_file():
        cards = ", ".join(card_names())
        raise ScorecardError([Problem(s, 0, "", f"no such scorecard or file (cards: {cards})")])
    return parse_scorecard(path.read_text(encoding="utf-8"), str(path))


def check_scorecard(source: str, file: str, rule_ids: set[str] | None = None) -> list[Problem]:
    try:
        parse_scorecard(source, file, rule_ids)
    except ScorecardError as e:
        return e.problems
    return []


def parse_scorecard(source: str, file: str = "<scorecard>", rule_ids: set[str] | None = None) -> Scorecard:
    """Parse and validate; with ``rule_ids`` (the policy's), criteria must name existing rules."""
    try:
        doc = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise ScorecardError([Problem(file, toml_error_line(e), "", f"not valid TOML: {e}")]) from e
    lines = LineMap(source)
    problems: list[Problem] = []

    def fault(table: str, i: int, key: str, item: str, what: str) -> None:
        problems.append(Problem(file, lines.line(table, i, key), item, what))

    def unknown(table: str, i: int, item: str, got: dict[str, Any], allowed: set[str]) -> None:
        for k in got:
            if k not in allowed:
                near = difflib.get_close_matches(k, sorted(allowed), n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                fault(table, i, k, item, f"unknown key '{k}'{hint}")

    def weight(table: str, i: int, item: str, d: dict[str, Any]) -> float:
        w = d.get("weight", 1)
        if isinstance(w, bool) or not isinstance(w, int | float) or w < 0:
            fault(table, i, "weight", item, "'weight' must be a number >= 0")
            return 0.0
        return float(w)

    head = doc.get("scorecard")
    if not isinstance(head, dict):
        fault("scorecard", 0, "", "", "missing [scorecard] table with id, version and policy")
        head = {}
    unknown("scorecard", 0, "", head, _CARD_KEYS)
    for k in ("id", "version", "policy"):
        if not isinstance(head.get(k), str) or not head.get(k):
            fault("scorecard", 0, k, "", f"[scorecard] needs a non-empty string '{k}'")
    sections: list[Section] = []
    for i, s in enumerate(doc.get("sections", [])):
        sid = s.get("id") if isinstance(s, dict) else None
        if not isinstance(sid, str) or not sid:
            fault("sections", i, "id", f"section #{i + 1}", "needs a non-empty string 'id'")
            continue
        unknown("sections", i, f"section {sid}", s, _SECTION_KEYS)
        sections.append(Section(sid, str(s.get("title", sid)), weight("sections", i, f"section {sid}", s)))
    if not sections:
        fault("sections", 0, "", "", "a scorecard needs at least one [[sections]] entry")
    section_ids = {s.id for s in sections}
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for i, c in enumerate(doc.get("criteria", [])):
        cid = c.get("id") if isinstance(c, dict) else None
        if not isinstance(cid, str) or not cid:
            fault("criteria", i, "id", f"criterion #{i + 1}", "needs a non-empty string 'id'")
            continue
        item = f"criterion {cid}"
        if cid in seen:
            fault("criteria", i, "id", item, "duplicate criterion id")
        seen.add(cid)
        unknown("criteria", i, item, c, _CRITERION_KEYS)
        if c.get("section") not in section_ids:
            known = ", ".join(sorted(section_ids))
            fault("criteria", i, "section", item, f"'section' must name a section ({known})")
        sources = [k for k in _SOURCES if k in c]
        if len(sources) != 1:
            fault("criteria", i, "", item, f"needs exactly one of {', '.join(_SOURCES)}")
        rule = c.get("rule", "")
        if "rule" in c and (not isinstance(rule, str) or not rule):
            fault("criteria", i, "rule", item, "'rule' must be a rule id")
        elif rule and rule_ids is not None and rule not in rule_ids:
            fault("criteria", i, "rule", item, f"the policy has no rule '{rule}'")
        for k, lo, hi in (("sentiment_min", -1.0, 1.0), ("talk_ratio_max", 0.0, 1.0)):
            v = c.get(k)
            if k in c and (isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi):
                fault("criteria", i, k, item, f"'{k}' must be a number from {lo:g} to {hi:g}")
        if not isinstance(c.get("auto_fail", False), bool):
            fault("criteria", i, "auto_fail", item, "'auto_fail' must be true or false")
        criteria.append(
            Criterion(
                cid,
                str(c.get("title", cid)),
                str(c.get("section", "")),
                weight("criteria", i, item, c),
                bool(c.get("auto_fail", False)),
                str(rule),
                None if "sentiment_min" not in c else float(c["sentiment_min"]),
                None if "talk_ratio_max" not in c else float(c["talk_ratio_max"]),
            )
        )
    if not criteria:
        fault("criteria", 0, "", "", "a scorecard needs at least one [[criteria]] entry")
    for k in doc:
        if k not in ("scorecard", "sections", "criteria"):
            fault(k, 0, "", "", f"unknown top-level table '{k}' (expected scorecard, sections, criteria)")
    if problems:
        raise ScorecardError(problems)
    return Scorecard(
        str(head["id"]), str(head["version"]), str(head["policy"]), tuple(sections), tuple(criteria), file
    )
