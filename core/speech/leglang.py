"""Language per leg: what whisper.cpp detects per window, settled into one language per leg.

With ``language="auto"`` a multilingual model detects the language of every window, and on short
windows it wanders (Spanish legs of the Spanish set came out "la", "ja" or "en" on a few words).
A caller keeps one language for the call, so each leg's language is the one detected for most of
its first ``settle_s`` seconds of speech; once settled it is pinned and later utterances can be
decoded in it (no detection pass, no wandering). An utterance shorter than ``short_s`` (2 s) counts a
quarter of its length in the vote (not in the seconds heard): on espeak Spanish at 8 kHz, short
utterances came out "ja", "th", "id" or "it" and outvoted the longer ones' "es". Memory is
bounded: a call's entries go when it ends (:meth:`LegLanguage.forget`), and past ``max_legs``
legs the oldest leg is forgotten first (its next utterance is detected again). The worker pool
keeps one when its language is "auto" (``ccedge.core.speech.workers.WorkerPool.leglang``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

AUTO = "auto"


SHORT_WEIGHT = 0.25


@dataclass
class _Votes:
    heard_s: float = 0.0  # seconds of the leg's speech detected so far
    by_language: dict[str, float] = field(default_factory=lambda: defaultdict(float))


class LegLanguage:
    def __init__(self, settle_s: float = 8.0, max_legs: int = 4096, short_s: float = 2.0) -> None:
        self.settle_s = settle_s
        self.max_legs = max_legs
        self.short_s = short_s
        self._seen: dict[tuple[str, str], _Votes] = {}
        self._pinned: dict[tuple[str, str], str] = {}

    def observe(self, call_id: str, leg: str, language: str, seconds: float) -> None:
        """Record that ``seconds`` of the leg's speech were detected as ``language``."""
        key = (call_id, leg)
        if key in self._pinned or not language or language == AUTO or seconds <= 0:
            return
        if key not in self._seen and len(self) >= self.max_legs:  # drop the oldest leg first
            store: dict[tuple[str, str], Any] = self._pinned if self._pinned else self._seen
            del store[next(iter(store))]
        votes = self._seen.setdefault(key, _Votes())
        votes.heard_s += seconds
        votes.by_language[language] += seconds * (1.0 if seconds >= self.short_s else SHORT_WEIGHT)
        if votes.heard_s >= self.settle_s:
            self._pinned[key] = max(votes.by_language, key=lambda k: votes.by_language[k])
            del self._seen[key]

    def language(self, call_id: str, leg: str) -> str:
        """The leg's pinned language, or "auto" while it is not settled."""
        return self._pinned.get((call_id, leg), AUTO)

    def forget(self, call_id: str) -> None:
        for store in (self._seen, self._pinned):
            for key in [k for k in store if k[0] == call_id]:
                del store[key]

    def __len__(self) -> int:
        return len(self._seen) + len(self._pinned)
