"""Concept patterns: a few groups of words said close together, in any order ("NEAR" queries).

Paraphrase lists only know the wordings someone wrote down, and every call written blind brought
new ones ("we're *taping* the *call*", "that's you through *security*"). Speech-analytics query
languages match meaning the other way round: a recording notice is *a word for recording* near *a
word for the call*, whatever else is said around them. A pattern is groups joined by ``+``, each a
list of alternatives joined by ``|``; every group must be said within ``SPAN`` words of the others,
in one utterance, in any order::

    record | tape | monitor + call | line | conversation
    verified | through security + you | that | everything - need | first | going

* An alternative is one word or several in a row ("through security"); a word is compared on its
  light stem ("recorded", "recording" -> "record"), or as a prefix when it ends in ``*``
  ("apolog*"). Masks are words too ("[pan]").
* ``- a | b`` after the groups lists words, one each, that undo a match anywhere in the window or the
  three words either side ("I *need* to get you verified" is no verification yet).
* A negation inside the window or just before it undoes it too ("this call is *not* recorded";
  ``core.language.wording.negated``), and so does a bare "no" right before it ("*no* supervisor is
  free") or a negated verb of saying or knowing up to three words before it ("I can*not* promise
  they will approve it"; "don't worry, they'll approve it" stays); an alternative that says a
  negation itself ("not + happy") must have it, and only that alternative ("not fair | unfair").
* Misheard words: with ``fuzzy``, an alternative of six letters or more also matches a word close
  in spelling (rapidfuzz ratio >= ``FUZZY``, never its opposite: "unhappy" is not "happy"); words the
  recogniser was unsure of never match when ``sure_only`` (a forbidden phrase is a breach only on
  words heard for sure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise, product

from rapidfuzz import fuzz

from ccedge.core.language.normalise import normalise
from ccedge.core.language.phrases import Match, stem
from ccedge.core.language.wording import NEGATORS, negated, opposite

SPAN = 8  # the groups' words all lie within this many words
_AROUND = 3  # an exclusion word this close to the window undoes the match
FUZZY = 90.0  # "curious" is 86 from "furious"
_FUZZY_FROM = 6  # letters an alternative needs before a misspelling of it counts
_MAX_GROUPS = 4


_stem = lru_cache(maxsize=1 << 16)(stem)


@lru_cache(maxsize=1 << 16)
def _close(token: str, word: str) -> bool:
    """A misspelling of ``word`` (a long enough alternative), never its opposite."""
    return token.isalpha() and fuzz.ratio(token, word) >= FUZZY and not opposite(token, word)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    prefix: bool
    key: str = field(default="", compare=False)  # the light stem, computed once

    def hits(self, token: str, fuzzy: bool, token_stem: str | None = None) -> bool:
        """Does ``token`` say this word (``token_stem``: its stem, when the caller has it)?"""
        if self.prefix:
            return token.startswith(self.text)
        if token == self.text or (_stem(token) if token_stem is None else token_stem) == self.key:
            return True
        return fuzzy and len(self.text) >= _FUZZY_FROM and _close(token, self.text)


@dataclass(frozen=True, slots=True)
class NearPattern:
    """One parsed pattern: ``groups`` of alternatives (each a run of words) and ``unless`` words."""

    text: str
    groups: tuple[tuple[tuple[_Word, ...], ...], ...]
    unless: tuple[_Word, ...] = ()
    # the groups with an alternative that says a negation itself ("not + happy"): when one of those is what
    # was said, the negation must be there, not undone; the group's other alternatives match as usual ("not
    # fair | unfair": "unfair" needs no "not")
    negative: tuple[bool, ...] = ()


def _show(text: str) -> str:
    """A pattern as an error message quotes it: one line, at most 60 characters."""
    one = " ".join(text.split())
    return one if len(one) <= 60 else one[:57] + "..."


def _words(alt: str, what: str) -> tuple[_Word, ...]:
    words = normalise(alt.replace("*", " _star_ ")).replace(" _star_", "*").split()
    if not words or any(w == "*" or w.count("*") > 1 or (w.endswith("*") and len(w) < 4) for w in words):
        raise ValueError(f"{what}: '{_show(alt)}' is not a word or words (a prefix* needs 3 letters)")
    return tuple(_Word(w.rstrip("*"), w.endswith("*"), _stem(w.rstrip("*"))) for w in words)


def parse_pattern(pattern: str) -> NearPattern:
    """Parse ``a | b + c | d - e | f``; a ``ValueError`` names what is wrong in one line."""
    shown = _show(pattern)
    head, sep, tail = pattern.partition(" - ")
    groups = head.split("+")
    if not 1 <= len(groups) <= _MAX_GROUPS:
        raise ValueError(f"'{shown}': 1 to {_MAX_GROUPS} groups joined by '+'")
    parsed = []
    for g in groups:
        alts = g.split("|")
        if any(not a.strip() for a in alts):
            raise ValueError(f"'{shown}': an empty alternative (two '|' or a '+' with nothing beside it)")
        parsed.append(tuple(_words(a, f"'{shown}'") for a in alts))
    unless: tuple[_Word, ...] = ()
    if tail.strip():
        undo = [_words(a, f"'{shown}' after ' - '") for a in tail.split("|")]
        several = next((a for a in undo if len(a) > 1), None)
        if several is not None:  # each word would undo a match alone: "cannot" -> "can", "not"
            said = " ".join(w.text for w in several)
            raise ValueError(f"'{shown}': after ' - ' each alternative is one word ('{said}' is several)")
        unless = tuple(a[0] for a in undo)
    elif sep:
        raise ValueError(f"'{shown}': nothing after ' - '")
    negative = tuple(any(_says_negation([w.text for w in alt]) for alt in g) for g in parsed)
    return NearPattern(pattern.strip(), tuple(parsed), unless, negative)


def _spans(toks: list[str], stems: list[str], group: tuple[tuple[_Word, ...], ...], fuzzy: bool,
           unsure: frozenset[str]) -> list[tuple[int, int]]:
    out = []
    n = len(toks)
    for i in range(n):
        for alt in group:
            k = len(alt)
            if i + k <= n and all(toks[i + m] not in unsure and w.hits(toks[i + m], fuzzy, stems[i + m])
                                  for m, w in enumerate(alt)):
                out.append((i, i + k))
                break
    return out


class NearMatcher:
    """Concept patterns; ``match(text)`` gives the first pattern said in ``text`` or ``None``."""

    def __init__(self, patterns: Iterable[str], fuzzy: bool = True, span: int = SPAN) -> None:
        self.patterns = tuple(parse_pattern(p) for p in patterns)
        self.fuzzy = fuzzy
        self.span = span

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, text: str, normalised: bool = False,
              unsure: frozenset[str] = frozenset()) -> Match | None:
        s = text if normalised else normalise(text)
        toks = s.split()
        stems = [_stem(t) for t in toks]
        for p in self.patterns:
            found = self._window(toks, stems, p, unsure)
            if found is not None:
                i, j = found
                start = len(" ".join(toks[:i])) + (1 if i else 0)
                return Match(p.text, 90.0, start, start + len(" ".join(toks[i:j])))
        return None

    def _window(self, toks: list[str], stems: list[str], p: NearPattern,
                unsure: frozenset[str]) -> tuple[int, int] | None:
        each = []
        for g in p.groups:  # a group not said at all ends the pattern: most patterns stop at the first
            found = _spans(toks, stems, g, self.fuzzy, unsure)
            if not found:
                return None
            each.append(found)
        for combo in product(*(e[:8] for e in each)):
            i, j = min(a for a, _ in combo), max(b for _, b in combo)
            negative = any(n and _says_negation(toks[a:b])
                           for (a, b), n in zip(combo, p.negative, strict=True))
            if j - i > self.span or _overlap(combo) or negated(toks, i, j, ("not",) if negative else ()):
                continue
            if not negative and i > 0 and toks[i - 1] == "no":  # "no supervisor is free"
                continue
            if not negative and _hedged(toks, i):
                continue
            near = toks[max(0, i - _AROUND):j + _AROUND]
            if any(w.hits(t, False) for w in p.unless for t in near):
                continue
            return i, j
        return None


def _says_negation(words: list[str]) -> bool:
    return any(w in NEGATORS or w == "no" for w in words)


# what a negated verb of saying or knowing just before a match puts in doubt ("I can*not* promise they
# will approve it", "I do*n't* think it will"), unlike "don't worry, they will approve it"
_HEDGES = frozenset("promise guarantee say think know sure expect tell".split())


def _hedged(toks: list[str], i: int) -> bool:
    """A negation, then a verb of saying or knowing, in the three words before ``toks[i]``."""
    before = toks[max(0, i - _AROUND):i]
    return any(t in NEGATORS and any(h in _HEDGES for h in before[m + 1:]) for m, t in enumerate(before))


def _overlap(combo: tuple[tuple[int, int], ...]) -> bool:
    """Two groups matched by the same word ("call" for both "call" and "call back")."""
    spans = sorted(combo)
    return any(b[0] < a[1] for a, b in pairwise(spans))
