"""Does an utterance say one of a rule's phrases? Exact first, then fuzzy.

Speech recognition mishears ("this call is recorded" -> "this coal is recorded"), so a phrase
also matches when the best-aligned stretch of the utterance is close enough in characters
(rapidfuzz ``partial_ratio_alignment``, a C implementation of an edit-distance alignment).
Short phrases (< ``min_fuzzy_chars``) only match exactly, on word boundaries: a fuzzy
"cancel" would fire on "council". A character alignment alone also confuses phrases that
share most words ("make a complaint" / "make a payment"), so every content word of the phrase
must have a close counterpart (``word_cutoff``, compared on light stems so "recorded" meets
"recording") in the aligned stretch; a phrase with at least ``spare_from`` content words may
miss one of them (the recogniser hears "is there anything else I can *tell* you with": the
other words and the alignment carry it). Each rule lists paraphrases; ``benchmarks/guidance.py``
measures exact against fuzzy and these settings.

Confidence: the recogniser gives each word a probability, and what it garbles it is mostly
unsure of ("thank you for *meritating*" p 0.42, "*supermimer*" p 0.44). Words under
``UNSURE_P`` are passed as ``unsure``; one of them in the aligned stretch may stand in for one
content word the phrase misses, when the alignment reaches ``unsure_threshold`` and at least
one content word was heard for sure. A confidently wrong word ("tell" for "help", p 0.9) is
never a stand-in.

Other words and negation (``core.language.wording``, packs 2026.12.6): after the exact try, a phrase
matches when both sides are equal in canonical words (determiners one token, a few synonym classes
mapped to one word: "*the* account shows", "*ring* me back"), or with up to ``inserted`` words put
inside it ("make a *formal* complaint"); every pass drops a match whose polarity differs from the
phrase's ("nobody has *called me back*", "I can*not* guarantee"), and a content word never matches
its opposite by a negating prefix ("happy" / "unhappy"). 2026.12.7: a third person's possessive is a
determiner ("what was *her* name"), articles put inside a phrase are free ("calls to *the* pharmacy are
recorded"), and a stand-in is never a closed-class word ("somewhere" for "overdue") nor joined with a
word heard as itself ("worth *at*" for "tight").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import jellyfish
from rapidfuzz import fuzz, process

from ccedge.core.language.normalise import normalise
from ccedge.core.language.wording import canon, negated, opposite, with_insertions

_FUNCTION_WORDS = frozenset(
    "that this with your have will would what when where which there their they them then than from "
    "about into been were just also very some more like want".split()
)
# closed-class words of four letters or more that are heard right even when unsure: never a stand-in
# for a garbled content word (2026.12.7: an unsure "somewhere" stood in for "overdue")
_NO_STAND_IN = _FUNCTION_WORDS | frozenset(
    "somewhere something someone anything anyone anywhere everything everyone everywhere nothing nowhere "
    "because though although before after until while whether should could would might must".split()
)



_SUFFIXES = ("ing", "ed", "es", "s")
# rapidfuzz's partial ratio aligns the shorter string inside the longer, so an utterance much
# shorter than a phrase scores 100 against any phrase that contains it ("no" in "it is not on"):
# fuzzy matching needs an utterance at least this share of the phrase's length.
_MIN_SHARE = 0.75
# a window word (or two joined) that stands for a content word by sound is 0.6 to 1.7 times its length
_LENGTH = (0.6, 1.7)
_LEAD_IN = frozenset("is are was were".split())
UNSURE_P = 0.5  # a recognised word below this probability is one the recogniser was unsure of


def unsure_words(words: Iterable[tuple[str, float]]) -> frozenset[str]:
    """The normalised forms of the words (text, probability) heard with p < ``UNSURE_P``."""
    return frozenset(t for w, p in words if p < UNSURE_P for t in normalise(w).split())


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """The metaphone key of a word's light stem ("showed" -> "X", "arrears" -> "ARR"); masks and
    numbers stay as they are."""
    return jellyfish.metaphone(stem(word)) if word.isalpha() else word


def sounds(words: Iterable[str]) -> str:
    """The joined keys of a run of words: "go the evening" -> "K0EFNNK"."""
    return "".join(sound(w) for w in words)


def stem(word: str) -> str:
    """A light stem (tense and number only): "recorded", "recording", "records" -> "record"."""
    for suf in _SUFFIXES:
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def _same(w: str, r: str, cutoff: float) -> bool:
    """Is ``r`` close in spelling to the content word ``w``, and not its opposite ("unhappy")?"""
    return fuzz.ratio(w, r) >= cutoff and not opposite(w, r)


def _occurs(padded: str, key: str, toks: list[str], ptoks: list[str], negation: bool) -> int | None:
    """Where ``key`` (" words ") first occurs in ``padded`` (" utterance ") and is not negated: the
    character offset of its first word in the utterance, or ``None``."""
    at = padded.find(key)
    while at >= 0:
        i = padded.count(" ", 0, at + 1) - 1  # index of the first matched token
        if not (negation and negated(toks, i, i + len(key.split()), ptoks)):
            return at
        at = padded.find(key, at + 1)
    return None


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str  # the policy phrase (normalised) that matched
    score: float  # 0..100
    start: int  # character span of the match in the normalised utterance
    end: int


class PhraseMatcher:
    """A set of paraphrases; ``match(text)`` gives the best one found in ``text`` or ``None``."""

    def __init__(self, phrases: Iterable[str], threshold: float = 86.0, fuzzy: bool = True,
                 min_fuzzy_chars: int = 10, word_cutoff: float = 75.0, spare_from: int = 3,
                 unsure_threshold: float = 70.0, ordered_from: int = 3, ordered_cutoff: float = 85.0,
                 ordered_slack: int = 3, phonetic: bool = True, phonetic_cutoff: float = 80.0,
                 stand_in_cutoff: float = 45.0, canonical: bool = True, negation: bool = True,
                 inserted: int = 2) -> None:
        self.phrases = tuple(dict.fromkeys(p for p in (normalise(x) for x in phrases) if p))
        self.threshold = threshold
        self.fuzzy = fuzzy
        self.min_fuzzy_chars = min_fuzzy_chars
        self.word_cutoff = word_cutoff
        self.spare_from = spare_from
        self.unsure_threshold = unsure_threshold
        self.ordered_from = ordered_from  # 0: off
        self.ordered_cutoff = ordered_cutoff
        self.ordered_slack = ordered_slack
        self.phonetic = phonetic
        self.stand_in_cutoff = stand_in_cutoff
        self.phonetic_cutoff = phonetic_cutoff
        self.word_sound_cutoff = 75.0  # a content word against the window's, by sound or spelling
        self.canonical = canonical
        self.inserted = inserted  # words that may be put inside a phrase of 3+ words (0: off)
        self.negation = negation and fuzzy  # the exact peer stays naive phrase spotting
        self._canon = {p: f" {' '.join(canon(p.split(), final=False))} " for p in self.phrases}
        self._ctoks = {p: self._canon[p].split() for p in self.phrases}
        self._content = {p: [stem(w) for w in p.split() if len(w) >= 4 and w not in _FUNCTION_WORDS]
                         for p in self.phrases}
        # Phrases with two content words or one long one only ("i am fed up" sounds like "i am
        # set up", "i have no money" like "i have been meaning"), each of which must sound close
        # to a word of the window or two adjacent ones ("arrears" ~ "a rear", "senior" ~ "seeing").
        self._sound = {p: sounds(p.split()) for p in self.phrases
                       if len(p) >= min_fuzzy_chars
                       and (len(self._content[p]) >= 2 or any(len(w) >= 6 for w in self._content[p]))}
        self._content_sound = {p: [sounds([w]) for w in self._content[p]] for p in self._sound}
        # A phrase that leads in to a value ("your balance is", "your credit limit is") matches
        # loosely only with its verb: "before I discuss your balance" gives no balance.
        self._lead_in = {p: p.split()[-1] for p in self.phrases if p.split()[-1] in _LEAD_IN}
        for p in self._lead_in:
            self._sound.pop(p, None)

    def match(self, text: str, normalised: bool = False,
              unsure: frozenset[str] = frozenset()) -> Match | None:
        s = text if normalised else normalise(text)
        if not s:
            return None
        toks = s.split()
        padded = f" {s} "
        ctoks = canon(toks)
        cpadded = f" {' '.join(ctoks)} "
        best: Match | None = None
        for p in self.phrases:
            ptoks = p.split()
            at = _occurs(padded, f" {p} ", toks, ptoks, self.negation)
            if at is not None:
                return Match(p, 100.0, at, at + len(p))
            if f" {p} " in padded:
                continue  # said, but negated: "nobody has called me back"
            if self.fuzzy and self.canonical and _occurs(cpadded, self._canon[p], ctoks, ptoks,
                                                         self.negation) is not None:
                return Match(p, 95.0, 0, len(s))  # "the account shows", "this is *really* unacceptable"
            if not self.fuzzy or len(p) < self.min_fuzzy_chars or len(s) < _MIN_SHARE * len(p):
                continue  # a short utterance aligns *inside* a long phrase: "no" in "it is not on"
            cutoff = min(self.threshold, self.unsure_threshold) if unsure else self.threshold
            al = fuzz.partial_ratio_alignment(p, s, score_cutoff=cutoff)
            if al is None or (best is not None and al.score <= best.score):
                continue
            a = s.rfind(" ", 0, al.dest_start) + 1
            b = s.find(" ", al.dest_end)
            words = s[a : b if b >= 0 else len(s)].split()
            region = [stem(r) for r in words]
            content = self._content[p]
            if p in self._lead_in and not {self._lead_in[p], "s"} & set(words):
                continue
            close = [[i for i, r in enumerate(region) if _same(w, r, self.word_cutoff)] for w in content]
            found = sum(bool(c) for c in close)
            missing = len(content) - found - (0 < self.spare_from <= len(content))
            used = {i for c in close for i in c}
            stood_in = False
            if missing == 1 and found:  # one unsure word may stand in for one content word
                lost = next(w for w, c in zip(content, close, strict=True) if not c)
                # the stand-in looks like a content word itself: an unsure "the" is heard right, not
                # a garbled "take" ("share some of *the* payments" is not "take a payment")
                stood_in = any(i not in used and len(w) >= 4 and w not in _NO_STAND_IN and w in unsure
                               and self._like(lost, words, i, unsure) for i, w in enumerate(words))
                missing -= stood_in
            if missing <= 0 and (al.score >= self.threshold or stood_in):
                i = s.count(" ", 0, a)
                if not (self.negation and negated(toks, i, i + len(words), ptoks)):
                    best = Match(p, float(al.score), al.dest_start, al.dest_end)
        if best is None and self.fuzzy and self.canonical and self.inserted:
            best = self._with_insertions(s, ctoks)
        if best is None and self.fuzzy and self.ordered_from:
            best = self._unless_negated(s, self._ordered(s))
        if best is None and self.fuzzy and self.phonetic:
            best = self._unless_negated(s, self._sounds_like(s))
        return best

    def _with_insertions(self, s: str, ctoks: list[str]) -> Match | None:
        """A phrase said with a few words put in ("make a *formal* complaint"), on canonical words."""
        have = set(ctoks)
        for p in self.phrases:
            cp = self._ctoks[p]
            if not have.issuperset(cp):
                continue
            span = with_insertions(ctoks, cp, self.inserted)
            if span is not None and not (self.negation and negated(ctoks, span[0], span[1], cp)):
                return Match(p, 90.0, 0, len(s))
        return None

    def _unless_negated(self, s: str, m: Match | None) -> Match | None:
        if m is None or not self.negation:
            return m
        i = s.count(" ", 0, m.start)
        return None if negated(s.split(), i, s.count(" ", 0, m.end) + 1, m.phrase.split()) else m

    def _sounds_like(self, s: str) -> Match | None:
        """A window of words that sounds like a phrase (see the module docstring)."""
        toks = s.split()
        windows: dict[int, list[str]] = {}
        # a match needs one content word close in spelling (``_each_sounds``): phrases with none
        # anywhere in the utterance are not tried (most of them, most of the time)
        stems = [stem(t) for t in toks]
        spelt = stems + [a + b for a, b in pairwise(stems)]
        near: dict[str, bool] = {}

        def spelt_near(w: str) -> bool:
            if w not in near:
                near[w] = process.extractOne(w, spelt, scorer=fuzz.ratio,
                                             score_cutoff=self.word_sound_cutoff) is not None
            return near[w]

        for p, key in self._sound.items():
            if not any(spelt_near(w) for w in self._content[p]):
                continue
            n = len(p.split())
            for m in (n - 1, n, n + 1):
                if m < 1 or m > len(toks):
                    continue
                if m not in windows:
                    windows[m] = [sounds(toks[i : i + m]) for i in range(len(toks) - m + 1)]
                for _, score, i in process.extract(key, windows[m], scorer=fuzz.ratio, limit=None,
                                                   score_cutoff=self.phonetic_cutoff):
                    w = windows[m][i]
                    if w[:1] == key[:1] and w[-1:] == key[-1:] and self._each_sounds(p, toks[i : i + m]):
                        a = len(" ".join(toks[:i])) + (i > 0)
                        return Match(p, float(score), a, a + len(" ".join(toks[i : i + m])))
        return None

    def _each_sounds(self, p: str, window: list[str]) -> bool:
        """Every content word of ``p``, in order, sounds or is spelled close to its own word of the
        window or two adjacent ones joined ("arrears" ~ "a rear", "supervisor" ~ "super minor"), of
        about its length. A mishearing keeps a word's length, so "and" (3 letters) is not "amount"
        (6) nor "postcode" "past" ("and postcode" sounds like "amount past due"); and one heard word
        stands for one word of the phrase ("for" is not both "over" and "phone" in "payments *for
        now*" ~ "payment over the phone"). At least one of them is close in spelling, not only in
        sound: metaphone is coarse ("have passed" and "half price" are both H-F-P-S). A word close by sound
        alone needs a key of three letters or the very key: two letters are too few to tell ("four", F-R, is
        no "father", F-0-R; 2026.12.17)."""
        stems = [stem(w) for w in window]
        keys = [sound(w) for w in window]
        # (first word, last word + 1, sound key, spelling) of each word and each adjacent pair
        cands = [(i, i + 1, keys[i], stems[i]) for i in range(len(window))]
        cands += [(i, i + 2, keys[i] + keys[i + 1], stems[i] + stems[i + 1]) for i in range(len(window) - 1)]
        cut, (lo, hi) = self.word_sound_cutoff, _LENGTH
        at, spelt = 0, False
        for w, c in zip(self._content[p], self._content_sound[p], strict=True):
            fits = [(b, fuzz.ratio(w, x) >= cut) for a, b, k, x in cands
                    if a >= at and lo <= len(x) / len(w) <= hi and not opposite(w, x)
                    and (fuzz.ratio(w, x) >= cut or (fuzz.ratio(c, k) >= cut and (len(k) >= 3 or k == c)))]
            if not fits:
                return False
            spelt = spelt or any(by_letters for _, by_letters in fits)
            at = min(b for b, _ in fits)
        return spelt

    def _like(self, lost: str, words: list[str], i: int, unsure: frozenset[str] = frozenset()) -> bool:
        """Is the unsure ``words[i]``, alone or joined with a neighbour (a word heard split in
        two: "super mimer"), spelled somewhat like the content word ``lost`` it would stand in for?
        The neighbour is a piece of a word: unsure itself, or of four letters or more and no function
        word (2026.12.7: "worth" joined with a sure "at" looked like "tight")."""
        def piece(k: int) -> bool:
            w = words[k]
            return w in unsure or (len(w) >= 4 and w not in _NO_STAND_IN)

        cands = [words[i]]
        if i > 0 and piece(i - 1):
            cands.append(words[i - 1] + words[i])
        if i + 1 < len(words) and piece(i + 1):
            cands.append(words[i] + words[i + 1])
        # the word as heard or its stem: "conuring" (for "can you ring") loses its "ring" to the stem
        return any(max(fuzz.ratio(lost, c), fuzz.ratio(lost, stem(c))) >= self.stand_in_cutoff for c in cands)

    def _ordered(self, s: str) -> Match | None:
        """Every content word of a phrase with ``ordered_from`` or more of them, in order, close together.

        The recogniser changes the small words around a phrase's key words ("the third time I
        have called" -> "my third time I can call them"), which pulls a character alignment under
        the threshold although every word that carries the meaning was heard. Each content word
        must match a word of the utterance closely (``ordered_cutoff``, on stems), in the
        phrase's order, within the phrase's length plus ``ordered_slack`` words.
        """
        toks = s.split()
        stems = [stem(t) for t in toks]
        for p in self.phrases:
            content = self._content[p]
            if len(content) < self.ordered_from or p in self._lead_in:
                continue
            span = len(p.split()) + self.ordered_slack
            for first in range(len(stems)):
                if not _same(content[0], stems[first], self.ordered_cutoff):
                    continue
                k, j = 1, first + 1
                while k < len(content) and j < min(len(stems), first + span):
                    k += _same(content[k], stems[j], self.ordered_cutoff)
                    j += 1
                if k == len(content):
                    a = len(" ".join(toks[:first])) + (first > 0)
                    return Match(p, float(self.ordered_cutoff), a, len(" ".join(toks[:j])))
        return None
