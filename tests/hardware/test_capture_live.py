"""Live capture for real: a veth pair with one end in a network namespace, tcpreplay sending a capture
into it, LiveCapture on the other end; the packets captured equal the file's."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from ccedge.hardware.capture import CaptureError, PacketBatch, open_capture
from ccedge.hardware.capture.live import LiveCapture
from ccedge.testing import capture_synth as synth
from ccedge.testing.capture_bench import synthetic_pcap
from ccedge.testing.netns import VethPair, replay_into_namespace, to_ethernet_pcap
from tests.conftest import require_root, require_tool

pytestmark = pytest.mark.root


def _needs() -> None:
    require_root()
    require_tool("ip")
    require_tool("tcpreplay")
    require_tool("tcpdump")


def _key(r: tuple) -> tuple:
    return r[1:]  # everything but the timestamp: addresses, ports, payload, TCP seq and flags


def _generated(tmp_path: Path, kind: str) -> Path:
    frames = []
    for i in range(60):
        frames.append(
            (1.0 + i * 0.02, synth.udp_frame("10.1.0.1", "10.2.0.1", 20000, 30000, b"rtp %d" % i, kind=kind))
        )
    frames.append(
        (
            3.0,
            synth.tcp_frame(
                "10.1.0.1", "10.2.0.1", 5060, 5060, b"INVITE sip:b SIP/2.0\r\n", seq=10, kind=kind
            ),
        )
    )
    frames.append((3.1, synth.udp_frame("2001:db8::1", "2001:db8::2", 5060, 5060, b"OPTIONS", kind=kind)))
    frames.append((3.2, synth.link(synth.ip_packet("10.1.0.1", "10.2.0.1", 1, b"\x08\0\0\0icmp"), kind)))
    big = synth.ip_packet("10.1.0.1", "10.2.0.1", 17, synth.udp(5060, 5060, b"Z" * 3000), ident=7)
    frames += [(3.3 + j * 0.001, synth.link(f, kind)) for j, f in enumerate(synth.fragment_ipv4(big, 1400))]
    return synth.write_pcap(tmp_path / f"gen-{kind}.pcap", frames, kind)


@pytest.mark.parametrize(("kind", "ring"), [("ether", True), ("sll", True), ("ether", False), ("sll", False)])
def test_live_equals_file_on_generated_capture(tmp_path: Path, kind: str, ring: bool) -> None:
    _needs()
    src = _generated(tmp_path, kind)
    batches, stats, sent = replay_into_namespace(src, tmp_path, ring=ring)
    live = PacketBatch.concat(batches).records()
    want = open_capture(src).read_all().records()
    assert [_key(r) for r in live] == [_key(r) for r in want]
    assert len(live) == 63  # 60 UDP + TCP + IPv6 + one reassembled datagram; ICMP filtered in the kernel
    assert stats.kernel_drops == 0 and stats.kernel_packets >= 63
    assert stats.fragments_merged == 2
    assert open_capture(sent).read_all().records()[0][1:] == want[0][1:]


def test_live_equals_file_on_shared_captures(tmp_path: Path, pcaps: Path) -> None:
    _needs()
    for rel in (
        "asterisk-testsuite/ulaw-2013785496.pcap",  # Linux SLL
        "heplify/erspan_sip_ipv4_udp.pcapng",  # GRE SPAN session
        "heplify/sip_ipv4_tcp.pcap",
        "wireshark-samples/DTMFsipinfo.pcap",
    ):  # PPPoE: not matched by the IP filter
        batches, stats, _sent = replay_into_namespace(pcaps / rel, tmp_path, pps=20000)
        live = [_key(r) for r in PacketBatch.concat(batches).records()]
        want = [_key(r) for r in open_capture(pcaps / rel).read_all().records()]
        if "PPPoE" in rel or "DTMFsipinfo" in rel:
            assert live == []  # the BPF program only looks at plain Ethernet IP frames
            continue
        assert live == want, rel
        assert stats.kernel_drops == 0


def test_live_without_filter_sees_and_counts_everything(tmp_path: Path) -> None:
    _needs()
    src = _generated(tmp_path, "ether")
    batches, stats, _ = replay_into_namespace(src, tmp_path, bpf="")
    assert len(PacketBatch.concat(batches)) == 63
    assert stats.rejected.get("non-udp-tcp", 0) >= 1  # the ICMP packet now reaches us and is counted
    assert stats.packets == stats.accounted()


def test_builtin_bpf_compiler_attaches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs()
    import ccedge.hardware.capture.live as live_mod
    from ccedge.hardware.capture.bpf import compile_builtin

    monkeypatch.setattr(live_mod, "compile_filter", compile_builtin)  # fault: tcpdump missing
    src = _generated(tmp_path, "ether")
    batches, stats, _ = replay_into_namespace(src, tmp_path)
    assert len(PacketBatch.concat(batches)) == 63
    assert "non-udp-tcp" not in stats.rejected


def test_live_errors_are_capture_errors() -> None:
    require_root()
    with pytest.raises(CaptureError, match="no such interface"):
        LiveCapture("nonexistent0")
    with pytest.raises(CaptureError, match="cannot compile"):
        LiveCapture("lo", bpf="this is not bpf")


def test_to_ethernet_pcap_keeps_payloads(tmp_path: Path) -> None:
    for kind in ("sll", "sll2", "raw", "null"):
        src = _generated(tmp_path, kind)
        eth = to_ethernet_pcap(src, tmp_path / f"{kind}.eth.pcap")
        assert open_capture(eth).linktype == 1
        assert [_key(r) for r in open_capture(eth).read_all().records()] == [
            _key(r) for r in open_capture(src).read_all().records()
        ]


def test_af_packet_available_or_skips() -> None:
    require_root()
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.close()


@pytest.mark.parametrize("ring", [True, False])
def test_live_topspeed_accounts_for_every_frame(tmp_path: Path, ring: bool) -> None:
    """tcpreplay at full speed: whatever the kernel had to drop is counted, the rest is delivered."""
    _needs()
    src = synthetic_pcap(tmp_path / "fast.pcap", 50_000, calls=100)
    with VethPair() as veth:
        live = LiveCapture(veth.host, ring=ring, batch_packets=8192, timeout_s=0.05)
        assert live.ring is ring
        got: list[int] = []
        t = threading.Thread(target=lambda: got.extend(len(b) for b in live))
        t.start()
        subprocess.run(
            ["ip", "netns", "exec", veth.ns, "tcpreplay", "-q", "-t", "-i", veth.peer, str(src)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        time.sleep(0.3)
        live.stop()
        t.join(60)
        assert not t.is_alive()
    s = live.stats
    assert sum(got) == s.emitted == s.packets > 0, s
    assert s.packets + s.kernel_drops == s.kernel_packets == 50_000, s


def test_ring_follows_the_kernel_when_out_of_step(tmp_path: Path) -> None:
    """If the reader's block index ever lags the kernel's, it resynchronises on the oldest ready block."""
    _needs()
    src = _generated(tmp_path, "ether")
    with VethPair() as veth:
        live = LiveCapture(veth.host, ring=True, batch_packets=1024, timeout_s=0.05)
        live._block = 5  # fault: out of step with the kernel, which fills block 0 first
        veth.replay(src, tmp_path, pps=5000)
        time.sleep(0.3)
        live.stop()
        rows = PacketBatch.concat(list(live)).records()
    assert [_key(r) for r in rows] == [_key(r) for r in open_capture(src).read_all().records()]
