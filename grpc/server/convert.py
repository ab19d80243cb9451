"""Events of ``ccedge.core.events`` as messages of the gRPC contract (one place, no logic).

Only fields the event contract already carries are copied; events hold nothing sensitive by
construction (``RedactedText``, masked labels, DTMF without digits), so neither do these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccedge.core.events import (
    CallEnded,
    CallUpdated,
    DtmfMasked,
    GuidancePrompt,
    Health,
    Party,
    Score,
    UtteranceRedacted,
)
from ccedge.rpc.api.appliance.v1 import appliance_service_pb2 as app_pb
from ccedge.rpc.api.calls.v1 import calls_service_pb2 as calls_pb
from ccedge.rpc.api.common.v1 import common_pb2 as common_pb
from ccedge.rpc.api.guidance.v1 import guidance_service_pb2 as guidance_pb
from ccedge.rpc.api.quality.v1 import quality_service_pb2 as quality_pb
from ccedge.rpc.api.transcripts.v1 import transcripts_service_pb2 as tx_pb
from ccedge.rpc.server.board import CallView

# the zero value of each enum, for names the appliance does not know (typed for mypy-protobuf)
NO_CHANGE = calls_pb.CALL_CHANGE_UNSPECIFIED
NO_ROLE = common_pb.PARTY_ROLE_UNSPECIFIED
NO_METHOD = tx_pb.DTMF_METHOD_UNSPECIFIED
NO_SEVERITY = common_pb.SEVERITY_UNSPECIFIED
NO_STATE = guidance_pb.PROMPT_STATE_UNSPECIFIED
NO_STATUS = quality_pb.CRITERION_STATUS_UNSPECIFIED
NO_USER_ROLE = common_pb.USER_ROLE_UNSPECIFIED
PARTY_ROLE = {"agent": common_pb.PARTY_ROLE_AGENT, "customer": common_pb.PARTY_ROLE_CUSTOMER,
              "unknown": common_pb.PARTY_ROLE_UNKNOWN}
USER_ROLE = {"supervisor": common_pb.USER_ROLE_SUPERVISOR, "compliance": common_pb.USER_ROLE_COMPLIANCE,
             "admin": common_pb.USER_ROLE_ADMIN, "agent": common_pb.USER_ROLE_AGENT}
SEVERITY = {"info": common_pb.SEVERITY_INFO, "warning": common_pb.SEVERITY_WARNING,
            "critical": common_pb.SEVERITY_CRITICAL}
PROMPT_STATE = {"open": guidance_pb.PROMPT_STATE_OPEN, "cleared": guidance_pb.PROMPT_STATE_CLEARED,
                "violated": guidance_pb.PROMPT_STATE_VIOLATED}
CALL_STATE = {"active": calls_pb.CALL_STATE_ACTIVE, "held": calls_pb.CALL_STATE_HELD,
              "ended": calls_pb.CALL_STATE_ENDED}
CALL_CHANGE = {"held": calls_pb.CALL_CHANGE_HELD, "resumed": calls_pb.CALL_CHANGE_RESUMED,
               "transferred": calls_pb.CALL_CHANGE_TRANSFERRED,
               "codec_changed": calls_pb.CALL_CHANGE_CODEC_CHANGED}
DTMF_METHOD = {"rfc2833": tx_pb.DTMF_METHOD_RFC2833, "sip-info": tx_pb.DTMF_METHOD_SIP_INFO,
               "inband": tx_pb.DTMF_METHOD_INBAND}
CRITERION_STATUS = {"met": quality_pb.CRITERION_STATUS_MET, "pass": quality_pb.CRITERION_STATUS_MET,
                    "not_met": quality_pb.CRITERION_STATUS_NOT_MET,
                    "fail": quality_pb.CRITERION_STATUS_NOT_MET,
                    "na": quality_pb.CRITERION_STATUS_NOT_APPLICABLE,
                    "not_applicable": quality_pb.CRITERION_STATUS_NOT_APPLICABLE,
                    "pending": quality_pb.CRITERION_STATUS_PENDING}


def party(p: Party) -> common_pb.Party:
    return common_pb.Party(leg=p.leg, role=PARTY_ROLE.get(p.role, common_pb.PARTY_ROLE_UNKNOWN),
                           label=p.label)


def snapshot(view: CallView) -> calls_pb.CallSnapshot:
    s = view.started
    agent = next((p.label for p in s.parties if p.role == "agent"), "")
    customer = next((p.label for p in s.parties if p.role == "customer"), "")
    msg = calls_pb.CallSnapshot(
        call_id=s.call_id, started_wall=s.wall, duration_s=view.duration(),
        state=CALL_STATE[view.state], parties=[party(p) for p in s.parties], agent_label=agent,
        customer_label=customer, open_prompts=len(view.open_prompts()), codecs=dict(s.codecs),
        source=s.source, end_reason=view.ended.reason if view.ended else "",
    )
    score = view.running_score()
    if score is not None:
        msg.running_score = score.total
    if view.sentiment is not None:
        msg.sentiment = view.sentiment
    agent_legs = [t for t in view.talk.values() if t.role == "agent"]
    if agent_legs:
        msg.agent_talk_ratio = agent_legs[0].talk_ratio
    if view.talk:
        msg.overtalk_s = max(t.overtalk_s for t in view.talk.values())
        msg.longest_silence_s = max(t.longest_silence_s for t in view.talk.values())
    return msg


def call_updated(e: CallUpdated) -> calls_pb.CallUpdated:
    return calls_pb.CallUpdated(call_id=e.call_id, t=e.t, change=CALL_CHANGE.get(e.change, NO_CHANGE),
                                leg=e.leg,
                                role=PARTY_ROLE.get(e.role, NO_ROLE), detail=e.detail)


def masked_counts(receipt: Mapping[str, Any]) -> dict[str, int]:
    """Kind -> spans masked, from a redaction receipt (which holds counts, never values)."""
    out: dict[str, int] = {}
    for key in ("masked", "counts", "spans_by_kind", "kinds"):
        val = receipt.get(key)
        if isinstance(val, Mapping):
            out.update({str(k): int(v) for k, v in val.items() if isinstance(v, int | float)})
    return out


def call_ended(e: CallEnded) -> calls_pb.CallEnded:
    return calls_pb.CallEnded(call_id=e.call_id, t=e.t, reason=e.reason, duration_s=e.duration_s,
                              damaged=list(e.damaged), masked=masked_counts(e.receipt))


def utterance(e: UtteranceRedacted, words: bool) -> tx_pb.Utterance:
    return tx_pb.Utterance(
        call_id=e.call_id, leg=e.leg, role=PARTY_ROLE.get(e.role, NO_ROLE), start_s=e.start_s, end_s=e.end_s,
        text=str(e.text), model=e.model, final=e.final,
        words=[tx_pb.Word(text=str(w.text), start_s=w.start_s, end_s=w.end_s, p=w.p) for w in e.words]
        if words else [],
        spans=[tx_pb.MaskedSpan(kind=s.kind, start_s=s.start_s, end_s=s.end_s, detector=s.detector)
               for s in e.spans],
    )


def utterance_row(row: Mapping[str, Any], words: bool) -> tx_pb.Utterance:
    """A stored utterance (the vault keeps the event's JSON form, already redacted)."""
    return tx_pb.Utterance(
        call_id=str(row.get("call_id", "")), leg=str(row.get("leg", "")),
        role=PARTY_ROLE.get(str(row.get("role", "")), NO_ROLE), start_s=float(row.get("start_s", 0)),
        end_s=float(row.get("end_s", 0)), text=str(row.get("text", "")), model=str(row.get("model", "")),
        final=bool(row.get("final", True)),
        words=[tx_pb.Word(text=str(w.get("text", "")), start_s=float(w.get("start_s", 0)),
                          end_s=float(w.get("end_s", 0)), p=float(w.get("p", 0)))
               for w in row.get("words", ()) if isinstance(w, Mapping)] if words else [],
        spans=[tx_pb.MaskedSpan(kind=str(x.get("kind", "")), start_s=float(x.get("start_s", 0)),
                                end_s=float(x.get("end_s", 0)), detector=str(x.get("detector", "")))
               for x in row.get("spans", ()) if isinstance(x, Mapping)],
    )


def dtmf(e: DtmfMasked) -> tx_pb.DtmfPress:
    return tx_pb.DtmfPress(call_id=e.call_id, leg=e.leg, role=PARTY_ROLE.get(e.role, NO_ROLE),
                           method=DTMF_METHOD.get(e.method, NO_METHOD), start_s=e.start_s, end_s=e.end_s)


def prompt(e: GuidancePrompt) -> guidance_pb.Prompt:
    msg = guidance_pb.Prompt(
        call_id=e.call_id, t=e.t, rule=e.rule, severity=SEVERITY.get(e.severity, NO_SEVERITY),
        message=e.message,
        state=PROMPT_STATE.get(e.state, NO_STATE), pack=e.pack,
        evidence=[common_pb.TimeSpan(start_s=a, end_s=b) for a, b in e.evidence],
    )
    if e.due_by_s is not None:
        msg.due_by_s = e.due_by_s
    return msg


def _spans(value: Any) -> list[common_pb.TimeSpan]:
    out = []
    for item in value or ():
        if isinstance(item, Mapping):
            out.append(common_pb.TimeSpan(start_s=float(item.get("start_s", 0)),
                                          end_s=float(item.get("end_s", 0))))
        elif isinstance(item, tuple | list) and len(item) == 2:
            out.append(common_pb.TimeSpan(start_s=float(item[0]), end_s=float(item[1])))
    return out


def score(e: Score, final: bool) -> quality_pb.Score:
    return quality_pb.Score(
        call_id=e.call_id, t=e.t, scorecard=e.scorecard, version=e.version, total=e.total,
        auto_failed=e.auto_failed, final=final,
        criteria=[quality_pb.CriterionResult(
            id=str(c.get("id", "")), status=CRITERION_STATUS.get(str(c.get("status", "")).lower(), NO_STATUS),
            weight=float(c.get("weight", 0) or 0), points=float(c.get("points", 0) or 0),
            evidence=_spans(c.get("evidence"))) for c in e.criteria],
    )


def metrics(h: Health, wall: float, uptime_s: float, clients: int,
            refused: Mapping[str, int] | None = None) -> app_pb.MetricsSnapshot:
    return app_pb.MetricsSnapshot(
        wall=wall, uptime_s=uptime_s, packets=h.packets, drops=h.drops, damaged=h.damaged,
        calls_active=h.calls_active, calls_total=h.calls_total, speech_queue=h.speech_queue,
        speech_lag_s=h.speech_lag_s, speech_shed=h.speech_shed, holdback_lag_s=h.holdback_lag_s,
        speech_rtf=h.speech_rtf,
        masked_lag_s=h.masked_lag_s, cpu_percent=h.cpu_percent, rss_mb=h.rss_mb,
        restarts={str(k): int(v) for k, v in h.restarts.items()}, events_lost=h.events_lost,
        api_clients=clients, api_refused={k: int(v) for k, v in (refused or {}).items()},
    )


def lost(count: int) -> common_pb.EventsLost:
    return common_pb.EventsLost(count=count)


__all__ = ["call_ended", "call_updated", "dtmf", "lost", "metrics", "party", "prompt", "score",
           "snapshot", "utterance"]
