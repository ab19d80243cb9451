"""Talk statistics on hand-built two-leg conversations."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.dsp import DspError
from ccedge.dsp.talkstats import talk_stats, talk_stats_from_labels


def test_two_party_call() -> None:
    segs = {
        "caller": [(0.5, 2.0), (2.4, 4.0), (12.0, 13.0)],  # one turn (0.4 s pause bridged)
        "callee": [(4.6, 8.0), (7.5, 9.0), (12.5, 14.0)],  # overlapping segments merge
    }
    st = talk_stats(segs, duration_s=20.0, min_silence_s=2.5)
    assert st.talk_s["caller"] == pytest.approx(1.5 + 1.6 + 1.0)
    assert st.talk_s["callee"] == pytest.approx(4.4 + 1.5)
    assert sum(st.talk_ratio.values()) == pytest.approx(1.0)
    assert st.speech_fraction["callee"] == pytest.approx(5.9 / 20)
    assert st.silence_runs == [(9.0, 12.0), (14.0, 20.0)]
    assert st.overtalk == [(12.5, 13.0)]
    assert st.overtalk_s == pytest.approx(0.5)
    assert st.longest_monologue == ("callee", 4.6, 9.0)
    lat = [(a, b, round(s, 3)) for a, b, s in st.latencies]
    assert lat == [("caller", "callee", 0.6), ("callee", "caller", 3.0), ("caller", "callee", -0.5)]
    assert st.mean_latency_s == pytest.approx((0.6 + 3.0 - 0.5) / 3)
    js = st.to_json()
    assert js["longest_monologue"] == {"leg": "callee", "t0": 4.6, "t1": 9.0}


def test_pause_with_other_speaker_is_not_bridged() -> None:
    segs = {"a": [(0.0, 1.0), (1.5, 2.0)], "b": [(1.1, 1.3)]}
    st = talk_stats(segs, 3.0, turn_gap_s=2.0)
    assert st.longest_monologue == ("a", 0.0, 1.0)
    assert [x[:2] for x in st.latencies] == [("a", "b"), ("b", "a")]


def test_from_labels_and_empty() -> None:
    lab = {"caller": np.array([0, 1, 1, 0, 0], bool), "callee": np.zeros(5, bool)}
    st = talk_stats_from_labels(lab, 100)
    assert st.duration_s == pytest.approx(0.5)
    assert st.talk_s == {"caller": pytest.approx(0.2), "callee": 0.0}
    empty = talk_stats({}, 10.0, min_silence_s=5)
    assert empty.silence_runs == [(0.0, 10.0)] and empty.longest_monologue is None
    with pytest.raises(DspError):
        talk_stats({}, -1.0)
