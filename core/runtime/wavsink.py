"""``--wav-dir``: a storing sink that keeps redacted audio and text as plain files, until the vault.

Per call and leg, ``<call>-<leg>.wav`` (the audio as it left the hold-back: masked where
redaction said so, silence where it could not clear in time); per call, its redacted
utterances appended to ``transcripts.jsonl`` and its receipt to ``receipts.jsonl``.

Nothing half-written ever looks whole: a WAV grows under a hidden temporary name
(``.<name>.part``) and is renamed only when the call is closed, after ``fsync``; a call's
lines are appended in one write and synced. Files are owner-only (0600), the folder too
(0700). When the disk fills, the call's temporary file is removed, files written before are
left as they are, and ``failures`` holds one line naming the path (the command prints it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ccedge.core.events import CallEnded, CallStarted, Event, UtteranceRedacted
from ccedge.core.files import fsync_dir
from ccedge.core.sink import ReleasedAudio

log = logging.getLogger(__name__)


def safe_name(call_id: str, leg: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{call_id}-{leg}")[:150]


def utterance_json(e: UtteranceRedacted) -> dict[str, Any]:
    """The ``ccedge transcribe --json`` keys, from a redacted utterance."""
    return {
        "call_id": e.call_id, "leg": e.leg, "start_s": round(e.start_s, 3), "end_s": round(e.end_s, 3),
        "text": str(e.text),
        "words": [{"word": str(w.text), "start_s": round(w.start_s, 3), "end_s": round(w.end_s, 3),
                   "p": round(w.p, 4)} for w in e.words],
    }


@dataclass
class _Leg:
    path: Path
    tmp: Path
    fh: BinaryIO
    wav: wave.Wave_write
    rate: int
    written: int = 0  # samples


@dataclass
class _Call:
    legs: dict[str, _Leg] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    failed: bool = False


class WavDirSink:
    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        self._calls: dict[str, _Call] = {}
        self.failures: list[str] = []
        self.files_written = 0

    def _fail(self, c: _Call, path: Path, e: OSError) -> None:
        c.failed = True
        for leg in c.legs.values():
            for close in (leg.wav.close, leg.fh.close):  # wave's close forgets the file even when it fails
                try:
                    close()
                except (OSError, ValueError):
                    pass
            leg.tmp.unlink(missing_ok=True)
        c.legs.clear()
        msg = f"cannot write {path}: {e.strerror or type(e).__name__}"
        if msg not in self.failures:
            self.failures.append(msg)
            log.error("wav-dir: %s", msg)

    async def open_call(self, call: CallStarted) -> None:
        self._calls[call.call_id] = _Call()

    async def audio(self, call_id: str, leg: str, frames: Sequence[ReleasedAudio]) -> None:
        c = self._calls.setdefault(call_id, _Call())
        if c.failed:
            return
        lg = c.legs.get(leg)
        path = self.folder / f"{safe_name(call_id, leg)}.wav"
        try:
            for f in frames:
                if lg is None:
                    tmp = self.folder / f".{path.name}.part"
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    fh = os.fdopen(fd, "wb")
                    w = wave.open(fh, "wb")
                    w.setnchannels(1)
                    w.setsampwidth(2)
                    w.setframerate(f.rate)
                    lg = c.legs[leg] = _Leg(path, tmp, fh, w, f.rate)
                if f.rate != lg.rate:
                    continue  # a rate change mid-leg: the first rate's audio is kept (as the tap does)
                # On the call clock: silence where no audio was released (a gap in the leg).
                start = round(f.t0 * lg.rate)
                if start > lg.written:
                    lg.wav.writeframes(b"\0\0" * (start - lg.written))
                    lg.written = start
                skip = max(0, lg.written - start)
                data = f.samples[skip:].astype("<i2").tobytes()
                lg.wav.writeframes(data)
                lg.written += len(data) // 2
        except OSError as e:
            self._fail(c, path, e)

    async def event(self, e: Event) -> None:
        c = self._calls.get(e.call_id)
        if c is not None and isinstance(e, UtteranceRedacted):
            c.lines.append(json.dumps(utterance_json(e), ensure_ascii=False))

    async def close_call(self, ended: CallEnded) -> None:
        c = self._calls.pop(ended.call_id, None)
        if c is None or c.failed:
            return
        await asyncio.to_thread(self._close, c, ended)  # fsync and rename off the event loop

    def _close(self, c: _Call, ended: CallEnded) -> None:
        for lg in list(c.legs.values()):
            try:
                lg.wav.close()  # patches the header's sizes
                lg.fh.flush()
                os.fsync(lg.fh.fileno())
                lg.fh.close()
                os.replace(lg.tmp, lg.path)
                self.files_written += 1
            except OSError as e:
                self._fail(c, lg.path, e)
                return
        try:
            if c.lines:
                self._append(self.folder / "transcripts.jsonl", "".join(x + "\n" for x in c.lines))
            self._append(self.folder / "receipts.jsonl", json.dumps(dict(ended.receipt)) + "\n")
            self._sync_dir()
        except OSError as e:
            self._fail(c, self.folder / "receipts.jsonl", e)

    def _append(self, path: Path, text: str) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            data = text.encode()
            before = os.fstat(fd).st_size
            try:
                n = os.write(fd, data)
                if n != len(data):
                    raise OSError(28, "No space left on device")
                os.fsync(fd)
            except OSError:
                os.ftruncate(fd, before)  # never leave half a call's lines
                raise
        finally:
            os.close(fd)

    def _sync_dir(self) -> None:
        fsync_dir(self.folder)


__all__ = ["WavDirSink", "safe_name", "utterance_json"]
