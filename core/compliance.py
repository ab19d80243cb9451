"""Guidance and QM as the runtime's event stages, built from the ``[guidance]`` and ``[qm]``
tables of the appliance's configuration.

    [guidance]
    policy = "finance"          # a shipped pack (finance, healthcare, service) or a policy file
    [qm]
    scorecard = "finance"       # a shipped card or a file; default: the card named like the policy
    store = true                # keep scores, facts and disputes in <data dir>/qm.sqlite
    teams = { "ext 101" = "cards" }   # agent label -> team, for per-team aggregates

This module sits above both packages (they never import each other): it hands the guidance
stage to the QM stage as its rule source. Without a ``[guidance]`` table there are no stages.
:class:`Rescorer` scores a call again when the after-call second pass (issue 15) has replaced
its transcript: the better words feed QM too, as a new score row beside the live one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError
from ccedge.core.guidance import GuidanceStage, Line, Policy, evaluate, load_policy
from ccedge.core.language import normalise, unsure_words
from ccedge.core.qm import (
    QmError,
    QmStage,
    QmStore,
    Scorecard,
    ScoreResult,
    build_facts,
    card_names,
    load_scorecard,
    score_call,
)

_GUIDANCE_KEYS = {"policy", "enabled"}
_QM_KEYS = {"scorecard", "store", "teams", "enabled"}


def compliance_stages(guidance: Mapping[str, Any], qm: Mapping[str, Any], data_dir: Path,
                      source: str = "config") -> Sequence[Any]:
    """``[GuidanceStage, QmStage]`` (or fewer) for ``Runtime(event_stages=...)``."""
    for table, got, allowed in (("guidance", guidance, _GUIDANCE_KEYS), ("qm", qm, _QM_KEYS)):
        for k in got:
            if k not in allowed:
                known = ", ".join(sorted(allowed))
                raise CoreError(f"{source}: [{table}] unknown key {k!r} (expected {known})")
    if not guidance or guidance.get("enabled", True) is False:
        return []
    ref = guidance.get("policy")
    if not isinstance(ref, str) or not ref:
        raise CoreError(f"{source}: [guidance] policy must name a pack (finance, healthcare, service) "
                        "or a file")
    policy = load_policy(ref)
    stages: list[Any] = [GuidanceStage(policy)]
    if qm.get("enabled", True) is False:
        return stages
    card_ref = qm.get("scorecard", policy.id if policy.id in card_names() else None)
    if card_ref is None:
        return stages
    if not isinstance(card_ref, str):
        raise CoreError(f"{source}: [qm] scorecard must be a card name or a file")
    card = load_scorecard(card_ref)
    teams = qm.get("teams", {})
    if not isinstance(teams, Mapping) or not all(isinstance(v, str) for v in teams.values()):
        raise CoreError(f"{source}: [qm] teams must be a table of agent label = team name")
    store = QmStore(data_dir / "qm.sqlite") if qm.get("store", True) else None
    stages.append(QmStage(card, rules=stages[0], store=store, teams=teams))
    return stages


SECOND_PASS_SUFFIX = "+2p"  # the version of a score computed on the second pass's transcript


class Rescorer:
    """QM again on a stored call's events after the second pass replaced its utterances.

    The rules are evaluated offline (``guidance.evaluate``, the live evaluator fed in time order)
    on the new utterances and the stored key presses; talk-statistics rules (silence, hold,
    monologue) keep their live outcome, which came from the VAD and hold events and not from
    words. The call's facts are replaced (a later calibration re-score starts from the better
    text) and the score is stored as ``<card version>+2p`` beside the live score, never over it.
    """

    def __init__(self, policy: Policy, card: Scorecard, store: QmStore) -> None:
        self.policy, self.card, self.store = policy, card, store
        self.talk_rules = {r.id for r in policy.rules if r.kind == "talk"}

    def __call__(self, call_id: str, events: Sequence[Mapping[str, Any]]) -> ScoreResult | None:
        lines = [_line(e) for e in events if e.get("type") == "utterance"]
        keys = [(float(e["start_s"]), float(e["end_s"]), str(e.get("role", "unknown")))
                for e in events if e.get("type") == "dtmf"]
        ended = [float(e.get("duration_s", 0.0)) for e in events if e.get("type") == "call_ended"]
        _, results = evaluate(self.policy, lines, keys, end_s=ended[-1] if ended else None)
        try:
            live = self.store.facts(call_id)
        except QmError:  # not scored live (QM switched on later): nothing to keep from it
            live = None
        kept = {k: v for k, v in (live.rules if live else {}).items() if k in self.talk_rules}
        facts = build_facts(
            call_id, [(ln.role, ln.start_s, ln.end_s, ln.text) for ln in lines],
            [r for r in results if r.id not in kept],
            live.agent if live else "", live.team if live else "", live.caller_key if live else "",
            live.started if live else 0.0, ended[-1] if ended else (live.duration_s if live else None))
        facts.rules.update(kept)
        result = score_call(self.card, facts)
        result = replace(result, version=result.version + SECOND_PASS_SUFFIX)
        self.store.put_facts(facts)
        return result if self.store.put_score(result, facts) else None


def _line(e: Mapping[str, Any]) -> Line:
    """A stored utterance event as guidance sees it (the live stage's unsure words included)."""
    text = str(e.get("text", ""))
    heard = ((str(w.get("text", "")), float(w.get("p", 1.0))) for w in e.get("words", ()))
    return Line(str(e.get("role", "unknown")), float(e["start_s"]), float(e["end_s"]), text,
                str(e.get("leg", "")), unsure_words(heard) & set(normalise(text).split()))


def rescorer(stages: Sequence[Any]) -> Rescorer | None:
    """The second pass's QM re-score for the stages :func:`compliance_stages` built (none without
    a QM stage that stores its scores)."""
    guide = next((s for s in stages if isinstance(s, GuidanceStage)), None)
    qm = next((s for s in stages if isinstance(s, QmStage)), None)
    if guide is None or qm is None or qm.store is None:
        return None
    return Rescorer(guide.policy, qm.card, qm.store)
