"""Telephone numbers: written forms by pattern, spoken ones by shape and context.

North American numbers (ITU-T E.164, NANP: area and exchange codes start 2-9) said as
3-3-4 are phone numbers by shape; other lengths (7-15 digits, E.164's limit) take words
such as "phone" or "call me at". Written numbers with separators, a country code or an
area code in brackets are matched in the text itself.
"""

from __future__ import annotations

import re

from ccedge.core.redact.calltext import CallText, Hit, Utt
from ccedge.core.redact.context import PHONE, around, scored
from ccedge.core.redact.digitstream import Chain

_WRITTEN = re.compile(
    r"(?<![\w+/.-])"
    r"(?:(?:\+|00)\d{1,3}[\s.-]?)?"  # country code
    r"(?:\(0?\d{1,4}\)[\s.-]?|\(0\)\s?)?"  # (area) or (0)
    r"\d{2,5}(?:[\s.-]\d{2,5}){1,4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?"
    r"(?![\w/:]|[.-]\d)"
)
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_CARD_LIKE = re.compile(r"\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{1,7}")
_SSN_LIKE = re.compile(r"\d{3}-\d{2}-\d{4}")
_LAST4 = re.compile(r"\blast (four|4)\b")
_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")


def nanp_valid(digits: str) -> bool:
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    return len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789"


def written_phones(text: str) -> list[tuple[int, int, float]]:
    """Character spans (start, end, confidence) of phone numbers written in ``text``."""
    out: list[tuple[int, int, float]] = []
    for m in _WRITTEN.finditer(text):
        s = m.group(0).rstrip(" .-")
        digits = re.sub(r"\D", "", s.split("x")[0].split("ext")[0])
        if not 7 <= len(digits) <= 15:
            continue
        if _DATE_LIKE.match(s) or _CARD_LIKE.fullmatch(s) or _SSN_LIKE.fullmatch(s) or _IPV4.fullmatch(s):
            continue
        strong = s.startswith(("+", "(", "00")) or "(0)" in s or nanp_valid(digits)
        groups = re.findall(r"\d+", s)
        if not strong and len(groups) == 2 and (len(groups[0]) < 3 or len(groups[1]) < 4):
            continue
        out.append((m.start(), m.start() + len(s), 0.8 if strong else 0.6))
    return out


def detect_text(call: CallText, utt: Utt) -> list[Hit]:
    hits: list[Hit] = []
    for a, b, conf in written_phones(utt.text):
        toks = [i for i, t in enumerate(utt.tokens) if t.start < b and t.end > a]
        if toks:
            hits.append(Hit("PHONE", "phone-pattern", conf, ((utt.index, toks[0], toks[-1]),)))
    return hits


def detect(call: CallText, chains: list[Chain]) -> list[Hit]:
    hits: list[Hit] = []
    for ch in chains:
        n = len(ch)
        if n == 4:
            # "The last four digits of your phone number?" "Seven eight nine zero."
            ctx = around(call, ch)
            if PHONE.search(ctx) and _LAST4.search(ctx):
                hits.append(ch.hit("PHONE", "phone-partial", 0.7))
            continue
        if not 7 <= n <= 15:
            continue
        conf = scored(PHONE, call, ch, 0.85)
        if conf is not None:
            hits.append(ch.hit("PHONE", "phone-context", conf))
        elif nanp_valid(ch.text) and ch.shape() in ([3, 3, 4], [1, 3, 3, 4]):
            hits.append(ch.hit("PHONE", "phone-shape", 0.7))
    return hits
