"""DTMF carried in SIP INFO bodies: ``application/dtmf-relay`` and ``application/dtmf``.

Neither has an RFC of its own; both are de-facto formats (Cisco's dtmf-relay, used by most
PBXs and SBCs): ``Signal=<digit>`` and ``Duration=<milliseconds>`` lines, or for
``application/dtmf`` the digit alone. Some stacks send the RFC 4733 §3.2 event code
(10 for ``*``, 11 for ``#``) instead of the character.
"""

from __future__ import annotations

import re

DTMF_CONTENT_TYPES = ("application/dtmf-relay", "application/dtmf")
DTMF_DIGITS = "0123456789*#ABCD"
DEFAULT_DURATION_S = 0.1
_SIGNAL = re.compile(r"(?im)^\s*signal\s*=\s*(\S+)")
_DURATION = re.compile(r"(?im)^\s*duration\s*=\s*(\d+)")


def dtmf_digit(signal: str) -> str | None:
    s = signal.strip().upper()
    if len(s) == 1 and s in DTMF_DIGITS:
        return s
    if s.isdigit() and int(s) < len(DTMF_DIGITS):
        return DTMF_DIGITS[int(s)]
    return None


def parse_dtmf_body(body: bytes) -> tuple[str | None, float]:
    """(digit or None when the body names none, duration in seconds)."""
    text = body.decode("ascii", "replace")
    m = _SIGNAL.search(text)
    digit = dtmf_digit(m.group(1) if m else text.strip())
    dm = _DURATION.search(text)
    return digit, int(dm.group(1)) / 1000.0 if dm else DEFAULT_DURATION_S


__all__ = ["DTMF_CONTENT_TYPES", "DTMF_DIGITS", "dtmf_digit", "parse_dtmf_body"]
