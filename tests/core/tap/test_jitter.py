"""Ordering one stream (RFC 3550 A.1/A.3/A.8) and the interarrival jitter kernel."""

from __future__ import annotations

import numpy as np
import pytest

from ccedge.core.tap.jitter import _jitter_kernel, interarrival_jitter, order_stream, unwrap


def test_unwrap_across_the_wrap_with_reordering() -> None:
    seq = np.array([65534, 65535, 1, 0, 2], dtype=np.uint16)
    assert unwrap(seq, 16).tolist() == [65534, 65535, 65537, 65536, 65538]


def test_order_drops_duplicates_counts_loss_and_gaps() -> None:
    seq = np.array([10, 12, 11, 11, 15, 16], dtype=np.uint16)
    ts = (seq.astype(np.int64) * 160).astype(np.uint32)
    cap = seq.astype(float) * 0.02
    o = order_stream(seq, ts, cap, 8000)
    assert o.ext_seq.tolist() == [10, 11, 12, 15, 16]
    assert (o.duplicates, o.lost, o.gaps, o.segments) == (1, 2, 1, 1)
    assert o.order.tolist() == [0, 2, 1, 4, 5]  # first arrival of the duplicate kept
    assert o.position.tolist() == [0, 160, 320, 800, 960]


def test_timestamp_jump_is_reanchored_on_capture_time() -> None:
    seq = np.arange(6, dtype=np.uint16)
    ts = np.array([0, 160, 320, 4_000_000_000, 4_000_000_160, 4_000_000_320], dtype=np.uint32)
    cap = np.arange(6) * 0.02
    o = order_stream(seq, ts, cap, 8000)
    assert o.segments == 2
    assert o.position.tolist() == [0, 160, 320, 480, 640, 800]


def test_timestamp_wrap_is_not_a_jump() -> None:
    seq = np.arange(4, dtype=np.uint16)
    ts = np.array([2**32 - 320, 2**32 - 160, 0, 160], dtype=np.uint32)
    o = order_stream(seq, ts, np.arange(4) * 0.02, 8000)
    assert o.segments == 1 and o.position.tolist() == [0, 160, 320, 480]


def test_timeline_mask_leaves_event_packets_out() -> None:
    seq = np.arange(4, dtype=np.uint16)
    ts = np.array([0, 160, 160, 480], dtype=np.uint32)  # packet 2 is an event repeating its onset
    o = order_stream(seq, ts, np.arange(4) * 0.02, 8000, timeline=np.array([1, 1, 0, 1], bool))
    assert o.position.tolist() == [0, 160, -1, 480] and o.segments == 1


def _jitter_reference(cap: np.ndarray, ts: np.ndarray, rate: int) -> float:
    j = 0.0
    for i in range(1, len(ts)):
        d = (cap[i] - cap[i - 1]) * rate - (int(ts[i]) - int(ts[i - 1]))
        j += (abs(d) - j) / 16
    return j / rate


def test_jitter_kernel_matches_reference_and_py_func() -> None:
    rng = np.random.default_rng(3)
    ts = (np.arange(500) * 160).astype(np.uint32)
    cap = np.arange(500) * 0.02 + rng.uniform(0, 0.004, 500)
    want = _jitter_reference(cap, ts, 8000)
    assert interarrival_jitter(cap, ts, 8000) == pytest.approx(want, rel=1e-9)
    arrival = (cap - cap[0]) * 8000
    assert _jitter_kernel.py_func(arrival, ts.astype(np.int64)) == pytest.approx(want * 8000, rel=1e-9)
    assert interarrival_jitter(np.arange(10) * 0.02, (np.arange(10) * 160).astype(np.uint32), 8000) < 1e-9
    with pytest.raises(ValueError, match="clock rate"):
        interarrival_jitter(cap, ts, 0)
