"""Array helpers of the live playout (ccedge.core.tap.playout): slot-indexed state, grouped
(segmented) array operations, payload-type tables and the AudioFrame block grid."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.frames import AudioFrame
from ccedge.core.tap import codecs

# Per payload type, how a sub-stream's packet is decoded: not at all, by a G.711 table, by G.722.
LAW_NONE, LAW_MU, LAW_A, LAW_G722 = 0, 1, 2, 3
LUTS = {LAW_MU: codecs.LOOKUP_TABLES["PCMU"], LAW_A: codecs.LOOKUP_TABLES["PCMA"]}
_LAW_OF = {"PCMU": LAW_MU, "PCMA": LAW_A, "G722": LAW_G722}


class Slots:
    """Numeric state in arrays indexed by slot, so a tick works on all streams at once."""

    def __init__(self, fields: dict[str, Any], width: dict[str, int] | None = None) -> None:
        self.fields, self.width = fields, width or {}
        self.free: list[int] = []
        self.size = 0
        self.arrays: dict[str, npt.NDArray[Any]] = {}
        self._grow(64)

    def _grow(self, n: int) -> None:
        for name, (dtype, init) in self.fields.items():
            shape = (n, self.width[name]) if name in self.width else (n,)
            new = np.full(shape, init, dtype)
            old = self.arrays.get(name)
            if old is not None:
                new[: len(old)] = old
            self.arrays[name] = new
        self.free.extend(range(n - 1, self.size - 1, -1))
        self.size = n

    def take(self) -> int:
        if not self.free:
            self._grow(2 * self.size)
        slot = self.free.pop()
        for name, (_, init) in self.fields.items():
            self.arrays[name][slot] = init
        return slot

    def give(self, slot: int) -> None:
        self.free.append(slot)

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.arrays[name]



def group_starts(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    first = np.ones(len(keys), bool)
    first[1:] = keys[1:] != keys[:-1]
    return first


def seg_cumsum(d: npt.NDArray[np.int64], first: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Cumulative sum restarting at each group start (rows grouped)."""
    c = np.cumsum(d)
    starts = np.flatnonzero(first)
    before = c[starts] - d[starts]
    return c - np.repeat(before, np.diff(np.append(starts, len(d))))


def seg_prefix_true(ok: npt.NDArray[np.bool_], first: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Within each group, True up to (not including) the group's first False."""
    return seg_cumsum((~ok).astype(np.int64), first) == 0


_TABLES: dict[frozenset[tuple[int, tuple[str, int]]], tuple[npt.NDArray[np.bool_], npt.NDArray[np.int8]]] = {}


def payload_tables(pmap: dict[int, tuple[str, int]]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int8]]:
    """Per payload type: whether its RTP timestamps place audio (not telephone-event, whose
    packets repeat the onset timestamp, RFC 4733 §2.5; not comfort noise, RFC 3389), and how
    it is decoded; cached per payload map."""
    key = frozenset(pmap.items())
    got = _TABLES.get(key)
    if got is None:
        timeline = np.zeros(128, bool)
        law = np.zeros(128, np.int8)
        for p in range(128):
            info = codecs.lookup(p, pmap)
            if info is None:
                continue
            timeline[p] = info[0] not in (codecs.TELEPHONE_EVENT, "CN") and p != codecs.COMFORT_NOISE_PT
            law[p] = _LAW_OF.get(info[0], LAW_NONE)
        if len(_TABLES) > 4096:
            _TABLES.clear()
        got = _TABLES[key] = (timeline, law)
    return got


def frames(call_id: str, leg: str, rate: int, samples: npt.NDArray[np.int16], start: int,
           block_s: float) -> list[AudioFrame]:
    """``samples`` (call-clock sample ``start`` on) cut on a grid of ``block_s`` blocks."""
    step = max(1, int(block_s * rate))
    out: list[AudioFrame] = []
    i = start
    end = start + len(samples)
    while i < end:
        j = min(end, (i // step + 1) * step)
        out.append(AudioFrame(call_id, leg, i / rate, rate, samples[i - start : j - start]))
        i = j
    return out



__all__ = ["LAW_A", "LAW_G722", "LAW_MU", "LAW_NONE", "LUTS", "Slots", "frames", "group_starts",
           "payload_tables", "seg_cumsum", "seg_prefix_true"]
