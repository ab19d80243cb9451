"""Quality management: scorecards over guidance results, with evidence, re-scoring, disputes,
aggregates per agent/team/period, coaching summaries and the outcome alignment report.

QM does not import guidance: the rule outcomes of a call come through a ``RuleSource``
(``finish(call_id, end_s)``) that whoever wires the stages hands in.
"""

from ccedge.core.qm.aggregates import report
from ccedge.core.qm.errors import QmError, ScorecardError
from ccedge.core.qm.facts import CallFacts, RuleOutcome, RuleSource
from ccedge.core.qm.scorecard import Scorecard, card_names, check_scorecard, load_scorecard, parse_scorecard
from ccedge.core.qm.scoring import ScoreResult, score_call
from ccedge.core.qm.stage import QmStage, build_facts
from ccedge.core.qm.store import QmStore

__all__ = [
    "CallFacts",
    "QmError",
    "QmStage",
    "QmStore",
    "RuleOutcome",
    "RuleSource",
    "ScoreResult",
    "Scorecard",
    "ScorecardError",
    "build_facts",
    "card_names",
    "check_scorecard",
    "load_scorecard",
    "parse_scorecard",
    "report",
    "score_call",
]
