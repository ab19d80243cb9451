"""Messages of the gRPC contract turned into the console's dataclasses (one function per message)."""

from __future__ import annotations

from typing import Any, Literal, cast

from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as appliance_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.common.v1 import common_pb2 as common_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as guidance_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as quality_pb
from ccedge.rpc.api.recordings.v1 import recordings_service_pb2 as recordings_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as transcripts_pb
from ccedge.tui.client import (
    Aggregate,
    AlignmentRow,
    CallEnded,
    CallRow,
    Criterion,
    Dispute,
    DtmfMark,
    HealthSample,
    Party,
    Prompt,
    QuarantineItem,
    Recording,
    Role,
    Scorecard,
    TalkFigures,
    Utterance,
)

_PARTY: dict[int, Party] = {common_pb.PARTY_ROLE_AGENT: "agent", common_pb.PARTY_ROLE_CUSTOMER: "customer"}
_ROLE: dict[int, Role] = {common_pb.USER_ROLE_SUPERVISOR: "supervisor",
                          common_pb.USER_ROLE_COMPLIANCE: "compliance", common_pb.USER_ROLE_ADMIN: "admin",
                          common_pb.USER_ROLE_AGENT: "agent"}
_SEVERITY = {common_pb.SEVERITY_INFO: "info", common_pb.SEVERITY_WARNING: "warning",
             common_pb.SEVERITY_CRITICAL: "critical"}
_PROMPT_STATE = {guidance_pb.PROMPT_STATE_CLEARED: "cleared", guidance_pb.PROMPT_STATE_VIOLATED: "violated"}
_CRITERION = {quality_pb.CRITERION_STATUS_MET: "met", quality_pb.CRITERION_STATUS_NOT_MET: "not_met",
              quality_pb.CRITERION_STATUS_NOT_APPLICABLE: "not_applicable",
              quality_pb.CRITERION_STATUS_PENDING: "pending"}
_DISPUTE = {quality_pb.DISPUTE_STATE_ACCEPTED: "accepted", quality_pb.DISPUTE_STATE_REJECTED: "rejected"}
_DTMF = {transcripts_pb.DTMF_METHOD_RFC2833: "rfc2833", transcripts_pb.DTMF_METHOD_SIP_INFO: "sip-info",
         transcripts_pb.DTMF_METHOD_INBAND: "inband"}


def party(role: int) -> Party:
    return _PARTY.get(role, "unknown")


def user_role(role: int) -> Role:
    return _ROLE.get(role, "supervisor" if role == 0 else "agent")


def call_row(s: calls_pb.CallSnapshot) -> CallRow:
    return CallRow(
        call_id=s.call_id, agent=s.agent_label or "—", customer=s.customer_label or "—",
        started=s.started_wall, duration_s=s.duration_s, live=s.state != calls_pb.CALL_STATE_ENDED,
        sentiment=s.sentiment if s.HasField("sentiment") else None, open_prompts=s.open_prompts,
        score=s.running_score if s.HasField("running_score") else None, end_reason=s.end_reason)


def talk_figures(s: calls_pb.CallSnapshot) -> list[TalkFigures]:
    r = s.agent_talk_ratio
    return [TalkFigures(s.call_id, "agent", 0.0, r, s.overtalk_s, s.longest_silence_s),
            TalkFigures(s.call_id, "customer", 0.0, max(0.0, 1.0 - r) if r else 0.0, s.overtalk_s,
                        s.longest_silence_s)]


def call_ended(e: calls_pb.CallEnded) -> CallEnded:
    return CallEnded(e.call_id, e.duration_s, e.reason)


def prompt(p: guidance_pb.Prompt) -> Prompt:
    sev = cast(Literal["info", "warning", "critical"], _SEVERITY.get(p.severity, "info"))
    state = cast(Literal["open", "cleared", "violated"], _PROMPT_STATE.get(p.state, "open"))
    return Prompt(p.call_id, p.t, p.rule, sev, p.message, state,
                  p.due_by_s if p.HasField("due_by_s") else None)


def score(s: quality_pb.Score, agent: str = "") -> Scorecard:
    crit = tuple(Criterion(c.id, _CRITERION.get(c.status, "pending"), c.weight, c.points,
                           tuple((e.start_s, e.end_s) for e in c.evidence)) for c in s.criteria)
    return Scorecard(s.call_id, s.scorecard, s.version, s.total, s.auto_failed, agent, crit)


def utterance(u: transcripts_pb.Utterance) -> Utterance:
    return Utterance(u.call_id, party(u.role), u.start_s, u.end_s, u.text, u.final)


def dtmf(d: transcripts_pb.DtmfPress) -> DtmfMark:
    return DtmfMark(d.call_id, party(d.role), d.start_s, _DTMF.get(d.method, "unknown"))


def health(m: appliance_pb.MetricsSnapshot, previous: appliance_pb.MetricsSnapshot | None) -> HealthSample:
    rate = 0.0
    if previous is not None and m.wall > previous.wall and m.packets >= previous.packets:
        rate = (m.packets - previous.packets) / (m.wall - previous.wall)
    extra: dict[str, Any] = {}  # disk, certificate and real-time factor: 0 means not reported
    if m.disk_free_gb:
        extra["disk_free_gb"] = m.disk_free_gb
    if m.cert_not_after_wall:
        extra["cert_expiry_days"] = (m.cert_not_after_wall - m.wall) / 86400.0
    if m.speech_rtf:
        extra["realtime_factor"] = m.speech_rtf
    return HealthSample(t=m.wall, packets_per_s=rate, drops=m.drops, calls_active=m.calls_active,
                        speech_lag_s=m.speech_lag_s, cpu_percent=m.cpu_percent, rss_mb=m.rss_mb,
                        events_lost=m.events_lost, **extra)


def health_series(snaps: list[appliance_pb.MetricsSnapshot]) -> list[HealthSample]:
    out, prev = [], None
    for m in sorted(snaps, key=lambda x: x.wall):
        out.append(health(m, prev))
        prev = m
    return out


def dispute(d: quality_pb.Dispute) -> Dispute:
    state = cast(Literal["open", "accepted", "rejected"], _DISPUTE.get(d.state, "open"))
    return Dispute(d.id, d.call_id, d.scorecard, d.criterion_id, d.reason, state, d.raised_by,
                   d.resolved_by, d.resolution)


def aggregate(a: quality_pb.AggregateRow) -> Aggregate:
    return Aggregate(a.key, a.calls, a.mean_total, a.auto_fail_rate, a.met_rate)


def alignment(a: quality_pb.AlignmentRow) -> AlignmentRow:
    return AlignmentRow(a.criterion_id, a.calls, a.met_good_outcome_rate, a.not_met_good_outcome_rate,
                        a.lift)


def recording(r: recordings_pb.Recording) -> Recording:
    agent = next((p.label for p in r.parties if p.role == common_pb.PARTY_ROLE_AGENT), "—")
    customer = next((p.label for p in r.parties if p.role == common_pb.PARTY_ROLE_CUSTOMER), "—")
    return Recording(r.recording_id, r.call_id, r.started_wall, r.duration_s, agent, customer,
                     r.legal_hold, r.quarantined, r.size_bytes, tuple(sorted(r.masked.items())))


def quarantine_item(q: recordings_pb.QuarantineItem) -> QuarantineItem:
    return QuarantineItem(q.recording_id, q.call_id, q.leg, q.span.start_s, q.span.end_s, q.reason)
