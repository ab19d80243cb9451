"""The appliance's figures as a ``Health`` event (every ``runtime.health_interval_s``).

CPU and memory are measured over the whole process tree (the appliance, its capture process
and its speech workers) with psutil, so the figure is what the box pays, not one process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import psutil

from ccedge.core.events import Health


@dataclass(frozen=True, slots=True)
class Figures:
    """What the runtime counts, gathered for one ``Health``."""

    packets: int = 0
    drops: int = 0
    damaged: int = 0
    calls_active: int = 0
    calls_total: int = 0
    speech_queue: int = 0
    speech_lag_s: float = 0.0
    speech_shed: int = 0
    speech_rtf: float = 0.0
    holdback_lag_s: float = 0.0
    masked_lag_s: float = 0.0
    events_lost: int = 0


class TreeUsage:
    """CPU percent (of one core) since the previous call, and resident memory, of a process tree."""

    def __init__(self) -> None:
        self._me = psutil.Process()
        self._procs: dict[int, psutil.Process] = {}

    def sample(self) -> tuple[float, float]:
        procs = [self._me]
        try:
            procs += self._me.children(recursive=True)
        except psutil.Error:
            pass
        cpu = rss = 0.0
        seen: dict[int, psutil.Process] = {}
        for p in procs:
            q = self._procs.get(p.pid, p)
            seen[p.pid] = q
            try:
                cpu += q.cpu_percent(None)
                rss += q.memory_info().rss
            except psutil.Error:
                continue
        self._procs = seen
        return cpu, rss / 2**20


def health_event(t: float, f: Figures, cpu: float, rss_mb: float, restarts: Mapping[str, int]) -> Health:
    return Health(call_id="", t=t, packets=f.packets, drops=f.drops, damaged=f.damaged,
                  calls_active=f.calls_active, calls_total=f.calls_total, speech_queue=f.speech_queue,
                  speech_lag_s=f.speech_lag_s, speech_shed=f.speech_shed, speech_rtf=f.speech_rtf,
                  holdback_lag_s=f.holdback_lag_s,
                  masked_lag_s=f.masked_lag_s, cpu_percent=cpu, rss_mb=rss_mb,
                  restarts=dict(restarts), events_lost=f.events_lost)


__all__ = ["Figures", "TreeUsage", "health_event"]
