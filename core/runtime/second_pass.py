"""The second pass, wired: finished calls transcribed again by a larger model when the box is idle.

``[speech] second_pass_model`` names a built ggml model (e.g. Whisper base q8_0); empty (the
default) or not built: no second pass. :class:`SecondPassSink` is a storing sink placed after
the vault: it does nothing while a call is live and, when the call ends, offers its id to
:class:`SecondPass`. That runner keeps a bounded queue of finished calls
(``ccedge.core.speech.second_pass.SecondPassQueue``: drop-oldest, the dropped call keeps its
live transcript) and one thread that takes a call only while the 1-minute load leaves a core
spare. Its whisper.cpp worker is one single-threaded process at nice 19, so even a job that
has started yields the CPU to the live workers.

A job reads the call back from the vault (the stored audio, already masked where redaction
found data, and the stored utterance events for their leg and times), transcribes it again
as whole turns (``ccedge.core.speech.turns``: consecutive utterances of a leg with their pauses,
one window each; every word goes back to the utterance it was said in), redacts the new text as a
finished call (``Redactor``: the same cues and detectors, redaction's re-check) and, only when
every utterance came back, replaces the stored utterance events
(``ccedge.core.vault.transcript.replace_transcript``). Until then the live transcript stays.
Then ``after`` (``ccedge.core.compliance.Rescorer`` in ``ccedge run``) gets the call's stored
events, so QM scores the better words too; its failure is counted apart and keeps the new text.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import wave
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ccedge.core.events import CallEnded, CallStarted, Event, UtteranceRedacted
from ccedge.core.frames import Transcript, Utterance
from ccedge.core.redact import Redactor, RedactPolicy
from ccedge.core.redact.events_out import spans_out, utterance_parts
from ccedge.core.speech.engine import TranscribeOptions
from ccedge.core.speech.second_pass import RESCAN_PRIORITY, SecondPassQueue, spare_cpu
from ccedge.core.speech.turns import split_turn, turns
from ccedge.core.speech.workers import WorkerPool
from ccedge.core.vault.recording import finish_wav
from ccedge.core.vault.store import Vault
from ccedge.core.vault.transcript import replace_transcript

log = logging.getLogger("ccedge.second_pass")


def stored_utterances(
    v: Vault, call_id: str
) -> tuple[list[Utterance], list[dict[str, Any]], dict[str, npt.NDArray[np.int16]], int]:
    """The call's utterances cut again from its stored audio at the stored utterance times, the
    stored utterance events, each leg's whole stored audio and its sample rate."""
    live = [e for e in v.event_dicts(call_id) if e.get("type") == "utterance"]
    plain, _ = v.read_stream(call_id, "audio")
    with wave.open(io.BytesIO(finish_wav(plain))) as w:
        rate, channels = w.getframerate(), w.getnchannels()
        frames = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, channels)
    legs = {leg["leg"]: int(leg["channel"]) for leg in v.index.legs(call_id)}
    utts: list[Utterance] = []
    audio: dict[str, npt.NDArray[np.int16]] = {}
    for e in live:
        leg = str(e["leg"])
        ch = min(legs.get(leg, 1 if e.get("role") == "customer" else 0), channels - 1)
        audio.setdefault(leg, np.ascontiguousarray(frames[:, ch]))
        a, b = round(float(e["start_s"]) * rate), round(float(e["end_s"]) * rate)
        utts.append(Utterance(call_id, leg, float(e["start_s"]), float(e["end_s"]), rate,
                              audio[leg][a:b], priority=RESCAN_PRIORITY))
    return utts, live, audio, rate


def redacted_events(call_id: str, live: list[dict[str, Any]], new: list[Transcript]) -> list[dict[str, Any]]:
    """The new transcripts redacted as one finished call, as stored utterance events."""
    red = Redactor(RedactPolicy())
    order = sorted(range(len(new)), key=lambda i: (new[i].t1, new[i].leg))
    for i in order:
        red.add(new[i])
    res = red.redact(call_id)
    out = []
    for k, i in enumerate(order):
        raw, e = new[i], live[i]
        text, words, _refused = utterance_parts(res.transcripts[k])
        out.append(UtteranceRedacted(
            call_id=call_id, t=raw.t0, wall=float(e.get("wall", 0.0)), leg=raw.leg,
            role=e.get("role", "unknown"),
            start_s=raw.t0, end_s=raw.t1, text=text, words=words,
            spans=spans_out(res.spans, raw.leg, raw.t0, raw.t1), model=raw.model).to_json())
    return out


class SecondPass:
    """The runner: a bounded queue of finished calls and one low-priority thread draining it."""

    def __init__(self, data_dir: Path, model: Path, passphrase_file: Path | None = None,
                 language: str = "en", max_calls: int = 64, reserve_cores: float = 1.0,
                 poll_s: float = 2.0,
                 after: Callable[[str, Sequence[dict[str, Any]]], object] | None = None,
                 prompt: str = "") -> None:
        self.data_dir, self.model, self.passphrase_file = data_dir, model, passphrase_file
        self.prompt = prompt  # the live pass's initial prompt ([speech] prompt and terms)
        self.after = after
        self.language, self.reserve_cores, self.poll_s = language, reserve_cores, poll_s
        self.queue = SecondPassQueue(max_calls)
        self.done = 0  # calls whose transcript was replaced
        self.failed = 0  # calls left with their live transcript after a failure
        self.after_failed = 0  # calls whose new transcript was stored but ``after`` failed
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def offer(self, call_id: str) -> None:
        # The queue holds utterances; here only the call id matters until the job reads the vault.
        self.queue.offer(call_id, [Utterance(call_id, "", 0.0, 0.0, 8000, np.zeros(0, np.int16))])
        self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="speech-second-pass", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def idle(self) -> bool:
        return spare_cpu(self.reserve_cores)

    def _run(self) -> None:
        # Temperature fallback (whisper.cpp's 0.2 steps): nobody waits for this text, and on whole
        # turns it won words on the noisy legs of the telephone set; a long window can repeat a
        # sentence as new segments, which ``drop_repeats`` catches (README, "Two passes").
        opts = TranscribeOptions(n_threads=1, language=self.language, temperature_inc=0.2, drop_repeats=True,
                                 initial_prompt=self.prompt)
        pool = WorkerPool(self.model, workers=1, options=opts, queue_size=64, pack=False).start()
        for pid in pool.worker_pids():
            if pid:
                os.setpriority(os.PRIO_PROCESS, pid, 19)  # lowest: the live workers always come first
        try:
            with Vault.open(self.data_dir, self.passphrase_file) as v:
                while not self._stop.is_set():
                    job = self.queue.take(self.idle())
                    if job is None:
                        self._wake.wait(self.poll_s)
                        self._wake.clear()
                        continue
                    try:
                        replaced = self.run_call(v, pool, job.call_id) > 0
                    except Exception as e:  # one call's failure keeps its live transcript
                        self.failed += 1
                        log.warning("second pass of call %s failed (%s); live transcript kept",
                                    job.call_id, type(e).__name__)
                        continue
                    if replaced:
                        self.done += 1
                        self.run_after(v, job.call_id)
        finally:
            pool.close()

    def run_after(self, v: Vault, call_id: str) -> None:
        if self.after is None:
            return
        try:
            self.after(call_id, v.event_dicts(call_id))
        except Exception as e:  # the new transcript stays; the live score stays the newest
            self.after_failed += 1
            log.warning("QM re-score of call %s after the second pass failed (%s)", call_id, type(e).__name__)

    def run_call(self, v: Vault, pool: WorkerPool, call_id: str) -> int:
        """Transcribe one stored call again and replace its transcript; -1 if not closed yet."""
        state = v.call(call_id).get("state")
        if state == "live":  # the vault has not closed it yet: wait for it, behind the others
            self.queue.offer(call_id, [Utterance(call_id, "", 0.0, 0.0, 8000, np.zeros(0, np.int16))])
            return -1
        if state != "complete":
            return 0
        utts, live, audio, rate = stored_utterances(v, call_id)
        if not utts:
            return 0
        # Whole turns, one window each (``speech.turns``: the live cuts cost words), each word
        # given back to the stored utterance it was said in.
        got: dict[int, Transcript] = {}
        index = {id(t.window): t for t in turns(utts, audio, rate)}
        for outcome in pool.transcribe([t.window for t in index.values()]):
            if outcome.transcript is None:
                raise RuntimeError("a turn failed in the second pass")
            parts = index[id(outcome.utterance)].parts
            got.update(zip(parts, split_turn(outcome.transcript, [utts[i] for i in parts]), strict=True))
        new = [got[i] for i in range(len(utts))]
        return replace_transcript(v, call_id, redacted_events(call_id, live, new), new[0].model)


class SecondPassSink:
    """A storing sink that only notices calls ending; put it after the vault sink."""

    def __init__(self, runner: SecondPass) -> None:
        self.runner = runner

    async def open_call(self, call: CallStarted) -> None:
        return None

    async def audio(self, call_id: str, leg: str, frames: Any) -> None:
        return None

    async def event(self, e: Event) -> None:
        return None

    async def close_call(self, ended: CallEnded) -> None:
        self.runner.offer(ended.call_id)




def resolve_model(name: str) -> Path | None:
    """``[speech] second_pass_model``: a rung name ("base", "base:q5_0") or a file; None if not built."""
    from ccedge.core.speech import find_model
    from ccedge.core.speech.errors import SpeechError

    if not name:
        return None
    if "/" not in name and not name.endswith(".bin"):
        model, _, quant = name.partition(":")
        try:
            return find_model(quant or "q8_0", model)
        except SpeechError:
            return None
    path = Path(name).expanduser()
    return path.resolve() if path.is_file() else None


__all__ = ["SecondPass", "SecondPassSink", "redacted_events", "resolve_model", "stored_utterances"]
