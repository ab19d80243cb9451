"""Which identifier the other leg just asked for, read fuzzily because the recogniser garbles it.

whisper tiny.en on 8 kHz speech writes "Can I have your date of birth?" as "Can I have your
date of words?"; an exact keyword would miss it. A question is read in two ways:

* a phrase said anywhere, close to a known request ("member id", "date of birth"), scored with
  rapidfuzz over word windows of the phrase's length (ratio >= ``LOOSE``);
* a request frame ("can I have your X", "what's your X", "and your X", "confirm your X") whose
  object X is nearer one known phrase than any other (ratio >= ``FRAMED``, lower, because the
  frame already says a personal item is being asked for).

Decoy phrases ("order number", "phone number") compete in the same ranking, so that "what's
your order number" is not read as a card number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ccedge.core.redact.calltext import CallText, Utt

# (kind or "" for a decoy, phrase). Kinds follow policy.KINDS.
REQUESTS: tuple[tuple[str, str], ...] = (
    ("DOB", "date of birth"),
    ("DOB", "birth date"),
    ("DOB", "birthday"),
    ("MEMBER", "member id"),
    ("MEMBER", "member number"),
    ("MEMBER", "membership number"),
    ("MEMBER", "subscriber id"),
    ("MEMBER", "insurance id"),
    ("MRN", "medical record number"),
    ("MRN", "record number"),
    ("MRN", "patient id"),
    ("MRN", "chart number"),
    ("POLICY", "policy number"),
    ("POLICY", "claim number"),
    ("ACCOUNT", "account number"),
    ("PAN", "card number"),
    ("PAN", "long number on the card"),
    ("SSN", "social security number"),
    ("SSN", "social"),
    ("SSN", "last four of your social"),
    # Decoys: requests for things that are not identifiers of this kind.
    ("", "phone number"),
    ("", "order number"),
    ("", "reference number"),
    ("", "case number"),
    ("", "ticket number"),
    ("", "tracking number"),
    ("", "confirmation number"),
    ("", "name"),
    ("", "address"),
    ("", "email"),
    ("", "date of the appointment"),
    ("", "date of your visit"),
)
LOOSE = 86.0
FRAMED = 66.0
_FRAME = re.compile(
    r"\b(?:(?:can|could|may) (?:i|we) (?:have|get|take|confirm|verify)|what(?:'s| is| was)|"
    r"and|confirm|verify|give me|tell me|need|read me)"
    r" (?:your|the|you're|you) (.+)$"
)
_WORD = re.compile(r"[a-z0-9']+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _best(obj: str) -> tuple[float, str]:
    """Best (score, kind) of a short object phrase against every request and decoy."""
    words = obj.split()
    best = (0.0, "")
    for kind, phrase in REQUESTS:
        n = len(phrase.split())
        if len(words) < n:
            continue  # a longer phrase cannot be what a shorter object says
        s = fuzz.ratio(phrase, " ".join(words[:n]))
        if s > best[0]:
            best = (s, kind)
    return best


@lru_cache(maxsize=4096)
def requested_in(text: str) -> str | None:
    """The identifier kind a question asks for, or None."""
    t = _norm(text)
    if not t:
        return None
    words = t.split()
    # Exact and near-exact phrases anywhere (short phrases only exactly: "social" vs "special").
    best: tuple[float, str] = (0.0, "")
    for kind, phrase in REQUESTS:
        n = len(phrase.split())
        need = 100.0 if len(phrase) <= 8 else LOOSE
        for i in range(max(1, len(words) - n + 1)):
            s = fuzz.ratio(phrase, " ".join(words[i : i + n]))
            if s >= need and s > best[0]:
                best = (s, kind)
    if best[0]:
        return best[1] or None
    # Framed requests: the object of "can I have your ..." nearest a known phrase.
    for m in _FRAME.finditer(t):
        score, kind = _best(m.group(1))
        if score >= FRAMED:
            return kind or None
    return None


def asks_for_own(text: str) -> bool:
    """The text asks the other person for something of theirs ("can I have your …", "what's your
    …"), whatever the recogniser made of the object."""
    return _FRAME.search(_norm(text)) is not None


def requested(call: CallText, u: Utt, within_s: float = 10.0) -> str | None:
    """The identifier kind the other leg asked for just before ``u`` (its latest utterance)."""
    prev = [
        p
        for p in call.utts
        if p.leg != u.leg and p.t1 <= u.t0 + 0.5 and p.t1 >= u.t0 - within_s and p.index != u.index
    ]
    if not prev:
        return None
    p = max(prev, key=lambda p: (p.t1, p.index))
    return requested_in(p.text)
