"""SIP message parser (RFC 3261 §7, §20): round trip, compact forms, folding, lists, errors, fuzz."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.sip import SipMessage, looks_like_sip, parse_name_addr, split_list

INVITE = (
    b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
    b"Max-Forwards: 70\r\n"
    b"To: Bob <sip:bob@biloxi.example.com>\r\n"
    b"From: \"Alice, A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    b"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: 8\r\n"
    b"\r\n"
    b"v=0\r\ns=x"
)

# RFC 4475 §3.1.1.1-style compact forms, folding and multi-value lines in one message.
COMPACT = (
    b"OPTIONS sip:carol@chicago.com SIP/2.0\r\n"
    b"v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1,\r\n"
    b"  SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK2\r\n"
    b"Via  :  SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK3\r\n"
    b"i: compact-1@x\r\n"
    b"f: <sip:a@x>;tag=1\r\n"
    b"t: sip:carol@chicago.com\r\n"
    b"CSeq: 7\r\n\tOPTIONS\r\n"
    b"m: <sip:a@10.0.0.1>, \"B, b\" <sip:b@10.0.0.2>\r\n"
    b"Authorization: Digest username=\"a\", realm=\"x\"\r\n"
    b"l: 0\r\n"
    b"\r\n"
)


def test_request_fields() -> None:
    m = SipMessage.parse(INVITE)
    assert m.is_request and m.method == "INVITE" and m.uri == "sip:bob@biloxi.example.com"
    assert m.call_id == "a84b4c76e66710@pc33.atlanta.example.com"
    assert m.cseq == (314159, "INVITE")
    assert m.from_.display == "Alice, A." and m.from_.tag == "1928301774" and m.from_.user == "alice"
    assert m.to.tag == "" and m.to.user == "bob"
    assert m.content_type == "application/sdp" and m.body == b"v=0\r\ns=x"
    assert bytes(m) == INVITE


def test_compact_folded_and_multi_value() -> None:
    m = SipMessage.parse(COMPACT)
    assert m.get_all("via") == ["SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1",
                                "SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK2",
                                "SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK3"]
    assert m.call_id == "compact-1@x" and m.get("I") == "compact-1@x"
    assert m.cseq == (7, "OPTIONS")  # folded onto a continuation line
    assert m.get_all("Contact") == ["<sip:a@10.0.0.1>", '"B, b" <sip:b@10.0.0.2>']
    assert m.get_all("authorization") == ['Digest username="a", realm="x"']  # never split
    assert m.to.uri == "sip:carol@chicago.com" and m.body == b""
    assert bytes(m) == COMPACT


def test_response_and_bare_lf() -> None:
    raw = (b"SIP/2.0 180 Ringing\nVia: SIP/2.0/UDP x\nCall-ID: 1\nCSeq: 1 INVITE\nFrom: <sip:a@x>\n"
           b"To: <sip:b@y>\n\n")
    m = SipMessage.parse(raw)
    assert not m.is_request and m.status == 180 and m.reason == "Ringing" and m.cseq_method == "INVITE"
    assert bytes(m) == raw


def test_udp_body_without_content_length_and_trailer() -> None:
    head = b"MESSAGE sip:a@b SIP/2.0\r\nCall-ID: 1\r\nCSeq: 1 MESSAGE\r\n\r\n"
    m = SipMessage.parse(head + b"hello")
    assert m.body == b"hello"
    stream = SipMessage.parse(head + b"hello", datagram=False)
    assert stream.body == b"" and bytes(stream) == head + b"hello"
    longer = b"MESSAGE sip:a@b SIP/2.0\r\nl: 2\r\n\r\nhello"
    m = SipMessage.parse(longer)
    assert m.body == b"he" and m.trailer == b"llo" and bytes(m) == longer  # §18.3: extra bytes ignored


def test_build_adds_content_length() -> None:
    m = SipMessage.build("BYE sip:a@b SIP/2.0", [("Call-ID", "x"), ("CSeq", "2 BYE")], b"")
    assert m.get("content-length") == "0" and bytes(SipMessage.parse(bytes(m))) == bytes(m)


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        (b"INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\n", "sip.no-end-of-headers", "empty line"),
        (b"SIP/2.0 99 Odd\r\n\r\n", "sip.bad-status-code", "status code"),
        (b"SIP/2.0\r\n\r\n", "sip.bad-start-line", "status code"),
        (b"INVITE sip:a@b\r\n\r\n", "sip.bad-start-line", "request line"),
        (b"INV(TE sip:a@b SIP/2.0\r\n\r\n", "sip.bad-method", "method"),
        (b"INVITE sip:a@b HTTP/1.1\r\n\r\n", "sip.bad-version", "version"),
        (b"INVITE sip:a@b SIP/2.0\r\nNoColonHere\r\n\r\n", "sip.bad-header", "header line 2"),
        (b"INVITE sip:a@b SIP/2.0\r\n folded\r\n\r\n", "sip.bad-header", "continuation"),
        (b"INVITE sip:a@b SIP/2.0\r\nContent-Length: ten\r\n\r\n", "sip.bad-content-length",
         "Content-Length"),
        (b"INVITE sip:a@b SIP/2.0\r\nl: 10\r\n\r\nshort", "sip.truncated-body", "Content-Length"),
    ],
)
def test_errors_name_the_field(raw: bytes, reason: str, words: str) -> None:
    with pytest.raises(TapParseError) as info:
        SipMessage.parse(raw)
    assert info.value.reason == reason and words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_mandatory_fields() -> None:
    m = SipMessage.parse(b"BYE sip:a@b SIP/2.0\r\nCSeq: one BYE\r\n\r\n")
    with pytest.raises(TapParseError, match="no Call-Id header"):
        _ = m.call_id
    with pytest.raises(TapParseError, match="CSeq"):
        _ = m.cseq
    with pytest.raises(TapParseError, match="From"):
        parse_name_addr("<sip:a@b", "From")


def test_helpers() -> None:
    assert split_list('a, "x,y" <sip:z>, <sip:q,r>') == ["a", '"x,y" <sip:z>', "<sip:q,r>"]
    na = parse_name_addr("sip:+15551234@gw;user=phone;tag=abc")
    assert na.uri == "sip:+15551234@gw" and na.tag == "abc" and na.user == "+15551234"
    assert looks_like_sip(INVITE) and looks_like_sip(b"SIP/2.0 200 OK\r\n")
    assert not looks_like_sip(b"\x80\x00\x00\x01") and not looks_like_sip(b"RQNT 1 aaln/1@gw MGCP 1.0\n")


def _golden_messages(pcaps: Path) -> list[bytes]:
    from ccedge.testing.udpbatch import read_udp_datagrams

    out: list[bytes] = []
    for path in sorted(pcaps.rglob("*")):
        if path.is_file() and (".pcap" in path.name or ".cap" in path.name):
            out.extend(g[5] for g in read_udp_datagrams(path) if looks_like_sip(g[5]))
    return out


@pytest.mark.shared
def test_golden_round_trip_on_real_captures(pcaps: Path) -> None:
    messages = _golden_messages(pcaps)
    assert len(messages) > 9000
    parsed = 0
    for raw in messages:
        try:
            m = SipMessage.parse(raw)
        except TapParseError as e:
            # Only a datagram cut short by IP fragmentation (the reference reader skips fragments).
            assert e.reason == "sip.truncated-body"
            continue
        parsed += 1
        assert bytes(m) == raw
        assert m.call_id and m.cseq[0] >= 0 and m.from_.uri and m.to.uri
    assert parsed >= len(messages) - 1


_TOKENS = st.sampled_from([b"INVITE", b"SIP/2.0", b" ", b"\r\n", b"\n", b":", b"Call-ID", b"l", b"CSeq",
                           b"Content-Length", b"0", b"12", b"\t", b"<sip:a@b>", b";tag=", b",", b"\x00",
                           b"\xff", b"v=0", b"200", b"OK"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=40).map(b"".join) | st.binary(max_size=300))
def test_fuzz_parse_raises_only_named_errors(data: bytes) -> None:
    try:
        m = SipMessage.parse(data)
    except TapParseError as e:
        assert e.reason.startswith("sip.")
        return
    assert bytes(m) == data
    for attr in ("call_id", "cseq", "from_", "to"):
        try:
            getattr(m, attr)
        except TapParseError as e:
            assert e.reason.startswith("sip.")


def test_generated_messages_round_trip_with_fields() -> None:
    """Messages written by the project's own generator (core.simulate.sipgen) parse to what it wrote."""
    from ccedge.core.simulate import sipgen

    key = "1 AES_CM_128_HMAC_SHA1_80 inline:" + "A" * 40
    alice = sipgen.Party("alice", "10.0.0.1", 5060, 20000, "tagA", key)
    bob = sipgen.Party("bob", "10.0.0.2", 5062, 30000, "tagB")
    offer = sipgen.sdp(alice, "PCMA", 7)
    raws = [
        sipgen.request("INVITE", "gen-1@test", 1, alice, bob, body=offer),
        sipgen.response(180, "Ringing", "INVITE", "gen-1@test", 1, alice, bob, alice),
        sipgen.response(200, "OK", "INVITE", "gen-1@test", 1, alice, bob, alice,
                        body=sipgen.sdp(bob, "PCMA", 8)),
        sipgen.request("INFO", "gen-1@test", 2, bob, alice, to_tag="tagA",
                       body="Signal=5\r\nDuration=120\r\n", content_type="application/dtmf-relay"),
        sipgen.request("BYE", "gen-1@test", 3, alice, bob, to_tag="tagB"),
    ]
    parsed = [SipMessage.parse(r) for r in raws]
    assert [bytes(m) for m in parsed] == raws
    assert [m.method or m.status for m in parsed] == ["INVITE", 180, 200, "INFO", "BYE"]
    assert {m.call_id for m in parsed} == {"gen-1@test"}
    assert [m.cseq for m in parsed] == [(1, "INVITE"), (1, "INVITE"), (1, "INVITE"), (2, "INFO"), (3, "BYE")]
    assert parsed[0].body == offer.encode() and parsed[0].content_type == "application/sdp"
    assert parsed[3].content_type == "application/dtmf-relay" and parsed[3].from_.tag == "tagB"
    assert parsed[4].to.tag == "tagB" and parsed[0].to.tag == ""
