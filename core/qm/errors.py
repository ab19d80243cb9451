"""Errors of the QM package; messages name the file, line and criterion, never call content."""

from __future__ import annotations

from ccedge.core.errors import CoreError
from ccedge.core.tomlcheck import Problem


class QmError(CoreError):
    """Base of every error raised by ``ccedge.core.qm``."""


class ScorecardError(QmError):
    """A scorecard that cannot be used; ``problems`` lists every fault found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")
