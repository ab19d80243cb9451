"""SIP requests and responses (RFC 3261) with SDP bodies (RFC 4566) for synthetic calls."""

from __future__ import annotations

from dataclasses import dataclass

# RFC 3551 static payload types and the dynamic one we use for telephone-event.
STATIC_PT = {"PCMU": 0, "PCMA": 8, "G722": 9}
EVENT_PT = 101


@dataclass(frozen=True, slots=True)
class Party:
    user: str
    ip: str
    sip_port: int
    rtp_port: int
    tag: str
    crypto: str = ""  # full a=crypto value when the party offers SDES-SRTP


def sdp(party: Party, codec: str, session_id: int, version: int = 1, direction: str = "sendrecv") -> str:
    pt = STATIC_PT[codec]
    proto = "RTP/SAVP" if party.crypto else "RTP/AVP"
    lines = [
        "v=0",
        f"o={party.user} {session_id} {version} IN IP4 {party.ip}",
        "s=ccedge-sim",
        f"c=IN IP4 {'0.0.0.0' if direction == 'inactive-zero' else party.ip}",
        "t=0 0",
        f"m=audio {party.rtp_port} {proto} {pt} {EVENT_PT}",
        f"a=rtpmap:{pt} {codec}/8000",
        f"a=rtpmap:{EVENT_PT} telephone-event/8000",
        f"a=fmtp:{EVENT_PT} 0-16",
        "a=ptime:20",
    ]
    if party.crypto:
        lines.append(f"a=crypto:{party.crypto}")
    lines.append(f"a={'inactive' if direction == 'inactive-zero' else direction}")
    return "\r\n".join(lines) + "\r\n"


def request(
    method: str,
    call_id: str,
    cseq: int,
    frm: Party,
    to: Party,
    to_tag: str = "",
    body: str = "",
    content_type: str = "application/sdp",
    branch: str = "",
) -> bytes:
    uri = f"sip:{to.user}@{to.ip}:{to.sip_port}"
    headers = [
        f"{method} {uri} SIP/2.0",
        f"Via: SIP/2.0/UDP {frm.ip}:{frm.sip_port};branch=z9hG4bK{branch or f'{call_id[:8]}{cseq}{method}'}",
        "Max-Forwards: 70",
        f"From: <sip:{frm.user}@{frm.ip}>;tag={frm.tag}",
        f"To: <sip:{to.user}@{to.ip}>" + (f";tag={to_tag}" if to_tag else ""),
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {method}",
        f"Contact: <sip:{frm.user}@{frm.ip}:{frm.sip_port}>",
        "User-Agent: ccedge-simulate",
    ]
    return _finish(headers, body, content_type)


def response(
    code: int,
    reason: str,
    method: str,
    call_id: str,
    cseq: int,
    caller: Party,
    callee: Party,
    from_party: Party,
    body: str = "",
    with_to_tag: bool = True,
) -> bytes:
    """A response to a request sent by ``from_party`` (either side of the dialog)."""
    to_party = callee if from_party is caller else caller
    headers = [
        f"SIP/2.0 {code} {reason}",
        f"Via: SIP/2.0/UDP {from_party.ip}:{from_party.sip_port};branch=z9hG4bK{call_id[:8]}{cseq}{method}",
        f"From: <sip:{from_party.user}@{from_party.ip}>;tag={from_party.tag}",
        f"To: <sip:{to_party.user}@{to_party.ip}>" + (f";tag={to_party.tag}" if with_to_tag else ""),
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {method}",
        f"Contact: <sip:{to_party.user}@{to_party.ip}:{to_party.sip_port}>",
    ]
    return _finish(headers, body, "application/sdp")


def _finish(headers: list[str], body: str, content_type: str) -> bytes:
    if body:
        headers.append(f"Content-Type: {content_type}")
    headers.append(f"Content-Length: {len(body.encode())}")
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()
