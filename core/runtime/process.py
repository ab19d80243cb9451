"""Running a source beside the event loop: in its own process (the appliance's default) or a thread.

ARCHITECTURE.md, "Process model": capture and tap run in their own process and hand the
chain whole batches (one pickled list of frames and call records per capture batch or paced
slice, over a pipe; never one message per packet). The pipe is the bound: when the appliance
falls behind, ``send`` waits and the capture process stops reading (a NIC's ring then fills
and the kernel counts drops, which ``Health`` reports). The capture process ignores SIGINT
and SIGTERM (the appliance tells it to stop, so it can close its calls) and dies with its
parent (``PR_SET_PDEATHSIG``).

:class:`SourceRunner` is also the supervisor of that child: a capture process that dies
without finishing is restarted (live interfaces) or reported lost (a replay cannot resume
where it was); either way ``restarts`` counts it and ``Health`` shows it.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing as mp
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ccedge.core.runtime.items import Item, Source

log = logging.getLogger(__name__)

Message = tuple[str, Any]  # ("items", list[Item]) | ("end", name) | ("lost", name)
MAX_RESTARTS = 5
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: the parent's stop event and the pipe's EOF still end the child
        pass


def _watch(stop: Connection, flag: threading.Event) -> None:
    try:
        stop.recv()  # a message, or EOF when the appliance closed its end or died
    except (EOFError, OSError):
        pass
    flag.set()


def _capture_main(source: Source, conn: Connection, stop: Connection) -> None:
    """The capture process: run the source and send its chunks until it is done."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    flag = threading.Event()
    threading.Thread(target=_watch, args=(stop, flag), daemon=True).start()
    try:
        for chunk in source.chunks(flag):
            if chunk:
                conn.send(chunk)
        conn.send(None)
    except (BrokenPipeError, EOFError, OSError):
        return  # the appliance is gone
    finally:
        conn.close()


class SourceRunner:
    """One source in a child process (``process=True``) or a thread, feeding ``put``."""

    def __init__(self, source: Source, process: bool, restart: bool) -> None:
        self.source = source
        self.process = process
        self.restart = restart  # live sources restart; a replay is reported lost
        self.restarts = 0
        self.done = False
        self.pid: int | None = None
        self._ctx = mp.get_context("spawn")
        # The stop signal to the child is a pipe, not a multiprocessing.Event: setting an Event
        # whose waiter died blocks the setter.
        self._stop_w: Connection | None = None
        self._stop_thread = threading.Event()
        self._thread: threading.Thread | None = None
        self._proc: Any = None

    def start(self, put: Callable[[Message], None]) -> None:
        """Start; ``put`` is called from a reader thread and may block (back-pressure)."""
        target = self._run_process if self.process else self._run_thread
        self._thread = threading.Thread(target=target, args=(put,), name=f"source-{self.source.name}",
                                        daemon=True)
        self._thread.start()

    def _run_thread(self, put: Callable[[Message], None]) -> None:
        try:
            for chunk in self.source.chunks(self._stop_thread):
                if chunk:
                    put(("items", chunk))
        except Exception as e:  # a source fault ends this source, not the appliance
            log.error("source %s failed: %s", self.source.name, type(e).__name__)
            put(("lost", self.source.name))
            return
        finally:
            self.done = True
        put(("end", self.source.name))

    def _run_process(self, put: Callable[[Message], None]) -> None:
        while True:
            parent, child = self._ctx.Pipe(duplex=False)
            stop_r, stop_w = self._ctx.Pipe(duplex=False)
            self._proc = self._ctx.Process(target=_capture_main, args=(self.source, child, stop_r),
                                           name=f"ccedge-capture-{self.source.name}", daemon=True)
            self._proc.start()
            self.pid = self._proc.pid
            child.close()
            stop_r.close()
            self._stop_w = stop_w
            if self._stop_thread.is_set():
                self._signal_child()
            finished = False
            try:
                while True:
                    chunk: list[Item] | None = parent.recv()
                    if chunk is None:
                        finished = True
                        break
                    put(("items", chunk))
            except (EOFError, OSError):
                pass
            finally:
                parent.close()
            self._proc.join(5.0)
            stop_w.close()
            self._stop_w = None
            stopping = self._stop_thread.is_set()
            if finished or stopping:
                self.done = True
                put(("end", self.source.name))
                return
            self.restarts += 1
            log.error("capture process of %s died (exit code %s)", self.source.name, self._proc.exitcode)
            if not self.restart or self.restarts > MAX_RESTARTS:
                self.done = True
                put(("lost", self.source.name))
                return

    def stop(self) -> None:
        self._stop_thread.set()
        self._signal_child()

    def _signal_child(self) -> None:
        w = self._stop_w
        if w is not None:
            try:
                w.send("stop")
            except (OSError, ValueError):  # the child is gone already
                pass

    def kill(self) -> None:
        """Second signal: no draining."""
        self.stop()
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()


async def queue_putter(loop: asyncio.AbstractEventLoop,
                       q: asyncio.Queue[Message]) -> Callable[[Message], None]:
    """A blocking ``put`` for reader threads into the loop's bounded queue."""

    def put(m: Message) -> None:
        asyncio.run_coroutine_threadsafe(q.put(m), loop).result()

    return put


__all__ = ["Message", "SourceRunner", "queue_putter"]
