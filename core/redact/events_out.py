"""Redacted transcripts as event parts: the one place outside the redactor's own modules where
``RedactedText`` is built (``ccedge.core.events``; a test checks that only ``core.redact`` does).

Everything here takes what the redactor produced (a redacted ``Transcript``, its spans) and
wraps it. When the text still holds a digit run that ``RedactedText`` refuses, the whole
utterance becomes :data:`MASKED` with no words: fail closed (ARCHITECTURE.md invariant 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ccedge.core.events import RedactedText, SensitiveDataError, SpanOut, WordOut
from ccedge.core.frames import RedactionSpan, Transcript, Word
from ccedge.core.redact.digitstream import numberish
from ccedge.core.redact.spoken import SCALE

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


NUMBER_WORD = "[NUMBER]"
_SLACK_S = 0.05  # a word this near a number (their times come from the same tokens) is part of it


def utterance_parts_masking(tr: Transcript, numbers: Iterable[tuple[float, float]]
                            ) -> tuple[RedactedText, tuple[WordOut, ...], bool]:
    """Like :func:`utterance_parts`, with every word inside one of ``numbers`` (start, end),
    every word with a digit and every spoken digit word read as ``[NUMBER]`` (runs of them as
    one): the live first version of an utterance whose numbers could still grow. Without word
    times there is nothing to place the numbers by: the whole utterance is masked."""
    spans = list(numbers)
    if not tr.words:
        return (masked(), (), True) if tr.text else utterance_parts(tr)
    kept: list[Word] = []
    for w in tr.words:
        bare = w.text.strip(".,?!:;\"'-").lower()
        hidden = (any(ch.isdigit() for ch in w.text) or numberish(bare) or bare in SCALE
                  or any(w.t0 < b + _SLACK_S and w.t1 > a - _SLACK_S for a, b in spans))
        if not hidden:
            kept.append(w)
        elif not kept or kept[-1].text != NUMBER_WORD:
            kept.append(Word(NUMBER_WORD, w.t0, w.t1, w.p))
        else:
            kept[-1] = Word(NUMBER_WORD, kept[-1].t0, w.t1, min(kept[-1].p, w.p))
    return utterance_parts(replace(tr, text=" ".join(w.text for w in kept), words=tuple(kept)))


def spans_out(spans: Iterable[RedactionSpan], leg: str, t0: float, t1: float) -> tuple[SpanOut, ...]:
    """The spans on ``leg`` that touch [t0, t1], clipped to it: kind and detector, no value."""
    return tuple(
        SpanOut(s.kind, max(s.t0, t0), min(s.t1, t1), s.detector)
        for s in spans
        if s.leg == leg and s.t0 < t1 and s.t1 > t0
    )


__all__ = ["MASKED_TEXT", "NUMBER_WORD", "masked", "spans_out", "utterance_parts", "utterance_parts_masking"]
