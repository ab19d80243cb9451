"""Every capture in ../shared/data/pcaps: the fast path equals the dpkt-walked reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccedge.hardware.capture import open_capture
from ccedge.testing.capture_reference import read_reference

pytestmark = pytest.mark.shared


def _captures(pcaps: Path) -> list[Path]:
    return sorted(p for p in pcaps.rglob("*") if p.is_file() and p.suffix not in (".key", ".txt", ".md"))


def test_fast_path_equals_reference_on_every_shared_capture(pcaps: Path) -> None:
    files = _captures(pcaps)
    assert files, f"no captures under {pcaps}"
    for path in files:
        reader = open_capture(path)
        fast = reader.read_all().records()
        ref, rstats = read_reference(path)
        assert len(fast) == len(ref), path
        for a, b in zip(fast, ref, strict=True):
            assert a[1:] == b[1:], path
            assert abs(a[0] - b[0]) < 1e-6, path
        assert reader.stats.rejected == rstats.rejected, path
        assert reader.stats.packets == rstats.packets == reader.stats.accounted(), path


def test_erspan_capture_unwrapped(pcaps: Path) -> None:
    reader = open_capture(pcaps / "heplify" / "erspan_sip_ipv4_udp.pcapng")
    batch = reader.read_all()
    assert len(batch) == 140
    # inner addresses, not the GRE tunnel's 192.168.1.213 -> 192.168.8.68
    assert {batch.src_str(i) for i in range(len(batch))}.isdisjoint({"192.168.8.68"})
    first = batch.payload(0)
    assert first.startswith(b"SUBSCRIBE ")
    assert (batch.src_str(0), int(batch.sport[0]), int(batch.dport[0])) == ("180.173.83.248", 53221, 5260)


def test_sll_and_pppoe_captures(pcaps: Path) -> None:
    b = open_capture(pcaps / "asterisk-testsuite" / "ulaw-2013785496.pcap").read_all()
    assert len(b) == 974 and (b.src_str(0), int(b.sport[0])) == ("10.0.0.51", 4000)
    info = open_capture(pcaps / "wireshark-samples" / "DTMFsipinfo.pcap").read_all()  # PPPoE session
    assert len(info) == 32 and info.payload(0).startswith(b"INVITE ")


def test_tcp_sip_capture(pcaps: Path) -> None:
    b = open_capture(pcaps / "heplify" / "sip_ipv4_tcp.pcap").read_all()
    tcp_rows = [i for i in range(len(b)) if b.proto[i] == 6 and b.length[i] > 0]
    assert tcp_rows and any(b.payload(i).startswith(b"INVITE ") for i in tcp_rows)
