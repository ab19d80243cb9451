"""One digit stream per call: spoken numbers and DTMF digits, joined into chains.

People give long numbers in groups: "4111 1111", a pause, "1111 1111" in the next
utterance, an "um" between, the agent saying "okay" on the other leg, or keys pressed on
the phone. A *chain* is a run of digits on one leg that nothing but such fillers, pauses
and the other leg's talk separates; the detectors search chains for card numbers, SSNs and
the like. Every digit keeps its leg, its time and where it came from (the tokens of an
utterance or a DTMF event), so that a finding masks exactly the words and tones that said it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from ccedge.core.redact.calltext import CallText, Hit, Utt
from ccedge.core.redact.spoken import REPEAT, TEENS, TENS, UNITS

# Words that may sit between groups of one number without ending it.
FILLERS = frozenset(
    {
        "uh",
        "um",
        "umm",
        "er",
        "erm",
        "ah",
        "hmm",
        "mm",
        "mhm",
        "uh-huh",
        "dash",
        "hyphen",
        "space",
        "slash",
        "/",
        "and",
        "then",
        "okay",
        "ok",
        "yeah",
        "yes",
        "yep",
        "so",
        "next",
        "comma",
        "-",
        "–",
        "—",
        "...",
        "",
        "&",
    }
)
MAX_GAP_S = 12.0  # longest pause inside one spoken number (a caller fetching the card)
DTMF_GAP_S = 6.0  # longest pause between keys of one keyed number
# The other leg saying this many words (not fillers, not numbers) between two groups, such as
# "and the security code on the back?", ends the number; "okay", "got it" or a read-back do not.
OTHER_LEG_WORDS = 2
ACKS = frozenset(
    {
        "got",
        "it",
        "thanks",
        "thank",
        "you",
        "right",
        "alright",
        "perfect",
        "great",
        "sure",
        "that's",
        "correct",
        "uh-huh",
        "go",
        "ahead",
        "continue",
        "mm-hmm",
        "yup",
    }
)


@dataclass(frozen=True, slots=True)
class Digit:
    ch: str
    leg: str
    t0: float
    t1: float
    source: str  # "speech", "rfc2833", "sip-info" or "inband"
    utt: int  # utterance index, -1 for DTMF
    first: int  # first and last token of the piece that said it (DTMF: event index in both)
    last: int


@dataclass(frozen=True, slots=True)
class Chain:
    """Digits of one leg that belong together, with the group boundaries between them."""

    leg: str
    digits: tuple[Digit, ...]
    bounds: frozenset[int]  # i in bounds: a group ends before digits[i] (0 and len included)
    soft: frozenset[int]  # the subset of bounds that are pauses, fillers or utterance ends
    major: frozenset[int] = frozenset()  # bounds a listener hears as groups: pauses, written groups

    @property
    def text(self) -> str:
        return "".join(d.ch for d in self.digits)

    def __len__(self) -> int:
        return len(self.digits)

    def groups(self, a: int = 0, b: int | None = None) -> list[int]:
        """Lengths of the groups between digits a and b."""
        b = len(self.digits) if b is None else b
        cuts = sorted({a, b} | {x for x in self.bounds if a < x < b})
        return [y - x for x, y in itertools.pairwise(cuts)]

    def sub(self, a: int, b: int) -> Chain:
        return Chain(
            self.leg,
            self.digits[a:b],
            frozenset({x - a for x in self.bounds if a <= x <= b} | {0, b - a}),
            frozenset({x - a for x in self.soft if a < x < b}),
            frozenset({x - a for x in self.major if a <= x <= b} | {0, b - a}),
        )

    def shape(self, a: int = 0, b: int | None = None) -> list[int]:
        """Lengths of the groups as spoken or written (pauses, separators) between a and b."""
        b = len(self.digits) if b is None else b
        cuts = sorted({a, b} | {x for x in self.major if a < x < b})
        return [y - x for x, y in itertools.pairwise(cuts)]

    def hit(self, kind: str, detector: str, confidence: float, a: int = 0, b: int | None = None) -> Hit:
        """A finding that covers digits a..b of this chain."""
        b = len(self.digits) if b is None else b
        refs: dict[tuple[int, int, int], None] = {}
        dtmf: dict[int, None] = {}
        for d in self.digits[a:b]:
            if d.utt < 0:
                dtmf[d.first] = None
            else:
                refs[(d.utt, d.first, d.last)] = None
        return Hit(kind, detector, confidence, tuple(refs), tuple(dtmf))

    @property
    def t0(self) -> float:
        return self.digits[0].t0

    @property
    def t1(self) -> float:
        return self.digits[-1].t1

    @property
    def sources(self) -> set[str]:
        return {d.source for d in self.digits}


@dataclass(frozen=True, slots=True)
class _Item:
    """One piece of a leg's number talk: a spoken/written number or a DTMF key."""

    t0: float
    t1: float
    digits: str
    groups: tuple[int, ...]
    source: str
    utt: int
    first: int
    last: int
    written: bool  # said with digits ("4111") rather than words ("four one one one")


def _items(call: CallText, leg: str) -> list[_Item]:
    items: list[_Item] = []
    for u in call.utts:
        if u.leg != leg:
            continue
        for p in u.pieces:
            if p.role != "number" or not p.digits:
                continue
            t0 = u.tokens[p.first].t0
            t1 = u.tokens[p.last].t1
            items.append(
                _Item(t0, t1, p.digits, p.groups, "speech", u.index, p.first, p.last, p.style == "written")
            )
    for k, ev in enumerate(call.dtmf):
        if ev.leg != leg:
            continue
        if ev.digit.isdigit():
            items.append(_Item(ev.t0, ev.t1, ev.digit, (1,), ev.source, -1, k, k, False))
        else:
            items.append(_Item(ev.t0, ev.t1, "", (), ev.source, -1, k, k, False))
    items.sort(key=lambda it: (it.t0, it.utt, it.first))
    return items


def _between_words(call: CallText, a: _Item, b: _Item) -> list[str] | None:
    """Normal forms of the words said on the leg between two speech items (None: unknown)."""
    if a.utt < 0 or b.utt < 0:
        return None
    ua, ub = call.utts[a.utt], call.utts[b.utt]
    if a.utt == b.utt:
        return [t.norm for t in ua.tokens[a.last + 1 : b.first]]
    words = [t.norm for t in ua.tokens[a.last + 1 :]]
    # Whole utterances of the same leg said between the two.
    for u in call.utts:
        if u.leg == ua.leg and u.index not in (a.utt, b.utt) and ua.t1 <= u.t0 and u.t1 <= ub.t0:
            words.extend(t.norm for t in u.tokens)
    words.extend(t.norm for t in ub.tokens[: b.first])
    return words


def _other_leg_talk(call: CallText, a: _Item, b: _Item) -> int:
    leg = call.utts[a.utt].leg if a.utt >= 0 else call.utts[b.utt].leg
    n = 0
    for u in call.utts:
        if u.leg != leg and u.t0 >= a.t1 - 0.3 and u.t1 <= b.t0 + 0.3:
            n += sum(
                1 for t in u.tokens if t.norm not in FILLERS and t.norm not in ACKS and not numberish(t.norm)
            )
    return n


LATE_KEY_S = 1.0  # a live RFC 2833 / in-band key reaches the redactor up to this late


def can_grow(call: CallText, ch: Chain, t: float) -> bool:
    """Whether a number or key said after ``t`` could still join ``ch`` (``_link`` not "hard").

    ``t``: every transcript and key of the call up to this time is in. A later spoken group
    joins a spoken chain only with nothing but fillers between them on the leg and fewer than
    ``OTHER_LEG_WORDS`` words of the other leg: once the leg has said another word or the other
    leg has talked, only a key can still join (within 3 s of spoken digits, ``DTMF_GAP_S`` of a
    key, plus ``LATE_KEY_S`` for a key that arrives late). The live chain holds a leg's audio
    and text while its last chain can grow (``Redactor.safe_until``): this is what lets it
    clear a number as soon as the talk has moved on, instead of ``MAX_GAP_S`` after it.
    """
    gap = t - ch.t1
    if gap > MAX_GAP_S:
        return False
    last = ch.digits[-1]
    key_window = (DTMF_GAP_S if last.utt < 0 else 3.0) + LATE_KEY_S
    if gap <= key_window:
        return True
    if last.utt < 0:  # a key: only a key (or speech within 3 s) could have followed
        return False
    u = call.utts[last.utt]
    after = [tok.norm for tok in u.tokens[last.last + 1 :]]
    later = [v for v in call.utts if v.leg == u.leg and v.index != u.index and v.t0 >= u.t1 and v.t1 <= t]
    after += [tok.norm for v in later for tok in v.tokens]
    if any(w not in FILLERS for w in after):
        return False
    other = sum(1 for v in call.utts if v.leg != u.leg and v.t0 >= ch.t1 - 0.3 and v.t1 <= t
                for tok in v.tokens
                if tok.norm not in FILLERS and tok.norm not in ACKS and not numberish(tok.norm))
    return other < OTHER_LEG_WORDS


def numberish(w: str) -> bool:
    """A word that says (part of) a number: digits, a spoken digit, teen, ten or repeat."""
    return any(c.isdigit() for c in w) or w in UNITS or w in TEENS or w in TENS or w in REPEAT


def _link(call: CallText, a: _Item, b: _Item) -> str:
    """How two consecutive items of a leg are joined: "joined", "soft" or "hard"."""
    if not a.digits or not b.digits:
        return "hard"
    gap = b.t0 - a.t1
    if a.utt < 0 and b.utt < 0:
        return "soft" if gap <= DTMF_GAP_S else "hard"
    if a.utt < 0 or b.utt < 0:
        return "soft" if gap <= 3.0 else "hard"
    if gap > MAX_GAP_S:
        return "hard"
    words = _between_words(call, a, b) or []
    if any(w not in FILLERS for w in words):
        return "hard"
    if _other_leg_talk(call, a, b) >= OTHER_LEG_WORDS:
        return "hard"
    if a.utt != b.utt or words or call.utts[a.utt].tokens[a.last].pause_after:
        return "soft"
    return "joined"


def _chain(leg: str, items: list[_Item], links: list[str]) -> Chain:
    digits: list[Digit] = []
    bounds: set[int] = {0}
    soft: set[int] = set()
    major: set[int] = {0}
    for k, it in enumerate(items):
        if k > 0:
            bounds.add(len(digits))
            if links[k - 1] == "soft":
                soft.add(len(digits))
            if links[k - 1] == "soft" or it.written or items[k - 1].written:
                major.add(len(digits))
        pos = 0
        for g in it.groups:
            if pos:
                bounds.add(len(digits))
                major.add(len(digits))
            for ch in it.digits[pos : pos + g]:
                digits.append(Digit(ch, leg, it.t0, it.t1, it.source, it.utt, it.first, it.last))
            pos += g
    bounds.add(len(digits))
    major.add(len(digits))
    return Chain(leg, tuple(digits), frozenset(bounds), frozenset(soft), frozenset(major))


def chains(call: CallText, legs: Iterable[str] | None = None) -> list[Chain]:
    """All chains of the call, leg by leg, in time order within a leg."""
    if legs is None:
        legs = sorted({u.leg for u in call.utts} | {e.leg for e in call.dtmf})
    out: list[Chain] = []
    for leg in legs:
        run: list[_Item] = []
        links: list[str] = []
        for it in _items(call, leg):
            if not it.digits:
                # A keyed '#', '*' or letter ends the entry.
                if run:
                    out.append(_chain(leg, run, links))
                run, links = [], []
                continue
            if run:
                link = _link(call, run[-1], it)
                if link == "hard":
                    out.append(_chain(leg, run, links))
                    run, links = [], []
                else:
                    links.append(link)
            run.append(it)
        if run:
            out.append(_chain(leg, run, links))
    return out


def utterance_digits(u: Utt) -> str:
    """All identifier-like digits said in one utterance (for tests and artefact scans)."""
    return "".join(p.digits for p in u.pieces if p.role == "number")
