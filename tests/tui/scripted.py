"""A client that replays a fixed script of the API's answers, for deterministic snapshots.

Its records are made from real ``ccedge.core.events`` objects (the same ones the runtime
publishes) by :func:`from_event`, the mapping the gRPC server applies. Connection failures
are scripted too, for the link screens; the real refusals are tested against a real server
in ``test_console_live.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Literal

from ccedge.core import events as ev
from ccedge.tui.client import (
    Aggregate,
    AlignmentRow,
    CallEnded,
    CallRow,
    ConsoleError,
    Criterion,
    Dispute,
    DtmfMark,
    ExportProgress,
    HealthSample,
    Identity,
    Prompt,
    QuarantineItem,
    Recording,
    RecordingQuery,
    Scorecard,
    TalkFigures,
    Update,
    Utterance,
)

T0 = 1_780_000_000.0  # a fixed wall clock for snapshots


def _party(role: str) -> Literal["agent", "customer", "unknown"]:
    return role if role in ("agent", "customer") else "unknown"  # type: ignore[return-value]


def from_event(e: ev.Event) -> list[Update]:
    """The console's view of one runtime event (what the server sends for it)."""
    if isinstance(e, ev.CallStarted):
        agent = next((p.label for p in e.parties if p.role == "agent"), "—")
        cust = next((p.label for p in e.parties if p.role == "customer"), "—")
        return [CallRow(e.call_id, agent, cust, e.wall, max(0.0, T0 - e.wall))]  # a snapshot at T0
    if isinstance(e, ev.UtteranceRedacted):
        return [Utterance(e.call_id, _party(e.role), e.start_s, e.end_s, str(e.text), e.final)]
    if isinstance(e, ev.DtmfMasked):
        return [DtmfMark(e.call_id, _party(e.role), e.start_s, e.method)]
    if isinstance(e, ev.GuidancePrompt):
        return [Prompt(e.call_id, e.t, e.rule, e.severity, e.message, e.state, e.due_by_s)]
    if isinstance(e, ev.TalkStats):
        return [TalkFigures(e.call_id, _party(e.role), e.talk_s, e.talk_ratio, e.overtalk_s,
                            e.longest_silence_s)]
    if isinstance(e, ev.Score):
        crit = tuple(Criterion(str(c["id"]), str(c["status"]), float(c.get("weight", 0)),
                               float(c.get("points", 0)), tuple(c.get("evidence", ()))) for c in e.criteria)
        return [Scorecard(e.call_id, e.scorecard, e.version, e.total, e.auto_failed, "", crit)]
    if isinstance(e, ev.CallEnded):
        return [CallEnded(e.call_id, e.duration_s, e.reason)]
    if isinstance(e, ev.Health):
        return [HealthSample(T0 + e.t, packets_per_s=e.packets / max(e.t, 1.0), drops=e.drops,
                             calls_active=e.calls_active, speech_lag_s=e.speech_lag_s,
                             cpu_percent=e.cpu_percent, rss_mb=e.rss_mb, events_lost=e.events_lost)]
    return []


def demo_events(now: float = T0) -> list[ev.Event]:
    """Two calls as the runtime would publish them: a card payment and a clinic intake."""
    R = ev.RedactedText
    out: list[ev.Event] = []
    for cid, agent, cust, start in (("pay-1@10.0.0.5", "ext 2001 Alice", "…4821", now - 95.0),
                                    ("clinic-7@10.0.0.9", "ext 2002 Bob", "…0199", now - 40.0)):
        out.append(ev.CallStarted(call_id=cid, t=0.0, wall=start, parties=(
            ev.Party("callee", "agent", agent), ev.Party("caller", "customer", cust))))
    lines = [
        ("pay-1@10.0.0.5", "agent", 1.0, 3.5, "Thank you for calling, this call is recorded for quality."),
        ("pay-1@10.0.0.5", "customer", 4.0, 6.0, "Hi, I'd like to pay my bill please."),
        ("pay-1@10.0.0.5", "agent", 7.0, 9.5, "Sure, can I have the card number?"),
        ("pay-1@10.0.0.5", "customer", 10.0, 16.0, "It's [PAN], expiry [EXP], code [CVV]."),
        ("pay-1@10.0.0.5", "agent", 17.0, 19.0, "Thanks, that payment of 120.00 went through."),
        ("clinic-7@10.0.0.9", "agent", 0.5, 2.5, "Good morning, clinic intake, how can I help?"),
        ("clinic-7@10.0.0.9", "customer", 3.0, 7.0, "My date of birth is [DOB] and member ID [MRN]."),
    ]
    for cid, role, a, b, text in lines:
        out.append(ev.UtteranceRedacted(call_id=cid, t=a, leg="callee" if role == "agent" else "caller",
                                        role=role, start_s=a, end_s=b, text=R(text)))  # type: ignore[arg-type]
    out.append(ev.DtmfMasked(call_id="pay-1@10.0.0.5", t=12.0, leg="caller", role="customer",
                             method="rfc2833", start_s=12.0, end_s=12.2))
    out.append(ev.GuidancePrompt(call_id="pay-1@10.0.0.5", t=8.0, rule="payment-script", severity="warning",
                                 message="Read the card-payment script before taking the card."))
    out.append(ev.GuidancePrompt(call_id="clinic-7@10.0.0.9", t=7.0, rule="identity-before-phi",
                                 severity="critical", message="Verify two identifiers before discussing PHI.",
                                 state="violated"))
    for cid, role, talk, ratio in (("pay-1@10.0.0.5", "agent", 7.0, 0.5),
                                   ("pay-1@10.0.0.5", "customer", 8.0, 0.5)):
        out.append(ev.TalkStats(call_id=cid, t=19.0, leg="x", role=role, talk_s=talk, talk_ratio=ratio,  # type: ignore[arg-type]
                                overtalk_s=0.4, longest_silence_s=1.5, longest_monologue_s=6.0))
    out.append(ev.Score(call_id="pay-1@10.0.0.5", t=19.0, scorecard="finance", version="1", total=82.0,
                        criteria=({"id": "recording-notice", "status": "met", "weight": 20, "points": 20,
                                   "evidence": [(1.0, 3.5)]},
                                  {"id": "payment-script", "status": "not_met", "weight": 30, "points": 12,
                                   "evidence": [(7.0, 9.5)]},
                                  {"id": "closing", "status": "not_applicable", "weight": 10, "points": 0})))
    for i in range(30):
        out.append(ev.Health(call_id="", t=float(i * 2 + 2), packets=(i + 1) * 100 * (2 + i % 5),
                             drops=i // 10,
                             calls_active=2, speech_lag_s=0.3 + (i % 7) / 10, cpu_percent=20.0 + i % 9,
                             rss_mb=640.0 + i))
    return out


class ScriptedClient:
    """Serves the script; ``fail_connect`` raises instead of connecting (link screens)."""

    def __init__(self, role: str = "supervisor", updates: Sequence[Update] | None = None,
                 fail_connect: ConsoleError | None = None, deny: set[str] | None = None) -> None:
        self.role = role
        self.updates = list(updates if updates is not None else
                            [u for e in demo_events() for u in from_event(e)])
        self.fail_connect = fail_connect
        self.deny = deny or set()
        self.disputes_: list[Dispute] = []
        self.closed = False

    def _check(self, what: str) -> None:
        if what in self.deny:
            from ccedge.tui.client import PermissionDenied

            raise PermissionDenied(f"{what} is not allowed for role {self.role}")

    async def connect(self) -> Identity:
        if self.fail_connect is not None:
            raise self.fail_connect
        return Identity("pat", self.role, "demo-site")  # type: ignore[arg-type]

    async def close(self) -> None:
        self.closed = True

    async def watch(self) -> AsyncIterator[Update]:
        for u in self.updates:
            yield u
        await asyncio.Event().wait()  # a live stream stays open

    async def follow_call(self, call_id: str) -> AsyncIterator[Update]:
        for u in self.updates:
            if getattr(u, "call_id", None) == call_id and not isinstance(u, CallRow):
                yield u
        await asyncio.Event().wait()

    async def list_calls(self, include_ended: bool = True) -> list[CallRow]:
        return [u for u in self.updates if isinstance(u, CallRow)]

    async def call_scores(self, call_id: str) -> list[Scorecard]:
        return [u for u in self.updates if isinstance(u, Scorecard) and u.call_id == call_id]

    async def aggregates(self, group_by: str = "agent") -> list[Aggregate]:
        if group_by == "day":
            return [Aggregate(f"2026-11-{d:02d}", 40, 70.0 + d % 6) for d in range(1, 15)]
        return [Aggregate("ext 2001 Alice", 41, 82.5, 0.02, 0.91),
                Aggregate("ext 2002 Bob", 37, 74.0, 0.08, 0.83)]

    async def disputes(self) -> list[Dispute]:
        return list(self.disputes_)

    async def raise_dispute(self, call_id: str, scorecard: str, criterion: str, reason: str) -> Dispute:
        d = Dispute(f"d{len(self.disputes_) + 1:03d}", call_id, scorecard, criterion, reason, raised_by="pat")
        self.disputes_.append(d)
        return d

    async def resolve_dispute(self, dispute_id: str, accept: bool, resolution: str = "") -> Dispute:
        from dataclasses import replace

        d = next(x for x in self.disputes_ if x.dispute_id == dispute_id)
        new = replace(d, state="accepted" if accept else "rejected", resolved_by="pat")
        self.disputes_ = [new if x is d else x for x in self.disputes_]
        return new

    async def alignment(self) -> list[AlignmentRow]:
        return [AlignmentRow("recording-notice", 78, 0.81, 0.52, 0.29),
                AlignmentRow("closing", 78, 0.70, 0.69, 0.01)]

    async def health_history(self, seconds: float = 3600.0) -> list[HealthSample]:
        return [u for u in self.updates if isinstance(u, HealthSample)]

    async def recordings(self, query: RecordingQuery) -> list[Recording]:
        self._check("recordings")
        return [Recording("r1", "pay-1@10.0.0.5", T0 - 95, 19.0, "ext 2001 Alice", "…4821",
                          masked=(("CVV", 1), ("PAN", 1))),
                Recording("r2", "clinic-7@10.0.0.9", T0 - 40, 7.0, "ext 2002 Bob", "…0199", legal_hold=True,
                          quarantined=True, masked=(("DOB", 1),))]

    async def set_legal_hold(self, recording_id: str, hold: bool, reason: str) -> Recording:
        self._check("hold")
        from dataclasses import replace

        rec = next(r for r in await self.recordings(RecordingQuery()) if r.recording_id == recording_id)
        return replace(rec, legal_hold=hold)

    async def quarantine(self) -> list[QuarantineItem]:
        self._check("quarantine")
        return [QuarantineItem("r2", "clinic-7@10.0.0.9", "caller", 3.0, 7.0, "masked-lag")]

    async def export_audit(self, out: str, since: float, until: float, reason: str
                           ) -> AsyncIterator[ExportProgress]:
        self._check("export")
        for i in range(0, 11, 5):
            yield ExportProgress(i, 10)
        yield ExportProgress(10, 10, True, True, "chain of 10 records checked", out)

    async def fetch_audio(self, recording_id: str, reason: str) -> tuple[int, bytes]:
        self._check("audio")
        return 8000, b""


def screen_text(app: object) -> str:
    """What the terminal shows now, as plain text (what a user reads)."""
    import io

    from rich.console import Console

    w, h = app.size  # type: ignore[attr-defined]
    c = Console(width=w, height=h, file=io.StringIO(), record=True, color_system=None)
    c.print(app.screen._compositor.render_update(full=True))  # type: ignore[attr-defined]
    return c.export_text()


async def until(pilot: object, cond: object, wait_s: float = 10.0) -> None:
    """Let the app run until ``cond()`` holds (the box is shared: no fixed sleeps to race)."""
    import time

    end = time.monotonic() + wait_s
    while not cond():  # type: ignore[operator]
        if time.monotonic() > end:
            raise AssertionError(f"condition not met within {wait_s} s")
        await pilot.pause(0.1)  # type: ignore[attr-defined]


async def text_with(pilot: object, app: object, *needles: str, wait_s: float = 10.0) -> str:
    """The screen's text once it shows every one of ``needles`` (fails after ``wait_s``)."""
    import time

    end = time.monotonic() + wait_s
    while True:
        text = screen_text(app)
        if all(n in text for n in needles):
            return text
        if time.monotonic() > end:
            raise AssertionError(f"screen never showed {needles!r}; last screen:\n{text}")
        await pilot.pause(0.1)  # type: ignore[attr-defined]
