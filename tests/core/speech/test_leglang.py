"""A leg's language settles on what was detected for most of its first seconds, then stays."""

from __future__ import annotations

from ccedge.core.speech.leglang import LegLanguage


def test_leg_language_settles_on_the_majority_and_stays() -> None:
    ll = LegLanguage(settle_s=8.0)
    assert ll.language("c1", "customer") == "auto"
    ll.observe("c1", "customer", "es", 3.0)
    ll.observe("c1", "customer", "la", 1.0)
    ll.observe("c1", "customer", "auto", 9.0)  # not a detection
    assert ll.language("c1", "customer") == "auto"
    ll.observe("c1", "customer", "es", 4.5)
    assert ll.language("c1", "customer") == "es"
    ll.observe("c1", "customer", "en", 60.0)  # pinned: a later wander does not move it
    assert ll.language("c1", "customer") == "es"
    assert ll.language("c1", "agent") == "auto"
    ll.observe("c1", "agent", "en", 2.0)
    ll.observe("c2", "agent", "en", 9.0)
    assert len(ll) == 3
    ll.forget("c1")
    assert len(ll) == 1 and ll.language("c1", "customer") == "auto" and ll.language("c2", "agent") == "en"


def test_bounded_by_legs_oldest_forgotten_first() -> None:
    from ccedge.core.speech.leglang import LegLanguage

    ll = LegLanguage(settle_s=2.0, max_legs=3)
    for i in range(5):
        ll.observe(f"call-{i}", "a", "es", 3.0)
    assert len(ll) == 3
    assert ll.language("call-0", "a") == "auto" and ll.language("call-4", "a") == "es"


def test_english_pools_keep_no_leg_languages(q8_model) -> None:  # type: ignore[no-untyped-def]
    from ccedge.core.speech import WorkerPool
    from ccedge.core.speech.ggml import is_multilingual

    assert not is_multilingual(q8_model)
    pool = WorkerPool(q8_model)  # not started: no process
    assert pool.leglang is None and pool.pack


def test_short_utterances_count_less_in_the_vote() -> None:
    # The agent leg of a Spanish espeak call with the level-3 build: short utterances wandered
    # ("ja", "th") and, counted in full, outvoted the leg's Spanish.
    ll = LegLanguage(settle_s=8.0)
    for lang, s in (("ja", 1.9), ("es", 3.4), ("th", 1.8), ("ja", 1.7)):
        ll.observe("c", "agent", lang, s)
    assert ll.language("c", "agent") == "es"  # settled on 8.8 s heard; ja's 3.6 s weigh 0.9
    # A leg of short utterances only still settles, on their majority.
    for lang in ("en", "en", "es", "en", "es", "en"):
        ll.observe("c", "customer", lang, 1.5)
    assert ll.language("c", "customer") == "en"
