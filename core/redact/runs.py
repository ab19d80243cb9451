"""Digit runs joined across utterances, turns and time, checked after the detectors.

The digit stream (``digitstream``) ends a number where the other leg talks or a word that
is not a filler comes between groups, so that "my order is 1234 … and the amount 56" stay
apart. A misheard group, a question in between or a long pause then split one card number
into pieces that each look harmless ("seven consecutive card digits stayed"). Here the
pieces of a leg are joined loosely (``JOIN_GAP_S`` apart, at most ``MAX_WORDS_BETWEEN`` other
words of the same leg between them, the other leg's acknowledgements ignored; a question of
``OTHER_LEG_WORDS`` words or more on the other leg starts a new number) and:

* a run that holds a card number, SSN, CVV, expiry or date of birth found by a detector is
  masked whole with that kind (no partial number survives: PCI DSS 3.4.1 allows at most the
  first six and last four digits of a PAN, and we keep none);
* a run of ``MIN_DIGITS`` or more digits that nothing labelled is masked as ``[NUMBER]``
  (events refuse digit runs of seven or more in any case).
"""

from __future__ import annotations

from collections import Counter

from ccedge.core.frames import RedactionSpan
from ccedge.core.redact.calltext import CallText
from ccedge.core.redact.digitstream import ACKS, FILLERS

JOIN_GAP_S = 15.0
MAX_WORDS_BETWEEN = 1
MIN_DIGITS = 7
OTHER_LEG_WORDS = 4  # "What card would you like to use?" between two numbers; "Mm-hmm, go on." is not
EXTEND = ("PAN", "SSN", "CVV", "EXPIRY", "DOB", "PIN", "ROUTING", "ACCOUNT", "MEMBER", "MRN")

Piece = tuple[int, int, int, int]  # utterance, first token, last token, digits


def _pieces(call: CallText, leg: str) -> list[Piece]:
    out = []
    for u in call.order():
        if u.leg != leg:
            continue
        for p in u.pieces:
            if p.digits and p.role in ("number", "amount"):
                out.append((u.index, p.first, p.last, len(p.digits)))
    return out


def _words_between(call: CallText, a: Piece, b: Piece) -> int:
    ua, ub = call.utts[a[0]], call.utts[b[0]]
    if a[0] == b[0]:
        toks = ua.tokens[a[2] + 1 : b[1]]
    else:
        toks = ua.tokens[a[2] + 1 :] + ub.tokens[: b[1]]
        for u in call.utts:
            if u.leg == ua.leg and ua.t1 <= u.t0 and u.t1 <= ub.t0 and u.index not in (a[0], b[0]):
                toks = toks + u.tokens
    a_t1, b_t0 = ua.tokens[a[2]].t1, ub.tokens[b[1]].t0
    other = sum(
        1
        for u in call.utts
        if u.leg != ua.leg and u.t0 >= a_t1 - 0.3 and u.t1 <= b_t0 + 0.3
        for t in u.tokens
        if t.norm not in FILLERS and t.norm not in ACKS
    )
    if other >= OTHER_LEG_WORDS:
        return MAX_WORDS_BETWEEN + 1  # the other leg asked something in between: a new number
    return sum(1 for t in toks if t.norm not in FILLERS and t.norm not in ACKS)


def leg_runs(call: CallText, leg: str) -> list[list[Piece]]:
    """The digit pieces of ``leg`` joined into runs (see the module docstring)."""
    out: list[list[Piece]] = []
    run: list[Piece] = []
    for p in [*_pieces(call, leg), None]:
        if p is not None and run:
            a = run[-1]
            gap = call.utts[p[0]].tokens[p[1]].t0 - call.utts[a[0]].tokens[a[2]].t1
            if gap <= JOIN_GAP_S and _words_between(call, a, p) <= MAX_WORDS_BETWEEN:
                run.append(p)
                continue
        if run:
            out.append(run)
        run = [p] if p is not None else []
    return out


def join_runs(
    call: CallText, labels: list[list[str | None]], quiet: frozenset[int] | set[int] = frozenset()
) -> list[RedactionSpan]:
    """Label the unlabelled pieces of joined runs (see the module docstring); their spans.

    A ``[NUMBER]`` run said only in the utterances ``quiet`` (an order number named as such
    before any data was asked for: ``windows.early_benign``) is masked in text, not in audio.
    """
    spans: list[RedactionSpan] = []
    for leg in sorted({u.leg for u in call.utts}):
        for run in leg_runs(call, leg):
            got = _settle(call, run, labels)
            if all(p[0] in quiet for p in run) and all(s.kind == "NUMBER" for s in got):
                continue
            spans.extend(got)
    return spans


def _settle(call: CallText, run: list[Piece], labels: list[list[str | None]]) -> list[RedactionSpan]:
    kinds: Counter[str] = Counter()
    free = 0
    for ui, a, b, n in run:
        labs = labels[ui][a : b + 1]
        for lab in labs:
            if lab in EXTEND:
                kinds[lab] += 1
        if all(lab is None for lab in labs):
            free += n
    if kinds:
        kind, det = kinds.most_common(1)[0][0], "joined-run"
    elif free >= MIN_DIGITS:
        kind, det = "NUMBER", "long-digit-run"
    else:
        return []
    out = []
    for ui, a, b, _n in run:
        new = [k for k in range(a, b + 1) if labels[ui][k] is None]
        for k in new:
            labels[ui][k] = kind
        if new:
            u = call.utts[ui]
            t0, t1 = min(u.tokens[k].t0 for k in new), max(u.tokens[k].t1 for k in new)
            out.append(RedactionSpan(call.call_id, u.leg, t0, t1, kind, det, 0.5))
    return out
