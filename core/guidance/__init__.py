"""Live compliance guidance: policy packs of rules evaluated on redacted transcripts, key presses
and talk statistics; prompts for supervisors while the call is live, statuses at its end.

Public face: ``load_policy`` / ``parse_policy`` / ``check_policy`` (TOML packs and files),
``GuidanceStage`` (the live event stage), ``evaluate`` (the same over a transcript file).
"""

from ccedge.core.guidance.errors import GuidanceError, PolicyError
from ccedge.core.guidance.evaluator import CallEvaluator, CompiledPolicy
from ccedge.core.guidance.policy import (
    KINDS,
    Policy,
    Rule,
    check_policy,
    load_policy,
    pack_names,
    parse_policy,
)
from ccedge.core.guidance.records import Hit, Line, Prompt, RuleResult
from ccedge.core.guidance.stage import GuidanceStage, evaluate
from ccedge.core.tomlcheck import Problem

__all__ = [
    "KINDS", "CallEvaluator", "CompiledPolicy", "GuidanceError", "GuidanceStage", "Hit", "Line", "Policy",
    "PolicyError", "Problem", "Prompt", "Rule", "RuleResult", "check_policy", "evaluate", "load_policy",
    "pack_names", "parse_policy",
]
