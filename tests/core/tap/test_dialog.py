"""Dialog state per Call-ID: setup, answer, hold, codec change, transfer, failures, timeouts, SIP INFO."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap.dialog import DialogTable
from ccedge.core.tap.media import MediaIndex
from ccedge.core.tap.sip import SipMessage

CALLER = ("alice", "10.0.0.1", "atag")
CALLEE = ("bob", "10.0.0.2", "btag")


def sdp(ip: str, port: int, codecs: str = "0 101", direction: str = "sendrecv", version: int = 1,
        conn: str = "") -> bytes:
    lines = ["v=0", f"o=- 1 {version} IN IP4 {ip}", "s=-", f"c=IN IP4 {conn or ip}", "t=0 0",
             f"m=audio {port} RTP/AVP {codecs}", "a=rtpmap:101 telephone-event/8000", f"a={direction}"]
    return ("\r\n".join(lines) + "\r\n").encode()


def req(method: str, cseq: int, frm: tuple[str, str, str] = CALLER, to: tuple[str, str, str] = CALLEE,
        body: bytes = b"", to_tag: bool = True, ctype: str = "application/sdp", call_id: str = "call-1",
        cseq_method: str = "") -> SipMessage:
    headers = [("Via", f"SIP/2.0/UDP {frm[1]};branch=z9hG4bK{method}{cseq}"),
               ("From", f"<sip:{frm[0]}@{frm[1]}>;tag={frm[2]}"),
               ("To", f"<sip:{to[0]}@{to[1]}>" + (f";tag={to[2]}" if to_tag else "")),
               ("Call-ID", call_id), ("CSeq", f"{cseq} {cseq_method or method}")]
    if body:
        headers.append(("Content-Type", ctype))
    return SipMessage.build(f"{method} sip:{to[0]}@{to[1]} SIP/2.0", headers, body)


def resp(code: int, method: str, cseq: int, frm: tuple[str, str, str] = CALLER,
         to: tuple[str, str, str] = CALLEE, body: bytes = b"", call_id: str = "call-1") -> SipMessage:
    """A response to a request that ``frm`` sent."""
    headers = [("Via", f"SIP/2.0/UDP {frm[1]};branch=z9hG4bK{method}{cseq}"),
               ("From", f"<sip:{frm[0]}@{frm[1]}>;tag={frm[2]}"),
               ("To", f"<sip:{to[0]}@{to[1]}>;tag={to[2]}"), ("Call-ID", call_id),
               ("CSeq", f"{cseq} {method}")]
    if body:
        headers.append(("Content-Type", "application/sdp"))
    return SipMessage.build(f"SIP/2.0 {code} Reason", headers, body)


def run(table: DialogTable, script: list[tuple[float, SipMessage]]) -> list[object]:
    out: list[object] = []
    for ts, m in script:
        out.extend(table.process(m, 1000.0 + ts))
    return out


def setup_call(table: DialogTable) -> None:
    run(table, [
        (0.0, req("INVITE", 1, body=sdp("10.0.0.1", 4000), to_tag=False)),
        (0.01, resp(100, "INVITE", 1)),
        (0.1, resp(180, "INVITE", 1)),
        (1.0, resp(200, "INVITE", 1, body=sdp("10.0.0.2", 5000, "0 101"))),
        (1.01, req("ACK", 1)),
    ])


def kinds(table: DialogTable, call_id: str = "call-1") -> list[tuple[str, str]]:
    d = table.dialogs.get(call_id) or next(x for x in table.finished if x.call_id == call_id)
    return [(e.kind, e.reason) for e in d.events]


def test_basic_call_bye_and_media_bindings() -> None:
    index = MediaIndex()
    table = DialogTable(index)
    setup_call(table)
    d = table.dialogs["call-1"]
    assert d.state == "answered" and d.codec == "PCMU" and d.caller == "alice" and d.callee == "bob"
    run(table, [(10.0, req("BYE", 2, frm=CALLEE, to=CALLER)),
                (10.01, resp(200, "BYE", 2, frm=CALLEE, to=CALLER))])
    assert kinds(table) == [("started", ""), ("ringing", "180"), ("answered", "200"), ("ended", "bye-callee")]
    assert d.state == "ended" and d.end_reason == "bye-callee" and d.events[-1].t == 10.0
    assert d.events[0].wall == 1000.0
    # Stream to the callee's SDP address, or from the caller's, is the caller's leg.
    assert index.match("10.0.0.1", 4000, "10.0.0.2", 5000, 1001.0) == ("call-1", "caller")
    assert index.match("10.0.0.2", 5000, "10.0.0.1", 4000, 1001.0) == ("call-1", "callee")
    assert index.match("10.0.0.9", 7000, "10.0.0.2", 5000, 1001.0) == ("call-1", "caller")
    assert index.match("10.0.0.9", 7000, "10.0.0.8", 5000, 1001.0) is None


def test_hold_resume_codec_change_and_update() -> None:
    table = DialogTable(MediaIndex())
    setup_call(table)
    run(table, [
        (5.0, req("INVITE", 2, body=sdp("10.0.0.1", 4000, direction="sendonly", version=2))),
        (5.1, resp(200, "INVITE", 2, body=sdp("10.0.0.2", 5000, direction="recvonly", version=2))),
        (5.2, req("ACK", 2)),
        (8.0, req("INVITE", 3, body=sdp("10.0.0.1", 4000, "8 0 101", version=3))),
        (8.1, resp(200, "INVITE", 3, body=sdp("10.0.0.2", 5000, "8 101", version=3))),
        (8.2, req("ACK", 3)),
        (9.0, req("UPDATE", 1, frm=CALLEE, to=CALLER, body=sdp("10.0.0.2", 5000, version=4, conn="0.0.0.0"))),
        (9.1, resp(200, "UPDATE", 1, frm=CALLEE, to=CALLER, body=sdp("10.0.0.1", 4000, version=4))),
        (9.5, req("UPDATE", 2, frm=CALLEE, to=CALLER, body=sdp("10.0.0.2", 5000, "0 101", version=5))),
        (9.6, resp(200, "UPDATE", 2, frm=CALLEE, to=CALLER, body=sdp("10.0.0.1", 4000, version=5))),
    ])
    # codec-changed: reason is the old codec, detail the new one.
    assert kinds(table)[3:] == [("held", "sendonly"), ("resumed", "sendrecv"), ("codec-changed", "PCMU"),
                                ("held", "0.0.0.0"), ("codec-changed", "PCMA"), ("resumed", "sendrecv")]
    d = table.dialogs["call-1"]
    assert d.events[5].detail == "PCMA" and d.events[6].detail == "by-callee" and d.codec == "PCMU"


def test_late_offer_prack_and_early_media() -> None:
    index = MediaIndex()
    table = DialogTable(index)
    run(table, [
        (0.0, req("INVITE", 1, to_tag=False)),  # no SDP: the offer comes in the reliable 183
        (0.1, resp(183, "INVITE", 1, body=sdp("10.0.0.2", 5000, "8 101"))),
        (0.2, req("PRACK", 2, body=sdp("10.0.0.1", 4000, "8 101"))),
        (0.3, resp(200, "PRACK", 2)),
        (1.0, resp(200, "INVITE", 1)),
        (1.1, req("ACK", 1)),
    ])
    d = table.dialogs["call-1"]
    assert d.state == "answered" and d.codec == "PCMA"
    assert index.match("10.0.0.2", 5000, "10.0.0.1", 4000, 1000.5) == ("call-1", "callee")


def test_late_offer_in_200_answered_in_ack() -> None:
    table = DialogTable(MediaIndex())
    run(table, [(0.0, req("INVITE", 1, to_tag=False)),
                (1.0, resp(200, "INVITE", 1, body=sdp("10.0.0.2", 5000, "0 8 101"))),
                (1.1, req("ACK", 1, body=sdp("10.0.0.1", 4000, "8 101")))])
    assert table.dialogs["call-1"].codec == "PCMA"


def test_failures_cancel_and_auth_retry() -> None:
    table = DialogTable()
    run(table, [
        (0.0, req("INVITE", 1, to_tag=False, call_id="busy")),
        (0.5, resp(486, "INVITE", 1, call_id="busy")),
        (0.0, req("INVITE", 1, to_tag=False, call_id="cancelled")),
        (0.1, resp(180, "INVITE", 1, call_id="cancelled")),
        (3.0, req("CANCEL", 1, to_tag=False, call_id="cancelled")),
        (3.1, resp(487, "INVITE", 1, call_id="cancelled")),
        (0.0, req("INVITE", 1, to_tag=False, call_id="auth")),
        (0.1, resp(407, "INVITE", 1, call_id="auth")),
        (0.2, req("INVITE", 2, to_tag=False, call_id="auth")),
        (0.3, resp(200, "INVITE", 2, call_id="auth")),
        (0.0, req("INVITE", 1, to_tag=False, call_id="auth-only")),
        (0.1, resp(401, "INVITE", 1, call_id="auth-only")),
        (0.0, req("INVITE", 1, to_tag=False, call_id="cancel-no-487")),
        (1.0, req("CANCEL", 1, to_tag=False, call_id="cancel-no-487")),
    ])
    table.finish(1100.0)
    by_id = {d.call_id: d for d in table.finished}
    assert (by_id["busy"].state, by_id["busy"].end_reason) == ("failed", "486")
    assert (by_id["cancelled"].state, by_id["cancelled"].end_reason) == ("cancelled", "cancel")
    assert (by_id["auth"].state, by_id["auth"].end_reason) == ("answered", "capture-ended")
    assert (by_id["auth-only"].state, by_id["auth-only"].end_reason) == ("failed", "401")
    assert (by_id["cancel-no-487"].state, by_id["cancel-no-487"].end_reason) == ("cancelled", "cancel")
    # A rejected re-INVITE does not end an answered call.
    assert kinds(table, "auth")[-1] == ("ended", "capture-ended")


def test_refer_outcomes_and_ignored_methods() -> None:
    table = DialogTable()
    setup_call(table)
    run(table, [
        (2.0, req("REFER", 2)),
        (2.1, resp(407, "REFER", 2)),
        (2.2, req("REFER", 3)),
        (2.3, resp(488, "REFER", 3)),
        (3.0, req("REFER", 4)),
        (3.1, resp(202, "REFER", 4)),
        (3.2, req("NOTIFY", 1, frm=CALLEE, to=CALLER)),
        (3.3, req("REGISTER", 1, call_id="reg-1")),
        (3.4, resp(200, "REGISTER", 1, call_id="reg-1")),
        (3.5, req("OPTIONS", 1, call_id="opt-1")),
        (3.6, req("BYE", 9, call_id="unknown")),
        (4.0, req("INVITE", 5, body=sdp("10.0.0.1", 4000))),
        (4.1, resp(491, "INVITE", 5)),
    ])
    assert kinds(table)[3:] == [("transferred", "rejected-488"), ("transferred", "accepted")]
    assert table.dialogs["call-1"].state == "answered"
    s = table.stats
    assert s["sip.ignored.REGISTER"] == 2 and s["sip.ignored.OPTIONS"] == 1 and s["sip.ignored.NOTIFY"] == 1
    assert s["sip.no-dialog"] == 1 and s["sip.reinvite-rejected"] == 1


def test_sip_info_dtmf_and_retransmission() -> None:
    table = DialogTable()
    setup_call(table)
    events = run(table, [
        (2.0, req("INFO", 2, body=b"Signal= 5\r\nDuration= 180\r\n", ctype="application/dtmf-relay")),
        (2.1, req("INFO", 2, body=b"Signal= 5\r\nDuration= 180\r\n", ctype="application/dtmf-relay")),
        (3.0, req("INFO", 3, frm=CALLEE, to=CALLER, body=b"11", ctype="application/dtmf")),
        (4.0, req("INFO", 4, body=b"Signal=Z\r\n", ctype="application/dtmf-relay")),
        (4.5, req("INFO", 5, body=b"<xml/>", ctype="application/media_control+xml")),
    ])
    digits = [(e.digit, e.leg, e.source, round(e.t0, 3), round(e.t1, 3)) for e in events]  # type: ignore[attr-defined]
    assert digits == [("5", "caller", "sip-info", 2.0, 2.18), ("#", "callee", "sip-info", 3.0, 3.1)]
    assert table.stats["sip.info-bad-signal"] == 1 and table.stats["sip.info-other"] == 1


def test_timeout_and_mid_dialog_pickup() -> None:
    table = DialogTable(idle_timeout=30.0)
    setup_call(table)
    run(table, [(5.0, req("INVITE", 7, call_id="mid", body=sdp("10.0.0.1", 4000)))])
    assert table.dialogs["mid"].state == "answered"
    # RTP activity keeps call-1 alive; "mid" has none.
    ended = table.expire(1040.0, activity={"call-1": 1030.0})
    assert [(e.call_id, e.reason) for e in ended] == [("mid", "timeout")]
    ended = table.expire(1100.0, activity={"call-1": 1030.0})
    assert [(e.call_id, e.reason, e.t) for e in ended] == [("call-1", "timeout", 30.0)]
    assert {d.call_id: d.state for d in table.finished} == {"mid": "ended", "call-1": "ended"}


def test_ipv6_media_and_mapped_addresses() -> None:
    index = MediaIndex()
    table = DialogTable(index)
    offer = sdp("10.0.0.1", 4000).replace(b"IN IP4 10.0.0.1", b"IN IP6 2001:db8::1")
    answer = sdp("10.0.0.2", 5000).replace(b"IN IP4 10.0.0.2", b"IN IP6 2001:DB8:0::2")
    run(table, [(0.0, req("INVITE", 1, body=offer, to_tag=False)),
                (1.0, resp(200, "INVITE", 1, body=answer))])
    assert index.match("2001:db8::1", 4000, "2001:db8::2", 5000, 1001.0) == ("call-1", "caller")
    assert index.match("2001:db8::2", 5000, "2001:db8::1", 4000, 1001.0) == ("call-1", "callee")
    # Capture batches write IPv4 as ::ffff:a.b.c.d; SDP writes it plain.
    setup_call(table := DialogTable(index2 := MediaIndex()))
    assert index2.match("::ffff:10.0.0.1", 4000, "::ffff:10.0.0.2", 5000, 1001.0) == ("call-1", "caller")
    assert len(table.dialogs) == 1


def test_port_reuse_goes_to_the_later_call() -> None:
    index = MediaIndex()
    table = DialogTable(index)
    setup_call(table)
    run(table, [(10.0, req("BYE", 2)), (10.1, resp(200, "BYE", 2))])
    run(table, [(100.0, req("INVITE", 1, body=sdp("10.0.0.1", 4000), to_tag=False, call_id="call-2")),
                (101.0, resp(200, "INVITE", 1, body=sdp("10.0.0.2", 5000), call_id="call-2"))])
    assert index.match("10.0.0.1", 4000, "10.0.0.2", 5000, 1005.0) == ("call-1", "caller")
    assert index.match("10.0.0.1", 4000, "10.0.0.2", 5000, 1101.0) == ("call-2", "caller")


def test_hold_in_an_answer() -> None:
    table = DialogTable(MediaIndex())
    setup_call(table)
    run(table, [
        (3.0, req("INVITE", 2, body=sdp("10.0.0.1", 4000, version=2))),
        (3.1, resp(200, "INVITE", 2, body=sdp("10.0.0.2", 5000, direction="inactive", version=2))),
        (6.0, req("INVITE", 3, body=sdp("10.0.0.1", 4000, version=3))),
        (6.1, resp(200, "INVITE", 3, body=sdp("10.0.0.2", 5000, version=3))),
    ])
    assert kinds(table)[3:] == [("held", "inactive"), ("resumed", "sendrecv")]
    assert [e.detail for e in table.dialogs["call-1"].events[3:]] == ["by-callee", "by-callee"]


_METHODS = ["INVITE", "ACK", "BYE", "CANCEL", "UPDATE", "PRACK", "INFO", "REFER", "OPTIONS", "NOTIFY"]
_CODES = [100, 180, 183, 200, 202, 401, 407, 486, 487, 488, 491, 603]


@st.composite
def _script(draw: st.DrawFn) -> list[SipMessage]:
    out = []
    for _ in range(draw(st.integers(1, 25))):
        call_id = draw(st.sampled_from(["c1", "c2"]))
        frm, to = draw(st.sampled_from([(CALLER, CALLEE), (CALLEE, CALLER)]))
        method = draw(st.sampled_from(_METHODS))
        cseq = draw(st.integers(1, 6))
        body = draw(st.sampled_from([b"", sdp("10.0.0.1", 4000), sdp("10.0.0.2", 5000, "8 101", "sendonly"),
                                     sdp("10.0.0.1", 4000, conn="0.0.0.0"), b"Signal=7\r\n", b"v=0\r\nm=x"]))
        ctype = "application/dtmf-relay" if body.startswith(b"Signal") else "application/sdp"
        if draw(st.booleans()):
            tagged = draw(st.booleans())
            out.append(req(method, cseq, frm, to, body, to_tag=tagged, ctype=ctype, call_id=call_id))
        else:
            out.append(resp(draw(st.sampled_from(_CODES)), method, cseq, frm, to, body, call_id=call_id))
    return out


@settings(max_examples=300, deadline=None)
@given(_script())
def test_fuzz_any_message_order_keeps_the_state_machine_sane(script: list[SipMessage]) -> None:
    table = DialogTable(MediaIndex(), idle_timeout=5.0)
    events = run(table, [(0.5 * i, m) for i, m in enumerate(script)])
    table.finish(2000.0)
    for d in table.finished:
        assert d.events[0].kind == "started" and d.events[-1].kind == "ended" and d.end_reason
        assert d.state in ("setup", "ringing", "answered", "ended", "failed", "cancelled")
        times = [e.t for e in d.events]
        assert times == sorted(times)
    assert not table.dialogs
    assert all(getattr(e, "call_id", None) in ("c1", "c2") for e in events)
