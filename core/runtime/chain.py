"""The live chain, assembled in one place in the order the data flows (ARCHITECTURE.md):

    source (capture → tap)                 AudioFrame, CallEvent, DtmfEvent, CallInfo, CallClosed
      → calls (roles)                      CallStarted, CallUpdated
      → per-leg VAD (Segmenter)            Utterance            → speech workers (SpeechService)
      → per-leg in-band DTMF               DtmfEvent
      → redaction + hold-back (RedactStage) ← Transcript         UtteranceRedacted, DtmfMasked
      → talk statistics                    TalkStats
      → output (event stages, bus, sinks)  CallEnded (receipt) after the call's last utterance

``process(item)`` takes one source item; ``transcribed(outcome)`` takes one answer of the
speech workers. A call closes when the source has handed out all of it *and* none of its
utterances is still with the speech workers; only then is ``CallEnded`` emitted, so it always
follows the call's last ``utterance`` event.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from ccedge.core.dtmf_stage import InbandDtmfStage
from ccedge.core.events import CallChange, CallStarted, CallUpdated, Event, TalkStats
from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent, Transcript, Utterance
from ccedge.core.redact import RedactPolicy
from ccedge.core.runtime.config import VadConfig
from ccedge.core.runtime.items import CallClosed, CallInfo, Item, SourceStatus
from ccedge.core.runtime.output import Output
from ccedge.core.runtime.redaction import CallFinal, RedactStage
from ccedge.core.runtime.roles import RoleMap
from ccedge.core.runtime.speech import SpeechService
from ccedge.core.segment import SegmentConfig, Segmenter
from ccedge.core.speech.workers import Outcome
from ccedge.dsp.talkstats import talk_stats

log = logging.getLogger(__name__)

TALK_EVERY_S = 5.0  # call seconds between running TalkStats of a leg
CLOSE_WAIT_S = 600.0  # longest a closed call waits for its utterances before they count as failed
CLOSED_MEMORY = 10000  # closed call ids remembered, to drop their stragglers
_UPDATES: dict[str, CallChange] = {"held": "held", "resumed": "resumed", "transferred": "transferred",
            "codec-changed": "codec_changed"}


@dataclass(slots=True)
class CallResult:
    """One finished call as the file verbs print it (``ccedge demo --json`` shape)."""

    call_id: str
    summary: dict[str, Any]
    final: CallFinal
    talk: Any  # ccedge.dsp.talkstats.TalkStats
    segments: dict[str, list[tuple[float, float]]]


@dataclass(slots=True)
class _Live:
    started: CallStarted
    info: CallInfo
    legs_end: dict[str, float] = field(default_factory=dict)  # leg -> end of audio seen
    segments: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    talk_next: dict[str, float] = field(default_factory=dict)
    closed: CallClosed | None = None
    closed_at: float = 0.0
    ended_reason: str = ""


class Chain:
    def __init__(self, output: Output, roles: RoleMap, speech: SpeechService | None,
                 policy: RedactPolicy | None = None,
                 on_result: Callable[[CallResult], None] | None = None,
                 on_transcript: Callable[[Transcript], None] | None = None,
                 vad: VadConfig | None = None) -> None:
        self.output = output
        self.roles = roles
        self.speech = speech
        settings = asdict(vad or VadConfig())
        self.vad = Segmenter(SegmentConfig.from_settings({f"vad.{k}": v for k, v in settings.items()}))
        self.inband = InbandDtmfStage()
        self.redact = RedactStage(policy, transcribing=speech is not None)
        self.on_result = on_result
        self.on_transcript = on_transcript  # ``ccedge transcribe`` only: raw text to its own stdout
        self.calls: dict[str, _Live] = {}
        self.calls_total = 0
        self.sources: dict[str, SourceStatus] = {}
        self.late_items = 0  # items of calls already closed (counted, dropped)
        self._closed_ids: dict[str, None] = {}  # recently closed calls, oldest first (bounded)

    # -- source items -----------------------------------------------------------------------
    async def process(self, item: Item) -> None:
        if isinstance(item, SourceStatus):
            self.sources[item.name] = item
            return
        if isinstance(item, CallInfo):
            await self._open(item)
            return
        if item.call_id in self._closed_ids:
            self.late_items += 1
            return
        live = self.calls.get(item.call_id) or await self._open(CallInfo(item.call_id))
        if isinstance(item, AudioFrame):
            await self._audio(live, item)
        elif isinstance(item, DtmfEvent):
            await self._emit(self.redact.dtmf(item))
        elif isinstance(item, CallEvent):
            await self._call_event(live, item)
        elif isinstance(item, CallClosed):
            await self._close(live, item)

    async def _open(self, info: CallInfo) -> _Live:
        if info.call_id in self.calls:
            return self.calls[info.call_id]
        agent = self.roles.agent_leg(info.caller, info.callee, info.caller_ip, info.callee_ip)
        parties = tuple(self.roles.party(leg, addr, agent)
                        for leg, addr in (("caller", info.caller), ("callee", info.callee)) if addr)
        started = CallStarted(call_id=info.call_id, t=0.0, wall=info.wall, parties=parties,
                              codecs=dict(info.codecs), source=info.source)
        live = _Live(started, info)
        self.calls[info.call_id] = live
        self.calls_total += 1
        roles = {leg: RoleMap.role_of(leg, agent) for leg in ("caller", "callee")}
        self.redact.open_call(info.call_id, info.wall, roles)
        await self.output.event(started)
        return live

    async def _call_event(self, live: _Live, ev: CallEvent) -> None:
        change = _UPDATES.get(ev.kind)
        if change is not None:
            detail = ev.detail if change == "codec_changed" else ""
            # Hold and resume are one side's doing (the tap's detail "by-caller"/"by-callee").
            leg = ev.detail[3:] if change in ("held", "resumed") and ev.detail.startswith("by-") else ""
            role = self.redact.role(ev.call_id, leg) if leg else "unknown"
            await self.output.event(CallUpdated(call_id=ev.call_id, t=ev.t, wall=live.started.wall,
                                                change=change, leg=leg, role=role, detail=detail))
        elif ev.kind == "ended":
            live.ended_reason = ev.reason

    async def _audio(self, live: _Live, frame: AudioFrame) -> None:
        for u in self.vad.process_sync(frame):
            await self._utterance(live, u)
        for d in self.inband.process_sync(frame):
            await self._emit(self.redact.dtmf(d))
        settled = self.vad.settled_until(frame.call_id, frame.leg)
        await self._emit(self.redact.audio(frame, frame.t1 if settled is None else settled))
        live.legs_end[frame.leg] = max(live.legs_end.get(frame.leg, 0.0), frame.t1)
        nxt = live.talk_next.setdefault(frame.leg, TALK_EVERY_S)
        if frame.t1 >= nxt:
            live.talk_next[frame.leg] = nxt + TALK_EVERY_S
            await self._talk(live, frame.t1, [frame.leg])

    async def _utterance(self, live: _Live, u: Utterance) -> None:
        live.segments.setdefault(u.leg, []).append((u.t0, u.t1))
        submitted = self.speech.submit(u) if self.speech is not None else False
        await self._emit(self.redact.utterance(u, submitted))

    async def _talk(self, live: _Live, t: float, legs: list[str]) -> None:
        segs = {leg: live.segments.get(leg, []) for leg in live.legs_end}
        if not segs or t <= 0:
            return
        st = talk_stats(segs, t)
        busy_end = max((b for spans in segs.values() for _a, b in spans), default=0.0)
        longest_silence = max((b - a for a, b in st.silence_runs), default=0.0)
        for leg in legs:
            mono = st.longest_monologue
            await self.output.event(TalkStats(
                call_id=live.started.call_id, t=t, wall=live.started.wall, leg=leg,
                role=self.redact.role(live.started.call_id, leg), talk_s=st.talk_s.get(leg, 0.0),
                talk_ratio=st.talk_ratio.get(leg, 0.0), overtalk_s=st.overtalk_s,
                longest_silence_s=longest_silence,
                longest_monologue_s=(mono[2] - mono[1]) if mono and mono[0] == leg else 0.0,
                current_silence_s=max(0.0, t - busy_end)))

    # -- speech answers ---------------------------------------------------------------------
    async def transcribed(self, o: Outcome) -> None:
        u = o.utterance
        if o.transcript is not None and o.transcript.text and self.on_transcript is not None:
            self.on_transcript(o.transcript)
        await self._emit(self.redact.transcribed(u, o.transcript))
        live = self.calls.get(u.call_id)
        if live is not None and live.closed is not None:
            await self._maybe_finish(live)

    # -- call end ---------------------------------------------------------------------------
    async def _close(self, live: _Live, closed: CallClosed) -> None:
        cid = live.started.call_id
        for leg in list(live.legs_end):
            for u in self.vad.end_leg(cid, leg):
                await self._utterance(live, u)
            for d in self.inband.end_leg(cid, leg):
                await self._emit(self.redact.dtmf(d))
        live.closed = closed
        live.closed_at = time.monotonic()
        await self._maybe_finish(live)

    def _pending(self, call_id: str) -> int:
        return self.redact.pending(call_id)

    async def _maybe_finish(self, live: _Live, force: bool = False) -> None:
        cid = live.started.call_id
        if live.closed is None or (self._pending(cid) and not force):
            return
        if force:
            for u in self.redact.pending_utterances(cid):
                await self._emit(self.redact.transcribed(u, None))
        del self.calls[cid]
        self._closed_ids[cid] = None
        if len(self._closed_ids) > CLOSED_MEMORY:
            del self._closed_ids[next(iter(self._closed_ids))]
        duration = max(live.legs_end.values(), default=0.0)
        await self._talk(live, duration, sorted(live.legs_end))
        reason = live.closed.reason or live.ended_reason or "ended"
        out, final = self.redact.close_call(cid, reason, duration, live.closed.damaged)
        await self._emit(out)
        if self.on_result is not None:
            segs = {leg: live.segments.get(leg, []) for leg in live.legs_end}
            talk = talk_stats(segs, duration) if live.legs_end else None
            self.on_result(CallResult(cid, dict(live.closed.summary), final, talk, segs))

    async def expire(self) -> None:
        """Calls closed long ago whose utterances never came back: their speech counts as failed."""
        now = time.monotonic()
        for live in list(self.calls.values()):
            if live.closed is not None and now - live.closed_at > CLOSE_WAIT_S:
                n = self._pending(live.started.call_id)
                log.warning("closing a call with %d utterances still in speech", n)
                await self._maybe_finish(live, force=True)

    async def close_all(self, reason: str) -> None:
        """The source is gone without closing these calls: close them now."""
        for live in list(self.calls.values()):
            if live.closed is None:
                await self._close(live, CallClosed(live.started.call_id, reason))

    async def _emit(self, out: list[Any]) -> None:
        for x in out:
            if isinstance(x, Event):
                await self.output.event(x)
            else:
                await self.output.audio(x)

    def active_calls(self) -> tuple[CallStarted, ...]:
        return tuple(live.started for live in self.calls.values())


__all__ = ["CallResult", "Chain"]
