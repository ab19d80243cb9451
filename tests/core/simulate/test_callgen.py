"""The synthetic call generator writes real, parseable SIP/RTP with consistent ground truth."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import dpkt
import numpy as np
import pytest

from ccedge.core.simulate import SyntheticCall, Turn, dtmf_tone, speak, write_capture
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("sim") / "calls.pcap"
    calls = [
        SyntheticCall("c1@test", [Turn("caller", "hello there"), Turn("caller", dtmf="12"),
                                  Turn("callee", "goodbye", info="9")]),
        SyntheticCall("c2@test", [Turn("callee", "one moment", inband="#")], codec="PCMA", start=0.5,
                      srtp=True, hold=(1.0, 1.5), ended_by="callee"),
    ]
    return path, write_capture(path, calls)


def _udp(path: Path) -> list[tuple[float, str, int, bytes]]:
    out = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for ts, buf in dpkt.pcap.Reader(fh):
            ip = dpkt.ethernet.Ethernet(buf).data
            out.append((ts, ".".join(map(str, ip.src)), ip.data.sport, bytes(ip.data.data)))
    return out


def test_speak_and_tone_shapes() -> None:
    require_tool("espeak-ng")
    pcm = speak("testing", rate=8000)
    assert pcm.dtype == np.int16 and 2000 < len(pcm) < 16000
    assert np.abs(pcm).max() > 1000
    tone = dtmf_tone("5", 8000, 0.1)
    spectrum = np.abs(np.fft.rfft(tone))
    peaks = sorted(np.argsort(spectrum)[-2:] * 8000 / len(tone))
    assert peaks == pytest.approx([770, 1336], abs=10)


def test_signalling_and_media_match_truth(capture: tuple[Path, list]) -> None:
    path, truths = capture
    grams = _udp(path)
    sip = [p for _, _, port, p in grams if port == 5060]
    methods = [p.split(b" ", 1)[0] for p in sip]
    assert methods.count(b"INVITE") == 4  # two initial + hold + resume
    assert methods.count(b"BYE") == 2 and methods.count(b"INFO") == 1
    assert sum(b"a=sendonly" in p for p in sip) == 1
    assert sum(b"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" in p for p in sip) == 6
    rtp = [(ts, p) for ts, _, port, p in grams if port >= 20000]
    by_ssrc: dict[int, int] = {}
    events = []
    for _, p in rtp:
        ssrc = struct.unpack("!I", p[8:12])[0]
        by_ssrc[ssrc] = by_ssrc.get(ssrc, 0) + 1
        if p[1] & 0x7F == 101 and ssrc == truths[0].ssrc["caller"]:
            events.append(p[12])
    for t in truths:
        for leg in ("caller", "callee"):
            assert by_ssrc[t.ssrc[leg]] == t.packets[leg]
    # RFC 4733: each digit's end packet is sent three times (E bit set)
    assert sorted(set(events)) == [1, 2]
    assert truths[0].dtmf == "129" and truths[1].dtmf == "#"
    assert [x.kind for x in truths[0].turns] == ["speech", "rfc2833", "rfc2833", "speech", "sip-info"]
    assert all(x.t1 > x.t0 for x in truths[0].turns)


def test_srtp_media_is_not_plain(capture: tuple[Path, list]) -> None:
    path, truths = capture
    ssrc = truths[1].ssrc["callee"]
    payloads = [p for _, _, port, p in _udp(path)
                if port >= 20000 and struct.unpack("!I", p[8:12])[0] == ssrc]
    # SRTP adds the 10-byte HMAC-SHA1-80 tag to each 172-byte RTP packet
    assert {len(p) for p in payloads} == {182}


def test_gzip_output(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    path = tmp_path / "one.pcap.gz"
    write_capture(path, [SyntheticCall("g@test", [Turn("caller", "hi")], codec="G722")])
    assert gzip.open(path).read(4) == b"\xd4\xc3\xb2\xa1"
    assert len(_udp(path)) > 50


def test_neural_voice_renders_natural_speech_at_telephone_rate() -> None:
    """voice="piper" uses the packaged neural voice; wpm changes its pace."""
    pytest.importorskip("piper")
    from ccedge.core.simulate.voice import speak

    normal = speak("Can you confirm your date of birth, please?", rate=8000, voice="piper")
    fast = speak("Can you confirm your date of birth, please?", rate=8000, voice="piper", wpm=200)
    assert normal.dtype == np.int16 and 1.2 < len(normal) / 8000 < 4.0
    assert len(fast) < 0.9 * len(normal)
    assert np.sqrt(np.mean(normal.astype(float) ** 2)) > 300  # speech, not silence
