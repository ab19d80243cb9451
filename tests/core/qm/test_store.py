"""The QM store: real SQLite, owner-only; re-scoring never overwrites; disputes keep history;
aggregates: FCR proxy on salted caller keys and the outcome alignment report."""

from __future__ import annotations

import stat
from pathlib import Path

from ccedge.core.qm import CallFacts, QmStore, parse_scorecard, report, score_call
from ccedge.core.qm.aggregates import repeats

CARD = """[scorecard]
id = "t"
version = "{v}"
policy = "finance"
[[sections]]
id = "a"
weight = 1
[[criteria]]
id = "notice"
section = "a"
rule = "recording-notice"
weight = {w}
[[criteria]]
id = "closing"
section = "a"
rule = "closing"
weight = 1
"""


def call(i: int, notice: str, key: str, day: float, recovered: bool, agent: str = "a1") -> CallFacts:
    return CallFacts(
        f"c{i}",
        agent,
        "team-x",
        key,
        1.79e9 + day * 86400,
        60.0,
        {
            "recording-notice": {"status": notice, "evidence": []},
            "closing": {"status": "met", "evidence": []},
        },
        {"end": 0.3 if recovered else -0.5, "recovered": recovered},
    )


def test_rescore_keeps_old_and_disputes_are_audited(tmp_path: Path) -> None:
    store = QmStore(tmp_path / "qm" / "qm.sqlite")
    assert stat.S_IMODE((tmp_path / "qm" / "qm.sqlite").stat().st_mode) == 0o600
    f = call(1, "violated", "k1", 0, True)
    v1 = parse_scorecard(CARD.format(v="1", w=1))
    store.put_facts(f)
    assert store.put_score(score_call(v1, f), f)
    assert not store.put_score(score_call(v1, f), f)  # same version: refused, nothing overwritten
    v2 = parse_scorecard(CARD.format(v="2", w=3))
    assert [r.version for r in store.rescore(v2)] == ["2"]
    assert [(c, v, t) for c, v, t in store.versions("c1")] == [("t", "1", 50.0), ("t", "2", 25.0)]
    did = store.open_dispute("c1", "t", "2", "notice", "agent-7", "agent", "I said it at 0:04")
    new = store.resolve_dispute(did, "rev-1", True, "heard it on the recording")
    assert new is not None and new.version == "2+d1" and new.total == 100.0
    assert store.score("c1", "t", "2").total == 25.0  # the disputed score is still there
    assert [h["action"] for h in store.dispute_history(did)] == ["opened", "accepted"]
    d2 = store.open_dispute("c1", "t", "1", "closing", "sup-2", "supervisor", "no")
    assert store.resolve_dispute(d2, "rev-1", False, "evidence is clear") is None
    assert store.dispute_history(d2)[-1]["action"] == "rejected"
    store.close()


def test_fcr_proxy_and_outcome_alignment(tmp_path: Path) -> None:
    store = QmStore(tmp_path / "qm.sqlite")
    card = parse_scorecard(CARD.format(v="1", w=1))
    calls = []
    for i in range(12):
        met = i % 2 == 0
        # callers who missed the notice call again two days later and stay unhappy
        calls.append(call(i, "met" if met else "violated", f"key{i}", i, recovered=met))
        if not met:
            calls.append(call(100 + i, "met", f"key{i}", i + 2, recovered=True))
    calls.append(call(200, "met", "key0", 30, recovered=True))  # 30 days later: not a repeat
    for f in calls:
        store.put_facts(f)
        store.put_score(score_call(card, f), f)
    rep_map = repeats(calls)
    assert rep_map["c1"] and not rep_map["c0"] and not rep_map["c101"]
    rep = report(store.scores(), store.all_facts())
    assert rep["fcr_proxy"] == round(1 - 6 / len(calls), 3)
    row = next(a for a in rep["alignment"] if a["criterion"] == "notice")
    assert row["met"]["calls"] == 13 and row["missed"]["calls"] == 6
    assert row["missed"]["repeat_rate"] == 1.0 and row["verdict"] == "matters"
    closing = next(a for a in rep["alignment"] if a["criterion"] == "closing")
    assert closing["verdict"] == "too few calls"  # never missed: nothing to compare
    assert rep["agents"][0]["calls"] == len(calls)
    assert store.scores(since=1.79e9 + 25 * 86400)[0]["call_id"] == "c200"
