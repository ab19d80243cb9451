"""Capture files: formats, link types, encapsulations, fragments — fast path against the reference."""

from __future__ import annotations

import gzip
from pathlib import Path

import dpkt
import numpy as np
import pytest

from ccedge.hardware import HardwareError
from ccedge.hardware.capture import CaptureError, PacketBatch, open_capture
from ccedge.testing import capture_synth as synth
from ccedge.testing.capture_reference import read_reference

A4, B4 = "10.0.0.1", "10.0.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"


def read(path: Path, **kw: object) -> tuple[list[tuple], object]:
    reader = open_capture(path, **kw)  # type: ignore[arg-type]
    recs = reader.read_all().records()
    assert reader.stats.packets == reader.stats.accounted()
    return recs, reader.stats


def assert_same_as_reference(path: Path, **kw: object) -> list[tuple]:
    recs, stats = read(path, **kw)
    ref, rstats = read_reference(path)
    assert len(recs) == len(ref)
    for a, b in zip(recs, ref, strict=True):
        assert a[1:] == b[1:]
        assert a[0] == pytest.approx(b[0], abs=1e-6)
    assert stats.rejected == rstats.rejected  # type: ignore[attr-defined]
    assert stats.packets == rstats.packets  # type: ignore[attr-defined]
    return recs


def mixed_frames(kind: str) -> list[tuple[float, bytes]]:
    frames = []
    for i in range(20):
        frames.append((1000.0 + i * 0.02, synth.udp_frame(A4, B4, 20000, 30000, b"rtp%03d" % i, kind=kind)))
        frames.append((1000.01 + i * 0.02, synth.udp_frame(A6, B6, 5060, 5060, b"INVITE %d" % i, kind=kind)))
    frames.append((1001.0, synth.tcp_frame(A4, B4, 5060, 40000, b"SIP/2.0 200 OK\r\n", seq=77, kind=kind)))
    frames.append((1001.1, synth.link(synth.ip_packet(A4, B4, 1, b"\x08\x00\x00\x00ping"), kind)))  # ICMP
    return frames


@pytest.mark.parametrize("kind", ["ether", "sll", "sll2", "raw", "null", "loop"])
def test_link_types(tmp_path: Path, kind: str) -> None:
    frames = mixed_frames(kind)
    if kind == "raw":
        lt: int | str = "raw"
    else:
        lt = kind
    p = synth.write_pcap(tmp_path / f"{kind}.pcap", frames, lt)
    recs = assert_same_as_reference(p)
    assert len(recs) == 41
    assert recs[0][1:7] == (A4, B4, 17, 20000, 30000, b"rtp000")
    assert recs[1][1:7] == (A6, B6, 17, 5060, 5060, b"INVITE 0")
    assert recs[-1][1:9] == (A4, B4, 6, 5060, 40000, b"SIP/2.0 200 OK\r\n", 77, 0x18)
    _, stats = read(p)
    assert stats.rejected == {"non-udp-tcp": 1}  # type: ignore[attr-defined]


def test_ipv4_ipv6_linktypes_228_229(tmp_path: Path) -> None:
    v4 = [(1.0, synth.ip_packet(A4, B4, 17, synth.udp(1, 2, b"four")))]
    v6 = [(1.0, synth.ip_packet(A6, B6, 17, synth.udp(1, 2, b"six")))]
    assert read(synth.write_pcap(tmp_path / "4.pcap", v4, "ipv4"))[0][0][6] == b"four"
    assert read(synth.write_pcap(tmp_path / "6.pcap", v6, "ipv6"))[0][0][6] == b"six"


@pytest.mark.parametrize("nano", [False, True])
@pytest.mark.parametrize("big", [False, True])
def test_pcap_byte_orders_and_resolutions(tmp_path: Path, nano: bool, big: bool) -> None:
    frames = [(1700000000.123456 + i, synth.udp_frame(A4, B4, 1, 2, b"x" * i)) for i in range(5)]
    p = synth.write_pcap(tmp_path / "o.pcap", frames, nano=nano, big_endian=big)
    recs = assert_same_as_reference(p)
    assert [r[6] for r in recs] == [b"x" * i for i in range(5)]
    assert recs[0][0] == pytest.approx(1700000000.123456, abs=1e-6)


def test_dpkt_writer_output_reads(tmp_path: Path) -> None:
    """Files written by dpkt's own writers (classic and pcapng)."""
    p = tmp_path / "w.pcap"
    with open(p, "wb") as f:
        w = dpkt.pcap.Writer(f)
        for i in range(10):
            w.writepkt(synth.udp_frame(A4, B4, 7000 + i, 8000, b"payload"), ts=50.0 + i)
    recs = assert_same_as_reference(p)
    assert [r[4] for r in recs] == list(range(7000, 7010))
    q = tmp_path / "w.pcapng"
    with open(q, "wb") as f:
        wn = dpkt.pcapng.Writer(f)
        for i in range(10):
            wn.writepkt(synth.udp_frame(A6, B6, 7000 + i, 8000, b"payload"), ts=50.0 + i)
    recs = assert_same_as_reference(q)
    assert [r[4] for r in recs] == list(range(7000, 7010))
    assert recs[3][0] == pytest.approx(53.0)


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("tsresol", [6, 9])
def test_pcapng(tmp_path: Path, big: bool, tsresol: int) -> None:
    frames = mixed_frames("ether")
    p = synth.write_pcapng(tmp_path / "n.pcapng", frames, tsresol=tsresol, big_endian=big)
    recs, _stats = read(p)
    assert len(recs) == 41
    assert recs[5][0] == pytest.approx(frames[5][0], abs=1e-6)
    if not big:  # dpkt's pcapng reader handles little-endian sections
        assert_same_as_reference(p)


@pytest.mark.parametrize("name", ["g.pcap.gz", "g.pcapng.gz"])
def test_gzip(tmp_path: Path, name: str) -> None:
    frames = mixed_frames("ether")
    writer = synth.write_pcapng if "pcapng" in name else synth.write_pcap
    p = writer(tmp_path / name, frames)
    assert p.read_bytes()[:2] == b"\x1f\x8b"
    assert len(assert_same_as_reference(p)) == 41


def test_gzip_detected_by_content_not_name(tmp_path: Path) -> None:
    p = synth.write_pcap(tmp_path / "a.pcap", mixed_frames("ether"))
    q = tmp_path / "b.cap"
    q.write_bytes(gzip.compress(p.read_bytes()))
    assert len(read(q)[0]) == 41


def test_vlan_and_qinq(tmp_path: Path) -> None:
    frames = [
        (1.0, synth.udp_frame(A4, B4, 1, 2, b"one", vlans=(100,))),
        (2.0, synth.udp_frame(A4, B4, 1, 2, b"two", vlans=(100, 200))),
        (3.0, synth.udp_frame(A6, B6, 1, 2, b"three", vlans=(1, 2, 3))),
    ]
    recs = assert_same_as_reference(synth.write_pcap(tmp_path / "v.pcap", frames))
    assert [r[6] for r in recs] == [b"one", b"two", b"three"]


def test_pppoe_and_mpls(tmp_path: Path) -> None:
    ip = synth.ip_packet(A4, B4, 17, synth.udp(5060, 5060, b"ppp"))
    pppoe = synth.link(b"\x11\x00\x00\x01" + len(ip).to_bytes(2, "big") + b"\x00\x21" + ip, ethertype=0x8864)
    mpls = synth.link(b"\x00\x01\x00\x40" + b"\x00\x02\x01\x40" + ip, ethertype=0x8847)
    arp = synth.link(b"\x00" * 28, ethertype=0x0806)
    recs, stats = read(synth.write_pcap(tmp_path / "p.pcap", [(1.0, pppoe), (2.0, mpls), (3.0, arp)]))
    assert [r[6] for r in recs] == [b"ppp", b"ppp"]
    assert stats.rejected == {"not-ip": 1}  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["teb", "erspan1", "erspan2", "erspan3", "erspan3o"])
def test_gre_erspan_unwrapped(tmp_path: Path, kind: str) -> None:
    inner = [
        synth.udp_frame("172.16.0.5", "172.16.0.6", 5060, 5060, b"INVITE sip:x SIP/2.0\r\n", vlans=(9,)),
        synth.tcp_frame(A6, B6, 5061, 5062, b"BYE", seq=5),
    ]
    frames = [(10.0 + i, synth.gre_wrap(f, kind, key=42 if i else None)) for i, f in enumerate(inner)]
    recs = assert_same_as_reference(synth.write_pcap(tmp_path / "e.pcap", frames))
    assert recs[0][1:7] == ("172.16.0.5", "172.16.0.6", 17, 5060, 5060, b"INVITE sip:x SIP/2.0\r\n")
    assert recs[1][1:8] == (A6, B6, 6, 5061, 5062, b"BYE", 5)


def test_gre_rejects_are_named(tmp_path: Path) -> None:
    inner = synth.udp_frame(A4, B4, 1, 2, b"x")
    good = synth.gre_wrap(inner, "teb")
    # GRE version 1 (PPTP), unknown protocol, ERSPAN III non-Ethernet frame type, too deep
    v1 = bytearray(good)
    v1[34 + 1] |= 1
    unknown = bytearray(good)
    unknown[34 + 2 : 34 + 4] = b"\x12\x34"
    e3 = bytearray(synth.gre_wrap(inner, "erspan3"))
    e3[34 + 8 + 10] |= 2 << 2
    deep = inner
    for _ in range(5):
        deep = synth.gre_wrap(deep, "teb")
    frames = [(1.0, bytes(v1)), (2.0, bytes(unknown)), (3.0, bytes(e3)), (4.0, deep), (5.0, good[:36])]
    p = synth.write_pcap(tmp_path / "bad.pcap", frames)
    assert_same_as_reference(p)
    recs, stats = read(p)
    assert recs == []
    assert stats.rejected == {  # type: ignore[attr-defined]
        "unsupported-gre-version-or-routing": 1,
        "gre-unknown-protocol": 1,
        "erspan-non-ethernet-frame": 1,
        "encapsulation-too-deep": 1,
        "truncated-gre-header": 1,
    }


def test_erspan_type2_with_ethernet_padding_trimmed(tmp_path: Path) -> None:
    """Short inner frames are padded to 60 bytes on the wire: the UDP length must bound the payload."""
    frame = synth.udp_frame(A4, B4, 1, 2, b"hi") + b"\0" * 16
    recs = assert_same_as_reference(
        synth.write_pcap(tmp_path / "pad.pcap", [(1.0, synth.gre_wrap(frame, "erspan2"))])
    )
    assert recs[0][6] == b"hi"


def test_ipv6_extension_headers(tmp_path: Path) -> None:
    l4 = synth.udp(5060, 5060, b"v6 with options")
    hop = bytes([60, 0, 1, 4, 0, 0, 0, 0])  # hop-by-hop → destination options, PadN
    dst = bytes([43, 0, 1, 4, 0, 0, 0, 0])  # destination options → routing
    rt = bytes([17, 0, 0, 0, 0, 0, 0, 0])  # routing type 0, segments left 0 → UDP
    pkt = synth.ip_packet(A6, B6, 17, l4, ext=hop + dst + rt, ext_nh=0)
    ah = bytes([17, 1, 0, 0]) + bytes(8)  # AH, payload length 1 → 12 bytes
    pkt_ah = synth.ip_packet(A6, B6, 17, l4, ext=ah, ext_nh=51)
    esp = synth.ip_packet(A6, B6, 50, b"\0" * 24)
    cut = synth.ip_packet(A6, B6, 17, b"", ext=bytes([17, 5]) + bytes(6), ext_nh=0)
    frames = [
        (1.0, synth.link(pkt)),
        (2.0, synth.link(pkt_ah)),
        (3.0, synth.link(esp)),
        (4.0, synth.link(cut)),
    ]
    p = synth.write_pcap(tmp_path / "x.pcap", frames)
    recs = assert_same_as_reference(p)
    assert [r[6] for r in recs] == [b"v6 with options"] * 2
    assert read(p)[1].rejected == {"ipsec-esp": 1, "truncated-ipv6-extension-header": 1}  # type: ignore[attr-defined]


def test_malformed_headers_counted_by_reason(tmp_path: Path) -> None:
    ok = synth.ip_packet(A4, B4, 17, synth.udp(1, 2, b"data"))
    bad_ver = bytes([0x55]) + ok[1:]
    bad_ihl = bytes([0x44]) + ok[1:]
    bad_tot = ok[:2] + b"\x00\x10" + ok[4:]
    tcp_bad_off = synth.ip_packet(A4, B4, 6, synth.tcp(1, 2, b"")[:12] + b"\x30" + synth.tcp(1, 2, b"")[13:])
    frames = [
        (1.0, synth.link(bad_ver)),
        (2.0, synth.link(bad_ihl)),
        (3.0, synth.link(bad_tot)),
        (4.0, synth.link(ok[:25])),
        (5.0, synth.link(ok[:12])),
        (6.0, synth.link(tcp_bad_off)),
        (7.0, synth.link(synth.ip_packet(A4, B4, 6, synth.tcp(1, 2, b"")[:10]))),
        (8.0, b"\x00" * 10),
    ]
    p = synth.write_pcap(tmp_path / "m.pcap", frames)
    assert_same_as_reference(p)
    recs, stats = read(p)
    assert recs == []
    assert stats.rejected == {  # type: ignore[attr-defined]
        "bad-ip-version": 1,
        "bad-ip-header-length": 1,
        "bad-ip-total-length": 1,
        "truncated-udp-header": 1,
        "truncated-ip-header": 1,
        "bad-tcp-data-offset": 1,
        "truncated-tcp-header": 1,
        "truncated-link-header": 1,
    }


def test_snaplen_truncated_payload_and_tso_zero_length(tmp_path: Path) -> None:
    full = synth.udp_frame(A4, B4, 1, 2, b"0123456789")
    tso = bytearray(synth.tcp_frame(A4, B4, 1, 2, b"segment-offload"))
    tso[16:18] = b"\0\0"  # IPv4 total length 0, as TSO leaves it on the sending host
    recs = assert_same_as_reference(
        synth.write_pcap(tmp_path / "s.pcap", [(1.0, full[:-4]), (2.0, bytes(tso))])
    )
    assert recs[0][6] == b"012345"
    assert recs[1][6] == b"segment-offload"


def test_ipv4_fragments_reassembled_in_any_order(tmp_path: Path) -> None:
    body = bytes(range(256)) * 12
    big = synth.ip_packet(A4, B4, 17, synth.udp(5060, 5060, body), ident=99)
    frags = synth.fragment_ipv4(big, 1000)
    order = [2, 0, 3, 1]
    frames = [(1.0, synth.udp_frame(A4, B4, 9, 9, b"before"))]
    frames += [(2.0 + j * 0.001, synth.link(frags[i], vlans=(3,))) for j, i in enumerate(order)]
    frames.append((3.0, synth.udp_frame(A4, B4, 9, 9, b"after")))
    p = synth.write_pcap(tmp_path / "f.pcap", frames)
    recs = assert_same_as_reference(p)
    assert [r[6] for r in recs] == [b"before", body, b"after"]
    assert recs[1][0] == pytest.approx(2.003)  # reported at the fragment that completed it
    _, stats = read(p)
    assert stats.fragments_merged == 3  # type: ignore[attr-defined]


def test_ipv6_fragments_and_gre_inside_fragments(tmp_path: Path) -> None:
    body = b"SIP message " * 300
    big6 = synth.ip_packet(A6, B6, 17, synth.udp(5060, 5060, body))
    frames = [(1.0 + i, synth.link(f, "sll")) for i, f in enumerate(synth.fragment_ipv6(big6, 1232))]
    recs = assert_same_as_reference(synth.write_pcap(tmp_path / "f6.pcap", frames, "sll"))
    assert [r[6] for r in recs] == [body]
    # a SPAN tunnel whose outer IPv4 packet was fragmented
    inner = synth.udp_frame("172.16.1.1", "172.16.1.2", 5060, 5060, body[:2000])
    outer = synth.gre_wrap(inner, "erspan2")
    frags = synth.fragment_ipv4(outer[14:], 1480)
    frames = [(5.0 + i, synth.link(f)) for i, f in enumerate(frags)]
    recs = assert_same_as_reference(synth.write_pcap(tmp_path / "fg.pcap", frames))
    assert [(r[1], r[6]) for r in recs] == [("172.16.1.1", body[:2000])]


def test_fragment_timeout_duplicate_overlap_incomplete(tmp_path: Path) -> None:
    def frags(ident: int) -> list[bytes]:
        return synth.fragment_ipv4(
            synth.ip_packet(A4, B4, 17, synth.udp(1, 2, bytes(3000)), ident=ident), 1024
        )

    a, b, c, d = frags(1), frags(2), frags(3), frags(4)
    overlap = bytearray(c[1])
    overlap[6:8] = (0x2000 | 127).to_bytes(2, "big")  # offset 1016: overlaps fragment 0
    frames = [
        (0.0, a[0]),
        (100.0, a[1]),
        (100.1, a[2]),  # a[0] times out before the rest arrive
        (101.0, b[0]),
        (101.1, b[0]),
        (101.2, b[1]),
        (101.3, b[2]),  # duplicate fragment ignored
        (102.0, c[0]),
        (102.1, bytes(overlap)),  # overlap drops the datagram
        (103.0, d[0]),  # never completed
    ]
    p = synth.write_pcap(tmp_path / "t.pcap", [(t, synth.link(f)) for t, f in frames])
    recs = assert_same_as_reference(p, fragment_timeout_s=30.0)
    assert [len(r[6]) for r in recs] == [3000]
    _, stats = read(p)
    assert stats.rejected == {  # type: ignore[attr-defined]
        "ip-fragment-timeout": 1,
        "ip-fragment-duplicate": 1,
        "ip-fragment-overlap": 2,
        "ip-fragment-incomplete": 3,
    }
    assert stats.fragments_pending == 0  # type: ignore[attr-defined]


def test_reassembly_memory_is_bounded() -> None:
    from ccedge.hardware.capture.batch import CaptureStats
    from ccedge.hardware.capture.reassembly import Reassembler

    stats = CaptureStats()
    r = Reassembler(stats, max_datagrams=8, max_bytes=64 * 1024)
    for i in range(1000):
        _st, _, _ = r.add((4, b"a", b"b", 17, i), 0, True, bytes(4096), float(i) * 0.001, 17)
        assert len(r) <= 8 and r.held_bytes <= 64 * 1024
    assert stats.rejected["ip-fragment-memory-limit"] == 1000 - len(r)
    assert stats.fragments_pending == len(r)
    with pytest.raises(ValueError, match="positive"):
        Reassembler(stats, timeout_s=0)


def test_batches_split_and_share_order(tmp_path: Path) -> None:
    frames = [(float(i), synth.udp_frame(A4, B4, 1, i % 65536, b"p%d" % i)) for i in range(2500)]
    p = synth.write_pcap(tmp_path / "b.pcap", frames)
    reader = open_capture(p, batch_packets=1000)
    sizes = [len(b) for b in reader]
    assert sizes == [1000, 1000, 500]
    assert reader.stats.batches == 3
    # tiny read chunks force records to straddle buffer refills
    from ccedge.hardware.capture.files import CaptureReader

    r2 = CaptureReader(p, batch_packets=300, chunk_bytes=4096)
    recs = PacketBatch.concat(list(r2)).records()
    assert [r[5] for r in recs] == list(range(2500))


def test_truncated_file_yields_what_it_holds(tmp_path: Path) -> None:
    frames = [(float(i), synth.udp_frame(A4, B4, 1, 2, b"payload %d" % i)) for i in range(10)]
    data = synth.write_pcap(tmp_path / "full.pcap", frames).read_bytes()
    for cut in (len(data) - 3, len(data) - 40, len(data) - 60):  # last record: body, body, header
        p = tmp_path / f"cut{cut}.pcap"
        p.write_bytes(data[:cut])
        recs, stats = read(p)
        assert len(recs) == 9
        assert stats.truncated and stats.rejected == {"truncated-record": 1}  # type: ignore[attr-defined]
        ref, rstats = read_reference(p)
        assert len(ref) == 9 and rstats.truncated
    many = [(float(i), synth.udp_frame(A4, B4, 1, 2, b"%d" % (i * 7919) * 20)) for i in range(3000)]
    gz = tmp_path / "cut.pcap.gz"
    gz.write_bytes(gzip.compress(synth.write_pcap(tmp_path / "many.pcap", many).read_bytes())[:-100])
    recs, stats = read(gz)
    assert 0 < len(recs) < 3000
    assert [r[0] for r in recs] == [float(i) for i in range(len(recs))]
    ng = synth.write_pcapng(tmp_path / "full.pcapng", frames).read_bytes()
    q = tmp_path / "cut.pcapng"
    q.write_bytes(ng[:-10])
    recs, stats = read(q)
    assert len(recs) == 9 and stats.truncated  # type: ignore[attr-defined]


def test_corrupt_record_length_stops_cleanly(tmp_path: Path) -> None:
    frames = [(float(i), synth.udp_frame(A4, B4, 1, 2, b"x")) for i in range(3)]
    data = bytearray(synth.write_pcap(tmp_path / "ok.pcap", frames).read_bytes())
    rec2 = 24 + 2 * (16 + len(frames[0][1]))
    data[rec2 + 8 : rec2 + 12] = (0x7FFFFFFF).to_bytes(4, "little")
    p = tmp_path / "corrupt.pcap"
    p.write_bytes(bytes(data))
    recs, stats = read(p)
    assert len(recs) == 2
    assert stats.rejected == {"corrupt-record-header": 1}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "too short"),
        (b"\xd4\xc3", "too short"),
        (b"GIF89a" + bytes(40), "not a pcap or pcapng file"),
        (b"\xd4\xc3\xb2\xa1\x02\x00", "pcap file header truncated"),
        (b"\xd4\xc3\xb2\xa1\x07\x00\x04\x00" + bytes(16), "unsupported pcap version 7.4"),
        (b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + bytes(12) + b"\xe4\x00\x00\x00", None),
        (
            b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + bytes(12) + b"\x93\x00\x00\x00",
            "unsupported pcap link type 147",
        ),
        (b"\x0a\x0d\x0d\x0a\x1c\x00\x00\x00", "pcapng section header truncated"),
        (b"\x0a\x0d\x0d\x0a\x1c\x00\x00\x00ABCD", "bad byte-order magic"),
    ],
)
def test_bad_file_headers_raise_capture_error(tmp_path: Path, data: bytes, message: str | None) -> None:
    p = tmp_path / "bad.pcap"
    p.write_bytes(data)
    if message is None:  # a valid header with no records
        assert read(p)[0] == []
        return
    with pytest.raises(CaptureError, match=message) as ei:
        open_capture(p)
    assert isinstance(ei.value, HardwareError)


def test_missing_file_is_capture_error(tmp_path: Path) -> None:
    with pytest.raises(CaptureError, match="cannot open capture"):
        open_capture(tmp_path / "nope.pcap")


def test_batch_accessors_and_from_records() -> None:
    b = PacketBatch.from_records([(1.0, A4, B6, 17, 1, 2, b"abc"), (2.0, B4, A4, 6, 3, 4, b"", 9, 0x12)])
    assert len(b) == 2
    assert b.src_str(0) == A4 and b.dst_str(0) == B6
    assert b.payload(0) == b"abc" and b.payload(1) == b""
    assert list(b.is_ipv4()) == [True, False] or list(b.is_ipv4()) == [True, True]
    assert b.records()[1] == (2.0, B4, A4, 6, 3, 4, b"", 9, 0x12)
    both = PacketBatch.concat([b, b.take(np.array([0]))])
    assert [r[6] for r in both.records()] == [b"abc", b"", b"abc"]
    assert len(PacketBatch.empty()) == 0
    with pytest.raises(ValueError, match="4 or 16 bytes"):
        PacketBatch.from_records([(0.0, b"\x01\x02", A4, 17, 1, 1, b"")])


def test_dpkt_decodes_the_same_fields(tmp_path: Path) -> None:
    """Third opinion on plain Ethernet packets: dpkt's own header decoders."""
    frames = mixed_frames("ether")
    recs, _ = read(synth.write_pcap(tmp_path / "d.pcap", frames))
    want = []
    for _ts, frame in frames:
        ip = dpkt.ethernet.Ethernet(frame).data
        l4 = ip.data
        if isinstance(l4, dpkt.udp.UDP | dpkt.tcp.TCP):
            want.append((l4.sport, l4.dport, bytes(l4.data)))
    assert [(r[4], r[5], r[6]) for r in recs] == want


@pytest.mark.parametrize("kind", ["vxlan", "geneve"])
def test_vxlan_and_geneve_mirroring_unwrapped(tmp_path: Path, kind: str) -> None:
    inner = synth.udp_frame("172.16.0.5", "172.16.0.6", 20000, 30000, b"\x80\x00rtp", vlans=(12,))
    opts = b"\x01\x02\x03\x01abcd" if kind == "geneve" else b""
    tunneled = synth.udp_tunnel_wrap(inner, kind, geneve_opts=opts)
    # not a tunnel: RTCP (version 2) that happens to use port 4789, and a Geneve header with a non-Ethernet
    # protocol; both stay plain UDP rows of the outer packet
    rtcp = synth.udp_frame(A4, B4, 4788, 4789, b"\x81\xc8\x00\x0c" + bytes(20))
    geneve_ip = synth.udp_frame(A4, B4, 1, 6081, b"\x00\x00\x08\x00" + bytes(4) + bytes(40))
    frames = [(1.0, tunneled), (2.0, rtcp), (3.0, geneve_ip)]
    recs = assert_same_as_reference(synth.write_pcap(tmp_path / "t.pcap", frames))
    assert recs[0][1:7] == ("172.16.0.5", "172.16.0.6", 17, 20000, 30000, b"\x80\x00rtp")
    assert (recs[1][5], recs[2][5]) == (4789, 6081)


def test_pcapng_mixed_interfaces_and_block_kinds(tmp_path: Path) -> None:
    import struct

    def block(btype: int, body: bytes) -> bytes:
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", btype, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))

    def idb(lt: int, tsresol: int) -> bytes:
        return block(1, struct.pack("<HHI", lt, 0, 65535) + struct.pack("<HHB3x", 9, 1, tsresol) + bytes(4))

    def epb(iface: int, units: int, frame: bytes) -> bytes:
        return block(
            6, struct.pack("<IIIII", iface, units >> 32, units & 0xFFFFFFFF, len(frame), len(frame)) + frame
        )

    eth = synth.udp_frame(A4, B4, 1, 2, b"on ether")
    sll = synth.udp_frame(A6, B6, 3, 4, b"on sll", kind="sll")
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    data = b"".join(
        [
            shb,
            idb(1, 6),
            idb(113, 9),
            epb(0, 5_000_000, eth),
            epb(1, 6_000_000_000, sll),
            block(3, struct.pack("<I", len(eth)) + eth),  # Simple Packet Block: interface 0, no timestamp
            block(0x0BAD, b"custom"),  # unknown block types are skipped
            epb(7, 0, eth),  # no such interface
            shb,
            idb(113, 6),
            epb(0, 8_000_000, sll),  # a new section resets the interfaces
        ]
    )
    p = tmp_path / "mixed.pcapng"
    p.write_bytes(data)
    recs, stats = read(p)
    assert [(r[0], r[6]) for r in recs] == [
        (5.0, b"on ether"),
        (6.0, b"on sll"),
        (0.0, b"on ether"),
        (8.0, b"on sll"),
    ]
    assert stats.rejected == {"pcapng-unknown-interface": 1}  # type: ignore[attr-defined]


def test_reader_iterates_once(tmp_path: Path) -> None:
    reader = open_capture(synth.write_pcap(tmp_path / "once.pcap", mixed_frames("ether")))
    assert sum(len(b) for b in reader) == 41
    with pytest.raises(CaptureError, match="only once"):
        list(reader)
