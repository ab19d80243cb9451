"""The one exception base of ``ccedge.core.tap`` (SIP, SDP, TCP, RTP, SRTP, calls)."""

from __future__ import annotations

from ccedge.core.errors import CoreError


class TapError(CoreError):
    """Base of every error raised by the tap. Messages name the field, never call content."""


class TapParseError(TapError, ValueError):
    """A wire message that cannot be parsed; ``field`` names the part that is wrong.

    ``reason`` is a short stable key (``sip.bad-start-line``) that the tap counts in
    ``TapReport.stats`` for every message it rejects.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


__all__ = ["TapError", "TapParseError"]
