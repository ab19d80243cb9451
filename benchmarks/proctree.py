"""CPU time and resident memory of a whole process tree, sampled while it runs (psutil).

Resident memory is reported two ways: the sum of RSS over the tree (counts pages shared
between a parent and its forked children once per process: an upper bound) and the sum of
PSS (each shared page split between its sharers: what the tree really costs the box). CPU
time is user + system of every process seen (each its own, never its reaped children's again),
including those that exited before the end (up to their last sample).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import psutil


@dataclass(slots=True)
class TreeSample:
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    cpu_s: float = 0.0
    processes: int = 0
    samples: int = 0
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    role_by_pid: dict[int, str] = field(default_factory=dict)

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds per part of the process model (ARCHITECTURE.md): the appliance process,
        the capture process, the speech workers, helpers (multiprocessing's tracker)."""
        out: dict[str, float] = {}
        for pid, cpu in self.cpu_by_pid.items():
            role = self.role_by_pid.get(pid, "other")
            out[role] = out.get(role, 0.0) + cpu
        return out


class TreeSampler:
    """Samples ``pid`` and its descendants every ``every_s`` in a thread until :meth:`stop`."""

    def __init__(self, pid: int, every_s: float = 1.0) -> None:
        self.root = psutil.Process(pid)
        self.every_s = every_s
        self.result = TreeSample()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)
        self._cpu0: dict[int, float] = {}

    def start(self) -> TreeSampler:
        self.rebase()
        self._thread.start()
        return self

    def rebase(self) -> None:
        """Count CPU from now on (processes already running keep their time so far out)."""
        for p in self._procs():
            try:
                self._cpu0[p.pid] = self._cpu(p)
            except psutil.Error:
                continue
        self.result.cpu_by_pid.clear()

    def stop(self) -> TreeSample:
        self._stop.set()
        self._thread.join(10.0)
        self._sample()
        r = self.result
        r.cpu_s = sum(r.cpu_by_pid.values())
        r.processes = len(r.cpu_by_pid)
        return r

    def _procs(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return []

    @staticmethod
    def _cpu(p: psutil.Process) -> float:
        # A process's own time only: its children are sampled themselves, and a parent's
        # children_* times include them again once they are reaped (the speech workers at exit
        # were counted twice, as "appliance" CPU, before this).
        t = p.cpu_times()
        return float(t.user + t.system)

    def _sample(self) -> None:
        rss = pss = 0.0
        for p in self._procs():
            try:
                cpu = self._cpu(p) - self._cpu0.get(p.pid, 0.0)
                mem = p.memory_full_info()
            except psutil.Error:
                continue
            self.result.cpu_by_pid[p.pid] = cpu
            if self.result.role_by_pid.get(p.pid, "capture") in ("capture", "other"):
                # a speech worker still importing has no whisper.cpp mapped yet, and a process
                # psutil could not read a moment ago ("other") may be readable now: look again
                self.result.role_by_pid[p.pid] = self._role(p)
            rss += mem.rss
            pss += getattr(mem, "pss", mem.rss)
        self.result.peak_rss_mb = max(self.result.peak_rss_mb, rss / 2**20)
        self.result.peak_pss_mb = max(self.result.peak_pss_mb, pss / 2**20)
        self.result.samples += 1

    def _role(self, p: psutil.Process) -> str:
        if p.pid == self.root.pid:
            return "appliance"
        try:
            if "resource_tracker" in " ".join(p.cmdline()):
                return "tracker"
            # a speech worker has whisper.cpp loaded; the capture child does not
            if any("whisper" in m.path for m in p.memory_maps()):
                return "speech"
        except psutil.Error:
            return "other"
        return "capture"

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self._sample()


def load_average() -> float:
    return psutil.getloadavg()[0]


def busy_cores(seconds: float = 2.0) -> float:
    """Cores' worth of CPU the rest of the machine is using right now (before a run)."""
    t0 = psutil.cpu_times()
    time.sleep(seconds)
    t1 = psutil.cpu_times()
    busy = (t1.user + t1.system + t1.nice) - (t0.user + t0.system + t0.nice)
    return busy / seconds
