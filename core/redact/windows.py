"""Windows, not words: once card or identity data is asked for, numbers are masked until a close.

The recogniser may mishear the number (a group dropped, "one nine eight" written "1.8") or
the question ("day to birth"); a detector that needs a well-formed number then finds
nothing. So a payment or identity cue (``cues``; either leg) opens a *window* on the call:
inside it, every utterance that carries digits, spelled digits, number-like mishearings
("for", "to", "free", "ate", "oh"), month or ordinal words, or that the recogniser returned
with low confidence or no words at all, is masked in audio (the whole utterance) and text
(the number-like words, all words when unsure). A window stays open until a clear close: an
end phrase ("your payment has been processed", "you're verified"), a short acknowledgement of a
complete answer by the other leg ("Thank you." after nine SSN digits: the close phrase itself may
be garbled), a cue of another kind (which opens the next window), ``IDLE_S`` without number talk,
or ``MAX_S`` in all.
PCI DSS 3.3.1 (no sensitive authentication data stored after authorisation) and HIPAA Safe
Harbor (every date element of a date of birth) make closing late safe and closing early not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ccedge.core.frames import RedactionSpan
from ccedge.core.redact import cues as cue_mod
from ccedge.core.redact import payment
from ccedge.core.redact.calltext import CallText, Utt
from ccedge.core.redact.context import BENIGN, CARD
from ccedge.core.redact.lastfour import readbacks
from ccedge.core.redact.spoken import ORDINALS, REPEAT, SCALE, TEENS, TENS, UNITS

IDLE_S = 45.0  # a window with no number talk for this long closes
MAX_S = 180.0  # no window stays open longer
LOW_P = 0.5  # an utterance whose mean word probability is below this is "unsure"
HOMOPHONES = frozenset(
    {"for", "fore", "far", "to", "too", "won", "ate", "tree", "free", "nein", "oh", "o", "sics", "sex"}
    | {"fife"}
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
CLOSES = (
    "payment has been processed",
    "payment was successful",
    "payment went through",
    "payment is complete",
    "transaction is complete",
    "transaction has been approved",
    "you're verified",
    "you are verified",
    "thank you for verifying",
    "that's all i need",
    "is there anything else i can help you with",
    "anything else i can help with",
)
# A close the recogniser garbled ("Thank you, you're verified" written "Thank you, your Mayor, if
# I..."): a short acknowledgement from a leg other than the one that answered, once the answer
# holds as many digits as the kind needs, closes the window as well ("acknowledged"). Not when
# it asks for more or again (a request frame, a question mark, "sorry", "the rest"). An unsure
# acknowledgement counts too when it says no number: what it garbled is the close phrase.
ACKS = ("thank you", "thanks", "great", "perfect", "lovely", "excellent", "wonderful", "got it", "brilliant")
_ASKS_MORE = re.compile(
    r"\?|\b(and|what|what's|whats|can|could|may|need|read|give|tell|confirm|verify|again|repeat|sorry|"
    r"pardon|missed|catch|continue|rest|next|more|other|wait|hold|moment)\b"
)
_ACK_MAX_WORDS = 8
_NAMES_A_CARD = frozenset({"card ending"})
# Digits an answer of each kind holds when complete (SSN: the last four may be all that is asked;
# the rest of a number said after an acknowledgement still joins its run in ``runs``).
_COMPLETE = {"PAN": 15, "EXPIRY": 3, "CVV": 3, "DOB": 3, "SSN": 4, "MEMBER": 5, "PIN": 4}
# The speaker names the number as one that is not sensitive ("my order number is 683636"): inside
# a window it is not masked for the window's sake, unless the utterance also says a cue, is
# unsure, or holds 7+ digits (joined runs mask those as [NUMBER] anyway).
_BENIGN_MAX_DIGITS = 6


def _names_benign(u: Utt) -> bool:
    text = u.text.lower()
    return (
        bool(BENIGN.search(text))
        and not cue_mod.find(u.text)
        and not unsure(u)
        and said_digits(u) <= _BENIGN_MAX_DIGITS
    )


# Money and times of day: "The balance is $76.37", "your appointment is on the 15th at 10
# o'clock". Said by the side that asked for the data (the agent quoting a balance or booking an
# appointment while a window is open), or while only an intent is open, such an utterance holds no
# card, code or identifier: a card group or a date of birth is never said with a currency or a
# clock word. Bare decimals do not count (whisper writes a CVV "one nine eight" as "1.8").
_CURRENCY = frozenset(
    {"dollar", "dollars", "bucks", "cents", "cent", "pounds", "pound", "euros", "euro", "pence", "usd"}
)


def states_money_or_time(u: Utt) -> bool:
    """Every number ``u`` says, clearly, is money or a time of day (with its ordinal day)."""
    if not u.pieces or unsure(u) or cue_mod.find(u.text) or said_digits(u) > _BENIGN_MAX_DIGITS:
        return False
    has_time = any(p.role == "time" for p in u.pieces)
    for p in u.pieces:
        if p.role == "time" or (p.role == "ordinal" and has_time):
            continue
        first = u.tokens[p.first].norm
        after = u.tokens[p.last + 1].norm if p.last + 1 < len(u.tokens) else ""
        if p.role == "amount" and (first.startswith(("$", "£", "€")) or after in _CURRENCY):
            continue
        return False
    return True


# Before anything was asked for (no window but an intent's: "I'd like to pay my balance"), a
# number named as an order/reference number may be longer (whisper writes a six-digit order
# number said in words as seven digits); its audio stays, its text is masked (events refuse
# runs of seven digits or more). Once card or identity data was asked for, the cap above holds.
_EARLY_BENIGN_MAX_DIGITS = 8


def early_benign(call: CallText, wins: list[Window]) -> set[int]:
    """Utterances that name their number benign (an order number, nearer than any card word),
    said before any window that asked for data opened."""
    first = min((w.t0 for w in wins if not w.intent), default=math.inf)
    out: set[int] = set()
    for u in call.utts:
        if u.t0 >= first or not u.pieces:
            continue
        text = " ".join(t.norm for t in u.tokens)
        m = BENIGN.search(text)
        digit_at = min(p.first for p in u.pieces)
        named_at = len(text[: m.end()].split()) if m else -1
        if (
            m is not None
            and named_at <= digit_at
            and not CARD.search(text)
            and not cue_mod.find(u.text)
            and not unsure(u)
            and said_digits(u) <= _EARLY_BENIGN_MAX_DIGITS
        ):
            out.add(u.index)
    return out


# How many digits each kind plausibly holds in one utterance; more or fewer: "[NUMBER]".
_PLAUSIBLE = {
    "PAN": (4, 19),  # a group of a card number or more
    "CVV": (3, 4),
    "EXPIRY": (2, 6),
    "DOB": (1, 8),
    "SSN": (4, 9),  # the last four or more
    "MEMBER": (5, 20),
    "PIN": (4, 6),
}


@dataclass(frozen=True, slots=True)
class Window:
    kind: str
    t0: float
    t1: float  # math.inf while open
    closed_by: str  # "close-phrase", "acknowledged", "topic", "idle", "max-duration", "open"
    opener: int  # index of the utterance that opened it
    how: str  # how the cue was matched: "exact", "fuzzy", "phonetic"
    intent: bool = False  # opened by an intent ("pay my balance"), not a request for the data


def numberish(word: str) -> bool:
    w = word.strip(".,;:!?-").lower()
    return (
        any(c.isdigit() for c in w)
        or w in UNITS
        or w in TEENS
        or w in TENS
        or w in REPEAT
        or w in SCALE
        or w in ORDINALS
        or w in MONTHS
        or any(p in UNITS or p in TENS or p in TEENS for p in w.split("-") if "-" in w)
    )


def qualifies(u: Utt) -> bool:
    """Whether an utterance in a window may hold the data asked for (see module docstring)."""
    if not u.tokens:
        return True
    said = said_digits(u)
    if unsure(u) and (said or len(u.tokens) >= 3):
        return True  # a short unsure "got it" (heard "God, it.") is not a number
    # One number word alone ("one moment please") says nothing; two may be half a code.
    return said >= 2 or (said == 1 and len(u.tokens) <= 3)


def said_digits(u: Utt) -> int:
    """How many digits (or date words, or digit homophones) an utterance may say.

    Counted per token, not from the number parser: "1.8" is an amount to the parser, and two
    digits of a CVV here.
    """
    n = 0
    for k, t in enumerate(u.tokens):
        d = sum(c.isdigit() for c in t.norm)
        if d:
            n += d
        elif _interjection(u, k):
            continue
        elif numberish(t.norm) or _homophone_at(u, k):
            n += 1
    return n


# 2026.12.13: "Oh" said as an interjection in a longer utterance ("Oh, I'm going to stop you right there",
# "Oh dear, you shouldn't have to call three times") is no zero: with one other number word it made the
# utterance qualify, and the mask ("[PAN] dear") read to guidance as a card said aloud (held-out sets 10
# to 12). A short answer ("Oh, I'm free": a garbled CVV) and an "oh" next to a number still count.
_ZERO_LETTERS = frozenset({"oh", "o"})


def _interjection(u: Utt, k: int) -> bool:
    """Is token ``k`` an "oh" of an utterance of four words or more with no number beside it?"""
    if u.tokens[k].norm.strip(".,;:!?-").lower() not in _ZERO_LETTERS or len(u.tokens) <= 3:
        return False
    near = [u.tokens[j].norm.strip(".,;:!?-").lower() for j in (k - 1, k + 1) if 0 <= j < len(u.tokens)]
    return not any(w in HOMOPHONES or numberish(w) for w in near)


def _homophone_at(u: Utt, k: int) -> bool:
    """A digit homophone next to a number word or another homophone ("for to ate")."""
    if u.tokens[k].norm not in HOMOPHONES:
        return False
    near = [u.tokens[j].norm for j in (k - 1, k + 1) if 0 <= j < len(u.tokens)]
    return any(w in HOMOPHONES or numberish(w) for w in near)


def unsure(u: Utt) -> bool:
    ps = [w.p for w in u.words]
    return bool(ps) and sum(ps) / len(ps) < LOW_P


def find_windows(
    call: CallText, closes: tuple[str, ...] = CLOSES, modes: tuple[str, ...] = cue_mod.MODES
) -> list[Window]:
    """The call's windows in time order (cues on either leg open them)."""
    out: list[Window] = []
    cur: Window | None = None
    active = 0.0
    answered: dict[str, int] = {}  # digits said per leg in the open window (not by its opener)
    allowed = readbacks(call)  # "the card ending in 4412" asks for nothing and holds no more
    for u in call.order():
        if u.index in allowed:
            continue
        if cur is not None:
            if u.t0 > active + IDLE_S:
                out.append(_closed(cur, active + IDLE_S, "idle"))
                cur = None
            elif u.t0 > cur.t0 + MAX_S:
                out.append(_closed(cur, cur.t0 + MAX_S, "max-duration"))
                cur = None
        if cur is not None and payment.matches(closes, u.text, 88.0):
            out.append(_closed(cur, u.t0, "close-phrase"))
            cur = None
            # "You're verified. And what card would you like to use?": a cue after the close opens.
        found = cue_mod.find(u.text, modes)
        if found and not unsure(u) and all(c.phrase in _NAMES_A_CARD for c in found):
            found = ()  # "I can see the card ending in …" ("car bending is high in"): asks nothing
        if found:
            kind = found[0].kind
            intent = all(c.phrase in cue_mod.INTENTS for c in found)
            # An intent ("pay my balance") followed by the request itself ("what card would you
            # like to use") becomes a request window: the answer is data, not maybe an order number.
            if cur is None or cur.kind != kind or (cur.intent and not intent):
                if cur is not None:
                    out.append(_closed(cur, u.t0, "topic"))
                cur = Window(kind, u.t0, math.inf, "open", u.index, found[0].how, intent)
                answered = {}
            active = u.t1
        elif cur is not None and _acknowledges(cur, u, answered):
            out.append(_closed(cur, u.t0, "acknowledged"))
            cur = None
        elif cur is not None and qualifies(u):
            active = u.t1
            answered[u.leg] = answered.get(u.leg, 0) + said_digits(u)
    if cur is not None:
        # Unheard speech and keys extend an open window's activity as well.
        tail = [t1 for _leg, _t0, t1 in call.unheard if t1 >= cur.t0] + [
            e.t1 for e in call.dtmf if e.t1 >= cur.t0
        ]
        active = max([active, *tail])
        last = max([u.t1 for u in call.utts] + [active])
        if last > active + IDLE_S:
            out.append(_closed(cur, active + IDLE_S, "idle"))
        elif last > cur.t0 + MAX_S:
            out.append(_closed(cur, cur.t0 + MAX_S, "max-duration"))
        else:
            out.append(cur)
    return out


def _acknowledges(w: Window, u: Utt, answered: dict[str, int]) -> bool:
    """``u`` is a short acknowledgement, with no number, of a complete answer on another leg."""
    if w.intent or said_digits(u) or len(u.tokens) > _ACK_MAX_WORDS:
        return False
    text = " ".join(t.norm for t in u.tokens)
    if not text.startswith(ACKS) or _ASKS_MORE.search(u.text.lower()):
        return False
    need = _COMPLETE.get(w.kind, 99)
    return any(n >= need for leg, n in answered.items() if leg != u.leg)


def _closed(w: Window, t1: float, how: str) -> Window:
    return Window(w.kind, w.t0, max(t1, w.t0), how, w.opener, w.how, w.intent)


def _year_only(u: Utt) -> bool:
    """The only number said is a year ("twenty fourteen", "1999")."""
    run = "".join(p.digits for p in u.pieces)
    return said_digits(u) == 4 and len(run) == 4 and run[:2] in ("19", "20") and len(u.pieces) <= 2


def _label(kind: str, u: Utt) -> str:
    digits = said_digits(u)
    if _year_only(u):
        return "NUMBER"  # "twenty fourteen": a year, or a card group said in pairs; unsure
    lo, hi = _PLAUSIBLE.get(kind, (1, 0))
    return kind if lo <= digits <= hi else "NUMBER"


def _after_cue(u: Utt) -> int:
    """The first token after the cue that opened a window in ``u`` (what precedes it stays)."""
    found = cue_mod.find(u.text)
    if not found:
        return 0
    last_word = max(c.last for c in found)
    seen = 0
    for k, t in enumerate(u.tokens):
        seen += len(cue_mod.words_of(t.text))
        if seen > last_word:
            return k + 1
    return len(u.tokens)


def in_window(wins: list[Window], t0: float, t1: float) -> Window | None:
    for w in wins:
        if t1 > w.t0 and t0 < w.t1:
            return w
    return None


def _asker(call: CallText, w: Window) -> str | None:
    """The leg that asked for the data (its opener says no number after the cue), if it asked."""
    o = call.utts[w.opener]
    start = _after_cue(o)
    if any(numberish(t.norm) for t in o.tokens[start:]):
        return None  # "my card number is 4111 …": the speaker gives the data, not asks for it
    return o.leg


def _switched_from(wins: list[Window], w: Window, u: Utt) -> Window | None:
    """The window that ``u`` closed by opening ``w`` with a cue of another kind, if any."""
    if u.index != w.opener:
        return None
    return next((x for x in wins if x.closed_by == "topic" and x.t1 == u.t0 and not x.intent), None)


def mask_windows(
    call: CallText, wins: list[Window], labels: list[list[str | None]]
) -> tuple[list[RedactionSpan], int]:
    """Label number-like words of qualifying utterances; spans for their audio; how many."""
    spans: list[RedactionSpan] = []
    n = 0
    allowed = readbacks(call) | early_benign(call, wins)
    for u, labs in zip(call.utts, labels, strict=True):
        # A long utterance may overlap the window it opened and the next one (whisper joined the
        # caller's "I'd like to pay my balance" and the first card digits, said while the agent
        # asked for the card): the window it answers counts, not the one it opened.
        others = [x for x in wins if u.t1 > x.t0 and u.t0 < x.t1 and x.opener != u.index]
        w = others[0] if others else in_window(wins, u.t0, u.t1)
        if w is None or not qualifies(u) or (u.index != w.opener and _names_benign(u)) or u.index in allowed:
            continue
        if u.tokens and said_digits(u) == 0 and _asker(call, w) == u.leg:
            continue  # the asking side's own garbled talk ("What you remembered, umber."): no number in it
        if (w.intent or _asker(call, w) == u.leg) and states_money_or_time(u):
            continue  # "The balance is $76.37": see ``states_money_or_time``
        lab = _label(w.kind, u)
        if w.intent:
            if _year_only(u):
                continue  # "since twenty fourteen" after "I'd like to pay my balance": no card asked for yet
            lab = "NUMBER"  # no card asked for yet: an order number is as likely as a card
        whole = not u.tokens or (unsure(u) and (len(u.tokens) >= 3 or said_digits(u) > 0))
        marked: list[int] = []
        cue_end = _after_cue(u) if u.index == w.opener else 0
        # "Oh five twenty seven. The code is 5 7 1": the words before the cue that switched topic
        # still answer the window it closed (the expiry asked for before), so they are masked too.
        prev = _switched_from(wins, w, u)
        start = 0 if prev is not None else cue_end
        for k, t in enumerate(u.tokens):
            if k < start:
                continue
            if whole or (numberish(t.norm) and not _interjection(u, k)) or _homophone_at(u, k) or t.p < LOW_P:
                if labs[k] is None:
                    labs[k] = _label(prev.kind, u) if prev is not None and k < cue_end else lab
                marked.append(k)
        det = "window-" + w.kind.lower()
        if u.index == w.opener and u.tokens and not whole:
            # The utterance that asked: only its number-like words (the question stays audible).
            for k in marked:
                t = u.tokens[k]
                spans.append(RedactionSpan(call.call_id, u.leg, t.t0, t.t1, labs[k] or lab, det, 0.5))
        else:
            spans.append(RedactionSpan(call.call_id, u.leg, u.t0, u.t1, lab, det, 0.5))
        n += 1
    return spans, n
