"""The QM store: real SQLite, owner-only; re-scoring never overwrites; disputes keep history;
aggregates: FCR proxy on salted caller keys and the outcome alignment report."""

from __future__ import annotations

import sqlite3
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


def test_agent_view_is_filtered_in_sql_and_keeps_repeat_calls_to_others(tmp_path: Path) -> None:
    """An agent's self-view holds their calls only, yet a caller who called a colleague again
    the next day still makes the agent's call a repeat (FCR proxy over the whole site)."""
    store = QmStore(tmp_path / "qm.sqlite")
    card = parse_scorecard(CARD.format(v="1", w=1))
    mine = [call(i, "met", f"key{i}", i, recovered=True, agent="ann") for i in range(4)]
    other = [call(50, "met", "key0", 1, recovered=True, agent="bob"),  # key0 again a day later
             call(51, "met", "key3", 20, recovered=True, agent="bob")]  # key3: 17 days later
    for f in [*mine, *other]:
        store.put_facts(f)
        store.put_score(score_call(card, f), f)
    with sqlite3.connect(tmp_path / "qm.sqlite") as db:  # the query plan: an index, not a scan
        plan = " ".join(str(r) for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT body FROM scores WHERE agent = ?", ("ann",)))
    assert "scores_by_agent" in plan
    scores = store.scores(agent="ann")
    facts = store.all_facts(agent="ann")
    assert {s["call_id"] for s in scores} == {f.call_id for f in facts} == {"c0", "c1", "c2", "c3"}
    context = store.callers_again(facts, 7 * 86400)
    assert [f.call_id for f in context] == ["c50"]
    rep = report(scores, facts, context)
    assert rep["calls"] == 4 and rep["fcr_proxy"] == 0.75  # c0 was followed by c50
    assert [a["agent"] for a in rep["agents"]] == ["ann"]
    assert report(scores, facts)["fcr_proxy"] == 1.0  # without the context the repeat is lost
    assert {s["call_id"] for s in store.scores(team="team-x")} >= {"c50", "c0"}
    store.close()
