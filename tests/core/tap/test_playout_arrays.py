"""The grouped array operations and slot tables behind live playout, against plain loops."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ccedge.core.tap.playout_arrays import (
    LAW_A,
    LAW_MU,
    LAW_NONE,
    Slots,
    group_starts,
    payload_tables,
    seg_cumsum,
    seg_prefix_true,
)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(-5, 5), st.booleans()), min_size=1, max_size=40))
def test_grouped_operations_match_a_loop(rows: list[tuple[int, int, bool]]) -> None:
    rows.sort(key=lambda r: r[0])  # grouped by key, as the playout keeps them
    keys = np.array([r[0] for r in rows], np.int64)
    d = np.array([r[1] for r in rows], np.int64)
    ok = np.array([r[2] for r in rows], bool)
    first = group_starts(keys)
    want_sum, want_prefix = [], []
    prev = None
    for k, v, good in rows:
        if k != prev:
            total, still = 0, True
            prev = k
        total += v
        still = still and good
        want_sum.append(total)
        want_prefix.append(still)
    assert first.tolist() == [i == 0 or rows[i][0] != rows[i - 1][0] for i in range(len(rows))]
    assert seg_cumsum(d, first).tolist() == want_sum
    assert seg_prefix_true(ok, first).tolist() == want_prefix


def test_slots_are_reused_and_reset() -> None:
    slots = Slots({"a": (np.int64, 7), "t": (bool, False)}, {"t": 4})
    got = [slots.take() for _ in range(70)]  # past the first 64: the arrays grow
    assert len(set(got)) == 70 and slots.size >= 70
    slots["a"][got[3]] = 1
    slots["t"][got[3], 2] = True
    slots.give(got[3])
    again = slots.take()
    assert again == got[3] and slots["a"][again] == 7 and not slots["t"][again].any()


def test_payload_tables_follow_the_sdp_map() -> None:
    timeline, law = payload_tables({101: ("TELEPHONE-EVENT", 8000), 96: ("PCMA", 8000)})
    assert timeline[0] and timeline[8] and timeline[96] and not timeline[101] and not timeline[13]
    assert law[0] == LAW_MU and law[8] == LAW_A and law[96] == LAW_A and law[101] == LAW_NONE
    assert law[18] == LAW_NONE and timeline[18]  # G.729: audio on the clock, not decoded
