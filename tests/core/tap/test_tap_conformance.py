"""Conformance: every capture in ../shared/data/pcaps against the ground truth of MANIFEST.md and
pcaps/ANALYSIS.txt (calls, legs, codecs, durations, DTMF, SRTP, ZRTP, G.722, ERSPAN, TCP, crashes)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from ccedge.core.tap import CallRecord, TapReport, tap_capture

pytestmark = pytest.mark.shared

DUR_TOL = 0.15  # seconds; ANALYSIS.txt rounds to 0.01 s and counts first→last packet
_CACHE: dict[str, TapReport] = {}


def _report(pcaps: Path, rel: str) -> TapReport:
    if rel not in _CACHE:
        _CACHE[rel] = tap_capture([pcaps / rel])
    return _CACHE[rel]


def _call(rep: TapReport, prefix: str) -> CallRecord:
    found = [c for c in rep.calls if c.call_id.startswith(prefix)]
    assert len(found) == 1, (prefix, [c.call_id for c in rep.calls])
    return found[0]


def _signalled(rep: TapReport) -> list[CallRecord]:
    return [c for c in rep.calls if c.state != "orphan"]


def _orphans(rep: TapReport) -> list[CallRecord]:
    return [c for c in rep.calls if c.state == "orphan"]


def _legs(rec: CallRecord) -> dict[int, tuple[str, str, int, float]]:
    """ssrc -> (leg name, codec, packets, duration)."""
    return {leg.ssrc: (leg.name, leg.codec, leg.packets, leg.duration_s) for leg in rec.legs}


def _silent_fraction(pcm: np.ndarray, rate: int) -> float:
    """Share of 20 ms frames that are near-silent: real speech pauses; ciphertext noise never does."""
    n = len(pcm) // (rate // 50)
    frames = pcm[: n * (rate // 50)].astype(np.float64).reshape(n, -1)
    return float(np.mean(np.sqrt(np.mean(frames**2, axis=1)) < 300))


def _envelope(pcm: np.ndarray, rate: int) -> np.ndarray:
    n = len(pcm) // (rate // 50)
    frames = pcm[: n * (rate // 50)].astype(np.float64).reshape(n, -1)
    return np.log1p(np.sqrt(np.mean(frames**2, axis=1)))


def _orphan_digits(expected: str, codec: str | None = None, packets: int | None = None,
                   dur: float | None = None) -> Callable[[TapReport], None]:
    def check(rep: TapReport) -> None:
        assert not _signalled(rep)
        (rec,) = _orphans(rep)
        assert rec.digits == expected
        assert all(d.source == "rfc2833" for d in rec.dtmf)
        leg = rec.leg("orphan-1")
        assert leg is not None
        if codec is not None:
            assert leg.codec == codec
        if packets is not None:
            assert leg.packets == packets
        if dur is not None:
            assert leg.duration_s == pytest.approx(dur, abs=DUR_TOL)
    return check


# -- 1a. Wireshark wiki samples ------------------------------------------------------------------

def sip_call_rtp_g711(rep: TapReport) -> None:
    answered = _call(rep, "12013223@")
    assert (answered.state, answered.end_reason) == ("answered", "capture-ended")  # no BYE in the capture
    legs = _legs(answered)
    assert legs[0x58F33DEA][1:3] == ("PCMA", 891) and legs[0x58F33DEA][3] == pytest.approx(26.38, abs=DUR_TOL)
    assert legs[0xD2BD4E3E][1:3] == ("PCMA", 548) and legs[0xD2BD4E3E][3] == pytest.approx(24.12, abs=DUR_TOL)
    assert {legs[0x58F33DEA][0], legs[0xD2BD4E3E][0]} == {"caller", "callee"}
    ringing = _call(rep, "12015624@")
    assert (ringing.state, ringing.end_reason, ringing.legs) == ("ringing", "capture-ended", [])
    # The media relay's other side (same SSRCs) has no signalling of its own: an orphan pair.
    relayed = [c for c in _orphans(rep) if c.relay_of]
    assert [c.relay_of for c in relayed] == ["12013223@200.57.7.195"]
    assert sorted(leg.ssrc for leg in relayed[0].legs) == [0x58F33DEA, 0xD2BD4E3E]
    others = [c for c in _orphans(rep) if not c.relay_of]
    assert [[leg.ssrc for leg in c.legs] for c in others] == [[0x00002E3D]]  # MGCP-set-up stream, 6 packets
    assert rep.stats["sip.ignored.REGISTER"] >= 2
    assert rep.stats.get("udp.not-rtp-or-sip", 0) >= 14  # the MGCP datagrams are not taken for SIP


def sip_dtmf2(rep: TapReport) -> None:
    declined = _call(rep, "5514@")
    assert (declined.state, declined.end_reason) == ("failed", "603")
    call = _call(rep, "25672@")
    assert (call.state, call.end_reason) == ("answered", "capture-ended")
    assert call.methods["INVITE"] == 2  # the re-INVITE
    assert call.digits == "6789123"
    assert {d.leg for d in call.dtmf} == {next(leg.name for leg in call.legs if leg.ssrc == 0x5711BF84)}
    assert sorted(leg.name for leg in call.legs) == ["callee", "caller"]
    for leg in call.legs:
        assert leg.codec == "PCMA" and leg.duration_s == pytest.approx(20.0, abs=0.1)
    times = [d.t0 for d in call.dtmf]
    assert times == sorted(times) and 0 < times[0] < times[-1] < 60
    assert rep.stats["sip.ignored.REGISTER"] >= 3


def sip_rtp_g711(rep: TapReport) -> None:
    first, second = _call(rep, "1-1966@"), _call(rep, "1-1968@")
    assert (first.state, first.end_reason) == ("ended", "bye-callee")
    assert (second.state, second.end_reason) == ("answered", "capture-ended")
    # One-way media (recvonly/sendonly): one leg each.
    assert [(leg.codec, leg.packets) for leg in first.legs] == [("PCMU", 425)]
    assert [(leg.codec, leg.packets) for leg in second.legs] == [("PCMA", 414)]
    assert first.legs[0].duration_s == pytest.approx(8.48, abs=DUR_TOL)
    assert second.legs[0].duration_s == pytest.approx(8.26, abs=DUR_TOL)


def sip_rtp_g722(rep: TapReport) -> None:
    call = _call(rep, "1-2161@")
    assert (call.state, call.end_reason, call.codec) == ("ended", "bye-callee", "G722")
    (leg,) = call.legs
    assert (leg.codec, leg.packets, leg.pcm_rate()) == ("G722", 425, 16000)
    pcm = leg.pcm()
    assert len(pcm) >= 8.4 * 16000 and _silent_fraction(pcm, 16000) > 0.05


def dtmf_sip_info(rep: TapReport) -> None:
    (call,) = rep.calls
    assert (call.state, call.end_reason) == ("answered", "capture-ended")
    assert call.digits == "1342"
    assert [d.source for d in call.dtmf] == ["sip-info"] * 4
    assert [round(d.t0, 1) for d in call.dtmf] == [7.0, 10.8, 76.4, 78.4]
    assert call.methods["INFO"] == 4 and call.methods["CANCEL"] == 2


def zfone(rep: TapReport) -> None:
    (call,) = _signalled(rep)
    assert (call.state, call.end_reason) == ("ended", "bye-callee")
    assert call.zrtp
    assert call.methods["INVITE"] == 3 and call.methods["401/INVITE"] == 1  # challenge, retry, re-INVITE
    legs = _legs(call)
    assert legs[0xB72A7104][3] == pytest.approx(15.84, abs=DUR_TOL) and 0xBEE0F2ED in legs
    assert all(leg.srtp == "zrtp" and leg.encrypted for leg in call.legs)


# -- 1b. voipshark -------------------------------------------------------------------------------

VOIPSHARK_PLAIN = {0x00294823, 0x26738F8C, 0x6D9F0DDF, 0x441BC0CF}
VOIPSHARK_SRTP = {0x00294823, 0x0DCDE9EE, 0x547970C2, 0x1EDAA6CF}
VOIPSHARK_TLS = {0x00294823, 0x57C5DC17, 0x32FA12FF, 0x2730581D}


def voipshark_plain(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert len(calls) == 2 and not _orphans(rep)
    assert {leg.ssrc for c in calls for leg in c.legs} == VOIPSHARK_PLAIN
    for c in calls:
        assert (c.state, c.end_reason, c.codec) == ("ended", "bye-callee", "PCMU")
        assert sorted(leg.name for leg in c.legs) == ["callee", "caller"]
        assert all(leg.duration_s == pytest.approx(26.9, abs=DUR_TOL) for leg in c.legs)
    assert sum(c.methods.get("UPDATE", 0) for c in calls) == 1
    assert rep.stats["sip.ignored.NOTIFY"] >= 4 and rep.stats["sip.ignored.OPTIONS"] >= 2


def voipshark_srtp(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert len(calls) == 2 and not _orphans(rep)
    assert {leg.ssrc for c in calls for leg in c.legs} == VOIPSHARK_SRTP
    for c in calls:
        assert (c.state, c.end_reason) == ("ended", "bye-callee")
        for leg in c.legs:
            assert leg.srtp == "decrypted" and leg.encrypted and leg.codec == "PCMU"
            assert leg.packets == 1135 and leg.duration_s == pytest.approx(22.68, abs=DUR_TOL)
            # Intelligible: decrypted speech pauses between turns (≈20 % active); a wrong key
            # would give white noise at every frame.
            assert _silent_fraction(leg.pcm(), 8000) > 0.3, hex(leg.ssrc)


def voipshark_tls(rep: TapReport) -> None:
    assert not _signalled(rep)
    orphans = _orphans(rep)
    assert len(orphans) == 2
    assert {leg.ssrc for c in orphans for leg in c.legs} == VOIPSHARK_TLS
    for c in orphans:
        assert c.call_id.startswith("orphan-192.168.20.") and c.call_id.endswith("-1")
        assert sorted(leg.name for leg in c.legs) == ["orphan-1", "orphan-2"]
        assert all(leg.codec == "PCMU" and leg.duration_s == pytest.approx(23.88, abs=DUR_TOL)
                   for leg in c.legs)


# -- 1d. Asterisk testsuite ----------------------------------------------------------------------

def customer_g711u(rep: TapReport) -> None:
    orphans = _orphans(rep)
    assert sorted((leg.ssrc, leg.packets) for c in orphans for leg in c.legs) == [
        (0x17CB308C, 401), (0xBB454581, 399)]
    assert all(leg.codec == "PCMU" and leg.duration_s == pytest.approx(8.0, abs=DUR_TOL)
               for c in orphans for leg in c.legs)


def crash_27382(rep: TapReport) -> None:
    (rec,) = rep.calls
    assert [(leg.ssrc, leg.codec, leg.packets) for leg in rec.legs] == [(0x6A1B26D7, "PCMU", 274)]
    assert len(rec.legs[0].pcm()) > 5 * 8000  # the malicious RTCP did not stop decoding


def ast_2016_003(rep: TapReport) -> None:
    # Malformed UDPTL only: no call, nothing crashed, every datagram accounted for.
    assert not any(leg.codec for c in rep.calls for leg in c.legs)
    assert rep.stats["packets"] > 0


# -- 1f. heplify ---------------------------------------------------------------------------------

def erspan(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert len(calls) == 3 and not _orphans(rep)
    assert all(c.state == "ended" and c.end_reason.startswith("bye-") for c in calls)
    kinds = [Counter(e.kind for e in c.events) for c in calls]
    assert all(k["held"] >= 1 for k in kinds)
    assert sum(k["resumed"] for k in kinds) >= 1
    refer = _call(rep, "ddd141f1")
    transfers = [e for e in refer.events if e.kind == "transferred"]
    assert transfers and all(e.reason == "rejected-488" for e in transfers)
    assert rep.stats["sip.ignored.SUBSCRIBE"] >= 4 and rep.stats["sip.ignored.NOTIFY"] >= 4
    # Every ERSPAN frame unwrapped to its SIP message.
    assert rep.stats["capture.packets"] == 140 and rep.stats["sip.messages"] == 140


def fax(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert len(calls) == 2
    assert all((c.state, c.end_reason) == ("ended", "bye-caller") for c in calls)
    legs = {leg.ssrc: leg for c in calls for leg in c.legs}
    assert legs[0x17D90134].codec == "PCMA" and legs[0x17D90134].packets == 3147
    assert legs[0x17D90134].duration_s == pytest.approx(74.79, abs=DUR_TOL)
    assert 0x0EAF0EAF in legs
    assert rep.stats["sip.reinvite-rejected"] >= 1  # the T.38 re-INVITE declined with 488
    assert not any(d for c in calls for d in c.dtmf)  # NSE fax-tone events are not digits


def sip_tcp(rep: TapReport) -> None:
    (call,) = rep.calls
    assert (call.state, call.end_reason, call.codec) == ("ended", "bye-callee", "PCMA")
    legs = _legs(call)
    assert legs[0x42F433D4][1:3] == ("PCMA", 42) and legs[0x5A3361B3][1:3] == ("PCMA", 24)
    assert {legs[0x42F433D4][0], legs[0x5A3361B3][0]} == {"caller", "callee"}
    assert Counter(call.methods) >= Counter({"INVITE": 1, "ACK": 1, "BYE": 1, "200/INVITE": 1, "200/BYE": 1})
    assert rep.stats["tcp.segments"] > 0


# -- 1g / 1h --------------------------------------------------------------------------------------

def aaa(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert sorted((c.state, c.end_reason) for c in calls) == [
        ("failed", "403"), ("failed", "403"), ("failed", "408"), ("failed", "480")]
    assert not _orphans(rep)  # NetBIOS and DNS on the LAN are not media
    early = _call(rep, "11894297")
    assert [(leg.ssrc, leg.packets) for leg in early.legs] == [(0x3796CB71, 9)]  # 183 early media
    assert sum(c.methods.get("CANCEL", 0) for c in calls) == 11


def marseillaise(rep: TapReport) -> None:
    (rec,) = rep.calls
    (leg,) = rec.legs
    assert (leg.ssrc, leg.packets, leg.srtp, leg.encrypted) == (0xDEADBEEF, 11888, "encrypted", True)
    assert len(leg.pcm()) == 0  # never decoded as if it were plain PCMA


def b2bua(rep: TapReport) -> None:
    calls = _signalled(rep)
    assert len(calls) == 2 and all((c.state, c.end_reason) == ("ended", "bye-caller") for c in calls)
    legs = {leg.ssrc: leg for c in calls for leg in c.legs}
    assert legs[0x6AB21E82].packets == 355 and legs[0x6AB21E82].duration_s == pytest.approx(7.12, abs=DUR_TOL)
    assert rep.stats["sip.ignored.PUBLISH"] >= 3 and rep.stats["sip.ignored.REGISTER"] >= 2


def rtp_protocol(rep: TapReport) -> None:
    (call,) = rep.calls
    assert (call.state, call.end_reason, call.codec) == ("ended", "bye-callee", "PCMA")
    assert call.methods["PRACK"] == 1
    legs = _legs(call)
    assert legs[0x06C156FD][1:3] == ("PCMA", 201) and legs[0x44C61AFB][1:3] == ("PCMA", 47)


def codec_reject(rep: TapReport) -> None:
    (call,) = rep.calls
    assert (call.state, call.end_reason, call.legs) == ("failed", "488", [])
    assert call.methods["401/INVITE"] == 1


def sipp_branch(rep: TapReport) -> None:
    calls = rep.calls
    assert len(calls) == 1334 and len({c.call_id for c in calls}) == 1334
    outcome = Counter((c.state, c.end_reason) for c in calls)
    assert outcome[("failed", "403")] == 1148
    assert sum(1 for c in calls if any(e.kind == "answered" for e in c.events)) == 102
    assert rep.stats["sip.ignored.REGISTER"] == 2668  # 1,334 REGISTERs and their 200s


def speech_8k(rep: TapReport) -> None:
    (rec,) = rep.calls
    (leg,) = rec.legs
    assert (leg.ssrc, leg.codec, leg.packets) == (0x12345678, "PCMU", 835)
    assert leg.duration_s == pytest.approx(16.68, abs=DUR_TOL)


def voicecmd(rep: TapReport) -> None:
    (rec,) = rep.calls
    assert [(leg.codec, leg.packets) for leg in rec.legs] == [("PCMU", 2832)]


def single_orphan(ssrc: int, codec: str, packets: int, dur: float) -> Callable[[TapReport], None]:
    def check(rep: TapReport) -> None:
        (rec,) = rep.calls
        (leg,) = rec.legs
        assert (rec.state, leg.ssrc, leg.codec, leg.packets) == ("orphan", ssrc, codec, packets)
        assert leg.duration_s == pytest.approx(dur, abs=DUR_TOL)
    return check


EXPECT: dict[str, Callable[[TapReport], None]] = {
    "wireshark-samples/SIP_CALL_RTP_G711.pcap": sip_call_rtp_g711,
    "wireshark-samples/SIP_DTMF2.cap": sip_dtmf2,
    "wireshark-samples/sip-rtp-g711.pcap": sip_rtp_g711,
    "wireshark-samples/sip-rtp-g722.pcap": sip_rtp_g722,
    "wireshark-samples/DTMFsipinfo.pcap": dtmf_sip_info,
    "wireshark-samples/Asterisk_ZFONE_XLITE.pcap": zfone,
    "voipshark/SIP-RTP-Normal_Call_two_parties.pcap": voipshark_plain,
    "voipshark/SIP-SRTP-Normal_Call_two_parties.pcap": voipshark_srtp,
    "voipshark/SIP-over-TLS-RTP-Normal_Call_two_parties.pcap": voipshark_tls,
    "restcomm-dtmf/gigaset-n510-ip-pro-rfc2833.pcap": _orphan_digits("1211#1211#", "PCMU", 2564, 49.86),
    "restcomm-dtmf/cisco-spa-525G2-zendesk34432.pcap": _orphan_digits("6688#6688#", "PCMU", 632, 10.77),
    "restcomm-dtmf/zendesk-34401-rfc2833.pcap": _orphan_digits("1211#", packets=37),
    "restcomm-dtmf/dtmf-oob-one-hash.cap.gz": _orphan_digits("#", "PCMU", 74),
    "restcomm-dtmf/dtmf-oob-two-hash.cap.gz": _orphan_digits("##", "PCMU", 501),
    "restcomm-dtmf/dtmf_rfc2833_4_digits_fast.pcap": _orphan_digits("1234", dur=0.96),
    "restcomm-dtmf/dtmf_rfc2833_4_digits_slow.pcap": _orphan_digits("1234", dur=3.04),
    "restcomm-dtmf/dtmf_rfc2833_2_digit_pairs.pcap": _orphan_digits("1122"),
    "asterisk-testsuite/ulaw-2013785496.pcap": _orphan_digits("2013785496", "PCMU", 974, 19.46),
    "asterisk-testsuite/ulaw-3125894607.pcap": _orphan_digits("3125894607", "PCMU", 922, 18.43),
    "asterisk-testsuite/40msalaw.pcap": single_orphan(0xD500CA81, "PCMA", 826, 33.0),
    "asterisk-testsuite/CUSTOMER_G711U.pcap": customer_g711u,
    "asterisk-testsuite/crash-27382.pcap": crash_27382,
    "asterisk-testsuite/ast-2016-003-crash.pcap": ast_2016_003,
    **{f"sipp/dtmf_2833_{name}.pcap": _orphan_digits(digit, packets=10)
       for name, digit in [*((str(d), str(d)) for d in range(10)), ("star", "*"), ("pound", "#")]},
    "sipp/g711a.pcap": single_orphan(0xDEE0EE8F, "PCMA", 236, 7.05),
    "heplify/erspan_sip_ipv4_udp.pcapng": erspan,
    "heplify/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap": fax,
    "heplify/sip_ipv4_tcp.pcap": sip_tcp,
    "sngrep/aaa.pcap": aaa,
    "srtp-decrypt/marseillaise-srtp.pcap": marseillaise,
    "sipnab-fixtures/b2bua-asterisk.pcapng": b2bua,
    "sipnab-fixtures/rtp-protocol.pcap": rtp_protocol,
    "sipnab-fixtures/sip-488-codec-reject.pcapng": codec_reject,
    "sipnab-fixtures/sipp-branch-scenario.pcapng": sipp_branch,
    "sipnab-fixtures/speech_8k_ulaw.pcap": speech_8k,
    "sipnab-fixtures/voicecmd_combined.pcap": voicecmd,
}

STATES = {"setup", "ringing", "answered", "ended", "failed", "cancelled", "orphan"}


def test_every_capture_has_ground_truth(pcaps: Path) -> None:
    present = {str(p.relative_to(pcaps)) for p in pcaps.rglob("*")
               if p.is_file() and p.suffix not in (".txt", ".key")}
    assert present == set(EXPECT), "a capture was added or removed: give it ground truth here"


@pytest.mark.parametrize("rel", sorted(EXPECT))
def test_capture(pcaps: Path, rel: str) -> None:
    rep = _report(pcaps, rel)
    # Whatever the capture holds, the tap survives it and accounts for what it dropped.
    assert not any("internal-error" in k for k in rep.stats), rep.stats
    for rec in rep.calls:
        assert rec.state in STATES
        events = [e.kind for e in rec.events]
        assert events[0] == "started" and events[-1] == "ended" and events.count("ended") == 1
        assert all(leg.packets > 0 for leg in rec.legs)
        assert json.loads(json.dumps(rec.to_json()))["call_id"] == rec.call_id
    EXPECT[rel](rep)


def test_srtp_key_given_out_of_band_decrypts_marseillaise(pcaps: Path) -> None:
    # The key comes from the srtp-decrypt repository's Makefile (MANIFEST.md, 1g).
    key = "1 AES_CM_128_HMAC_SHA1_80 inline:aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"
    rep = tap_capture([pcaps / "srtp-decrypt" / "marseillaise-srtp.pcap"],
                      sdes_keys=[("10.1.1.1", 10000, key)])
    (leg,) = rep.calls[0].legs
    assert leg.srtp == "decrypted" and rep.stats["srtp.decrypted"] == 11888
    assert 0.0 <= _silent_fraction(leg.pcm(), 8000) < 0.5  # music, not silence or noise


def test_g722_decodes_the_same_prompt_as_the_g711_call(pcaps: Path) -> None:
    """sip-rtp-g722 and sip-rtp-g711 carry the same FreeSWITCH prompt: their loudness contours match."""
    wide = _call(_report(pcaps, "wireshark-samples/sip-rtp-g722.pcap"), "1-2161@").legs[0]
    narrow = _call(_report(pcaps, "wireshark-samples/sip-rtp-g711.pcap"), "1-1966@").legs[0]
    a, b = _envelope(wide.pcm(), 16000), _envelope(narrow.pcm(), 8000)
    n = min(len(a), len(b)) - 50
    best = max(np.corrcoef(a[lag : lag + n], b[:n])[0, 1] for lag in range(0, 50))
    best = max(best, *(np.corrcoef(a[:n], b[lag : lag + n])[0, 1] for lag in range(0, 50)))
    assert best > 0.8
