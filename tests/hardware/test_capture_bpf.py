"""BPF programs: the built-in compiler decides like tcpdump's on the frames the tap meets."""

from __future__ import annotations

import pytest

from ccedge.hardware.capture import CaptureError
from ccedge.hardware.capture.bpf import compile_builtin, compile_tcpdump, pack
from ccedge.testing import capture_synth as synth
from ccedge.testing.bpf_interp import run
from tests.conftest import require_tool

FRAMES = {
    "udp4": synth.udp_frame("1.1.1.1", "2.2.2.2", 1, 2, b"x"),
    "tcp6": synth.tcp_frame("2001:db8::1", "2001:db8::2", 1, 2, b"x"),
    "gre": synth.gre_wrap(synth.udp_frame("1.1.1.1", "2.2.2.2", 1, 2, b"x")),
    "icmp": synth.link(synth.ip_packet("1.1.1.1", "2.2.2.2", 1, b"xxxx")),
    "arp": synth.link(b"\0" * 28, ethertype=0x0806),
    **{
        f"frag6-{i}": synth.link(f)
        for i, f in enumerate(
            synth.fragment_ipv6(
                synth.ip_packet("2001:db8::1", "2001:db8::2", 17, synth.udp(1, 2, bytes(100))), 64
            )
        )
    },
    "short": b"\0" * 10,
}
EXPRS = ["udp or tcp or proto gre", "udp or tcp", "udp", "tcp or ip6", "ip or ip6", "proto gre"]


@pytest.mark.parametrize("expr", EXPRS)
def test_builtin_matches_tcpdump(expr: str) -> None:
    require_tool("tcpdump")
    ours, theirs = compile_builtin(expr), compile_tcpdump(expr)
    for name, frame in FRAMES.items():
        assert (run(ours, frame) > 0) == (run(theirs, frame) > 0), (expr, name)


def test_builtin_expected_decisions() -> None:
    prog = compile_builtin("udp or tcp or proto gre")
    accepted = {name for name, f in FRAMES.items() if run(prog, f)}
    assert accepted == {"udp4", "tcp6", "gre", "frag6-0", "frag6-1"}
    assert len(pack(prog)) == 8 * len(prog)


def test_unsupported_expressions_are_named() -> None:
    with pytest.raises(CaptureError, match="term 'port 5060'"):
        compile_builtin("udp or port 5060")
    require_tool("tcpdump")
    with pytest.raises(CaptureError, match="cannot compile"):
        compile_tcpdump("udp or or")
