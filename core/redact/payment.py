"""The payment segment: from the moment card details are asked for until the payment ends.

PCI DSS 3.3.1 forbids keeping sensitive authentication data; a recogniser can mishear a
digit, so once an agent asks for card details (configurable trigger phrases, matched
loosely with rapidfuzz because recognisers garble words) everything said is masked until an
end phrase ("your payment has been processed"), or, failing one, until the segment's longest
allowed duration: closing late is safe, closing early is not (fail closed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ccedge.core.redact.calltext import CallText


@dataclass(frozen=True, slots=True)
class Segment:
    t0: float
    t1: float  # math.inf while open
    closed_by: str  # "end-phrase", "max-duration", "open"
    leg: str = ""  # the leg whose utterance opened it
    # Where the other legs' audio starts to be masked: the trigger's first word, not the start of
    # its utterance. The voice detector may start an utterance seconds before its words (line
    # noise, a breath), and the other party's greeting said then is not payment talk; the
    # triggering leg itself is masked from its utterance's start (what it said before the words
    # may be digits the recogniser missed).
    others_from: float = -1.0

    def start_on(self, leg: str) -> float:
        return self.t0 if leg == self.leg or self.others_from < self.t0 else self.others_from


def _score(phrase: str, text: str) -> float:
    if len(text) < len(phrase) - 2:
        return fuzz.ratio(phrase, text)
    return fuzz.partial_ratio(phrase, text)


def matches(phrases: Sequence[str], text: str, threshold: float) -> bool:
    return _matches(tuple(phrases), text, threshold)


@lru_cache(maxsize=4096)
def _matches(phrases: tuple[str, ...], text: str, threshold: float) -> bool:
    # Cached: streaming redaction re-reads the same utterances many times.
    t = " ".join(text.lower().replace(",", " ").replace(".", " ").replace("?", " ").split())
    return any(_score(p, t) >= threshold for p in phrases)


def segments(
    call: CallText, triggers: Sequence[str], ends: Sequence[str], threshold: float, max_s: float
) -> list[Segment]:
    out: list[Segment] = []
    start: float | None = None
    leg, words_at = "", -1.0
    for u in call.order():
        if start is not None and u.t0 - start > max_s:
            out.append(Segment(start, start + max_s, "max-duration", leg, words_at))
            start = None
        if start is None:
            if matches(triggers, u.text, threshold):
                start, leg = u.t0, u.leg
                words_at = min(u.tokens[0].t0, u.t1) if u.tokens else u.t0
        elif matches(ends, u.text, threshold):
            out.append(Segment(start, u.t0, "end-phrase", leg, words_at))
            start = None
    if start is not None:
        out.append(Segment(start, start + max_s, "open", leg, words_at))
    return out
