"""A classic BPF interpreter for checking the programs ``ccedge.hardware.capture.bpf`` compiles
against frames, without a kernel (tests only)."""

from __future__ import annotations

from ccedge.hardware.capture.bpf import Insn


def run(program: list[Insn], frame: bytes) -> int:
    """Interpret the subset of classic BPF the compilers above emit (ld abs, jeq k, ret k, and tcpdump's
    jset/jgt/ldx msh/ld ind for the common programs); returns the snap length (0: drop)."""
    a = x = 0
    pc = 0
    n = len(frame)
    for _ in range(4096):
        ins = program[pc]
        c, k = ins.code, ins.k
        if c in (0x28, 0x30, 0x20, 0x48, 0x50, 0x40):  # ld{h,b,w} abs / ind
            off = k + (x if c in (0x48, 0x50, 0x40) else 0)
            size = {0x28: 2, 0x48: 2, 0x30: 1, 0x50: 1, 0x20: 4, 0x40: 4}[c]
            if off + size > n:
                return 0
            a = int.from_bytes(frame[off : off + size], "big")
        elif c == 0xB1:  # ldx msh: 4 * (P[k] & 0xf)
            if k >= n:
                return 0
            x = 4 * (frame[k] & 0xF)
        elif c == 0x54:  # and k
            a &= k
        elif c in (0x15, 0x25, 0x35, 0x45):  # jeq, jgt, jge, jset
            cond = {0x15: a == k, 0x25: a > k, 0x35: a >= k, 0x45: bool(a & k)}[c]
            pc += ins.jt if cond else ins.jf
        elif c == 0x05:  # ja
            pc += k
        elif c == 0x06:
            return k
        elif c == 0x16:  # ret a
            return a
        else:
            raise ValueError(f"BPF opcode 0x{c:x} not interpreted")
        pc += 1
    raise ValueError("BPF program did not return")


__all__ = ["run"]
