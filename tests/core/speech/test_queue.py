"""The bounded priority queue: live first, re-scans last, shedding instead of blocking, lag."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from ccedge.core.frames import Utterance
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.queue import UtteranceQueue


def utt(call: str, t0: float, priority: int = 0) -> Utterance:
    return Utterance(call, "caller", t0, t0 + 1, 8000, np.zeros(8, np.int16), priority)


def drain(q: UtteranceQueue) -> list[tuple[str, float]]:
    out = []
    while (got := q.get(timeout=0)) is not None:
        out.append((got[0].call_id, got[0].t0))
    return out


def test_live_before_rescan_and_fifo_within_priority() -> None:
    q = UtteranceQueue(10)
    q.put(utt("rescan", 0, priority=10))
    q.put(utt("a", 1))
    q.put(utt("b", 2))
    q.put(utt("rescan", 3, priority=10))
    q.put(utt("a", 4))
    assert drain(q) == [("a", 1), ("b", 2), ("a", 4), ("rescan", 0), ("rescan", 3)]


def test_full_queue_sheds_without_blocking_and_counts_per_call() -> None:
    q = UtteranceQueue(3)
    assert q.put(utt("r", 0, priority=10))
    assert q.put(utt("a", 1))
    assert q.put(utt("a", 2))
    t = time.perf_counter()
    assert q.put(utt("b", 3))  # live: evicts the re-scan
    assert not q.put(utt("c", 4))  # live but no more urgent than the queued live ones: shed
    assert not q.put(utt("r", 5, priority=10))
    assert time.perf_counter() - t < 0.05  # never waits
    lag = q.lag()
    assert lag["r"].shed == 2 and lag["r"].pending == 0
    assert lag["c"].shed == 1
    assert lag["a"].pending == 2 and lag["a"].shed == 0
    assert drain(q) == [("a", 1), ("a", 2), ("b", 3)]


def test_lag_reports_oldest_wait() -> None:
    q = UtteranceQueue(5)
    q.put(utt("a", 0))
    time.sleep(0.05)
    q.put(utt("a", 1))
    lag = q.lag()["a"]
    assert lag.pending == 2 and lag.oldest_wait_s >= 0.05


def test_get_waits_for_a_producer_and_close_wakes_it() -> None:
    q = UtteranceQueue(2)
    threading.Timer(0.05, lambda: q.put(utt("a", 0))).start()
    got = q.get(timeout=2)
    assert got is not None and got[0].call_id == "a"
    threading.Timer(0.05, q.close).start()
    assert q.get(timeout=2) is None
    with pytest.raises(SpeechError, match="closed"):
        q.put(utt("a", 1))


def test_size_must_be_positive() -> None:
    with pytest.raises(SpeechError):
        UtteranceQueue(0)


def test_get_batch_takes_waiting_items_up_to_a_duration() -> None:
    q = UtteranceQueue(10)
    for i in range(5):
        q.put(utt(f"c{i}", float(i)))  # 1 s each
    q.put(utt("r", 9.0, priority=10))
    batch = q.get_batch(timeout=0, max_seconds=3.0)
    assert [u.call_id for u, _ in batch] == ["c0", "c1", "c2"]
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=0.0)] == ["c3"]  # no packing
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=10.0)] == ["c4", "r"]
    assert q.get_batch(timeout=0) == []


def test_get_batch_counts_the_gaps_and_fills_past_a_long_utterance() -> None:
    q = UtteranceQueue(10)
    q.put(utt("a", 0.0))  # 1 s
    q.put(Utterance("long", "caller", 1.0, 9.0, 8000, np.zeros(64000, np.int16)))  # 8 s
    q.put(utt("b", 10.0))  # 1 s
    q.put(utt("c", 11.0))  # 1 s
    # a + gap + long = 10 s > 4 s: long is skipped and b fills the window behind it.
    batch = q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0)
    assert [u.call_id for u, _ in batch] == ["a", "b"]  # 1 + 1 + 1 = 3; c would make 5
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0)] == ["long"]
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0)] == ["c"]


def test_a_backlog_grows_the_window_only_while_more_waits_than_one_window_holds() -> None:
    q = UtteranceQueue(10)
    for i in range(3):
        q.put(utt(f"c{i}", float(i)))  # 1 s each: 1 + 1 + 1 + 1 + 1 = 5 s with their gaps
    # 5 s waiting > a 4 s window: the backlog's 6 s window takes all three
    batch = q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0, backlog_seconds=6.0)
    assert [u.call_id for u, _ in batch] == ["c0", "c1", "c2"]
    for i in range(2):
        q.put(utt(f"d{i}", float(i)))  # 3 s with the gap: fits one window, no backlog
    q.put(Utterance("e", "caller", 5.0, 7.5, 8000, np.zeros(20000, np.int16)))  # 2.5 s
    # 1 + 1 + 1 + 1 + 2.5 = 6.5 s waiting: a backlog, but a 6 s window still takes only d0, d1
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0,
                                              backlog_seconds=6.0)] == ["d0", "d1"]
    q.put(utt("f", 9.0))
    # e, gap, f: 4.5 s, more than the 4 s window: with no backlog window e goes alone
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0)] == ["e"]
    q.put(Utterance("g", "caller", 10.0, 12.5, 8000, np.zeros(20000, np.int16)))
    q.put(utt("h", 13.0))
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0,
                                              backlog_seconds=6.0)] == ["f", "g"]
    # only 1 s left waiting: the ordinary window
    assert [u.call_id for u, _ in q.get_batch(timeout=0, max_seconds=4.0, gap_s=1.0,
                                              backlog_seconds=6.0)] == ["h"]


def test_get_batch_waits_for_utterances_to_share_the_window_until_it_is_full() -> None:
    q = UtteranceQueue(10)
    q.put(utt("a", 0.0))  # 1 s
    late = threading.Thread(target=lambda: (time.sleep(0.1), q.put(utt("b", 5.0)), q.put(utt("c", 9.0))))
    late.start()
    start = time.monotonic()
    # 1 + 1 gap + 1 + 1 gap + 1 = 5 s fills a 5 s window: the wait ends when c arrives, long
    # before its 60 s bound.
    batch = q.get_batch(timeout=1, max_seconds=5.0, gap_s=1.0, wait_s=60.0)
    late.join()
    assert [u.call_id for u, _ in batch] == ["a", "b", "c"]
    assert time.monotonic() - start < 30


def test_get_batch_wait_is_bounded_from_the_first_arrival_and_off_by_default() -> None:
    q = UtteranceQueue(10)
    q.put(utt("a", 0.0))
    start = time.monotonic()
    assert [u.call_id for u, _ in q.get_batch(timeout=1, max_seconds=9.0, wait_s=0.3)] == ["a"]
    assert time.monotonic() - start >= 0.25  # waited (nothing came), then went alone
    q.put(utt("c", 2.0))
    assert [u.call_id for u, _ in q.get_batch(timeout=1, max_seconds=9.0)] == ["c"]  # wait_s 0


def test_closing_the_queue_ends_a_packing_wait() -> None:
    q = UtteranceQueue(10)
    q.put(utt("a", 0.0))
    threading.Timer(0.1, q.close).start()
    start = time.monotonic()
    assert [u.call_id for u, _ in q.get_batch(timeout=1, max_seconds=9.0, wait_s=60.0)] == ["a"]
    assert time.monotonic() - start < 30  # woken by the close, not by the 60 s bound


def test_one_caller_gathers_at_a_time_and_the_others_do_not_take_its_utterances() -> None:
    q = UtteranceQueue(10)
    q.put(utt("a", 0.0))
    got: dict[str, list[str]] = {}

    def packer() -> None:
        batch = q.get_batch(timeout=5, max_seconds=5.0, gap_s=1.0, wait_s=60.0)
        got["packer"] = [u.call_id for u, _ in batch]

    def other() -> None:
        got["other"] = [u.call_id for u, _ in q.get_batch(timeout=30, max_seconds=5.0, gap_s=1.0)]

    p = threading.Thread(target=packer)
    p.start()
    while not q.closed and len(q) > 0:  # the packer has taken "a" and is gathering
        time.sleep(0.01)
    o = threading.Thread(target=other)
    o.start()
    q.put(utt("b", 5.0))
    q.put(utt("c", 9.0))  # 1 + 1 + 1 + 1 + 1 = 5 s: the packer's window is full
    p.join(30)
    q.put(utt("d", 12.0))
    o.join(30)
    assert got == {"packer": ["a", "b", "c"], "other": ["d"]}
