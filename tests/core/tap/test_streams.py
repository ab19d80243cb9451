"""RtpDemux on generated streams (order, loss, wrap, ptime, CN, SSRC change, codecs) and real captures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccedge.core.tap import _rtp_kernels as K
from ccedge.core.tap.rtp import HeaderExtension, RtpPacket
from ccedge.core.tap.streams import RtpDemux
from ccedge.core.tap.telephone_event import TelephoneEvent
from ccedge.dsp.g711 import alaw_encode, ulaw_decode, ulaw_encode
from ccedge.dsp.g722 import g722_decode, g722_encode
from ccedge.testing.udpbatch import UdpBatch, ip16, read_udp_batch
from tests.conftest import require_tool

A, B = ("10.0.0.1", 4000), ("10.0.0.2", 5000)


def _ramp(n: int) -> np.ndarray:
    # A slowly rising signal: every sample's place is recognisable after decoding.
    return (np.arange(n) * 3 % 16000 - 8000).astype(np.int16)


def _packets(
    codes: np.ndarray,
    ptime_ms: int = 20,
    pt: int = 0,
    ssrc: int = 0x1111,
    seq0: int = 100,
    ts0: int = 5000,
    t0: float = 1000.0,
    per_tick: int = 1,
) -> list[tuple[float, RtpPacket]]:
    spp = 8 * ptime_ms  # octets per packet for G.711 (RTP ticks for all)
    out = []
    for i in range(len(codes) // spp):
        out.append(
            (
                t0 + i * ptime_ms / 1000,
                RtpPacket(
                    pt,
                    (seq0 + i) & 0xFFFF,
                    (ts0 + i * spp // per_tick) & 0xFFFFFFFF,
                    ssrc,
                    codes[i * spp : (i + 1) * spp].tobytes(),
                ),
            )
        )
    return out


def _demux(pkts: list[tuple[float, RtpPacket]], src=A, dst=B, **kw) -> RtpDemux:  # type: ignore[no-untyped-def]
    batch = UdpBatch.from_datagrams([(t, src[0], src[1], dst[0], dst[1], bytes(p)) for t, p in pkts])
    d = RtpDemux(**kw)
    d.feed(batch)
    return d


def test_in_order_pcmu_decodes_exactly() -> None:
    pcm = _ramp(8000)
    d = _demux(_packets(ulaw_encode(pcm)))
    (s,) = d.streams.values()
    assert (s.codec, s.packets, s.lost, s.srtp, s.rate) == ("PCMU", 50, 0, "none", 8000)
    start, rate, out = s.pcm()
    assert start == 1000.0 and rate == 8000
    assert np.array_equal(out, ulaw_decode(ulaw_encode(pcm)))


def test_reorder_duplicate_and_loss_concealed_as_counted_silence() -> None:
    pcm = _ramp(8000)
    pk = _packets(ulaw_encode(pcm))
    pk[10], pk[11] = pk[11], pk[10]  # reordered
    pk.insert(20, pk[19])  # duplicate
    del pk[30:33]  # three lost
    (s,) = _demux(pk).streams.values()
    assert (s.lost, s.duplicates, s.gaps, s.packets) == (3, 1, 1, 48)
    _, _, out = s.pcm()
    ref = ulaw_decode(ulaw_encode(pcm))
    assert len(out) == 8000
    assert np.array_equal(out[: 29 * 160], ref[: 29 * 160])
    assert not out[29 * 160 : 32 * 160].any()  # the gap, as silence
    assert np.array_equal(out[32 * 160 :], ref[32 * 160 :])


@pytest.mark.parametrize("ptime", [10, 30, 60])
def test_ptime(ptime: int) -> None:
    pcm = _ramp(8 * ptime * 20)
    (s,) = _demux(_packets(alaw_encode(pcm), ptime_ms=ptime, pt=8)).streams.values()
    assert s.codec == "PCMA" and s.packets == 20 and len(s.pcm()[2]) == len(pcm)


def test_sequence_and_timestamp_wrap() -> None:
    pcm = _ramp(160 * 40)
    (s,) = _demux(_packets(ulaw_encode(pcm), seq0=65520, ts0=2**32 - 160 * 5)).streams.values()
    assert s.lost == 0 and len(s.pcm()[2]) == len(pcm)


def test_comfort_noise_is_silence_not_loss_and_marker_ok() -> None:
    pcm = _ramp(160 * 30)
    pk = _packets(ulaw_encode(pcm))
    t, p = pk[10]
    pk[10] = (t, RtpPacket(13, p.sequence_number, p.timestamp, p.ssrc, b"\x40"))  # RFC 3389: level only
    for j in range(11, 20):  # the sender stops during silence (DTX), then a talk spurt with marker
        pk[j] = (0.0, pk[j][1])
    pk = [x for x in pk if x[0] > 0]
    t, p = pk[11]
    pk[11] = (t, RtpPacket(0, 11 + 100, p.timestamp, p.ssrc, p.payload, marker=True))
    for j in range(12, len(pk)):
        t, p = pk[j]
        pk[j] = (t, RtpPacket(0, (p.sequence_number - 9) & 0xFFFF, p.timestamp, p.ssrc, p.payload))
    (s,) = _demux(pk).streams.values()
    assert s.comfort_noise == 1 and s.lost == 0 and s.codec == "PCMU"
    _, _, out = s.pcm()
    assert len(out) == len(pcm) and not out[10 * 160 : 20 * 160].any()


def test_timestamp_jump_does_not_stretch_the_stream() -> None:
    pk = _packets(ulaw_encode(_ramp(160 * 20)))
    for j in range(10, 20):
        t, p = pk[j]
        pk[j] = (
            t,
            RtpPacket(0, p.sequence_number, (p.timestamp + 3_000_000_000) & 0xFFFFFFFF, p.ssrc, p.payload),
        )
    (s,) = _demux(pk).streams.values()
    assert len(s.pcm()[2]) == 160 * 20


def test_ssrc_change_continues_the_leg() -> None:
    first = _packets(ulaw_encode(_ramp(160 * 10)), ssrc=0xAAAA)
    second = _packets(ulaw_encode(_ramp(160 * 10)), ssrc=0xBBBB, seq0=9000, ts0=77, t0=1000.2)
    d = _demux(first + second)
    (s,) = d.streams.values()
    assert s.ssrc == 0xAAAA and s.ssrcs == [0xAAAA, 0xBBBB] and s.packets == 20 and s.lost == 0
    assert len(s.pcm()[2]) == 160 * 20


def test_concurrent_ssrcs_on_one_flow_stay_apart() -> None:
    a = _packets(ulaw_encode(_ramp(1600)), ssrc=1)
    b = _packets(ulaw_encode(_ramp(1600)), ssrc=2, t0=1000.005)
    assert len(_demux(a + b).streams) == 2


def test_unknown_and_dynamic_payload_types() -> None:
    pk = _packets(ulaw_encode(_ramp(1600)), pt=18)  # G.729: known, not decoded
    (s,) = _demux(pk).streams.values()
    assert s.codec == "G729" and len(s.pcm()[2]) == 0 and s.payload_types == {18: 10}
    pk = _packets(alaw_encode(_ramp(1600)), pt=98)
    d = _demux(pk)
    (s,) = d.streams.values()
    assert s.codec is None and s.unknown_payload_types == {98: 10} and len(s.raw_payloads(98)) == 10
    assert d.stats["rtp.unknown-payload-type"] == 10
    d.set_payload_map(*B, {98: ("pcma", 8000)})  # the SDP answer arrives: PT 98 is A-law
    (s,) = d.streams.values()
    assert s.codec == "PCMA" and len(s.pcm()[2]) == 1600


def test_g722_rate_is_16k_on_an_8k_rtp_clock() -> None:
    pcm16 = (np.sin(np.arange(16000) * 2 * np.pi * 500 / 16000) * 8000).astype(np.int16)
    codes = np.frombuffer(g722_encode(pcm16), np.uint8)
    # 20 ms = 160 octets = 320 samples but only 160 RTP ticks (RFC 3551 §4.5.2).
    pk = [
        (1000 + i * 0.02, RtpPacket(9, i, 160 * i, 9, codes[160 * i : 160 * (i + 1)].tobytes()))
        for i in range(50)
    ]
    (s,) = _demux(pk).streams.values()
    _, rate, out = s.pcm()
    assert s.codec == "G722" and rate == 16000 and s.clock_rate == 8000
    assert np.array_equal(out, g722_decode(codes))


def test_events_only_stream_and_events_inside_audio() -> None:
    pk = _packets(ulaw_encode(_ramp(160 * 30)))
    for j in range(10, 16):
        t, p = pk[j]
        ev = TelephoneEvent(4, j >= 13, 10, 160 * min(j - 9, 4))
        pk[j] = (t, RtpPacket(101, p.sequence_number, pk[10][1].timestamp, p.ssrc, bytes(ev), marker=j == 10))
    (s,) = _demux(pk).streams.values()
    assert [x[0] for x in s.dtmf] == ["4"] and s.codec == "PCMU" and s.lost == 0
    assert s.dtmf[0][1] == pytest.approx(1000.18)  # first packet at 1000.2 already 20 ms long
    _, _, out = s.pcm()
    assert len(out) == 160 * 30 and not out[10 * 160 : 16 * 160].any()


def test_rtcp_zrtp_and_junk_are_counted_not_fatal() -> None:
    grams = [
        (1.0, *A, *B, b"\x80\xc9\x00\x01\x00\x00\x00\x01"),
        (1.1, *A, *B, b"\x80\xc9\xff\xff"),
        (1.2, *A, *B, b"\x10\x00\x00\x01ZRTP" + b"\0" * 12),
        (1.3, *A, *B, b"hello"),
        (1.4, *A, *B, b"\x8f" + b"\0" * 12),
    ]  # 15 CSRCs announced, none present
    d = RtpDemux()
    d.feed(UdpBatch.from_datagrams(grams))
    assert d.stats["rtcp.packets"] == 2 and d.stats["rtcp.bad-length"] == 1
    assert d.stats["zrtp.packets"] == 1 and d.stats["udp.not-rtp"] == 1 and d.stats["rtp.malformed"] == 1


def test_feeding_in_batches_equals_one_batch_and_rows_select() -> None:
    pk = _packets(ulaw_encode(_ramp(8000)))
    grams = [(t, *A, *B, bytes(p)) for t, p in pk]
    one = RtpDemux()
    one.feed(UdpBatch.from_datagrams(grams))
    many = RtpDemux(copy=True)
    for i in range(0, 50, 7):
        many.feed(UdpBatch.from_datagrams(grams[i : i + 7]))
    half = RtpDemux()
    half.feed(UdpBatch.from_datagrams(grams), np.arange(0, 50, 2))
    (a,), (b,), (h,) = one.streams.values(), many.streams.values(), half.streams.values()
    assert np.array_equal(a.pcm()[2], b.pcm()[2]) and (a.packets, a.lost) == (b.packets, b.lost)
    assert h.packets == 25 and h.lost == 24


def _random_datagrams(n: int, seed: int = 0) -> list[bytes]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        k = i % 4
        if k == 0:
            p = RtpPacket(
                int(rng.integers(0, 128)),
                int(rng.integers(0, 65536)),
                int(rng.integers(0, 2**32)),
                int(rng.integers(0, 2**32)),
                rng.bytes(int(rng.integers(0, 40))),
                csrc=tuple(range(int(rng.integers(0, 3)))),
                extension=HeaderExtension(1, rng.bytes(4)) if i % 8 == 0 else None,
                padding=3 if i % 12 == 0 else 0,
                padding_bytes=b"\0\0" if i % 12 == 0 else b"",
            )
            out.append(bytes(p))
        else:
            out.append(rng.bytes(int(rng.integers(0, 30))))
    return out


def test_classify_kernel_matches_rtp_parse_and_py_func() -> None:
    from ccedge.core.tap.errors import TapParseError

    data = _random_datagrams(400)
    batch = UdpBatch.from_datagrams([(float(i), *A, *B, d) for i, d in enumerate(data)])
    f = K.classify(
        batch.buf, batch.off, batch.length.astype(np.int64), batch.src, batch.dst, batch.sport, batch.dport
    )
    for i, d in enumerate(data):
        kind = int(f["kind"][i])
        if len(d) >= 4 and d[0] >> 6 == 2 and 192 <= d[1] <= 223:
            assert kind == K.KIND_RTCP
            continue
        try:
            p = RtpPacket.parse(d)
        except TapParseError:
            assert kind in (K.KIND_OTHER, K.KIND_BAD_RTP, K.KIND_ZRTP)
            continue
        assert kind == K.KIND_RTP
        assert (int(f["seq"][i]), int(f["ts"][i]), int(f["ssrc"][i])) == (
            p.sequence_number,
            p.timestamp,
            p.ssrc,
        )
        assert len(d) - int(f["hdr"][i]) - int(f["pad"][i]) == len(p.payload)
    # The compiled kernel and its Python source agree on every output.
    n = len(batch)
    outs = [{k: np.zeros(n, v.dtype) for k, v in f.items()} for _ in range(2)]
    args = (
        batch.buf,
        batch.off,
        batch.length.astype(np.int64),
        batch.src,
        batch.dst,
        batch.sport,
        batch.dport,
    )
    for fn, o in zip((K._classify_kernel, K._classify_kernel.py_func), outs, strict=True):
        with np.errstate(over="ignore"):  # uint64 hashing wraps on purpose
            fn(*args, o["kind"], o["b1"], o["seq"], o["ts"], o["ssrc"], o["hdr"], o["pad"], o["hash"])
    for k in f:
        assert np.array_equal(outs[0][k], outs[1][k]), k


def test_flow_hash_separates_keys() -> None:
    grams = [
        (
            0.0,
            f"10.0.{i // 250}.{i % 250}",
            4000 + (i % 3),
            "10.9.9.9",
            5000,
            bytes(RtpPacket(0, 1, 1, i % 7)),
        )
        for i in range(3000)
    ]
    b = UdpBatch.from_datagrams(grams)
    f = K.classify(b.buf, b.off, b.length.astype(np.int64), b.src, b.dst, b.sport, b.dport)
    keys = {(g[1], g[2], g[5][8:12]) for g in grams}
    assert len(np.unique(f["hash"])) == len(keys)


def test_gather_and_place_kernels_against_numpy() -> None:
    rng = np.random.default_rng(5)
    buf = rng.integers(0, 256, 1000, dtype=np.uint8)
    off = np.array([0, 100, 500], np.int64)
    ln = np.array([10, 0, 30], np.int64)
    out = np.zeros(40, np.uint8)
    K.gather(buf, off, ln, out, np.array([0, 10, 10], np.int64))
    assert np.array_equal(out, np.concatenate([buf[0:10], buf[500:530]]))
    pcm = np.arange(40, dtype=np.int16)
    dest = np.zeros(100, np.int16)
    K.place(pcm, np.array([10, 30], np.int64), np.array([50, 0], np.int64), dest)
    ref = np.zeros(100, np.int16)
    ref[50:60], ref[0:30] = pcm[:10], pcm[10:]
    assert np.array_equal(dest, ref)
    dest2 = np.zeros(100, np.int16)
    K._place_kernel.py_func(pcm, np.array([10, 30]), np.array([50, 0]), dest2)
    assert np.array_equal(dest2, ref)
    with pytest.raises(ValueError, match="outside"):
        K.place(pcm, np.array([10]), np.array([95]), dest)
    with pytest.raises(ValueError, match="outside"):
        K.gather(buf, np.array([995]), np.array([10]), out, np.array([0]))
    assert ip16("1.2.3.4")[-4:] == bytes([1, 2, 3, 4])


@pytest.mark.shared
@pytest.mark.parametrize(
    "name, expect",
    [
        # From pcaps/ANALYSIS.txt: (src port, packets, codec) per RTP stream.
        ("asterisk-testsuite/40msalaw.pcap", {(12648, 826, "PCMA")}),
        ("asterisk-testsuite/CUSTOMER_G711U.pcap", {(47322, 401, "PCMU"), (15440, 399, "PCMU")}),
        ("heplify/sip_ipv4_tcp.pcap", {(6050, 42, "PCMA"), (6000, 24, "PCMA")}),
        ("sipnab-fixtures/rtp-protocol.pcap", {(6040, 201, "PCMA"), (6020, 47, "PCMA")}),
        # ANALYSIS.txt (tshark) says 1838 for 15580: tshark stops decoding that flow at the T.38
        # re-INVITE; the flow carries 3848 packets with consecutive sequence numbers to the end.
        ("heplify/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", {(16756, 3147, "PCMA"), (15580, 3848, "PCMA")}),
        ("sipnab-fixtures/speech_8k_ulaw.pcap", {(6000, 835, "PCMU")}),
        ("wireshark-samples/sip-rtp-g722.pcap", {(17472, 425, "G722")}),
    ],
)
def test_stream_counts_match_analysis(pcaps, name: str, expect: set) -> None:  # type: ignore[type-arg]
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / name))
    got = {(s.sport, s.packets, s.codec) for s in d.streams.values() if s.packets > 10}
    assert got == expect
    for s in d.streams.values():
        if s.packets > 10:
            _, rate, pcm = s.pcm()
            assert abs(len(pcm) / rate - (s.last_ts - s.first_ts)) < 0.1


@pytest.mark.shared
def test_g722_capture_decodes_like_the_reference_decoder(pcaps) -> None:
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / "wireshark-samples" / "sip-rtp-g722.pcap"))
    (s,) = [s for s in d.streams.values() if s.packets > 10]
    payload = b"".join(s.raw_payloads(9))
    _, rate, pcm = s.pcm()
    assert rate == 16000 and np.array_equal(pcm, g722_decode(payload))
    frames = np.abs(pcm[: len(pcm) // 320 * 320].astype(np.int32)).reshape(-1, 320).mean(axis=1)
    assert np.percentile(frames, 90) > 5 * max(1.0, np.percentile(frames, 10))  # speech with pauses


@pytest.mark.shared
def test_tls_call_media_and_ipv4_streams_recorded(pcaps) -> None:
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / "voipshark" / "SIP-over-TLS-RTP-Normal_Call_two_parties.pcap"))
    media = [s for s in d.streams.values() if s.packets > 1000]
    assert len(media) == 4 and all(s.codec == "PCMU" and s.lost == 0 and s.plausible for s in media)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([b"", b"\x80", b"\x90", b"\xa0", b"\x8f", b"\x80\xc8", b"\x10\x00"]),
            st.binary(max_size=40),
        ),
        max_size=40,
    )
)
def test_fuzz_demux_never_raises_and_counts_every_datagram(parts: list[tuple[bytes, bytes]]) -> None:
    grams = [(0.01 * i, *A, *B, head + body) for i, (head, body) in enumerate(parts)]
    d = RtpDemux()
    d.feed(UdpBatch.from_datagrams(grams))
    counted = sum(
        d.stats[k] for k in ("udp.not-rtp", "rtp.packets", "rtp.malformed", "rtcp.packets", "zrtp.packets")
    )
    assert counted == len(grams) == d.stats["udp.datagrams"]
    for s in d.streams.values():
        s.pcm()
        assert s.packets >= 1


def test_release_forgets_streams_and_compaction_keeps_the_rest() -> None:
    a = _packets(ulaw_encode(_ramp(8000)), ssrc=1)
    b = _packets(ulaw_encode(_ramp(8000)), ssrc=2)
    C, D = ("10.0.0.3", 4002), ("10.0.0.4", 5002)
    grams = [(t, *A, *B, bytes(p)) for t, p in a] + [(t, *C, *D, bytes(p)) for t, p in b]
    d = RtpDemux()
    d.feed(UdpBatch.from_datagrams(grams[:25] + grams[50:75]))
    d.feed(UdpBatch.from_datagrams(grams[25:50]))
    keep_key = next(k for k in d.streams if k[0] == C[0])
    old = d.streams[keep_key]
    assert d.release([k for k in d.streams if k[0] == A[0]]) == 1
    d.compact(min_rows=1)
    assert d.stats["rtp.compactions"] == 1 and list(d.streams) == [keep_key]
    d.feed(UdpBatch.from_datagrams([*grams[75:], (2000.0, *A, *B, bytes(a[0][1]))]))
    assert d.stats["rtp.after-release"] == 1
    (s,) = d.streams.values()
    assert s.packets == 50 and s.lost == 0
    assert np.array_equal(s.pcm()[2], ulaw_decode(ulaw_encode(_ramp(8000))))
    assert len(old.pcm()[2]) == 8000  # taken before the compaction: looked up again by key


def test_codec_switch_on_one_ssrc_decodes_both_laws() -> None:
    pcm = _ramp(160 * 20)
    pk = _packets(ulaw_encode(pcm[: 160 * 10])) + _packets(
        alaw_encode(pcm[160 * 10 :]), pt=8, seq0=110, ts0=5000 + 1600, t0=1000.2
    )
    (s,) = _demux(pk).streams.values()
    assert s.payload_types == {0: 10, 8: 10} and s.lost == 0
    _, _, out = s.pcm()
    from ccedge.dsp.g711 import alaw_decode

    want = np.concatenate([ulaw_decode(ulaw_encode(pcm[:1600])), alaw_decode(alaw_encode(pcm[1600:]))])
    assert np.array_equal(out, want)


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "asterisk-testsuite/40msalaw.pcap",
        "restcomm-dtmf/gigaset-n510-ip-pro-rfc2833.pcap",
        "wireshark-samples/SIP_CALL_RTP_G711.pcap",
        "wireshark-samples/SIP_DTMF2.cap",
        "voipshark/SIP-RTP-Normal_Call_two_parties.pcap",
    ],
)
def test_packets_and_loss_agree_with_tshark(pcaps, name: str) -> None:
    import subprocess

    exe = require_tool("tshark")
    out = subprocess.run(
        [exe, "-o", "rtp.heuristic_rtp:TRUE", "-q", "-z", "rtp,streams", "-r", str(pcaps / name)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    theirs = set()
    for line in out.splitlines():
        f = line.split()
        ssrc = next((x for x in f if x.startswith("0x")), None)
        if ssrc is None:
            continue
        i = f.index(ssrc)
        lost_i = next(j for j in range(i, len(f)) if f[j].startswith("(") and f[j].endswith("%)")) - 1
        theirs.add((f[2], int(f[3]), int(ssrc, 16), int(f[lost_i - 1]), int(f[lost_i])))
    d = RtpDemux()
    d.feed(read_udp_batch(pcaps / name))
    ours = {
        (s.src, s.sport, s.ssrc, s.packets, s.lost) for s in d.streams.values() if s.plausible and s.codec
    }
    assert ours == theirs


def test_ipv6_flows() -> None:
    src, dst = ("2001:db8::1", 4000), ("2001:db8::2", 5000)
    d = _demux(_packets(ulaw_encode(_ramp(1600))), src=src, dst=dst)
    (s,) = d.streams.values()
    assert (s.src, s.dst, s.packets) == ("2001:db8::1", "2001:db8::2", 10) and len(s.pcm()[2]) == 1600
