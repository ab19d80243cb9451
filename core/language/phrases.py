"""Does an utterance say one of a rule's phrases? Exact first, then fuzzy.

Speech recognition mishears ("this call is recorded" -> "this coal is recorded"), so a phrase
also matches when the best-aligned stretch of the utterance is close enough in characters
(rapidfuzz ``partial_ratio_alignment``, a C implementation of an edit-distance alignment).
Short phrases (< ``min_fuzzy_chars``) only match exactly, on word boundaries: a fuzzy
"cancel" would fire on "council". A character alignment alone also confuses phrases that
share most words ("make a complaint" / "make a payment"), so every content word of the phrase
must have a close counterpart (``word_cutoff``) in the aligned stretch. Each rule lists
paraphrases; ``benchmarks/guidance.py`` measures exact against fuzzy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ccedge.core.language.normalise import normalise

_FUNCTION_WORDS = frozenset(
    "that this with your have will would what when where which there their they them then than from "
    "about into been were just also very some more like".split()
)


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str  # the policy phrase (normalised) that matched
    score: float  # 0..100
    start: int  # character span of the match in the normalised utterance
    end: int


class PhraseMatcher:
    """A set of paraphrases; ``match(text)`` gives the best one found in ``text`` or ``None``."""

    def __init__(self, phrases: Iterable[str], threshold: float = 86.0, fuzzy: bool = True,
                 min_fuzzy_chars: int = 10, word_cutoff: float = 75.0) -> None:
        self.phrases = tuple(dict.fromkeys(p for p in (normalise(x) for x in phrases) if p))
        self.threshold = threshold
        self.fuzzy = fuzzy
        self.min_fuzzy_chars = min_fuzzy_chars
        self.word_cutoff = word_cutoff
        self._content = {p: [w for w in p.split() if len(w) >= 4 and w not in _FUNCTION_WORDS]
                         for p in self.phrases}

    def match(self, text: str, normalised: bool = False) -> Match | None:
        s = text if normalised else normalise(text)
        if not s:
            return None
        padded = f" {s} "
        best: Match | None = None
        for p in self.phrases:
            i = padded.find(f" {p} ")
            if i >= 0:
                return Match(p, 100.0, i, i + len(p))
            if not self.fuzzy or len(p) < self.min_fuzzy_chars:
                continue
            al = fuzz.partial_ratio_alignment(p, s, score_cutoff=self.threshold)
            if al is None or (best is not None and al.score <= best.score):
                continue
            a = s.rfind(" ", 0, al.dest_start) + 1
            b = s.find(" ", al.dest_end)
            region = s[a : b if b >= 0 else len(s)].split()
            if all(any(fuzz.ratio(w, r) >= self.word_cutoff for r in region) for w in self._content[p]):
                best = Match(p, float(al.score), al.dest_start, al.dest_end)
        return best
