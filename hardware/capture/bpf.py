"""Classic BPF programs for the kernel socket filter (Linux ``SO_ATTACH_FILTER``).

Expressions are compiled by tcpdump (``tcpdump -dd``, libpcap's optimiser) when it is installed; without
it a small built-in compiler covers the disjunctions of protocol names the tap uses (``udp or tcp or
proto gre``, ``ip``, ``ip6``) on Ethernet frames. Anything else without tcpdump is a CaptureError.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ccedge.hardware.capture.errors import CaptureError

# BPF opcodes (linux/filter.h)
LD_H_ABS = 0x28
LD_B_ABS = 0x30
JEQ_K = 0x15
RET_K = 0x06
SNAP = 0x40000  # accept: the whole packet (≤ 256 KiB)

_PROTOS = {"udp": 17, "tcp": 6, "gre": 47, "proto gre": 47, "ip proto 47": 47, "sctp": 132}


@dataclass(frozen=True, slots=True)
class Insn:
    code: int
    jt: int
    jf: int
    k: int


def pack(program: list[Insn]) -> bytes:
    """``struct sock_filter[]`` bytes."""
    return b"".join(struct.pack("=HBBI", i.code, i.jt, i.jf, i.k) for i in program)


def compile_tcpdump(expr: str, linktype: str = "EN10MB") -> list[Insn]:
    """Compile with ``tcpdump -dd`` against an empty capture of ``linktype`` (no device needed)."""
    exe = shutil.which("tcpdump")
    if exe is None:
        raise CaptureError("tcpdump is not installed (apt-get install tcpdump)")
    lt = {"EN10MB": 1, "LINUX_SLL": 113, "RAW": 101}[linktype]
    with tempfile.TemporaryDirectory() as d:
        empty = Path(d) / "empty.pcap"
        empty.write_bytes(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, lt))
        proc = subprocess.run(
            [exe, "-r", str(empty), "-dd", expr], capture_output=True, text=True, timeout=20, check=False
        )
    if proc.returncode != 0:
        msg = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
        raise CaptureError(f"tcpdump cannot compile BPF expression {expr!r}: {msg}")
    prog = [
        Insn(int(a, 16), int(b), int(c), int(d, 16))
        for a, b, c, d in re.findall(
            r"\{\s*(0x[0-9a-f]+),\s*(\d+),\s*(\d+),\s*(0x[0-9a-f]+)\s*\}", proc.stdout
        )
    ]
    if not prog:
        raise CaptureError(f"tcpdump produced no BPF program for {expr!r}")
    return prog


def compile_builtin(expr: str) -> list[Insn]:
    """Ethernet-only compiler for ``a or b or ...`` with a, b in udp, tcp, gre / proto gre, sctp, ip, ip6.

    IPv6 packets match on the fixed header's next header or, behind a fragment header, the fragment's
    (as libpcap does); other IPv6 extension headers are not walked.
    """
    terms = [t.strip() for t in re.split(r"\bor\b", expr.strip().lower())]
    protos: list[int] = []
    any4 = any6 = False
    for t in terms:
        t = re.sub(r"\s+", " ", t.strip("() "))
        if t in _PROTOS:
            protos.append(_PROTOS[t])
        elif t == "ip":
            any4 = True
        elif t == "ip6":
            any6 = True
        else:
            raise CaptureError(f"built-in BPF compiler cannot compile {expr!r} (term {t!r}); install tcpdump")
    prog: list[Insn] = []
    # layout: [0] ldh 12; [1] jeq 0x800; [2] jeq 0x86dd; [3] reject; v4 block; v6 block; accept; reject
    v4 = [Insn(LD_B_ABS, 0, 0, 23)] + [Insn(JEQ_K, 0, 0, p) for p in protos]
    v6 = [Insn(LD_B_ABS, 0, 0, 20)] + [Insn(JEQ_K, 0, 0, p) for p in protos]
    v6 += [Insn(JEQ_K, 0, 0, 44), Insn(LD_B_ABS, 0, 0, 54)] + [Insn(JEQ_K, 0, 0, p) for p in protos]
    if any4:
        v4 = []
    if any6:
        v6 = []
    head = 4
    v4_start = head
    v6_start = v4_start + len(v4) + 1  # +1: v4's trailing reject
    accept = v6_start + len(v6) + 1
    reject = accept + 1
    prog.append(Insn(LD_H_ABS, 0, 0, 12))
    prog.append(Insn(JEQ_K, (accept if any4 else v4_start) - 2, 0, 0x0800))
    prog.append(Insn(JEQ_K, (accept if any6 else v6_start) - 3, 0, 0x86DD))
    prog.append(Insn(RET_K, 0, 0, 0))

    def block(insns: list[Insn], start: int, frag_jump: bool) -> list[Insn]:
        out = []
        for j, ins in enumerate(insns):
            at = start + j
            if ins.code == JEQ_K and frag_jump and ins.k == 44 and j == len(protos) + 1:
                out.append(Insn(JEQ_K, 0, reject - at - 1, 44))
            elif ins.code == JEQ_K:
                out.append(Insn(JEQ_K, accept - at - 1, 0, ins.k))
            else:
                out.append(ins)
        out.append(Insn(RET_K, 0, 0, 0))
        return out

    prog += block(v4, v4_start, False)
    prog += block(v6, v6_start, True)
    prog.append(Insn(RET_K, 0, 0, SNAP))
    prog.append(Insn(RET_K, 0, 0, 0))
    return prog


def compile_filter(expr: str, prefer_tcpdump: bool = True) -> list[Insn]:
    if prefer_tcpdump and shutil.which("tcpdump"):
        return compile_tcpdump(expr)
    return compile_builtin(expr)


__all__ = ["Insn", "compile_builtin", "compile_filter", "compile_tcpdump", "pack"]
