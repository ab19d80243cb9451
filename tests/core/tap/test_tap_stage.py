"""The Tap stage end to end on captures the project generates itself (ccedge.core.simulate)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccedge.core.frames import AudioFrame, CallEvent, DtmfEvent
from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from ccedge.core.tap import CallRecord, Tap, tap_capture
from ccedge.hardware import capture
from tests.conftest import require_tool

CALLS = [
    SyntheticCall("plain@test", [Turn("caller", "hello there, how are you"), Turn("caller", dtmf="12"),
                                 Turn("callee", "fine thanks, goodbye", info="9")]),
    SyntheticCall("wideband@test", [Turn("caller", "this is a wide band call")], codec="G722", start=0.2,
                  ended_by="none"),
    SyntheticCall("lossy@test", [Turn("caller", "some packets go missing")], start=0.3, loss_every=10),
    SyntheticCall("late@test", [Turn("callee", "a later call")], start=9.0, ended_by="callee"),
]
SRTP_CALLS = [
    SyntheticCall("srtp-hold@test", [Turn("callee", "one moment please, I will check")], codec="PCMA",
                  start=0.5, srtp=True, hold=(1.0, 1.5), ended_by="callee"),
]


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("tap") / "calls.pcap"
    truths = write_capture(path, CALLS)
    return path, {t.call_id: t for t in truths}


@pytest.fixture(scope="module")
def sim_srtp(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    require_tool("espeak-ng")
    path = tmp_path_factory.mktemp("tap") / "srtp.pcap"
    truths = write_capture(path, SRTP_CALLS)
    return path, {t.call_id: t for t in truths}


def _batches(path: Path) -> list[Any]:
    return list(capture.open_capture(path))


def _by_id(calls: list[CallRecord]) -> dict[str, CallRecord]:
    return {c.call_id: c for c in calls}


def test_calls_legs_and_dtmf_match_ground_truth(sim: tuple[Path, dict[str, Any]]) -> None:
    path, truth = sim
    report = tap_capture([path])
    calls = _by_id(report.calls)
    assert set(calls) == set(truth)
    for cid, t in truth.items():
        rec = calls[cid]
        assert [leg.name for leg in rec.legs] == ["caller", "callee"], cid
        for leg in rec.legs:
            assert leg.ssrc == t.ssrc[leg.name], (cid, leg.name)
            assert leg.packets == t.packets[leg.name], (cid, leg.name)
            assert leg.codec == t.codec
        assert rec.digits == t.dtmf, cid
        assert rec.codec == t.codec
    plain = calls["plain@test"]
    assert (plain.state, plain.end_reason) == ("ended", "bye-caller")
    assert (plain.caller, plain.callee) == ("alice", "bob")
    assert [(d.digit, d.leg, d.source) for d in plain.dtmf] == [
        ("1", "caller", "rfc2833"), ("2", "caller", "rfc2833"), ("9", "callee", "sip-info")]
    keyed = [x for x in truth["plain@test"].turns if x.kind != "speech"]
    for got, want in zip(plain.dtmf, keyed, strict=True):
        assert got.t0 == pytest.approx(want.t0, abs=0.05)
    wide = calls["wideband@test"]
    assert (wide.state, wide.end_reason) == ("answered", "capture-ended")
    assert wide.legs[0].pcm_rate() == 16000
    lossy = calls["lossy@test"]
    assert lossy.leg("caller").lost == pytest.approx(lossy.leg("caller").packets / 9, rel=0.2)
    assert lossy.leg("callee").lost == 0
    assert report.stats["sip.calls"] == len(CALLS) and report.stats.get("sip.rejected", 0) == 0


def test_sdes_srtp_call_is_decrypted_and_hold_is_seen(sim_srtp: tuple[Path, dict[str, Any]]) -> None:
    path, truth = sim_srtp
    report = tap_capture([path])
    (srtp,) = report.calls
    t = truth["srtp-hold@test"]
    assert (srtp.state, srtp.end_reason) == ("ended", "bye-callee")
    assert [leg.name for leg in srtp.legs] == ["caller", "callee"]
    assert all(leg.encrypted and leg.srtp == "decrypted" for leg in srtp.legs)
    assert [leg.packets for leg in srtp.legs] == [t.packets["caller"], t.packets["callee"]]
    events = [(e.kind, round(e.t, 2)) for e in srtp.events]
    assert ("held", 1.0) in events and ("resumed", 1.5) in events
    speech = t.turns[0]
    pcm = srtp.leg("callee").pcm().astype(np.float64)
    inside = pcm[int(speech.t0 * 8000) : int(speech.t1 * 8000)]
    assert 300 < np.sqrt(np.mean(inside**2)) < 10000  # decrypted speech, not ciphertext noise


def test_leg_audio_on_call_clock_has_speech_where_the_script_says(sim: tuple[Path, dict[str, Any]]) -> None:
    path, truth = sim
    report = tap_capture([path])
    for rec in report.calls:
        for turn in truth[rec.call_id].turns:
            if turn.kind != "speech":
                continue
            leg = rec.leg(turn.leg)
            assert leg is not None
            pcm, rate = leg.pcm().astype(np.float64), leg.pcm_rate()
            inside = pcm[int(turn.t0 * rate) : int(turn.t1 * rate)]
            before = pcm[int((truth[rec.call_id].answer_t + 0.05) * rate) : int((turn.t0 - 0.05) * rate)]
            noise = max(np.sqrt(np.mean(before**2)), 1.0)
            assert np.sqrt(np.mean(inside**2)) > 10 * noise, (rec.call_id, turn)


def test_incremental_feed_emits_events_in_order_and_audio_after_end(sim: tuple[Path, dict[str, Any]]) -> None:
    path, _ = sim
    tap = Tap(audio_block_s=0.2)
    out: list[Any] = []
    fed = 0
    first_audio_at = None
    for batch in _batches(path):
        for k in range(0, len(batch), 50):
            piece = batch.take(np.arange(k, min(k + 50, len(batch))))
            out.extend(tap.feed(piece))
            fed += len(piece)
            if first_audio_at is None and any(isinstance(x, AudioFrame) for x in out):
                first_audio_at = fed
    rest, report = tap.finish()
    total = fed
    out.extend(rest)
    assert first_audio_at is not None and first_audio_at < total  # an ended call's audio came before EOF
    starts = [x.call_id for x in out if isinstance(x, CallEvent) and x.kind == "started"]
    ends = [x.call_id for x in out if isinstance(x, CallEvent) and x.kind == "ended"]
    assert sorted(starts) == sorted(ends) == sorted(c.call_id for c in CALLS)
    for cid in starts:
        kinds = [x.kind for x in out if isinstance(x, CallEvent) and x.call_id == cid]
        assert kinds[0] == "started" and kinds[-1] == "ended"
        times = [x.t for x in out if isinstance(x, CallEvent) and x.call_id == cid]
        assert times == sorted(times)
    frames = [x for x in out if isinstance(x, AudioFrame) and x.call_id == "plain@test" and x.leg == "caller"]
    assert frames and all(b.t0 >= a.t0 for a, b in itertools.pairwise(frames))
    leg = _by_id(report.calls)["plain@test"].leg("caller")
    assert leg is not None and sum(len(f.samples) for f in frames) == len(leg.pcm())
    # In time order: the RFC 4733 digits live, then the SIP INFO digit (it comes later in the call).
    assert [x.digit for x in out if isinstance(x, DtmfEvent) and x.call_id == "plain@test"] == ["1", "2", "9"]
    # Calls handed out early had their streams released by the demux (a long live run keeps only live calls).
    assert report.stats["rtp.streams-released"] >= 2


def test_orphans_when_signalling_is_missing(sim: tuple[Path, dict[str, Any]]) -> None:
    path, truth = sim
    tap = Tap()
    for batch in _batches(path):
        rtp_only = np.flatnonzero((batch.sport != 5060) & (batch.dport != 5060))
        tap.feed(batch.take(rtp_only))
    _, report = tap.finish()
    assert len(report.calls) == len(CALLS)
    for rec in report.calls:
        assert rec.state == "orphan" and re.fullmatch(r"orphan-[\d.]+:\d+-[\d.]+:\d+-1", rec.call_id)
        assert sorted(leg.name for leg in rec.legs) == ["orphan-1", "orphan-2"]
    assert not any(leg.encrypted for r in report.calls for leg in r.legs)
    assert sorted(r.digits for r in report.calls) == sorted(["12", "", "", ""])
    assert sum(t.packets["caller"] + t.packets["callee"] for t in truth.values()) == sum(
        leg.packets for r in report.calls for leg in r.legs)


def test_timeout_ends_a_silent_call(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    path = tmp_path / "t.pcap"
    truths = write_capture(path, [SyntheticCall("never-ends@test", [Turn("caller", "hi")], ended_by="none"),
                                  SyntheticCall("later@test", [Turn("caller", "later")], start=30.0)])
    report = tap_capture([path], idle_timeout=5.0)
    calls = _by_id(report.calls)
    assert (calls["never-ends@test"].state, calls["never-ends@test"].end_reason) == ("ended", "timeout")
    ended = calls["never-ends@test"].events[-1]
    # Ended at its last packet (the media runs to the script's end), not when the timeout was noticed.
    assert ended.kind == "ended" and ended.t == pytest.approx(truths[0].end_t, abs=0.1)
    assert (calls["later@test"].state, calls["later@test"].end_reason) == ("ended", "bye-caller")


_PAYLOADS = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b"INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\n"
                     b"To: <sip:b@c>\r\nContent-Type: application/sdp\r\nl: 30\r\n\r\n"
                     b"v=0\r\nm=audio 9 RTP/AVP 0\r\n",
                     b"SIP/2.0 200 OK\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\n"
                     b"To: <sip:b@c>;tag=2\r\nl: 0\r\n\r\n",
                     b"BYE sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: one BYE\r\n\r\n",
                     b"\x80\x00\x00\x01\x00\x00\x00\xa0\x12\x34\x56\x78" + b"\xff" * 160,
                     b"\x80\xc8\x00\x06" + b"\x00" * 24, b"\x90\x65\x00\x02" + b"\x00" * 12,
                     b"SIP/2.0 180 Ringing\r\n\r\n", b"REGISTER sip:x SIP/2.0\r\n\r\n"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PAYLOADS, st.sampled_from([17, 6]), st.integers(0, 2**32 - 1),
                          st.sampled_from([0, 2, 1, 4, 16])), min_size=1, max_size=30))
def test_fuzz_no_exception_escapes_and_rejections_are_counted(
        rows: list[tuple[bytes, int, int, int]]) -> None:
    records = [(1000.0 + i * 0.01, "10.0.0.1", "10.0.0.2", proto, 5060 if i % 2 else 4000, 5060, payload, seq,
                flags) for i, (payload, proto, seq, flags) in enumerate(rows)]
    batch = capture.PacketBatch.from_records(records)
    tap = Tap()
    tap.feed(batch)
    _, report = tap.finish()
    stats = report.stats
    assert not any("internal-error" in k for k in stats), stats
    assert stats.get("sip.rejected", 0) == sum(v for k, v in stats.items()
                                                if k.startswith("sip.") and k.count(".") == 1
                                                and k.split(".")[1] in _SIP_REASONS)


_SIP_REASONS = {"no-end-of-headers", "bad-start-line", "bad-status-code", "bad-method", "bad-request-uri",
                "bad-version", "bad-header", "bad-content-length", "truncated-body", "no-call-id", "no-cseq",
                "bad-cseq", "no-from", "no-to", "bad-name-addr"}


def test_ssrc_change_stays_on_the_same_leg(sim: tuple[Path, dict[str, Any]]) -> None:
    """RFC 3550 §8.2: a sender may change SSRC mid-call; the new stream continues the same leg."""
    path, truth = sim
    t = truth["plain@test"]
    old, new = t.ssrc["caller"], 0x0BADC0DE
    batches = _batches(path)
    for b in batches:
        for i in range(len(b)):
            o = int(b.off[i])
            if b.length[i] >= 12 and int.from_bytes(b.buf[o + 8 : o + 12].tobytes(), "big") == old \
                    and b.ts[i] - b.ts.min() > 3.0:
                b.buf[o + 8 : o + 12] = np.frombuffer(new.to_bytes(4, "big"), np.uint8)
    tap = Tap(incremental=False)
    for b in batches:
        tap.feed(b)
    _, report = tap.finish()
    leg = _by_id(report.calls)["plain@test"].leg("caller")
    assert leg is not None and leg.ssrcs == [old, new] and leg.ssrc == old
    assert leg.packets == t.packets["caller"]


def test_independent_files_do_not_time_each_other_out(sim: tuple[Path, dict[str, Any]]) -> None:
    path, truth = sim
    report = tap_capture([path, path])
    assert len(report.calls) == 2 * len(truth)
    assert Counter((c.call_id, c.state, c.end_reason) for c in report.calls) == Counter(
        {(c.call_id, c.state, c.end_reason): 2 for c in tap_capture([path]).calls})


def test_orphans_split_by_time_on_one_address_pair() -> None:
    def rtp(seq: int, ssrc: int) -> bytes:
        return bytes([0x80, 0]) + seq.to_bytes(2, "big") + (seq * 160).to_bytes(4, "big") + \
            ssrc.to_bytes(4, "big") + b"\xff" * 160

    a, b = ("10.9.0.1", 40000), ("10.9.0.2", 50000)
    records = []
    # One direction at 1000 s; five minutes of nothing; then the other direction of the same pair.
    for t0, ssrc, (src, dst) in [(1000.0, 0x1111, (a, b)), (1300.0, 0x2222, (b, a))]:
        for i in range(50):
            records.append((t0 + i * 0.02, src[0], dst[0], 17, src[1], dst[1], rtp(i, ssrc)))
    tap = Tap(idle_timeout=60.0, incremental=False)
    tap.feed(capture.PacketBatch.from_records(records))
    _, report = tap.finish()
    assert [c.call_id for c in report.calls] == ["orphan-10.9.0.1:40000-10.9.0.2:50000-1",
                                                 "orphan-10.9.0.2:50000-10.9.0.1:40000-2"]
    first, second = report.calls
    assert [(leg.name, leg.ssrc, leg.packets, leg.codec) for leg in first.legs] == [
        ("orphan-1", 0x1111, 50, "PCMU")]
    assert [(leg.name, leg.ssrc) for leg in second.legs] == [("orphan-1", 0x2222)]
    assert second.start_wall == pytest.approx(1300.0)
    assert [e.kind for e in first.events] == ["started", "ended"]


def test_plain_calls_stay_plain_beside_an_srtp_call(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    path = tmp_path / "mixed.pcap"
    truths = write_capture(path, [SyntheticCall("plain@mix", [Turn("caller", "hello", dtmf="12")]),
                                  SyntheticCall("srtp@mix", [Turn("callee", "hi there")], srtp=True,
                                                start=0.3)])
    calls = _by_id(tap_capture([path]).calls)
    assert [leg.srtp for leg in calls["plain@mix"].legs] == ["none", "none"]
    assert calls["plain@mix"].digits == truths[0].dtmf == "12"
    assert [leg.srtp for leg in calls["srtp@mix"].legs] == ["decrypted", "decrypted"]


def test_runs_as_a_harness_stage(sim: tuple[Path, dict[str, Any]]) -> None:
    from ccedge.core.harness import run_pipeline

    path, truth = sim
    out = run_pipeline(Tap(), _batches(path))
    ended = {x.call_id: x.reason for x in out if isinstance(x, CallEvent) and x.kind == "ended"}
    assert ended == {cid: ("capture-ended" if t.ended_by == "none" else f"bye-{t.ended_by}")
                     for cid, t in truth.items()}
    legs = {(f.call_id, f.leg) for f in out if isinstance(f, AudioFrame)}
    assert legs == {(cid, leg) for cid in truth for leg in ("caller", "callee")}


def test_call_retried_after_its_failure_was_reported() -> None:
    """A failed call already handed out (incremental) that the caller retries is reported again."""
    from ccedge.core.tap.sip import SipMessage

    def msg(start: str, cseq: str, to_tag: bool) -> bytes:
        return bytes(SipMessage.build(start, [("From", "<sip:a@x>;tag=1"),
                                              ("To", "<sip:b@y>" + (";tag=2" if to_tag else "")),
                                              ("Call-ID", "retry@test"), ("CSeq", cseq)]))

    script = [(0.0, msg("INVITE sip:b@y SIP/2.0", "1 INVITE", False)),
              (0.1, msg("SIP/2.0 486 Busy Here", "1 INVITE", True)),
              (5.0, msg("OPTIONS sip:b@y SIP/2.0", "8 OPTIONS", False)),  # time passes: 486 handed out
              (9.0, msg("INVITE sip:b@y SIP/2.0", "2 INVITE", False)),
              (9.5, msg("SIP/2.0 200 OK", "2 INVITE", True)),
              (12.0, msg("BYE sip:b@y SIP/2.0", "3 BYE", True)),
              (20.0, msg("OPTIONS sip:b@y SIP/2.0", "9 OPTIONS", False))]
    tap = Tap(emit_interval_s=1.0)
    out = []
    for t, payload in script:
        row = (1000.0 + t, "10.0.0.1", "10.0.0.2", 17, 5060, 5060, payload)
        batch = capture.PacketBatch.from_records([row])
        out.extend(tap.feed(batch))
    _, report = tap.finish()
    assert [(c.call_id, c.state, c.end_reason) for c in report.calls] == [
        ("retry@test", "failed", "486"), ("retry@test", "ended", "bye-caller")]
    assert [(e.kind, e.reason) for e in out if isinstance(e, CallEvent)] == [
        ("started", ""), ("ended", "486"), ("answered", "200"), ("ended", "bye-caller")]
    assert report.stats["sip.call-retried"] == 1 and report.stats["sip.call-reopened-after-report"] == 1


def test_ipv6_call_end_to_end() -> None:
    from ccedge.core.tap.sip import SipMessage

    a, b = "2001:db8::a", "2001:db8::b"

    def sip(start: str, cseq: str, to_tag: bool, body: bytes = b"") -> bytes:
        headers = [("From", "<sip:alice@[2001:db8::a]>;tag=1"),
                   ("To", "<sip:bob@[2001:db8::b]>" + (";tag=2" if to_tag else "")),
                   ("Call-ID", "v6@test"), ("CSeq", cseq)]
        if body:
            headers.append(("Content-Type", "application/sdp"))
        return bytes(SipMessage.build(start, headers, body))

    def sdp(ip: str, port: int) -> bytes:
        return (f"v=0\r\no=- 1 1 IN IP6 {ip}\r\ns=-\r\nc=IN IP6 {ip}\r\nt=0 0\r\n"
                f"m=audio {port} RTP/AVP 8\r\n").encode()

    def rtp(seq: int, ssrc: int) -> bytes:
        return bytes([0x80, 8]) + seq.to_bytes(2, "big") + (seq * 160).to_bytes(4, "big") + \
            ssrc.to_bytes(4, "big") + b"\xd5" * 160

    rows = [(0.0, a, b, 5060, 5060, sip("INVITE sip:bob@[2001:db8::b] SIP/2.0", "1 INVITE", False,
                                        sdp(a, 30000))),
            (0.5, b, a, 5060, 5060, sip("SIP/2.0 200 OK", "1 INVITE", True, sdp(b, 40000)))]
    rows += [(0.6 + i * 0.02, a, b, 30000, 40000, rtp(i, 0xA)) for i in range(50)]
    rows += [(0.61 + i * 0.02, b, a, 40000, 30000, rtp(i, 0xB)) for i in range(50)]
    rows += [(2.0, a, b, 5060, 5060, sip("BYE sip:bob@[2001:db8::b] SIP/2.0", "2 BYE", True))]
    records = [(1000.0 + t, s, d, 17, sp, dp, p) for t, s, d, sp, dp, p in sorted(rows, key=lambda r: r[0])]
    tap = Tap(incremental=False)
    tap.feed(capture.PacketBatch.from_records(records))
    _, report = tap.finish()
    (call,) = report.calls
    assert (call.call_id, call.state, call.end_reason) == ("v6@test", "ended", "bye-caller")
    assert call.codec == "PCMA"
    assert [(leg.name, leg.ssrc, leg.packets, leg.codec) for leg in call.legs] == [
        ("caller", 0xA, 50, "PCMA"), ("callee", 0xB, 50, "PCMA")]
