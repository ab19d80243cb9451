"""Scoring redaction against labelled text: precision and recall per kind, entity by entity.

A labelled entity counts as found when a predicted span of the matching kind overlaps it;
a predicted span counts as correct when it overlaps a labelled entity of its kind. The
same scoring is applied to any predictor (ours, Presidio's recognisers) so that figures
are side by side on equal terms.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccedge.core.frames import DtmfEvent, Transcript
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.policy import RedactPolicy
from ccedge.core.redact.redactor import redact_call
from ccedge.testing.redact_synth import Case

# Labels of the Presidio research set and of Presidio's recognisers -> our kinds.
LABEL_TO_KIND = {
    "CREDIT_CARD": "PAN",
    "US_SSN": "SSN",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "STREET_ADDRESS": "ADDRESS",
    "PERSON": "NAME",
    "US_BANK_NUMBER": "ACCOUNT",
    "IBAN_CODE": "ACCOUNT",
}

Span = tuple[int, int, str]  # start, end (characters), kind


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    found: int = 0  # gold entities overlapped by a prediction of the kind
    predicted: int = 0
    correct: int = 0  # predictions overlapping a gold entity of the kind

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float("nan")

    def to_json(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
            "recall": round(self.recall, 4) if self.gold else None,  # type: ignore[dict-item]
            "precision": round(self.precision, 4) if self.predicted else None,  # type: ignore[dict-item]
        }


def predict_text(text: str, policy: RedactPolicy | None = None, call_id: str = "eval") -> list[Span]:
    """Our redactor on one sentence (as one utterance): character spans of what it masks."""
    call = CallText(call_id)
    call.add_transcript(Transcript(call_id, "caller", 0.0, 1.0 + 0.3 * len(text.split()), text))
    res = redact_call(call, policy or RedactPolicy())
    u = call.utts[0]
    out: list[Span] = []
    for t, lab in zip(u.tokens, res.labels[0], strict=True):
        if lab is None:
            continue
        a, b = t.core_span
        if out and out[-1][2] == lab and a - out[-1][1] <= 2:
            out[-1] = (out[-1][0], b, lab)
        else:
            out.append((a, b, lab))
    return out


def score(
    samples: Iterable[tuple[str, Sequence[Span]]],
    predict: Callable[[str], list[Span]],
    kinds: Sequence[str],
) -> dict[str, KindScore]:
    """Score ``predict`` over (text, gold spans) samples for ``kinds``."""
    scores = {k: KindScore() for k in kinds}
    for text, gold in samples:
        pred = predict(text)
        for k in kinds:
            g = [(a, b) for a, b, kk in gold if kk == k]
            p = [(a, b) for a, b, kk in pred if kk == k]
            s = scores[k]
            s.gold += len(g)
            s.predicted += len(p)
            s.found += sum(1 for a, b in g if any(x < b and y > a for x, y in p))
            s.correct += sum(1 for x, y in p if any(x < b and y > a for a, b in g))
    return scores


def load_synth(path: Path) -> list[tuple[str, list[Span]]]:
    """presidio-research's synthetic set (``full_text`` + ``spans``), labels mapped to our kinds."""
    data = json.loads(path.read_text())
    out = []
    for rec in data:
        gold = [
            (int(s["start_position"]), int(s["end_position"]), LABEL_TO_KIND[s["entity_type"]])
            for s in rec["spans"]
            if s["entity_type"] in LABEL_TO_KIND
        ]
        out.append((rec["full_text"], gold))
    return out


def load_presidio_cases(path: Path, kind: str) -> list[tuple[str, list[Span]]]:
    """The labelled positives and negatives of a Presidio recogniser test file.

    Each case of the first ``pytest.mark.parametrize`` table is (text, expected count, …) with
    the expected (start, end) positions in the element that is a tuple of pairs.
    """
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "parametrize"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.List)
        ):
            out = []
            for elt in node.args[1].elts:
                case = ast.literal_eval(elt)
                text, count = case[0], case[1]
                positions: list[tuple[int, int]] = []
                for part in case[2:]:
                    if (
                        isinstance(part, tuple)
                        and part
                        and all(
                            isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, int) for x in p)
                            for p in part
                        )
                    ):
                        positions = list(part)
                        break
                if count and len(positions) != count:
                    continue
                out.append((text, [(a, b, kind) for a, b in positions]))
            return out
    return []


@dataclass(slots=True)
class CaseScore:
    items: int = 0  # sensitive turns / keyed entries
    masked: int = 0  # every number token of it masked (any label)
    labelled: int = 0  # ... and labelled with the expected kind somewhere

    def to_json(self) -> dict[str, float | int]:
        return {
            "items": self.items,
            "recall": round(self.masked / self.items, 4) if self.items else 1.0,
            "kind_correct": round(self.labelled / self.items, 4) if self.items else 1.0,
        }


def score_cases(
    cases: Sequence[Case], policy: RedactPolicy | None = None
) -> tuple[dict[str, CaseScore], float]:
    """Recall per kind on synthetic conversations, and the share of non-sensitive words masked."""
    policy = policy or RedactPolicy()
    scores: dict[str, CaseScore] = {}
    neutral_words = neutral_masked = 0
    for case in cases:
        call = CallText(case.name)
        t = 0.0
        for leg, text, _kind in case.turns:
            d = 0.35 * max(1, len(text.split()))
            call.add_transcript(Transcript(case.name, leg, t, t + d, text))
            t += d + 0.6
        for digit, _kind in case.dtmf:
            call.add_dtmf(DtmfEvent(case.name, "caller", digit, t, t + 0.12, "rfc2833"))
            t += 0.4
        res = redact_call(call, policy)
        for i, (_leg, _text, kind) in enumerate(case.turns):
            u = call.utts[i]
            labels = res.labels[i]
            if not kind:
                neutral_words += len(u.tokens)
                neutral_masked += sum(1 for x in labels if x is not None)
                continue
            s = scores.setdefault(kind, CaseScore())
            s.items += 1
            num = {k for p in u.pieces if p.role == "number" for k in range(p.first, p.last + 1)}
            if all(labels[k] is not None for k in num):
                s.masked += 1
            if kind in labels:
                s.labelled += 1
        keyed = [k for k, (_d, kind) in enumerate(case.dtmf) if kind and kind != "DTMF"]
        if keyed:
            kind = case.dtmf[keyed[0]][1]
            s = scores.setdefault(kind + "-DTMF", CaseScore())
            s.items += 1
            s.masked += all(res.dtmf_labels[k] is not None for k in keyed)
            s.labelled += all(res.dtmf_labels[k] == kind for k in keyed)
    return scores, (neutral_masked / neutral_words if neutral_words else 0.0)


def fake_vcon_call(d: dict[str, Any]) -> CallText:
    """One fake-vcons dialogue (``{uuid, turns: [{role, text}]}``) as a call: agent turns on the
    callee leg (alternating when a turn has no role), 0.3 s a word, 0.5 s between turns."""
    call = CallText(d["uuid"])
    t = 0.0
    for i, turn in enumerate(d["turns"]):
        role = turn.get("role")
        leg = "callee" if role == "agent" or (role is None and i % 2 == 0) else "caller"
        n = len(turn["text"].split())
        call.add_transcript(Transcript(call.call_id, leg, t, t + 0.3 * n, turn["text"]))
        t += 0.3 * n + 0.5
    return call
