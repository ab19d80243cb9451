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
