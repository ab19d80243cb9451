"""Call state per Call-ID from the SIP a passive tap sees (RFC 3261 §12-§17, RFC 3262, RFC 3311, RFC 3515).

A :class:`Dialog` follows one INVITE-initiated call: setup → ringing → answered → ended,
or failed/cancelled on a final error. SDP offers and answers are paired per transaction
(RFC 3264 §4; late offers in the 2xx are answered in the ACK, RFC 3261 §13.2.1), and each
party's negotiated media address is handed to a :class:`MediaListener` (the call assembler
maps RTP streams with it). Re-INVITE and UPDATE give hold/resume and codec changes; REFER
gives transfers; SIP INFO gives DTMF. Everything else (REGISTER, OPTIONS, SUBSCRIBE,
NOTIFY, PUBLISH, MESSAGE) is counted and ignored. Call times are capture times minus the
first INVITE's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from ccedge.core.frames import CallEvent, CallEventKind, DtmfEvent
from ccedge.core.tap.sdp import MediaDescription, SessionDescription, negotiate
from ccedge.core.tap.sip import SipMessage
from ccedge.core.tap.sipbody import body_sdp
from ccedge.core.tap.sipinfo import DTMF_CONTENT_TYPES, parse_dtmf_body

IGNORED_METHODS = frozenset({"REGISTER", "OPTIONS", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE"})
LIVE_STATES = ("setup", "ringing", "answered")
FINAL_STATES = ("ended", "failed", "cancelled")


class MediaListener(Protocol):
    def media(self, dialog: Dialog, party: str, md: MediaDescription, crypto: str, ts: float) -> None:
        """``party`` ("caller"|"callee") receives RTP at ``md.address``:``md.port`` from ``ts`` on."""


@dataclass(slots=True)
class _Transaction:
    offer_party: str = ""
    offer: SessionDescription | None = None
    answered: bool = False


@dataclass(slots=True)
class Dialog:
    call_id: str
    start_ts: float
    caller: str
    callee: str
    caller_tag: str
    caller_uri: str
    state: str = "setup"
    end_reason: str = ""
    end_ts: float | None = None
    last_ts: float = 0.0
    codec: str = ""
    held_by: str = ""
    events: list[CallEvent] = field(default_factory=list)
    dtmf: list[DtmfEvent] = field(default_factory=list)
    auth_code: int = 0  # a 401/407 to the INVITE that no retry has followed yet
    cancel_seen: bool = False
    encrypted_media: bool = False  # RTP/SAVP offered (SDES or DTLS)
    zrtp: bool = False  # a=zrtp-hash seen (RFC 6189 §8.1)
    methods: Counter[str] = field(default_factory=Counter)
    _tx: dict[tuple[int, str], _Transaction] = field(default_factory=dict)
    _last_invite: int = -1
    _info_seen: set[int] = field(default_factory=set)
    _refer_done: set[int] = field(default_factory=set)

    @property
    def live(self) -> bool:
        return self.state in LIVE_STATES

    def t(self, ts: float) -> float:
        return max(0.0, ts - self.start_ts)

    def event(self, kind: CallEventKind, ts: float, reason: str = "", detail: str = "") -> CallEvent:
        ev = CallEvent(self.call_id, kind, self.t(ts), ts, reason, detail)
        self.events.append(ev)
        return ev

    def party_of(self, msg: SipMessage) -> str:
        """Who sent a request, or who sent the request a response answers (From is copied)."""
        frm = msg.from_
        if self.caller_tag and frm.tag:
            return "caller" if frm.tag == self.caller_tag else "callee"
        return "caller" if frm.uri == self.caller_uri else "callee"


def other(party: str) -> str:
    return "callee" if party == "caller" else "caller"


class DialogTable:
    """Every call seen so far, keyed by Call-ID; feed it parsed SIP messages in capture order."""

    def __init__(self, listener: MediaListener | None = None, idle_timeout: float = 120.0) -> None:
        self.listener = listener
        self.idle_timeout = idle_timeout
        self.stats: Counter[str] = Counter()
        self.dialogs: dict[str, Dialog] = {}
        self.finished: list[Dialog] = []  # in the order calls ended

    # -- entry points ---------------------------------------------------------------------------

    def process(self, msg: SipMessage, ts: float) -> list[CallEvent | DtmfEvent]:
        """Apply one message. Malformed mandatory fields raise :class:`TapParseError`."""
        call_id = msg.call_id
        cseq, cseq_method = msg.cseq
        method = msg.method if msg.is_request else cseq_method
        dialog = self.dialogs.get(call_id)
        if dialog is None:
            if method in IGNORED_METHODS:
                self.stats[f"sip.ignored.{method}"] += 1
                return []
            if not (msg.is_request and msg.method == "INVITE"):
                self.stats["sip.no-dialog"] += 1
                return []
            dialog = self._new(msg, ts)
            out: list[CallEvent | DtmfEvent] = [dialog.events[0]]
        else:
            out = []
        dialog.last_ts = max(dialog.last_ts, ts)
        dialog.methods[method if msg.is_request else f"{msg.status}/{cseq_method}"] += 1
        if method in IGNORED_METHODS:
            self.stats[f"sip.ignored.{method}"] += 1
            return out
        if msg.is_request:
            out.extend(self._request(dialog, msg, cseq, ts))
        else:
            out.extend(self._response(dialog, msg, cseq, cseq_method, ts))
        return out

    def expire(self, now: float, activity: dict[str, float] | None = None) -> list[CallEvent]:
        """End live calls with no SIP (nor media, per ``activity``) for ``idle_timeout`` seconds."""
        out: list[CallEvent] = []
        for call_id, d in list(self.dialogs.items()):
            last = max(d.last_ts, (activity or {}).get(call_id, 0.0))
            if now - last <= self.idle_timeout:
                continue
            if d.live:
                if d.cancel_seen and d.state in ("setup", "ringing"):
                    out.append(self._end(d, "cancelled", "cancel", last))  # the 487 was not captured
                elif d.auth_code and d.state == "setup":
                    out.append(self._end(d, "failed", str(d.auth_code), last))
                else:
                    out.append(self._end(d, "ended", "timeout", last))
            # Forget ended calls: idle_timeout is well past RFC 3261 Timer J (32 s), so no
            # retransmission of theirs can still arrive.
            del self.dialogs[call_id]
        return out

    def finish(self, now: float) -> list[CallEvent]:
        """End of capture: calls still open are reported as they stand, reason ``capture-ended``."""
        out: list[CallEvent] = []
        for d in self.dialogs.values():
            if d.live:
                if d.cancel_seen and d.state in ("setup", "ringing"):
                    out.append(self._end(d, "cancelled", "cancel", d.last_ts))
                elif d.auth_code and d.state == "setup":
                    out.append(self._end(d, "failed", str(d.auth_code), d.last_ts))
                else:
                    d.end_reason = "capture-ended"
                    out.append(d.event("ended", max(d.last_ts, now), "capture-ended"))
                    self.finished.append(d)
        self.dialogs.clear()
        return out

    # -- requests -------------------------------------------------------------------------------

    def _new(self, msg: SipMessage, ts: float) -> Dialog:
        frm, to = msg.from_, msg.to
        d = Dialog(msg.call_id, ts, frm.display or frm.user, to.display or to.user, frm.tag, frm.uri,
                   last_ts=ts)
        self.dialogs[d.call_id] = d
        self.stats["sip.calls"] += 1
        d.event("started", ts, detail="mid-dialog" if to.tag else "")
        if to.tag:
            # A re-INVITE of a call set up before the capture began: it is already answered.
            d.state = "answered"
            d.event("answered", ts, reason="mid-dialog")
        return d

    def _request(self, d: Dialog, msg: SipMessage, cseq: int, ts: float) -> list[CallEvent | DtmfEvent]:
        method = msg.method
        party = d.party_of(msg)
        out: list[CallEvent | DtmfEvent] = []
        sdp = body_sdp(msg, self.stats)
        if method == "INVITE":
            if (cseq, "INVITE") in d._tx:
                self.stats["sip.retransmissions"] += 1
                return out
            d._last_invite = max(d._last_invite, cseq)
            if d.state in ("failed", "cancelled") and not msg.to.tag:
                # A new attempt after a rejection within the same Call-ID (RFC 3261 §8.1.3.5,
                # §22.2: e.g. with credentials): the call is open again.
                self.stats["sip.call-retried"] += 1
                self._reopen(d)
                d.state = "setup"
            if d.state == "setup":
                d.auth_code = 0
            tx = d._tx.setdefault((cseq, "INVITE"), _Transaction())
            if sdp is not None and tx.offer is None:
                tx.offer_party, tx.offer = party, sdp
                out.extend(self._offer(d, party, sdp, ts))
        elif method == "ACK":
            ack_tx = d._tx.get((cseq, "INVITE"))
            if (sdp is not None and ack_tx is not None and ack_tx.offer is not None
                    and ack_tx.offer_party != party):
                out.extend(self._answer(d, ack_tx, party, sdp, ts))
        elif method in ("UPDATE", "PRACK"):
            invite_tx = d._tx.get((d._last_invite, "INVITE"))
            if (method == "PRACK" and sdp is not None and invite_tx is not None
                    and invite_tx.offer is not None and invite_tx.offer_party != party
                    and not invite_tx.answered):
                out.extend(self._answer(d, invite_tx, party, sdp, ts))
            elif sdp is not None:
                up_tx = d._tx.setdefault((cseq, method), _Transaction())
                if up_tx.offer is None:
                    up_tx.offer_party, up_tx.offer = party, sdp
                    out.extend(self._offer(d, party, sdp, ts))
        elif method == "CANCEL":
            if d.state in ("setup", "ringing"):
                d.cancel_seen = True
        elif method == "BYE":
            if d.live:
                out.append(self._end(d, "ended", f"bye-{party}", ts))
        elif method == "INFO":
            out.extend(self._info(d, msg, party, cseq, ts))
        elif method == "REFER":
            self.stats["sip.refer"] += 1
        else:
            self.stats[f"sip.other-method.{method}"] += 1
        return out

    def _response(self, d: Dialog, msg: SipMessage, cseq: int, method: str,
                  ts: float) -> list[CallEvent | DtmfEvent]:
        code = msg.status
        responder = other(d.party_of(msg))
        out: list[CallEvent | DtmfEvent] = []
        if method in ("INVITE", "UPDATE", "PRACK"):
            sdp = body_sdp(msg, self.stats) if 100 < code < 300 else None
            tx = d._tx.get((cseq, method))
            # A 2xx to a PRACK that carried no offer has nothing to answer (RFC 3262 §5).
            if sdp is not None and not (method == "PRACK" and tx is None):
                if tx is None:
                    tx = d._tx.setdefault((cseq, method), _Transaction())
                if tx.offer is None:
                    # Late offer: the 2xx carries the offer, the ACK will answer (RFC 3261 §13.2.1).
                    tx.offer_party, tx.offer = responder, sdp
                    out.extend(self._offer(d, responder, sdp, ts))
                elif tx.offer_party != responder:
                    out.extend(self._answer(d, tx, responder, sdp, ts))
        if method == "INVITE":
            initial = d.state in ("setup", "ringing") or (d.state in ("failed", "cancelled")
                                                          and 200 <= code < 300)
            if 180 <= code < 200 and d.state == "setup":
                d.state = "ringing"
                out.append(d.event("ringing", ts, reason=str(code)))
            elif 200 <= code < 300 and initial:
                if d.state in ("failed", "cancelled"):
                    # A 2xx that crossed a CANCEL or a rejection on another branch wins (RFC 3261 §9.1).
                    self._reopen(d)
                d.state = "answered"
                d.auth_code = 0
                out.append(d.event("answered", ts, reason=str(code)))
            elif code >= 300 and d.state in ("setup", "ringing"):
                if code in (401, 407):
                    d.auth_code = code  # the caller normally retries with credentials
                elif code == 487 or d.cancel_seen:
                    out.append(self._end(d, "cancelled" if code == 487 else "failed",
                                         "cancel" if code == 487 else str(code), ts))
                else:
                    out.append(self._end(d, "failed", str(code), ts))
            elif code >= 300:
                self.stats["sip.reinvite-rejected"] += 1
        elif method == "BYE" and 200 <= code < 300 and d.live:
            # The BYE itself was not captured; its 2xx still ends the call.
            out.append(self._end(d, "ended", f"bye-{other(responder)}", ts))
        elif (method == "REFER" and code >= 200 and code not in (401, 407) and cseq not in d._refer_done
              and d.live):
            d._refer_done.add(cseq)
            outcome = "accepted" if code < 300 else f"rejected-{code}"
            self.stats[f"sip.refer-{'accepted' if code < 300 else 'rejected'}"] += 1
            out.append(d.event("transferred", ts, reason=outcome, detail=f"by-{other(responder)}"))
        return out

    # -- offer/answer ---------------------------------------------------------------------------

    def _offer(self, d: Dialog, party: str, sdp: SessionDescription, ts: float) -> list[CallEvent]:
        out: list[CallEvent] = []
        audio = sdp.audio
        if audio is None:
            return out
        if audio.secure:
            d.encrypted_media = True
        if audio.zrtp_hash:
            d.zrtp = True
        if self.listener is not None and audio.port:
            self.listener.media(d, party, audio, audio.crypto[0] if audio.crypto else "", ts)
        if d.state == "answered":
            # RFC 3264 §8.4: the offerer puts the other side on hold with sendonly/inactive (or
            # RFC 2543's c=0.0.0.0), and takes it off hold with sendrecv/recvonly.
            if audio.on_hold and not d.held_by:
                d.held_by = party
                out.append(d.event("held", ts, reason=audio.hold_reason, detail=f"by-{party}"))
            elif not audio.on_hold and d.held_by == party:
                d.held_by = ""
                out.append(d.event("resumed", ts, reason=audio.direction, detail=f"by-{party}"))
        return out

    def _answer(self, d: Dialog, tx: _Transaction, party: str, sdp: SessionDescription,
                ts: float) -> list[CallEvent]:
        assert tx.offer is not None
        neg = negotiate(tx.offer, sdp)
        tx.answered = True
        out: list[CallEvent] = []
        if neg is None or neg.answer is None:
            return out
        if neg.answer.zrtp_hash:
            d.zrtp = True
        if self.listener is not None:
            if neg.offer_crypto and neg.offer.port:
                self.listener.media(d, tx.offer_party, neg.offer, neg.offer_crypto, ts)
            if neg.answer.port:
                self.listener.media(d, party, neg.answer, neg.answer_crypto, ts)
        if neg.codec is not None and not neg.rejected and d.live:
            codec = neg.codec.encoding
            if d.codec and codec != d.codec:
                out.append(d.event("codec-changed", ts, reason=d.codec, detail=codec))
            d.codec = codec
        if d.state == "answered" and not neg.rejected:
            # An answerer may put the stream on hold itself (RFC 3264 §6.1: sendonly/inactive in
            # the answer to a sendrecv offer) and take it off in a later answer.
            if neg.answer.on_hold and not neg.offer.on_hold and not d.held_by:
                d.held_by = party
                out.append(d.event("held", ts, reason=neg.answer.hold_reason, detail=f"by-{party}"))
            elif not neg.answer.on_hold and d.held_by == party and not neg.offer.on_hold:
                d.held_by = ""
                out.append(d.event("resumed", ts, reason=neg.answer.direction, detail=f"by-{party}"))
        return out

    # -- DTMF by SIP INFO -----------------------------------------------------------------------

    def _info(self, d: Dialog, msg: SipMessage, party: str, cseq: int, ts: float) -> list[DtmfEvent]:
        if msg.content_type not in DTMF_CONTENT_TYPES:
            self.stats["sip.info-other"] += 1
            return []
        if cseq in d._info_seen:
            self.stats["sip.retransmissions"] += 1
            return []
        d._info_seen.add(cseq)
        digit, duration = parse_dtmf_body(msg.body)
        if digit is None:
            self.stats["sip.info-bad-signal"] += 1
            return []
        ev = DtmfEvent(d.call_id, party, digit, d.t(ts), d.t(ts) + duration, "sip-info")
        d.dtmf.append(ev)
        self.stats["dtmf.sip-info"] += 1
        return [ev]

    def _reopen(self, d: Dialog) -> None:
        if d in self.finished:
            self.finished.remove(d)
        else:
            # Its record was already handed out (incremental tap): the reopened call is reported
            # again when it ends, under the same Call-ID.
            self.stats["sip.call-reopened-after-report"] += 1
        d.end_reason, d.end_ts = "", None

    def _end(self, d: Dialog, state: str, reason: str, ts: float) -> CallEvent:
        d.state = state
        d.end_reason = reason
        d.end_ts = ts
        self.finished.append(d)
        return d.event("ended", ts, reason=reason)


__all__ = ["FINAL_STATES", "IGNORED_METHODS", "LIVE_STATES", "Dialog", "DialogTable", "MediaListener"]
