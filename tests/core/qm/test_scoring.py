"""Scorecards: weights, sections, N/A leaving the denominator, auto-fail; validation errors."""

from __future__ import annotations

import pytest

from ccedge.core.qm import (
    CallFacts,
    ScorecardError,
    card_names,
    check_scorecard,
    load_scorecard,
    parse_scorecard,
)
from ccedge.core.qm.scoring import score_call

CARD = """[scorecard]
id = "t"
version = "2"
policy = "finance"

[[sections]]
id = "a"
weight = 75

[[sections]]
id = "b"
weight = 25

[[criteria]]
id = "notice"
section = "a"
rule = "recording-notice"
weight = 10
auto_fail = true

[[criteria]]
id = "payment"
section = "a"
rule = "payment-script"
weight = 30

[[criteria]]
id = "closing"
section = "b"
rule = "closing"
weight = 5

[[criteria]]
id = "mood"
section = "b"
sentiment_min = 0.0
weight = 5
"""


def facts(**rules: str) -> CallFacts:
    return CallFacts(
        "c",
        rules={k.replace("_", "-"): {"status": v, "evidence": [{"t0": 1.0}]} for k, v in rules.items()},
        sentiment={"end": 0.2},
    )


def test_weights_sections_and_na() -> None:
    card = parse_scorecard(CARD)
    r = score_call(card, facts(recording_notice="met", payment_script="not_applicable", closing="violated"))
    rows = {c["id"]: c for c in r.criteria}
    assert rows["payment"]["status"] == "not_applicable" and rows["closing"]["status"] == "missed"
    assert rows["notice"]["evidence"] == [{"t0": 1.0}]
    # section a: 10/10 (payment N/A leaves the denominator); b: 5/10 -> 0.75*100 + 0.25*50
    assert r.total == 87.5 and not r.auto_failed
    r = score_call(card, facts(recording_notice="met", payment_script="violated", closing="met"))
    assert r.total == pytest.approx(0.75 * 25 + 0.25 * 100, abs=0.05)


def test_auto_fail_zeroes_the_call() -> None:
    r = score_call(
        parse_scorecard(CARD), facts(recording_notice="violated", payment_script="met", closing="met")
    )
    assert r.auto_failed and r.total == 0.0


def test_shipped_cards_match_their_policies() -> None:
    from importlib import resources

    from ccedge.core.guidance import load_policy

    for name in card_names():
        card = load_scorecard(name)
        ids = {r.id for r in load_policy(card.policy).rules}
        src = (resources.files("ccedge.core.qm") / "cards" / f"{name}.toml").read_text()
        assert check_scorecard(src, name, ids) == []


def test_card_faults_name_line_and_criterion() -> None:
    bad = CARD.replace('rule = "closing"', 'rule = "closng"').replace(
        "sentiment_min = 0.0", "sentiment_min = 3"
    )
    problems = [
        str(p) for p in check_scorecard(bad, "c.toml", {"recording-notice", "payment-script", "closing"})
    ]
    assert "c.toml:30: criterion closing: the policy has no rule 'closng'" in problems
    assert "c.toml:36: criterion mood: 'sentiment_min' must be a number from -1 to 1" in problems
    with pytest.raises(ScorecardError):
        parse_scorecard(CARD.replace('section = "b"\nrule', 'section = "zz"\nrule'))
