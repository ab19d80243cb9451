"""Packet sources for the chain: capture files replayed, live interfaces, each through a tap.

:class:`TapSource` implements ``ccedge.core.runtime.items.Source``: it reads packet batches
(never single packets), feeds the incremental tap (``ccedge.core.tap.Tap``, live playout on)
and hands on the tap's records plus :class:`CallInfo` before a call's first record and
:class:`CallClosed` once the tap handed the call out. Replays keep their recorded pace
(``paced``): a batch is cut into slices of at most ``SLICE_S`` of capture time and each slice
waits for its moment; ``paced=False`` goes as fast as the consumer takes it.

Capture files that continue one another in time share one tap (a call may span them); a file
that starts before the previous one ended gets a fresh tap, as ``tap_capture`` does.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent
from ccedge.core.runtime.items import CallClosed, CallInfo, Item, SourceStatus
from ccedge.core.tap.tap import TICK_S, Tap

SLICE_S = 0.05  # paced replay: capture time per slice
STATUS_EVERY_S = 1.0


def _slices(batch: Any, slice_s: float) -> Iterator[tuple[float, Any]]:
    """(last capture time, rows) of ``batch`` in slices of at most ``slice_s``."""
    ts = np.maximum.accumulate(np.asarray(batch.ts, dtype=np.float64))
    start = 0
    n = len(ts)
    while start < n:
        end = int(np.searchsorted(ts, ts[start] + slice_s, side="right"))
        end = max(end, start + 1)
        yield float(ts[end - 1]), batch.take(np.arange(start, end))
        start = end


@dataclass
class TapSource:
    """Capture files (``paths``) or live interfaces (``interfaces``) through one tap."""

    paths: tuple[str, ...] = ()
    interfaces: tuple[str, ...] = ()
    paced: bool = True
    idle_timeout_s: float = 120.0
    name: str = "capture"
    batch_packets: int = 0  # capture records per batch read from a file; 0: the reader's default

    def chunks(self, stop: threading.Event) -> Iterator[list[Item]]:
        state = _TapState(self.name, self.idle_timeout_s)
        if self.interfaces:
            yield from self._live(state, stop)
        else:
            yield from self._replay(state, stop)
        yield state.close()
        yield [state.status(done=True)]

    def _replay(self, state: _TapState, stop: threading.Event) -> Iterator[list[Item]]:
        from ccedge.hardware.capture import open_capture

        clock: tuple[float, float] | None = None  # (capture ts, monotonic) of the first packet
        for path in self.paths:
            reader = open_capture(path, batch_packets=self.batch_packets) if self.batch_packets \
                else open_capture(path)
            first = True
            for batch in reader:
                if stop.is_set():
                    break
                state.note_damage(getattr(reader, "stats", None))
                if len(batch) == 0:
                    continue
                if first and state.tap is not None and state.tap.now and \
                        float(np.min(batch.ts)) < state.tap.now - TICK_S:
                    yield state.close()  # an independent capture: its calls start afresh
                    clock = None
                first = False
                if not self.paced:
                    yield state.feed(batch)
                    continue
                for t_last, part in _slices(batch, SLICE_S):
                    if clock is None:
                        clock = (float(np.min(part.ts)), time.monotonic())
                    wait = (t_last - clock[0]) - (time.monotonic() - clock[1])
                    if wait > 0 and stop.wait(wait):
                        break
                    yield state.feed(part)
            state.note_damage(getattr(reader, "stats", None))  # a cut file is known at its end
            state.add_reader(getattr(reader, "stats", None))
            if stop.is_set():
                break

    def _live(self, state: _TapState, stop: threading.Event) -> Iterator[list[Item]]:
        from ccedge.hardware.capture import LiveCapture

        if len(self.interfaces) != 1:
            # One socket per interface would need merging by time; "any" covers several.
            raise ValueError("one --interface per capture process (use 'any' for all)")
        cap = LiveCapture(self.interfaces[0], yield_empty=True)
        watcher = threading.Thread(target=lambda: (stop.wait(), cap.stop()), daemon=True)
        watcher.start()
        try:
            for batch in cap:
                state.live_stats = cap.stats
                yield state.feed(batch) if len(batch) else state.tick()
        finally:
            cap.close()


class _TapState:
    """One tap and what the source has told the chain about its calls."""

    def __init__(self, name: str, idle_timeout_s: float) -> None:
        self.name = name
        self.idle_timeout_s = idle_timeout_s
        self.tap: Tap | None = None
        self.announced: set[str] = set()
        self.closed: set[str] = set()
        self.reader_stats: Counter[str] = Counter()
        self.live_stats: Any = None
        self.affected: dict[str, set[str]] = {}  # open call -> damage keys seen while it was open
        self._damage_seen: dict[str, int] = {}
        self._handed: set[int] = set()  # id() of the tap's records already passed on
        self._last_status = 0.0

    def _new_tap(self) -> Tap:
        return Tap(idle_timeout=self.idle_timeout_s, audio=True, incremental=True, retain_audio=False)

    def feed(self, batch: Any) -> list[Item]:
        if self.tap is None:
            self.tap = self._new_tap()
            self._handed = set()
        out = self.tap.feed(batch)
        return self._route(out, self._new_records())

    def tick(self) -> list[Item]:
        """The live link was quiet for a moment: the tap's clock follows the wall clock (live
        capture timestamps are the kernel's receive times), so calls still end on time."""
        items = self._route(self.tap.advance(time.time()), self._new_records()) if self.tap else []
        now = time.monotonic()
        if now - self._last_status >= STATUS_EVERY_S:
            self._last_status = now
            items.append(self.status())
        return items

    def close(self) -> list[Item]:
        """End of this tap's input: every open call is closed."""
        if self.tap is None:
            return []
        out, _report = self.tap.finish()
        items = self._route(out, self._new_records())
        self.tap = None
        items.append(self.status())
        return items

    def _new_records(self) -> list[Any]:
        """Records the tap handed out since the last look (``finish`` re-sorts its list)."""
        assert self.tap is not None
        new = [r for r in self.tap.records if id(r) not in self._handed]
        self._handed.update(id(r) for r in new)
        return new

    def _route(self, out: Iterable[Any], handed: list[Any]) -> list[Item]:
        assert self.tap is not None
        items: list[Item] = []
        for rec_or_item in out:
            if isinstance(rec_or_item, AudioFrame | CallEvent | DtmfEvent):
                cid = rec_or_item.call_id
                if cid not in self.announced:
                    self.announced.add(cid)
                    items.append(self._info(cid, handed))
                items.append(rec_or_item)
        for rec in handed:
            if rec.call_id not in self.announced:
                self.announced.add(rec.call_id)
                items.append(self._info(rec.call_id, handed))
            self.closed.add(rec.call_id)
            damaged = tuple(sorted(self.affected.pop(rec.call_id, set())))
            items.append(CallClosed(rec.call_id, rec.end_reason or rec.state, _summary(rec), damaged))
        if time.monotonic() - self._last_status >= STATUS_EVERY_S:
            self._last_status = time.monotonic()
            items.append(self.status())
        return items

    def _info(self, call_id: str, handed: list[Any]) -> CallInfo:
        assert self.tap is not None
        table = self.tap.dialogs
        d = table.dialogs.get(call_id) or next((x for x in table.finished if x.call_id == call_id), None)
        ips: dict[str, str] = {}
        for ep, binds in self.tap.index.bindings.items():
            for b in binds:
                if b.call_id == call_id and b.party not in ips:
                    ips[b.party] = str(ep[0])
        if d is not None:
            return CallInfo(call_id, d.caller, d.callee, ips.get("caller", ""), ips.get("callee", ""),
                            d.start_ts, {}, self.name)
        rec = next((r for r in handed if r.call_id == call_id), None)
        if rec is not None:
            return CallInfo(call_id, rec.caller, rec.callee, "", "", rec.start_wall,
                            {leg.name: leg.codec for leg in rec.legs}, self.name)
        return CallInfo(call_id, source=self.name)

    def note_damage(self, stats: Any) -> None:
        """New damage in the file being read touches every call open now (their receipts say so)."""
        damage = getattr(stats, "damage", None) or {}
        for key, count in damage.items():
            if count > self._damage_seen.get(key, 0):
                self._damage_seen[key] = count
                for cid in self.announced - self.closed:
                    self.affected.setdefault(cid, set()).add(key)

    def add_reader(self, stats: Any) -> None:
        if stats is None:
            return
        for name in ("packets", "kernel_drops"):
            v = getattr(stats, name, None)
            if isinstance(v, int):
                self.reader_stats[name] += v
        for reason, count in (getattr(stats, "rejected", None) or {}).items():
            self.reader_stats[f"rejected.{reason}"] += int(count)
        for reason, count in (getattr(stats, "damage", None) or {}).items():
            self.reader_stats[f"damage.{reason}"] += int(count)
        self._damage_seen = {}

    def status(self, done: bool = False) -> SourceStatus:
        counters: Counter[str] = Counter(self.reader_stats)
        if self.tap is not None:
            counters.update(self.tap.collect_stats())
        packets = counters.get("packets", 0)
        drops = 0
        if self.live_stats is not None:
            drops = int(getattr(self.live_stats, "kernel_drops", 0))
        damaged = sum(v for k, v in counters.items() if k.startswith("damage."))
        damaged += sum(self._damage_seen.values())  # the file being read
        return SourceStatus(self.name, packets, drops, damaged, done, dict(counters))


def _summary(rec: Any) -> dict[str, Any]:
    """What the file verbs print about a call: state and legs (never DTMF digits)."""
    return {
        "caller": rec.caller,
        "callee": rec.callee,
        "state": rec.state,
        "end_reason": rec.end_reason,
        "legs": [leg.to_json() for leg in rec.legs],
        "events": [{"kind": e.kind, "t": round(e.t, 3), "reason": e.reason} for e in rec.events],
    }


__all__ = ["SLICE_S", "TapSource"]
