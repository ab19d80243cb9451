"""The labelled sets behind benchmarks/guidance.py: held-out and sentiment-trend calls."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ccedge.core.commands.score import read_calls, score_lines
from ccedge.core.guidance import load_policy
from ccedge.core.qm import load_scorecard
from ccedge.testing.guidance_calls import (
    LATER_SETS,
    clean_lines,
    eval_calls,
    heldout2_calls,
    heldout3_calls,
    heldout_calls,
    sentiment_calls,
)


def _statuses(call_lines: list[dict[str, object]], pack: str) -> dict[str, str]:
    text = "".join(json.dumps(d) + "\n" for d in call_lines)
    lines = next(iter(read_calls(text)[0].values()))
    res = score_lines(lines, load_policy(pack), load_scorecard(pack))
    return {r["id"]: r["status"] for r in res["rules"]}


def test_held_out_sets_are_new_and_labelled_with_pack_rules() -> None:
    tuned = {c.call_id for c in eval_calls()}
    extra = [*heldout_calls(), *sentiment_calls()]
    assert len(heldout_calls()) == 12 and len(sentiment_calls()) == 6
    assert len({c.call_id for c in extra}) == len(extra) and not tuned & {c.call_id for c in extra}
    assert all(c.held_out for c in extra) and not any(c.held_out for c in eval_calls())
    for c in extra:
        rules = {r.id for r in load_policy(c.pack).rules}
        assert set(c.expected) <= rules, c.call_id


UNLABELLED = {"customer-frustration", "long-hold", "legal-mention", "agent-monologue", "bereavement"}


def _new_mixed_and_labelled(calls: list[Any], older: set[str]) -> None:
    """No call id seen in an older set; every pack; enough of each status; every phrase-based rule
    of the pack labelled (the same columns as the first held-out set)."""
    assert not older & {c.call_id for c in calls}
    assert {c.pack for c in calls} == {"finance", "healthcare", "service"}
    statuses = [s for c in calls for s in c.expected.values()]
    assert statuses.count("violated") >= 12 and statuses.count("met") >= 12
    for c in calls:
        rules = {r.id for r in load_policy(c.pack).rules}
        assert set(c.expected) <= rules, c.call_id
        assert rules - set(c.expected) <= UNLABELLED, (c.call_id, rules - set(c.expected))
        assert c.held_out


def test_second_held_out_set_is_new_mixed_and_labelled_with_every_rule() -> None:
    calls = heldout2_calls()
    assert len(calls) >= 12
    _new_mixed_and_labelled(calls, {c.call_id for c in [*eval_calls(), *heldout_calls(), *sentiment_calls()]})


def test_third_held_out_set_is_new_mixed_and_labelled_with_every_rule() -> None:
    calls = heldout3_calls()
    assert len(calls) == 12
    older = [*eval_calls(), *heldout_calls(), *sentiment_calls(), *heldout2_calls()]
    _new_mixed_and_labelled(calls, {c.call_id for c in older})


# the held-out sets from the third on, in the order they were written, with their sizes
_SIZES = {3: 12, 4: 13, 5: 14, 6: 14, **dict.fromkeys(range(7, 20), 12)}
_LATER = [(LATER_SETS[k], n) for k, n in _SIZES.items()]


def test_every_registered_held_out_set_is_checked() -> None:
    assert set(_SIZES) == set(LATER_SETS) - {2}


@pytest.mark.parametrize("k", range(1, len(_LATER)), ids=lambda k: f"held-out-{k + 3}")
def test_blind_held_out_set_is_new_mixed_and_labelled_like_the_one_before(k: int) -> None:
    make, n = _LATER[k]
    calls = make()
    assert len(calls) == n and len({c.call_id for c in calls}) == n
    older = [*eval_calls(), *heldout_calls(), *sentiment_calls(), *heldout2_calls(),
             *(c for before, _ in _LATER[:k] for c in before())]
    _new_mixed_and_labelled(calls, {c.call_id for c in older})
    previous = _LATER[k - 1][0]()
    for c in calls:  # every labelled column of the set before's call of the same pack, and each call renders
        same = next(h for h in previous if h.pack == c.pack)
        assert set(c.expected) >= set(same.expected), c.call_id
        if k + 3 >= 11:  # from the eleventh set on, every rule of the pack is labelled
            assert set(c.expected) == {r.id for r in load_policy(c.pack).rules}, c.call_id
        assert clean_lines(c) and set(c.expected.values()) <= {"met", "violated", "not_applicable"}


def test_sentiment_trend_fires_recovers_or_stays_quiet() -> None:
    seen = set()
    for c in sentiment_calls():
        got = _statuses(clean_lines(c), c.pack)["customer-frustration"]
        assert got == c.expected["customer-frustration"], c.call_id
        seen.add(got)
    assert seen == {"met", "violated", "not_applicable"}


def test_held_out_violations_found_on_clean_scripts() -> None:
    # every violation written into a held-out script is reported (no tuning was done on these)
    for c in heldout_calls():
        got = _statuses(clean_lines(c), c.pack)
        for rid, want in c.expected.items():
            if want == "violated":
                assert got[rid] == "violated", (c.call_id, rid)
            else:
                assert got[rid] != "violated", (c.call_id, rid)
