"""The tap run over whole capture files: ``tap_capture`` and the reader counters it reports.

Files that continue one another in time (a ring of rotated captures) share one :class:`Tap`, so a
call may span them; a capture file's own damage (``CaptureStats.damage``) and rejects are reported
as ``capture.damage.<key>`` and ``capture.rejected.<reason>`` beside the tap's counters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ccedge.core.tap.calls import CallRecord
from ccedge.core.tap.tap import TICK_S, Tap, TapReport

if TYPE_CHECKING:
    from ccedge.hardware.capture import PacketBatch


def tap_capture(paths: Sequence[str | Path] | str | Path, idle_timeout: float = 120.0,
                audio: bool = False, sdes_keys: Iterable[tuple[str, int, str]] = ()) -> TapReport:
    """Run whole capture files through the tap and return one report.

    Files that continue one another in time (a ring of rotated captures) share one :class:`Tap`,
    so a call may span them; a file that starts before the previous one ended is an independent
    capture and gets a fresh one (its calls would otherwise look timed out)."""
    from ccedge.hardware.capture import open_capture

    if isinstance(paths, str | Path):
        paths = [paths]
    keys = list(sdes_keys)
    calls: list[CallRecord] = []
    stats: Counter[str] = Counter()
    tap: Tap | None = None
    for path in paths:
        reader = open_capture(path)
        first = True
        for batch in reader:
            if len(batch) == 0:
                continue
            # Only at a file boundary: inside one file, time may step back (merged captures).
            if first and tap is not None and tap.now and float(np.min(batch.ts)) < tap.now - TICK_S:
                _, part = tap.finish()
                calls.extend(part.calls)
                stats.update(part.stats)
                tap = None
            if tap is None:
                tap = Tap(idle_timeout=idle_timeout, audio=audio, incremental=False, sdes_keys=keys)
            first = False
            tap.feed(batch)
        merge_reader_stats(stats, getattr(reader, "stats", None))
    if tap is not None:
        _, part = tap.finish()
        calls.extend(part.calls)
        stats.update(part.stats)
    return TapReport(calls, {k: v for k, v in sorted(stats.items()) if v})


def run_batches(tap: Tap, batches: Iterable[PacketBatch]) -> TapReport:
    for batch in batches:
        tap.feed(batch)
    return tap.finish()[1]


def merge_reader_stats(into: Counter[str], stats: Any) -> None:
    if stats is None:
        return
    for name in ("packets", "bytes", "kernel_drops"):
        value = getattr(stats, name, None)
        if isinstance(value, int):
            into[f"capture.{name}"] += value
    for reason, count in (getattr(stats, "rejected", None) or {}).items():
        into[f"capture.rejected.{reason}"] += int(count)
    for reason, count in (getattr(stats, "damage", None) or {}).items():
        into[f"capture.damage.{reason}"] += int(count)


__all__ = ["merge_reader_stats", "run_batches", "tap_capture"]
