"""Numba kernel of the pcapng fast path: runs of Enhanced Packet Blocks (private; used by ``files``)."""

from __future__ import annotations

from numba import njit

from ccedge.hardware.capture._kernel import be32, le32


@njit(cache=True, nogil=True)
def walk_pcapng_epb(
    buf, start, end, big_endian, if_lt, if_per_s, if_off, max_pkts, rec_off, rec_len, rec_ts, rec_lt
):
    """Walk consecutive pcapng Enhanced Packet Blocks (draft-ietf-opsawg-pcapng §4.3) from ``start``.

    Returns (records, next position, status, need): status 0 = ``max_pkts`` reached, 1 = the next block
    is not whole in the buffer (``need`` bytes), 3 = the next block is not a well-formed EPB of a known
    interface (the Python walker handles it).
    """
    n = 0
    pos = start
    nif = if_lt.shape[0]
    while n < max_pkts:
        if pos + 12 > end:
            return n, pos, 1, 12
        if big_endian:
            btype = be32(buf, pos)
            blen = be32(buf, pos + 4)
        else:
            btype = le32(buf, pos)
            blen = le32(buf, pos + 4)
        if btype != 6 or blen < 32 or (blen & 3) != 0:
            return n, pos, 3, 0
        if pos + blen > end:
            return n, pos, 1, blen
        # the trailing total length must repeat the leading one (§3.1), else the block is damaged
        if (be32(buf, pos + blen - 4) if big_endian else le32(buf, pos + blen - 4)) != blen:
            return n, pos, 3, 0
        if big_endian:
            iface = be32(buf, pos + 8)
            hi = be32(buf, pos + 12)
            lo = be32(buf, pos + 16)
            caplen = be32(buf, pos + 20)
        else:
            iface = le32(buf, pos + 8)
            hi = le32(buf, pos + 12)
            lo = le32(buf, pos + 16)
            caplen = le32(buf, pos + 20)
        if iface >= nif or 28 + caplen > blen - 4:
            return n, pos, 3, 0
        rec_off[n] = pos + 28
        rec_len[n] = caplen
        rec_ts[n] = ((hi << 32) | lo) / if_per_s[iface] + if_off[iface]
        rec_lt[n] = if_lt[iface]
        n += 1
        pos += blen
    return n, pos, 0, 0
