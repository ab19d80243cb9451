"""SDP (RFC 4566) parsing and offer/answer pairing (RFC 3264)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap.errors import TapParseError
from ccedge.core.tap.sdp import SessionDescription, negotiate

OFFER = """v=0
o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 49170 RTP/SAVP 0 8 9 96 13 101
a=rtpmap:0 PCMU/8000
a=rtpmap:96 opus/48000/2
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4
a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32
m=video 51372 RTP/AVP 31
c=IN IP4 192.0.2.11
a=rtpmap:31 H261/90000
""".replace("\n", "\r\n")

ANSWER = """v=0
o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com
s=-
t=0 0
m=audio 3456 RTP/SAVP 8 101
c=IN IP4 198.51.100.7
a=rtpmap:101 telephone-event/8000
a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
a=sendonly
"""


def test_offer_fields() -> None:
    sdp = SessionDescription.parse(OFFER.encode())
    assert sdp.version == 2890844526 and sdp.address == "192.0.2.10"
    audio = sdp.audio
    assert audio is not None and audio.port == 49170 and audio.proto == "RTP/SAVP" and audio.secure
    assert audio.address == "192.0.2.10" and audio.direction == "sendrecv" and audio.ptime == 20.0
    assert [(c.pt, c.encoding, c.clock_rate) for c in audio.codecs] == [
        (0, "PCMU", 8000), (8, "PCMA", 8000), (9, "G722", 8000), (96, "OPUS", 48000), (13, "CN", 8000),
        (101, "TELEPHONE-EVENT", 8000)]
    assert audio.codecs[3].channels == 2 and audio.fmtp[101] == "0-16"
    assert audio.audio_codec is not None and audio.audio_codec.encoding == "PCMU"
    assert len(audio.crypto) == 2 and audio.crypto[0].startswith("1 AES_CM_128_HMAC_SHA1_80 inline:")
    assert sdp.media[1].address == "192.0.2.11" and sdp.media[1].media == "video"
    assert audio.payload_map[96] == ("OPUS", 48000)


def test_answer_pairs_codec_crypto_and_direction() -> None:
    offer = SessionDescription.parse(OFFER)
    answer = SessionDescription.parse(ANSWER)  # bare LF line ends are tolerated
    neg = negotiate(offer, answer)
    assert neg is not None and neg.answer is not None and not neg.rejected
    assert neg.codec is not None and neg.codec.encoding == "PCMA"
    assert neg.offer_crypto.startswith("2 AES_CM_128_HMAC_SHA1_32")  # the tag the answer accepted
    assert neg.answer_crypto.startswith("2 ")
    assert neg.answer.address == "198.51.100.7" and neg.answer.on_hold
    assert neg.answer.hold_reason == "sendonly"
    assert negotiate(offer, None) is not None
    assert negotiate(SessionDescription.parse("v=0\r\nm=video 1 RTP/AVP 31\r\n"), None) is None


def test_hold_forms_and_session_level_direction() -> None:
    zero = SessionDescription.parse("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n")
    assert zero.audio is not None and zero.audio.on_hold and zero.audio.hold_reason == "0.0.0.0"
    inactive = SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\na=inactive\r\nm=audio 4000 RTP/AVP 0\r\n")
    assert inactive.audio is not None and inactive.audio.direction == "inactive" and inactive.audio.on_hold
    media_wins = SessionDescription.parse(
        "v=0\r\nc=IN IP4 1.2.3.4\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n")
    assert media_wins.audio is not None and not media_wins.audio.on_hold


def test_rejected_stream_and_zrtp() -> None:
    offer = SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0 8\r\n"
                                     "a=zrtp-hash:1.10 abcdef\r\n")
    answer = SessionDescription.parse("v=0\r\nc=IN IP4 5.6.7.8\r\nm=audio 0 RTP/AVP 0\r\n")
    neg = negotiate(offer, answer)
    assert neg is not None and neg.rejected
    assert offer.audio is not None and offer.audio.zrtp_hash == "1.10 abcdef"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("v=0\r\nthis is not sdp\r\n", "sdp.bad-line"),
        ("o=x 1 1 IN IP4 1.2.3.4\r\n", "sdp.no-version"),
        ("v=0\r\nc=IN IP4\r\n", "sdp.bad-connection"),
        ("v=0\r\nm=audio\r\n", "sdp.bad-media"),
        ("v=0\r\nm=audio 70000 RTP/AVP 0\r\n", "sdp.bad-media-port"),
        ("v=0\r\nm=audio x RTP/AVP 0\r\n", "sdp.bad-media-port"),
    ],
)
def test_structural_errors(text: str, reason: str) -> None:
    with pytest.raises(TapParseError) as info:
        SessionDescription.parse(text)
    assert info.value.reason == reason and "SDP" in str(info.value)


def test_bad_attributes_are_skipped_and_named() -> None:
    sdp = SessionDescription.parse("v=0\r\nm=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 broken\r\n"
                                   "a=fmtp:x y\r\na=ptime:fast\r\n")
    assert set(sdp.warnings) == {"sdp.bad-rtpmap", "sdp.bad-fmtp", "sdp.bad-ptime", "sdp.no-connection"}
    assert sdp.audio is not None and [c.pt for c in sdp.audio.codecs] == [0]


_LINES = st.sampled_from(["v=0", "c=IN IP4 1.2.3.4", "c=IN IP6 ::1", "m=audio 4000 RTP/AVP 0 8 101",
                          "m=audio 0 RTP/SAVP 96", "a=rtpmap:96 opus/48000/2", "a=rtpmap:", "a=sendonly",
                          "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x", "a=ptime:", "c=", "m=", "x", "=",
                          "a=fmtp:101 0-15", "o=- 1 x IN IP4 h"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES | st.text(max_size=30), max_size=25))
def test_fuzz_only_named_errors(lines: list[str]) -> None:
    text = "\r\n".join(lines)
    try:
        sdp = SessionDescription.parse(text)
    except TapParseError as e:
        assert e.reason.startswith("sdp.")
        return
    for m in sdp.media:
        _ = m.codecs, m.audio_codec, m.on_hold, m.payload_map
    negotiate(sdp, sdp)
