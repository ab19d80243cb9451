"""The vault as the live pipeline's storing sink (``ccedge.core.sink.Sink``).

Per call: ``open_call`` creates the recording (fresh data key, files, index rows, audit
entry); ``audio`` places each leg's released blocks on the two-channel timeline and keeps
sealed originals in the quarantine stream; ``event`` appends the event's JSON line (redacted
by construction) and saves QM scores in the index; ``close_call`` writes the final chunks,
the receipt and the retention date. Encryption and file writes run on one I/O thread (FIFO,
so a call's chunks stay in order); the loop only buffers (ARCHITECTURE.md invariant 4).

Disk full or an I/O error (invariant 3): the failing call's recording is stopped where its
last whole chunk ends (readable, marked interrupted), an alert is logged and audited,
``storage_ok`` turns False and new calls are not recorded (counted in ``calls_not_stored``)
until at least ``min_free_mb`` are free again; then recording resumes by itself.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import sqlite3
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ccedge.core.events import CallEnded, CallStarted, Event, Score
from ccedge.core.files import private_dir, sync_filesystem
from ccedge.core.sink import ReleasedAudio
from ccedge.core.vault.errors import StorageUnavailable, VaultError
from ccedge.core.vault.keys import new_dek
from ccedge.core.vault.recording import LiveRecording
from ccedge.core.vault.store import Vault, day_folder

log = logging.getLogger("ccedge.vault")
_FAULTS = (OSError, sqlite3.Error)


class VaultSink:
    """Stores every call it is given; one per vault (it holds the writer lock)."""

    def __init__(
        self,
        vault: Vault,
        min_free_mb: float = 64.0,
        chunk_seconds: float = 1.0,
        sync_interval_s: float = 1.0,
        sweep_interval_s: float = 3600.0,
    ) -> None:
        if not vault.acquire_writer():
            raise VaultError(f"another process is already recording into {vault.data_dir}")
        self.vault = vault
        self.min_free_mb = min_free_mb
        self.chunk_seconds = chunk_seconds
        self.sync_interval_s = sync_interval_s
        self.sweep_interval_s = sweep_interval_s
        self._next_sweep = 0.0
        self._synced = time.monotonic()
        self._syncer = ThreadPoolExecutor(1, thread_name_prefix="vault-sync")
        self._sync: Future[None] | None = None
        self.storage_ok = True
        self.owns_vault = False  # True when for_data_dir opened it: aclose() then closes it
        self.calls_stored = 0
        self.calls_not_stored = 0
        self.faults = 0
        self._live: dict[str, LiveRecording] = {}
        self._io = ThreadPoolExecutor(1, thread_name_prefix="vault-io")

    @classmethod
    def for_data_dir(cls, data_dir: Path, passphrase_file: Path | None = None, **kw: Any) -> VaultSink | None:
        """The sink of the vault in ``data_dir`` (``ccedge run --data-dir``), or None when
        ``ccedge init`` has not created one there."""
        if not Vault.exists(data_dir):
            log.warning("vault: no vault in %s (run ccedge init): calls are not stored", data_dir)
            return None
        sink = cls(Vault.open(data_dir, passphrase_file), **kw)
        sink.owns_vault = True
        return sink

    def status(self) -> dict[str, Any]:
        return {
            "storage_ok": self.storage_ok,
            "live": len(self._live),
            "calls_stored": self.calls_stored,
            "calls_not_stored": self.calls_not_stored,
            "faults": self.faults,
        }

    async def _run(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._io, fn, *args)

    async def _maybe_sync(self) -> None:
        """Once per ``sync_interval_s``, on a thread of its own and without waiting for it: a
        power cut then loses at most that much plus the open chunk of each call (kill -9 loses
        only the open chunk: written chunks are already in the page cache)."""
        now = time.monotonic()
        if now - self._synced >= self.sync_interval_s and (self._sync is None or self._sync.done()):
            self._synced = now
            self._sync = self._syncer.submit(sync_filesystem, self.vault.data_dir)

    async def _maybe_sweep(self) -> None:
        """The retention scheduler: every ``sweep_interval_s`` (and at the first call) shred what
        expired and is not on hold, off the loop."""
        now = time.monotonic()
        if self.sweep_interval_s > 0 and now >= self._next_sweep:
            self._next_sweep = now + self.sweep_interval_s
            try:
                done = await self._run(self.vault.sweep, None, 200)  # the rest next pass
            except (*_FAULTS, VaultError) as e:
                log.error("vault: retention sweep failed: %s: %s", type(e).__name__, e)
                return
            if done:
                log.info("vault: retention shredded %d recording(s)", len(done))
            if len(done) >= 200:  # a backlog (e.g. a policy shortened): come back in a minute
                self._next_sweep = now + min(60.0, self.sweep_interval_s)

    def _free_mb(self) -> float:
        st = os.statvfs(self.vault.data_dir)
        return st.f_bavail * st.f_frsize / 1e6

    def _check_space(self) -> bool:
        ok = self._free_mb() >= self.min_free_mb
        if ok and not self.storage_ok:
            self.storage_ok = True
            log.warning("vault: storage available again; recording resumes")
            self._audit_quietly("storage-resumed", "", {"free_mb": round(self._free_mb(), 1)})
        elif not ok and self.storage_ok:
            self._fault("", StorageUnavailable(f"less than {self.min_free_mb:g} MB free"))
        return ok

    def _fault(self, call_id: str, e: BaseException) -> None:
        self.faults += 1
        was_ok, self.storage_ok = self.storage_ok, False
        if was_ok:  # one alert per outage, not one per block
            log.error(
                "vault: storage unavailable (%s: %s); new calls are not recorded until space returns",
                type(e).__name__,
                e,
            )
            self._audit_quietly("storage-unavailable", call_id, {"error": type(e).__name__})

    def _audit_quietly(self, action: str, target: str, detail: dict[str, Any]) -> None:
        try:
            self.vault.audit.append("appliance", "system", action, target, detail)
        except _FAULTS as e:  # the disk may be what failed; the log line already says so
            log.error("vault: could not audit %s: %s", action, type(e).__name__)

    # the Sink protocol ----------------------------------------------------------------------
    async def open_call(self, call: CallStarted) -> None:
        if not self._check_space():
            self.calls_not_stored += 1
            return
        v = self.vault
        await self._maybe_sweep()
        if call.call_id in self._live or v.index.get_call(call.call_id) is not None:
            log.error("vault: call %s is already stored; this start is not recorded again", call.call_id)
            self.calls_not_stored += 1
            return
        started = call.wall or time.time()
        channels = {p.leg: (1 if p.role == "customer" else 0) for p in call.parties}
        if len(set(channels.values())) < len(channels):  # two legs of one role: caller left, callee right
            channels = {p.leg: min(i, 1) for i, p in enumerate(call.parties)}
        agent = next((p.label for p in call.parties if p.role == "agent"), "")
        folder = f"recordings/{day_folder(started)}"
        stem = secrets.token_hex(12)
        dek = new_dek()
        try:
            private_dir(v.data_dir / folder)
            rec = await self._run(LiveRecording, v.data_dir / folder, stem, dek, channels, self.chunk_seconds)
        except _FAULTS as e:
            self._fault(call.call_id, e)
            self.calls_not_stored += 1
            return
        try:
            legs = [
                {
                    "leg": p.leg,
                    "role": p.role,
                    "label": p.label,
                    "codec": call.codecs.get(p.leg, ""),
                    "channel": channels.get(p.leg),
                }
                for p in call.parties
            ]
            with v.index.transaction():
                v.index.add_call(
                    call.call_id, started, agent, call.source, str(v.config.get("policy", "")), legs
                )
                wrapped = v.keyring.wrap(dek, call.call_id)
                v.index.add_recording(call.call_id, "audio", f"{folder}/{stem}.audio", wrapped, None, 2)
                v.index.add_recording(call.call_id, "events", f"{folder}/{stem}.events", wrapped, None, None)
                v.audit.append("appliance", "system", "recording-created", call.call_id, {"legs": len(legs)})
        except (*_FAULTS, VaultError) as e:
            await self._run(rec.discard)  # no index row points at them: remove the new files
            if isinstance(e, sqlite3.IntegrityError | VaultError):
                log.error("vault: call not stored: %s", e)
            else:
                self._fault(call.call_id, e)
            self.calls_not_stored += 1
            return
        self._live[call.call_id] = rec
        self.calls_stored += 1

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        rec = self._live.get(call_id)
        if rec is None:
            return
        try:
            for f in frames:
                if f.status == "sealed" and f.sealed is not None:
                    if rec.quarantine is None:
                        await self._open_quarantine(call_id, rec)
                    rec.add_sealed(f.leg, f.role, f.t0, f.rate, f.sealed)
                rec.add_audio(f.leg, f.role, f.t0, f.rate, f.samples)
            if rec.due():
                await self._run(rec.flush)
                await self._maybe_sync()
        except _FAULTS as e:
            await self._stop(call_id, rec, e)

    async def _open_quarantine(self, call_id: str, rec: LiveRecording) -> None:
        v = self.vault
        qdek = new_dek()
        await self._run(rec.open_quarantine, qdek)
        v.index.add_recording(
            call_id,
            "quarantine",
            str(rec.paths["quarantine"].relative_to(v.data_dir)),
            v.keyring.wrap_quarantine(qdek, call_id),
            None,
            None,
        )

    async def event(self, e: Event) -> None:
        rec = self._live.get(e.call_id)
        if rec is None:
            return
        try:
            rec.add_event(e.to_json())
            if isinstance(e, Score):
                self.vault.index.save_score(
                    e.call_id,
                    e.scorecard,
                    e.version,
                    e.total,
                    e.auto_failed,
                    [dict(c) for c in e.criteria],
                    e.wall + e.t if e.wall else time.time(),
                )
            if rec.due():
                await self._run(rec.flush)
        except _FAULTS as err:
            await self._stop(e.call_id, rec, err)

    async def close_call(self, ended: CallEnded) -> None:
        rec = self._live.pop(ended.call_id, None)
        if rec is None:
            return
        v = self.vault
        try:
            rec.add_event(ended.to_json())
            await self._run(rec.close)
            call = v.index.get_call(ended.call_id) or {"started": time.time()}
            receipt = dict(ended.receipt)
            flagged = bool(receipt.get("flagged")) or rec.sealed_spans > 0
            with v.index.transaction():
                for kind in rec.paths:
                    writer = {"audio": rec.audio, "events": rec.events}.get(kind, rec.quarantine)
                    assert writer is not None
                    v.index.update_recording(
                        ended.call_id,
                        kind,
                        state="complete",
                        chunks=writer.index,
                        bytes=writer.size,
                        **({"rate": rec.timeline.rate or 8000} if kind == "audio" else {}),
                    )
                v.index.finish_call(
                    ended.call_id,
                    call["started"] + ended.duration_s,
                    ended.duration_s,
                    ended.reason,
                    "complete",
                    v.expiry(call["started"]),
                )
                v.index.set_receipt(ended.call_id, receipt)
                v.index.set_transcript(ended.call_id, rec.utterances, rec.words, rec.model)
                if flagged:
                    flags = list(receipt.get("flags", [])) + (["sealed-audio"] if rec.sealed_spans else [])
                    v.index.set_quarantine(
                        ended.call_id, "open", flags, rec.sealed_spans, rec.sealed_seconds, time.time()
                    )
                v.audit.append(
                    "appliance",
                    "system",
                    "recording-closed",
                    ended.call_id,
                    {
                        "duration_s": round(ended.duration_s, 3),
                        "chunks": rec.audio.index,
                        "quarantined": flagged,
                    },
                )
                if flagged:
                    v.audit.append(
                        "appliance",
                        "system",
                        "quarantine-opened",
                        ended.call_id,
                        {"spans": rec.sealed_spans, "flags": len(receipt.get("flags", []))},
                    )
        except _FAULTS as e:
            await self._stop(ended.call_id, rec, e)

    async def _stop(self, call_id: str, rec: LiveRecording, e: BaseException) -> None:
        """Stop one recording after a storage fault; what is on disk stays readable."""
        self._fault(call_id, e)
        self._live.pop(call_id, None)
        await self._run(rec.abandon)
        try:
            for kind in rec.paths:
                self.vault.index.update_recording(call_id, kind, state="interrupted")
            call = self.vault.index.get_call(call_id)
            if call is not None:
                self.vault.index.finish_call(
                    call_id,
                    time.time(),
                    time.time() - call["started"],
                    "storage-fault",
                    "interrupted",
                    self.vault.expiry(call["started"]),
                )
        except _FAULTS:
            pass  # the recovery at the next opening closes it

    async def aclose(self) -> None:
        """Close every live recording (shutdown) and release the I/O thread."""
        for call_id in list(self._live):
            rec = self._live[call_id]
            seconds = (rec.timeline.written + max(0, *rec.timeline.pending)) / (rec.timeline.rate or 8000)
            await self.close_call(
                CallEnded(call_id=call_id, t=seconds, reason="shutdown", duration_s=seconds)
            )
        self._io.shutdown(wait=True)
        self._syncer.shutdown(wait=True)
        if self.owns_vault:
            self.vault.close()
        else:
            self.vault.close_writer()


__all__ = ["VaultSink"]
