"""Speech worker processes: whisper.cpp out of the appliance's process, restarted when they die.

A ggml assertion aborts the whole process, so each engine lives in its own worker process
(``spawn``, never ``fork`` of a threaded parent) with a fixed thread count
(``OMP_NUM_THREADS`` set before whisper.cpp loads). In the parent, one feeder thread per
worker takes the most urgent utterance from the :class:`UtteranceQueue`, sends it over a
pipe and waits for the answer while watching the process. When the worker dies the feeder
starts a new one and retries the utterance once; a second death is reported as a failed
:class:`Outcome` (with no call content in the message) and the feeder goes on.

Workers never outlive the appliance: on Linux the kernel sends them SIGTERM when the parent goes
(``prctl(PR_SET_PDEATHSIG)``, prctl(2)), a watchdog thread in the worker checks the parent's pid
every second as a second line (other systems, and a parent that died before the prctl), and a
worker that finds its pipe closed exits quietly instead of dying on a BrokenPipeError. The death
signal follows the *thread* that forked the child, so every worker (restarts included) is started
from one spawner thread that lives exactly as long as the pool.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import queue as stdqueue
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ccedge.core.frames import Transcript, Utterance
from ccedge.core.speech.engine import TranscribeOptions
from ccedge.core.speech.errors import SpeechError
from ccedge.core.speech.leglang import AUTO, LegLanguage
from ccedge.core.speech.queue import UtteranceQueue

# Fault injection for tests (a real SIGKILL, since a ggml abort cannot be provoked on demand):
# a worker whose environment names a call id kills itself when it receives that call.
FAULT_ENV = "CCEDGE_SPEECH_KILL_ON_CALL"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_S = 1.0


def die_with_parent(parent_pid: int, use_prctl: bool = True) -> None:
    """Make this process end when ``parent_pid`` does (see the module docstring); ``use_prctl=False``
    leaves only the watchdog (what other systems get)."""
    if use_prctl and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watchdog below still works
    if os.getppid() != parent_pid:  # the parent died before the prctl took effect
        os._exit(0)

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent_pid:
                os._exit(0)  # re-parented: the appliance is gone, nothing here is worth finishing

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


@dataclass(frozen=True)
class Outcome:
    """What became of one utterance."""

    utterance: Utterance
    transcript: Transcript | None
    error: str = ""  # never call content
    attempts: int = 1
    queued_s: float = 0.0  # enqueue -> picked by a worker
    decode_s: float = 0.0  # sent to worker -> transcript back (last attempt)
    worker: int = -1
    done_at: float = 0.0  # monotonic time the outcome was ready

    @property
    def ok(self) -> bool:
        return self.transcript is not None


def _worker_main(
    conn: Connection, model_path: str, options: TranscribeOptions, fault: str, parent_pid: int
) -> None:
    """Child process: load the engine once, then answer utterances until told to stop or the parent
    (or its end of the pipe) is gone."""
    die_with_parent(parent_pid)
    os.environ["OMP_NUM_THREADS"] = str(options.n_threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(options.n_threads)  # a source build with OpenBLAS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    from ccedge.core.speech.engine import WhisperCppEngine

    try:
        try:
            engine = WhisperCppEngine(Path(model_path), options)
        except SpeechError as e:
            conn.send(("error", str(e)))
            return
        conn.send(("ready", os.getpid()))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            batch, language = msg
            if fault and any(u.call_id == fault for u in batch):
                os.kill(os.getpid(), signal.SIGKILL)
            if language:  # the leg's pinned language (or "auto"): multilingual models only
                engine.options = replace(options, language=language)
            try:
                # the queue chose the batch to fit one window, a backlog's up to pack_seconds_backlog
                limit = max(options.pack_seconds, options.pack_seconds_backlog)
                results = engine.transcribe_many(batch, max_seconds=limit)
                reply: tuple[str, Any] = ("ok", [(r.transcript, r.language) for r in results])
            except SpeechError as e:
                reply = ("error", str(e))
            conn.send(reply)
    except (EOFError, OSError):
        return  # the parent closed its end (or died): nobody is waiting for an answer


class _Worker:
    def __init__(self, ctx: Any, index: int, model_path: str, options: TranscribeOptions, fault: str,
                 spawner: ThreadPoolExecutor) -> None:
        self.index = index
        self._spawner = spawner
        self._args = (model_path, options, fault)
        self._ctx = ctx
        self.proc: Any = None
        self.conn: Connection | None = None
        self.starts = 0

    def start(self, timeout: float = 60.0) -> None:
        parent, child = self._ctx.Pipe()
        self.proc = self._ctx.Process(
            target=_worker_main,
            args=(child, *self._args, os.getpid()),
            name=f"ccedge-speech-{self.index}",
            daemon=True,
        )
        self._spawner.submit(self.proc.start).result()  # forked from the long-lived spawner thread
        child.close()
        self.conn = parent
        self.starts += 1
        if not parent.poll(timeout):
            self.stop()
            raise SpeechError(f"speech worker {self.index} did not start within {timeout:.0f} s")
        try:
            kind, value = parent.recv()
        except EOFError:
            raise SpeechError(f"speech worker {self.index} died while loading the model") from None
        if kind != "ready":
            raise SpeechError(f"speech worker {self.index} failed to start: {value}")

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    def ask(self, batch: list[Utterance], language: str = "") -> tuple[str, Any]:
        """Send utterances (decoded in ``language`` when given) and wait; ("ok", [(transcript,
        language decoded)]), or ("dead", None) when the process died meanwhile."""
        assert self.conn is not None and self.proc is not None
        try:
            self.conn.send((batch, language))
            while not self.conn.poll(0.2):
                if not self.proc.is_alive():
                    return "dead", None
            result: tuple[str, Any] = self.conn.recv()
            return result
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            return "dead", None

    def stop(self) -> None:
        if self.conn is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
        if self.proc is not None:
            self.proc.join(2.0)
            if self.proc.is_alive():
                self.proc.kill()
                self.proc.join(2.0)
        if self.conn is not None:
            self.conn.close()
        self.conn = None


class WorkerPool:
    """``workers`` processes x ``options.n_threads`` threads, fed from one priority queue."""

    def __init__(
        self,
        model_path: Path,
        workers: int = 1,
        options: TranscribeOptions | None = None,
        queue_size: int = 256,
        fault_call_id: str = "",
        pack: bool = True,
    ) -> None:
        path = Path(model_path).resolve()
        if not path.is_file():
            raise SpeechError(f"model file not found: {path} (run `ccedge model build`)")
        if workers < 1:
            raise SpeechError("worker count must be at least 1")
        self.options = options or TranscribeOptions()
        self.pack = pack  # batch scheduling: pack waiting utterances into one window
        self.queue = UtteranceQueue(queue_size)
        self.results: stdqueue.Queue[Outcome] = stdqueue.Queue()
        ctx = mp.get_context("spawn")
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="speech-spawner")
        self._workers = [
            _Worker(ctx, i, str(path), self.options, fault_call_id, self._spawner) for i in range(workers)
        ]
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self.restarts = 0
        self.failures = 0
        self._lock = threading.Lock()
        # language="auto" (a multilingual model): one language per leg, settled from what
        # whisper.cpp detects on the leg's first seconds, then pinned (ccedge.core.speech.leglang).
        # Such pools decode one utterance per window: a pack must not mix languages.
        self.leglang = LegLanguage() if self.options.language == AUTO else None
        if self.leglang is not None:
            self.pack = False

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> WorkerPool:
        for w in self._workers:
            w.start()
        for w in self._workers:
            t = threading.Thread(target=self._feed, args=(w,), name=f"speech-feeder-{w.index}", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def close(self, grace_s: float = 30.0) -> None:
        """Stop: feeders finish what they hold within ``grace_s`` in all (one deadline for the
        pool, not one per thread), then the workers are stopped (killed if still busy, which
        ends any feeder still waiting on one) and the feeders get a last few seconds."""
        self._stop.set()
        self.queue.close()
        end = time.monotonic() + grace_s
        for t in self._threads:
            t.join(max(0.0, end - time.monotonic()))
        for w in self._workers:
            w.stop()
        for t in self._threads:
            t.join(5.0)
        self._spawner.shutdown(wait=True)

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def worker_pids(self) -> list[int | None]:
        return [w.pid for w in self._workers]

    # -- work ------------------------------------------------------------------------------
    def submit(self, utt: Utterance) -> bool:
        """Queue without blocking; False when back-pressure shed it."""
        return self.queue.put(utt)

    def _feed(self, w: _Worker) -> None:
        o = self.options
        while not self._stop.is_set():
            got = self.queue.get_batch(
                timeout=0.2,
                max_seconds=o.pack_seconds if self.pack else 0.0,
                gap_s=o.pack_gap_s,
                wait_s=o.pack_wait_s if self.pack else 0.0,
                backlog_seconds=o.pack_seconds_backlog if self.pack else 0.0,
            )
            if not got:
                if self.queue_closed_and_empty():
                    return
                continue
            picked = time.monotonic()
            t0 = time.monotonic()
            language = self._language(got[0][0])
            kind, value = w.ask([u for u, _ in got], language)
            if kind == "ok":
                took = time.monotonic() - t0
                for (utt, enq), (tr, lang) in zip(got, value, strict=True):
                    self._observe(utt, tr, lang)
                    self._emit(Outcome(utt, tr, "", 1, picked - enq, took, w.index))
                continue
            if kind == "error":
                for utt, enq in got:
                    self._emit(Outcome(utt, None, str(value), 1, picked - enq, 0.0, w.index))
                continue
            # The worker died under this batch: replace it, then retry each utterance once,
            # alone, so one poisonous utterance cannot take its batch-mates down with it.
            if not self._restart(w, got, picked, 1):
                continue
            for utt, enq in got:
                t0 = time.monotonic()
                kind, value = w.ask([utt], language)
                if kind == "ok":
                    self._observe(utt, *value[0])
                    self._emit(Outcome(utt, value[0][0], "", 2, picked - enq, time.monotonic() - t0, w.index))
                elif kind == "error":
                    self._emit(Outcome(utt, None, str(value), 2, picked - enq, 0.0, w.index))
                else:
                    why = "speech worker died twice on this utterance"
                    self._emit(Outcome(utt, None, why, 2, picked - enq, 0.0, w.index))
                    self._restart(w, [], picked, 2)

    def _language(self, utt: Utterance) -> str:
        """The language to decode ``utt`` in: its leg's pinned one, "auto" until then, "" (the
        pool's option) for English-only pools."""
        if self.leglang is None:
            return ""
        with self._lock:
            return self.leglang.language(utt.call_id, utt.leg)

    def _observe(self, utt: Utterance, tr: Transcript | None, language: str) -> None:
        if self.leglang is not None and tr is not None and tr.text:
            with self._lock:
                self.leglang.observe(utt.call_id, utt.leg, language, utt.t1 - utt.t0)

    def _restart(
        self, w: _Worker, pending: list[tuple[Utterance, float]], picked: float, attempt: int
    ) -> bool:
        with self._lock:
            self.restarts += 1
        w.stop()
        try:
            w.start()
        except SpeechError as e:
            for utt, enq in pending:
                self._emit(Outcome(utt, None, str(e), attempt, picked - enq, 0.0, w.index))
            return False
        return True

    def _emit(self, outcome: Outcome) -> None:
        if not outcome.ok:
            with self._lock:
                self.failures += 1
        self.results.put(replace(outcome, done_at=time.monotonic()))

    def queue_closed_and_empty(self) -> bool:
        return self._stop.is_set() or (self.queue.closed and len(self.queue) == 0)

    def transcribe(self, utterances: Iterable[Utterance], timeout: float = 600.0) -> Iterator[Outcome]:
        """Submit all (waiting for room rather than shedding) and yield outcomes as they finish."""
        n = 0
        for utt in utterances:
            while not self.submit(utt):
                self.queue.shed_undo(utt.call_id)
                time.sleep(0.05)
            n += 1
            while not self.results.empty():
                n -= 1
                yield self.results.get()
        for _ in range(n):
            yield self.results.get(timeout=timeout)
