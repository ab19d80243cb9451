"""Redaction: PCI and HIPAA detectors over one digit stream per call; spans, never values.

Public face: ``Redactor`` (the stage), ``RedactPolicy`` (switches, reasons, knobs),
``CallRedaction`` (what was decided for a call), ``HoldBack`` (audio waits until cleared),
``receipt`` (per-call record of what was redacted).
"""

from ccedge.core.redact.errors import RedactError
from ccedge.core.redact.policy import KINDS, RedactPolicy, Rule
from ccedge.core.redact.redactor import CallRedaction, Redactor, redact_call

__all__ = ["KINDS", "CallRedaction", "RedactError", "RedactPolicy", "Redactor", "Rule", "redact_call"]
