"""Fail-closed answers: an identifier asked for and answered in words the normaliser cannot read.

A member ID "M R N five five two, double seven, one nine" comes back from whisper tiny.en as
"It is MRN time time to double M1 time": no detector finds a clean identifier in it, yet
every odd word is a letter or a digit heard wrongly. When the other leg has just asked for an
identifier (``asked.requested``, fuzzy) and the answer holds a run of identifier-like words,
the run is masked as the requested kind at low confidence (fail closed, PCI DSS 3.3.1 / HIPAA
Safe Harbor): better a masked answer than a leaked one.

A run is identifier-like when it holds at least two *strong* words (digits, number words,
"double"/"triple", spelled letters, short capitalised letter groups, letter-digit mixes), or
one strong word and two *weak* ones (digit sound-alikes such as "to", "for", "time", a word
said twice in a row); words in a run are at most one ordinary word apart. Ordinary answers
("yes", "I have a headache", "one moment please") hold no such run and are left alone.
"""

from __future__ import annotations

import re

from ccedge.core.redact.asked import requested
from ccedge.core.redact.calltext import CallText, Hit, Utt

CONFIDENCE = 0.45
DETECTOR = "answer-unparsed"
_MULTIPLIERS = frozenset({"double", "triple", "quadruple"})
# Words whisper writes for digits it half hears (two, four, eight, three, nine/five, one, six…).
SOUNDALIKES = frozenset(
    {
        "to",
        "too",
        "for",
        "fore",
        "ate",
        "tree",
        "free",
        "time",
        "fine",
        "nein",
        "won",
        "sex",
        "oh",
        "o",
        "dash",
    }
)
# Capitalised short words that are not spelled letters.
_NOT_LETTERS = frozenset(
    {"ok", "id", "us", "tv", "uk", "usa", "am", "pm", "dr", "mr", "ms", "mrs", "st", "i'm"}
)
_MIXED = re.compile(r"(?=.*\d)(?=.*[a-z])[a-z0-9-]{2,20}")
_LETTERS = re.compile(r"[A-Z]{2,4}")


def _strength(u: Utt, k: int, numeric: set[int]) -> int:
    """2 for a strong identifier-like word, 1 for a weak one, 0 for an ordinary word."""
    t = u.tokens[k]
    w = t.norm
    if not w:
        return 0
    if k in numeric or w.isdigit() or w in _MULTIPLIERS or _MIXED.fullmatch(w):
        return 2
    if len(w) == 1 and w.isalpha():
        return 1 if w in ("a", "i", "o") else 2  # "a", "I" are words first, letters second
    core = t.text.strip(".,;:!?\"'()")
    if _LETTERS.fullmatch(core) and w not in _NOT_LETTERS:
        return 2  # "MRN", "XJ": letters the recogniser ran together
    if w in SOUNDALIKES:
        return 1
    if (k > 0 and u.tokens[k - 1].norm == w) or (k + 1 < len(u.tokens) and u.tokens[k + 1].norm == w):
        return 1  # "time time": one digit heard twice as the same wrong word
    return 0


def runs(u: Utt) -> list[tuple[int, int]]:
    """Token ranges of identifier-like runs in an utterance."""
    numeric = {k for p in u.pieces if p.role in ("number", "ordinal") for k in range(p.first, p.last + 1)}
    strength = [_strength(u, k, numeric) for k in range(len(u.tokens))]
    out: list[tuple[int, int]] = []
    k, n = 0, len(strength)
    while k < n:
        if not strength[k]:
            k += 1
            continue
        first = last = k
        j = k + 1
        while j < n and (strength[j] or (j + 1 < n and strength[j + 1])):
            if strength[j]:
                last = j
            j += 1
        members = [strength[x] for x in range(first, last + 1) if strength[x]]
        strong = members.count(2)
        if strong >= 2 or (strong >= 1 and members.count(1) >= 2):
            out.append((first, last))
        k = last + 1
    return out


def detect(call: CallText) -> list[Hit]:
    """Identifier-like runs in answers to a request for an identifier, as the requested kind."""
    hits: list[Hit] = []
    for u in call.utts:
        found = runs(u)
        if not found:
            continue
        kind = requested(call, u)
        if kind is None:
            continue
        said = "".join(p.digits for p in u.pieces if any(a <= p.first <= b for a, b in found))
        if len(said) == 4 and said[:2] in ("19", "20"):
            kind = "NUMBER"  # a year is not an identifier: masked, but labelled honestly
        hits.append(Hit(kind, DETECTOR, CONFIDENCE, tuple((u.index, a, b) for a, b in found)))
    return hits
