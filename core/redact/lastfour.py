"""Numbers that are allowed to stay: last-four read-backs and count words ("the last four of").

An agent confirms a card by its last four digits ("I can see the card ending in 4 4 1 2");
PCI DSS 3.4.1 allows the last four digits of a PAN to be shown, and an SSN's last four are
what identity checks use. Masking them is over-masking (issue 10), and a read-back is not a
request for data: it opens no window. A read-back is allowed only when

* the utterance says "ending in / ending with / ends in" (fuzzily: whisper wrote "car bending
  in") right before its digits, and holds at most four digits in all;
* it does not answer a request for data (the other leg's latest utterance asked for none):
  "my social ends in 4567" after "confirm the last four of your social" is an answer, masked;
* the recogniser was sure of it (an unsure utterance may hold digits it did not write);
* no fuller run exists: the leg's digit pieces joined as ``runs`` joins them (across
  utterances, pauses and acknowledgements) hold no more than those four digits.

A read-back of a value said in the call is still masked by the ``*-readback`` detectors.

A number word that counts digits rather than saying one ("the last four of your social",
"first six") is not a value either.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ccedge.core.redact import cues
from ccedge.core.redact.asked import requested
from ccedge.core.redact.calltext import CallText, Utt
from ccedge.core.redact.runs import leg_runs

LEADS = ("ending in", "ending with", "ends in", "ends with")
LEAD_SCORE = 80.0  # "bending in" 95, "and in" 67
MAX_DIGITS = 4
ANSWER_S = 10.0
_LOW_P = 0.5
_COUNT_BEFORE = frozenset({"last", "first"})
_COUNT_AFTER = frozenset({"of", "digits", "digit", "numbers", "on"})


def _lead_before(u: Utt, first: int) -> bool:
    words = [t.norm for t in u.tokens[max(0, first - 3) : first]]
    for n in (2, 3):
        if len(words) >= n and any(fuzz.ratio(" ".join(words[-n:]), p) >= LEAD_SCORE for p in LEADS):
            return True
    return False


def _sure(u: Utt) -> bool:
    ps = [w.p for w in u.words]
    return not ps or sum(ps) / len(ps) >= _LOW_P


def _answers(call: CallText, u: Utt) -> bool:
    """The other leg's latest utterance (within ``ANSWER_S``) asked for card or identity data."""
    prev = [p for p in call.utts if p.leg != u.leg and u.t0 - ANSWER_S <= p.t1 <= u.t0 + 0.5]
    if not prev:
        return False
    p = max(prev, key=lambda p: (p.t1, p.index))
    return bool(cues.find(p.text)) or requested(call, u, ANSWER_S) is not None


def readbacks(call: CallText) -> set[int]:
    """Indices of utterances that are last-four read-backs (see the module docstring)."""
    cands: dict[int, int] = {}
    for u in call.utts:
        digits = [p for p in u.pieces if p.digits]
        n = sum(len(p.digits) for p in digits)
        if (
            digits
            and n <= MAX_DIGITS
            and _sure(u)
            and _lead_before(u, digits[0].first)
            and not _answers(call, u)
        ):
            cands[u.index] = n
    if not cands:
        return set()
    out: set[int] = set()
    for leg in sorted({call.utts[i].leg for i in cands}):
        for run in leg_runs(call, leg):
            if sum(p[3] for p in run) > MAX_DIGITS:
                continue
            out.update(p[0] for p in run if p[0] in cands)
    return out


def count_words(u: Utt) -> set[int]:
    """Token indices of number words that count digits ("the last four of", "first six digits")."""
    out: set[int] = set()
    for p in u.pieces:
        if p.first != p.last or not p.digits or len(p.digits) > 2:
            continue
        before = u.tokens[p.first - 1].norm if p.first > 0 else ""
        after = u.tokens[p.last + 1].norm if p.last + 1 < len(u.tokens) else ""
        if before in _COUNT_BEFORE and (after in _COUNT_AFTER or not after):
            out.add(p.first)
    return out


def allowed_tokens(call: CallText) -> set[tuple[int, int]]:
    """(utterance, token) pairs that may stay in clear: read-back digits and count words."""
    out = {(i, k) for i in readbacks(call) for p in call.utts[i].pieces for k in range(p.first, p.last + 1)}
    for u in call.utts:
        out.update((u.index, k) for k in count_words(u))
    return out
