"""What guidance works on and hands back: plain records with call-relative times."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["met", "violated", "not_applicable"]
LiveState = Literal["idle", "open", "met", "violated"]


@dataclass(frozen=True, slots=True)
class Line:
    """One (redacted) utterance as guidance sees it."""

    role: str  # agent, customer or unknown
    start_s: float
    end_s: float
    text: str
    leg: str = ""
    unsure: frozenset[str] = frozenset()  # normalised words the recogniser was unsure of


@dataclass(frozen=True, slots=True)
class Hit:
    """Evidence: where something was said (or keyed, or measured) and what decided."""

    t0: float
    t1: float
    role: str
    text: str = ""  # the redacted utterance
    phrase: str = ""  # the policy phrase or mask that matched, or what was measured
    score: float = 100.0

    def to_json(self) -> dict[str, Any]:
        return {"t0": round(self.t0, 2), "t1": round(self.t1, 2), "role": self.role, "text": self.text,
                "matched": self.phrase, "score": round(self.score, 1)}


@dataclass(frozen=True, slots=True)
class RuleState:
    status: LiveState
    evidence: tuple[Hit, ...] = ()
    due_by: float | None = None


@dataclass(frozen=True, slots=True)
class RuleResult:
    """A rule's status for a whole call, with the evidence that decided it."""

    id: str
    kind: str
    severity: str
    status: Status
    evidence: tuple[Hit, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "severity": self.severity, "status": self.status,
                "evidence": [h.to_json() for h in self.evidence]}


@dataclass(frozen=True, slots=True)
class Prompt:
    """A live prompt: opened, cleared (satisfied) or violated at call time ``t``."""

    t: float
    rule: str
    severity: str
    message: str
    state: Literal["open", "cleared", "violated"]
    evidence: tuple[Hit, ...] = ()
    due_by: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"t": round(self.t, 2), "rule": self.rule, "severity": self.severity, "state": self.state,
                "message": self.message, "due_by_s": None if self.due_by is None else round(self.due_by, 2),
                "evidence": [h.to_json() for h in self.evidence]}
