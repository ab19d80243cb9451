"""Redacted transcripts as event parts: the one place outside the redactor's own modules where
``RedactedText`` is built (``ccedge.core.events``; a test checks that only ``core.redact`` does).

Everything here takes what the redactor produced (a redacted ``Transcript``, its spans) and
wraps it. When the text still holds a digit run that ``RedactedText`` refuses, the whole
utterance becomes :data:`MASKED` with no words: fail closed (ARCHITECTURE.md invariant 1).
"""

from __future__ import annotations

from collections.abc import Iterable

from ccedge.core.events import RedactedText, SensitiveDataError, SpanOut, WordOut
from ccedge.core.frames import RedactionSpan, Transcript

MASKED_TEXT = "[REDACTED]"


def masked() -> RedactedText:
    return RedactedText(MASKED_TEXT)


def utterance_parts(tr: Transcript) -> tuple[RedactedText, tuple[WordOut, ...], bool]:
    """(text, words, refused) of a transcript the redactor returned; ``refused`` when the
    text or a word still looked sensitive and the whole utterance was masked instead."""
    try:
        text = RedactedText(tr.text)
        words = tuple(WordOut(RedactedText(w.text), w.t0, w.t1, w.p) for w in tr.words)
    except SensitiveDataError:
        return masked(), (), True
    return text, words, False


def spans_out(spans: Iterable[RedactionSpan], leg: str, t0: float, t1: float) -> tuple[SpanOut, ...]:
    """The spans on ``leg`` that touch [t0, t1], clipped to it: kind and detector, no value."""
    return tuple(
        SpanOut(s.kind, max(s.t0, t0), min(s.t1, t1), s.detector)
        for s in spans
        if s.leg == leg and s.t0 < t1 and s.t1 > t0
    )


__all__ = ["MASKED_TEXT", "masked", "spans_out", "utterance_parts"]
