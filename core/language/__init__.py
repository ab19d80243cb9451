"""Text helpers shared by guidance and QM: normalised text, phrase matching that survives
speech recognition, and per-leg sentiment. Nothing here knows about policies or scores."""

from ccedge.core.language.normalise import normalise, tokens
from ccedge.core.language.phrases import Match, PhraseMatcher, unsure_words
from ccedge.core.language.sentiment import LegSentiment, sentiment

__all__ = ["LegSentiment", "Match", "PhraseMatcher", "normalise", "sentiment", "tokens", "unsure_words"]
