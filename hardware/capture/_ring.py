"""Numba kernel of live capture: copying frames out of a TPACKET_V3 ring (private; used by ``live``)."""

from __future__ import annotations

import numpy as np
from numba import njit

from ccedge.hardware.capture._kernel import le32


@njit(cache=True, nogil=True)
def ring_collect(ring, block_size, block_nr, block, out, out_pos, max_pkts, offs, lens, tss, hatypes):
    """Copy frames out of a TPACKET_V3 receive ring (packet(7), linux/if_packet.h) and hand the blocks
    back to the kernel.

    Starting at block ``block``, every block whose status has TP_STATUS_USER is copied whole (frames into
    ``out`` from ``out_pos``; offsets, lengths, timestamps, ARPHRD types into the arrays) and released
    (status := TP_STATUS_KERNEL). Stops at the first block still owned by the kernel, or before a block
    that would not fit. Returns (frames, next out position, next block).

    Block descriptor: block_status @8, num_pkts @12, offset_to_first_pkt @16, blk_len @20.
    tpacket3_hdr: tp_next_offset @0, tp_sec @4, tp_nsec @8, tp_snaplen @12, tp_mac (u16) @24;
    struct sockaddr_ll follows at TPACKET_ALIGN(48) = 48, its sll_hatype (u16) at +8.
    x86 is TSO, so reading the status before the data needs no fence; other CPUs would need one.
    """
    n = 0
    pos = out_pos
    for _ in range(block_nr):
        base = block * block_size
        status = le32(ring, base + 8)
        if (status & 1) == 0:  # TP_STATUS_USER not set: the kernel still fills it
            break
        num = le32(ring, base + 12)
        blk_len = le32(ring, base + 20)
        if n + num > max_pkts or pos + blk_len > out.shape[0]:
            break
        p = base + le32(ring, base + 16)
        for _j in range(num):
            snap = le32(ring, p + 12)
            mac = np.int64(ring[p + 24]) | (np.int64(ring[p + 25]) << 8)
            src = p + mac
            if src + snap > base + block_size:
                snap = max(0, base + block_size - src)
            out[pos : pos + snap] = ring[src : src + snap]
            offs[n] = pos
            lens[n] = snap
            tss[n] = le32(ring, p + 4) + le32(ring, p + 8) / 1e9
            hatypes[n] = np.int64(ring[p + 56]) | (np.int64(ring[p + 57]) << 8)
            n += 1
            pos += snap
            nxt = le32(ring, p + 0)
            if nxt == 0:
                break
            p += nxt
        # TP_STATUS_KERNEL: give the block back
        ring[base + 8] = 0
        ring[base + 9] = 0
        ring[base + 10] = 0
        ring[base + 11] = 0
        block = (block + 1) % block_nr
    return n, pos, block
