"""Street addresses (HIPAA Safe Harbor identifier (B): geographic subdivisions below a state).

Found by shape (a house number, up to five words and a street type; "P.O. Box 12";
"Apt. 4B") and by context ("my address is", "I live at"), where the next words up to the end
of the sentence are taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ccedge.core.redact.calltext import CallText, Hit, Utt
from ccedge.core.redact.context import scored
from ccedge.core.redact.digitstream import Chain

_SUFFIX = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|"
    r"circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|crescent|close|row|mews|alley|"
    r"gasse|strasse|straße|str|katu|utca|tie|vej|gata|gatan|rapids|squares|hill|flat|flats|port|"
    r"heights|gardens|grove|park|ridge|view|walk|loop|run|pike|plaza|crossing|point|station|bypass"
)
_SHAPE = re.compile(
    r"\b\d{1,6}[a-z]?(?:\s+[A-Za-zÀ-ÿ'.-]+){1,5}?\s+(?:"
    + _SUFFIX
    + r")\b\.?(?:\s+(?:apt|apartment|suite|unit)"
    r"\.?\s*#?\s*\w+)?",
    re.IGNORECASE,
)
_BOX = re.compile(r"\b(?:p\.?\s?o\.?\s?box|psc|unit|apt\.?|apartment|suite)\s*#?\s*\d+\w*", re.IGNORECASE)
_CONTEXT = re.compile(
    r"\b(my address is|address is|i live at|live at|address on file is|billing address is|"
    r"ship(ping)? (it )?to|mailing address is|send (it|them|a new one) to)\b",
    re.IGNORECASE,
)


_ZIP = re.compile(r"\b(zip|zip code|postal code|postcode)\b")
_HOUSE = re.compile(r"\b(street number|house number|building number|apartment number|apt number)\b")


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    """ZIP codes said after "zip code" (5 or 9 digits)."""
    hits: list[Hit] = []
    for ch in chains:
        if len(ch) in (5, 9):
            conf = scored(_ZIP, call, ch, 0.85)
            if conf is not None:
                hits.append(ch.hit("ADDRESS", "zip-context", conf))
                continue
        if len(ch) <= 6:
            conf = scored(_HOUSE, call, ch, 0.8)
            if conf is not None:
                hits.append(ch.hit("ADDRESS", "house-number-context", conf))
    return hits


def _hit_chars(
    utt: Utt, ends: list[int], starts: list[int], a: int, b: int, detector: str, conf: float
) -> Hit | None:
    """The tokens overlapping characters a..b (binary search: linear over all matches)."""
    first = bisect_right(ends, a)
    last = bisect_left(starts, b) - 1
    if first > last:
        return None
    return Hit("ADDRESS", detector, conf, ((utt.index, first, last),))


def detect_text(call: CallText, utt: Utt) -> list[Hit]:
    hits: list[Hit] = []
    text = utt.text
    ends = [t.end for t in utt.tokens]
    starts = [t.start for t in utt.tokens]
    for rx, det, conf in ((_SHAPE, "address-shape", 0.75), (_BOX, "address-box", 0.7)):
        for m in rx.finditer(text):
            h = _hit_chars(utt, ends, starts, m.start(), m.end(), det, conf)
            if h:
                hits.append(h)
    for m in _CONTEXT.finditer(text):
        end = len(text)
        stop = re.search(r"[?!]|\.(\s|$)", text[m.end() :])
        if stop:
            end = m.end() + stop.start()
        if end - m.end() > 2:
            h = _hit_chars(utt, ends, starts, m.end(), end, "address-context", 0.7)
            if h:
                hits.append(h)
    return hits
