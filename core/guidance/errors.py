"""Errors of the guidance package; messages name the file, line and rule, never call content."""

from __future__ import annotations

from ccedge.core.errors import CoreError
from ccedge.core.tomlcheck import Problem


class GuidanceError(CoreError):
    """Base of every error raised by ``ccedge.core.guidance``."""


class PolicyError(GuidanceError):
    """A policy file that cannot be used; ``problems`` lists every fault found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


__all__ = ["GuidanceError", "PolicyError", "Problem"]
