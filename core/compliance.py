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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ccedge.core.errors import CoreError
from ccedge.core.guidance import GuidanceStage, load_policy
from ccedge.core.qm import QmStage, QmStore, card_names, load_scorecard

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
