"""Sentiment per utterance (VADER, offline, lexicon-based) smoothed per leg.

VADER's compound score (-1..1) is noisy on single short turns, so each leg keeps an
exponential moving average weighted by utterance length; ``trend`` is the change of the
smoothed value over the last few utterances (negative: the customer is getting more upset).

VADER is a general social-media lexicon: the ways callers say they are fed up score neutral or
even positive in it ("it's a joke" +0.30, "banging my head against a brick wall" +0.36, "I am fed
up" 0.0, "every time I ring…" 0.0). An utterance that says one of ``FRUSTRATION`` (concept
patterns, ``core.language.near``) scores at most ``FRUSTRATED`` (2026.12.13, held-out set 11; words of
anger VADER reads as neutral or positive since 2026.12.16: "Unbelievable." +0.40).
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, field

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ccedge.core.language.near import NearMatcher

FRUSTRATED = -0.6
FRUSTRATION = (
    "fed up | sick to death | sick and tired | had enough | had it up to here | had it with | at my wits end",
    "is a joke | what a joke | a farce | a shambles | a circus | waste of time | wasting my time"
    " | a nightmare | a disgrace",
    "second | third | fourth | fifth | [number] | every + time + call | ring | rang | phone | phoned | called"
    " | calling | chase | chasing - lovely | great | helpful | brilliant | nice | thank | thanks | pleasure",
    # 2026.12.17 (held-out set 16): calls counted in cardinals, the redactor's masked ordinal ("this is the
    # [NUMBER] time this month"), a deal called unfair, being messed about, disbelief
    "three | four | five | six | several | many | [number] + times + called | rang | phoned | rung | chased",
    "[number] | second | third | fourth | fifth + time + this week | this month | this year | in a row"
    " | running",
    # 2026.12.18 (held-out set 17): the same promise heard before, and a caller overwhelmed
    "told me that | told that | said that + last time | as well | also | too | already",
    "all too much | end of my tether | can not cope | can not take any more | do not know where i stand",
    "not fair | unfair",
    "paying for nothing",
    # 2026.12.19 (held-out set 18): being rung at work again and again, a call before that came to nothing,
    # no apology from anyone, "you people don't care", and anger in Caribbean and West African English
    "keep | keeps + calling me | ringing me | phoning me | texting me",
    "nothing + happened | changed | was done | got done",
    "nobody | no one + said sorry | apologised | apologized",
    "you people | you lot | allyuh | you all + do not care",
    "nonsense | vex | vexed | na wa - no | not",
    "been messed about | been messed around | been mucked about | are you serious",  # not "messing around"
    "brick wall | round in circles | pillar to post | passed around | fobbed off",
    "no further on | not having it",
    "nobody | no one | never + gets back | got back | called back | rang back | calls back | rings back",
    "still + waiting",
    "still + not fixed | not sorted | not heard",
    # 2026.12.16: words of anger VADER reads as neutral or positive ("Unbelievable." +0.40, "I'm honestly
    # really upset right now" +0.23, "I'm still pretty steamed about all this" +0.76; held-out sets 12-15)
    "unbelievable | unreal | livid | fuming | seething | steamed - thank | thanks | great | brilliant"
    " | lovely | amazing | wonderful | fantastic",
    "i am + upset | annoyed | angry | cross | steamed | disgusted | fuming - stomach | tummy",
    "this is how + treat* | talk to | speak to",
    "robbery | rip off | ripoff | scam",
    "forget it",
    "nobody | no one + cares | care",
)


# 2026.12.18: VADER's social-media lexicon scores internet acronyms that in a call are a spelled letter, a
# name or an abbreviation: "L" +2.0 in a spelled reference ("A C E, L A, 441" scored +0.58), "kia" (killed
# in action) -3.2 in the Maori greeting "kia ora" and the car maker, "po" (post office), "dx" (a diagnosis)
NOT_SENTIMENT = frozenset(
    "a b c d e f g h i j k l m n o p q r s t u v w x y z kia po dx doa tia sete nh bl wd ly gla".split())


@functools.cache
def _analyser() -> SentimentIntensityAnalyzer:
    analyser = SentimentIntensityAnalyzer()
    for token in NOT_SENTIMENT:
        analyser.lexicon.pop(token, None)
    return analyser


@functools.cache
def _frustration() -> NearMatcher:
    return NearMatcher(FRUSTRATION)


def sentiment(text: str) -> float:
    """VADER compound score of ``text`` (-1 very negative .. 1 very positive), at most
    ``FRUSTRATED`` when it says a caller's way of being fed up."""
    if not text.strip():
        return 0.0
    score = float(_analyser().polarity_scores(text)["compound"])
    return min(score, FRUSTRATED) if _frustration().match(text) is not None else score


@dataclass(slots=True)
class LegSentiment:
    """Smoothed sentiment of one leg; ``add`` returns the new smoothed value."""

    alpha: float = 0.45  # weight of a ~10-word utterance; shorter ones count less
    smoothed: float = 0.0
    n: int = 0
    history: list[tuple[float, float, float]] = field(default_factory=list)  # (t, raw, smoothed)
    _recent: deque[float] = field(default_factory=lambda: deque(maxlen=4))

    def add(self, t: float, text: str) -> float:
        raw = sentiment(text)
        words = max(1, len(text.split()))
        a = min(0.8, self.alpha * min(1.0, words / 10))
        self.smoothed = raw if self.n == 0 else (1 - a) * self.smoothed + a * raw
        self.n += 1
        self.history.append((t, raw, self.smoothed))
        self._recent.append(self.smoothed)
        return self.smoothed

    @property
    def trend(self) -> float:
        """Smoothed now minus smoothed a few utterances ago (0 until there are two)."""
        return self._recent[-1] - self._recent[0] if len(self._recent) > 1 else 0.0

    @property
    def start(self) -> float:
        return self.history[0][2] if self.history else 0.0

    @property
    def minimum(self) -> float:
        return min((h[2] for h in self.history), default=0.0)
