"""The SDP inside a SIP message body (RFC 3261 §20.15 Content-Type; RFC 5621 multipart bodies)."""

from __future__ import annotations

from collections import Counter

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.sdp import SessionDescription
from ccedge.core.tap.sip import SipMessage


def body_sdp(msg: SipMessage, stats: Counter[str]) -> SessionDescription | None:
    """The session description a SIP message carries (application/sdp, an untyped body that starts
    with ``v=``, or the SDP part of a multipart body); parse problems are counted in ``stats``."""
    if not msg.body or msg.content_type not in ("application/sdp", ""):
        if msg.body and "multipart" in msg.content_type:
            return _multipart_sdp(msg, stats)
        return None
    if msg.content_type == "" and not msg.body.lstrip().startswith(b"v="):
        return None
    try:
        sdp = SessionDescription.parse(msg.body)
    except TapParseError as e:
        stats[e.reason] += 1
        return None
    for w in sdp.warnings:
        stats[w] += 1
    return sdp

def _multipart_sdp(msg: SipMessage, stats: Counter[str]) -> SessionDescription | None:
    # RFC 5621 bodies (SIPREC, ISUP): take the application/sdp part.
    body = msg.body
    i = body.lower().find(b"content-type: application/sdp")
    if i < 0:
        return None
    j = body.find(b"\r\n\r\n", i)
    if j < 0:
        return None
    end = body.find(b"\r\n--", j + 4)
    try:
        return SessionDescription.parse(body[j + 4 : end if end > 0 else len(body)])
    except TapParseError as e:
        stats[e.reason] += 1
        return None


__all__ = ["body_sdp"]
