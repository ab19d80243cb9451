"""Numba kernels of the RTP hot path (private: :mod:`ccedge.core.tap.streams` validates and calls).

One pass over a batch's UDP payloads reads what RFC 3550 §5.1 puts in the first octets
and classifies each datagram; a second copies the kept datagrams into the demux's store.
Both are plain loops that Numba compiles; the tests run them against
:meth:`RtpPacket.parse` and against ``kernel.py_func``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

KIND_OTHER = 0  # too short, not version 2, STUN, ...
KIND_RTP = 1
KIND_RTCP = 2  # RFC 5761 §4: second octet 192-223
KIND_ZRTP = 3  # RFC 6189 §5: 0x10 then the magic cookie "ZRTP" at octets 4-7
KIND_BAD_RTP = 4  # version 2 but the CSRC list / extension / padding runs past the end

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@njit(cache=True, nogil=True, inline="always")
def _mix(h: np.uint64, v: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    # splitmix64 finaliser over h XOR v: a good 64-bit mixer, no table needed.
    z = h ^ v
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@njit(cache=True, nogil=True)
def _classify_kernel(
    buf, off, length, src, dst, sport, dport, kind, b1, seq, ts, ssrc, hdr, pad, flow_hash
):  # pragma: no cover - compiled
    n = off.shape[0]
    for i in range(n):
        o = off[i]
        ln = length[i]
        kind[i] = KIND_OTHER
        if ln < 4:
            continue
        c0 = buf[o]
        c1 = buf[o + 1]
        b1[i] = c1
        if (
            c0 == 0x10
            and ln >= 12
            and buf[o + 4] == 0x5A
            and buf[o + 5] == 0x52
            and buf[o + 6] == 0x54
            and buf[o + 7] == 0x50
        ):
            kind[i] = KIND_ZRTP
        elif (c0 >> 6) == 2:
            if c1 >= 192 and c1 <= 223:
                kind[i] = KIND_RTCP
            elif ln >= 12:
                h = 12 + 4 * (c0 & 0x0F)
                bad = h > ln
                if not bad and (c0 & 0x10):
                    if h + 4 > ln:
                        bad = True
                    else:
                        h += 4 + 4 * ((np.int64(buf[o + h + 2]) << 8) | np.int64(buf[o + h + 3]))
                        bad = h > ln
                p = np.int64(0)
                if not bad and (c0 & 0x20):
                    p = np.int64(buf[o + ln - 1])
                    bad = p == 0 or h + p > ln
                kind[i] = KIND_BAD_RTP if bad else KIND_RTP
                hdr[i] = h
                pad[i] = p
                seq[i] = (np.uint16(buf[o + 2]) << np.uint16(8)) | np.uint16(buf[o + 3])
                ts[i] = (
                    (np.uint32(buf[o + 4]) << np.uint32(24))
                    | (np.uint32(buf[o + 5]) << np.uint32(16))
                    | (np.uint32(buf[o + 6]) << np.uint32(8))
                    | np.uint32(buf[o + 7])
                )
                s = (
                    (np.uint32(buf[o + 8]) << np.uint32(24))
                    | (np.uint32(buf[o + 9]) << np.uint32(16))
                    | (np.uint32(buf[o + 10]) << np.uint32(8))
                    | np.uint32(buf[o + 11])
                )
                ssrc[i] = s
                # Flow key (src, sport, dst, dport, ssrc) hashed to 64 bits.
                hh = np.uint64(0x9E3779B97F4A7C15)
                for k in range(0, 16, 8):
                    w = np.uint64(0)
                    for j in range(8):
                        w = (w << np.uint64(8)) | np.uint64(src[i, k + j])
                    hh = np.uint64(_mix(hh, w))
                    w = np.uint64(0)
                    for j in range(8):
                        w = (w << np.uint64(8)) | np.uint64(dst[i, k + j])
                    hh = np.uint64(_mix(hh, w))
                last = (
                    (np.uint64(sport[i]) << np.uint64(48))
                    | (np.uint64(dport[i]) << np.uint64(32))
                    | np.uint64(s)
                )
                flow_hash[i] = np.uint64(_mix(hh, last))


@njit(cache=True, nogil=True)
def _gather_kernel(buf, off, length, out, out_off):  # pragma: no cover - compiled
    # Copies each selected datagram to out[out_off[i]:out_off[i] + length[i]].
    for i in range(off.shape[0]):
        o = off[i]
        d = out_off[i]
        out[d : d + length[i]] = buf[o : o + length[i]]


@njit(cache=True, nogil=True)
def _place_kernel(pcm, n_samples, sample_pos, out):  # pragma: no cover - compiled
    # pcm holds the packets' samples back to back; packet i goes to out[sample_pos[i]:...].
    src = 0
    for i in range(n_samples.shape[0]):
        d = sample_pos[i]
        for j in range(n_samples[i]):
            out[d + j] = pcm[src + j]
        src += n_samples[i]


@njit(cache=True, nogil=True)
def _gather_segments_kernel(segs, seg, start, length, out, out_off):  # pragma: no cover - compiled
    for i in range(seg.shape[0]):
        src = segs[seg[i]]
        d = out_off[i]
        out[d : d + length[i]] = src[start[i] : start[i] + length[i]]


def _check_segments(
    segs: Any, seg: npt.NDArray[np.int32], start: npt.NDArray[np.int64], length: npt.NDArray[np.int64]
) -> None:
    if len(seg) == 0:
        return
    sizes = getattr(segs, "sizes", None)  # _TypedSegments carries the lengths
    if sizes is None:
        sizes = np.array([len(a) for a in segs], np.int64)
    if int(seg.min()) < 0 or int(seg.max()) >= len(sizes):
        raise ValueError("payload names a store segment that does not exist")
    live = length > 0  # an empty payload may sit just past its segment's end
    if int(start.min()) < 0 or bool(np.any((start + length > sizes[seg]) & live)):
        raise ValueError("payload runs outside its store segment")


class TypedSegments:
    """Store segments as a Numba typed List (for kernels) plus their lengths (for validation)."""

    def __init__(self, arrays: list[npt.NDArray[np.uint8]]) -> None:
        from numba.typed import List

        self.list = List()
        for a in arrays:
            self.list.append(a)
        self.sizes = np.array([len(a) for a in arrays], np.int64)


def gather_segments(
    segs: Any, seg: npt.NDArray[np.int32], start: npt.NDArray[np.int64], length: npt.NDArray[np.int64]
) -> npt.NDArray[np.uint8]:
    """Concatenate ``segs[seg[i]][start[i]:start[i]+length[i]]`` for all i (``segs``: numba typed List)."""
    if not (len(seg) == len(start) == len(length)):
        raise ValueError("segment columns differ in length")
    if len(seg) and (int(length.min()) < 0 or int(start.min()) < 0):
        raise ValueError("negative payload offset or length")
    _check_segments(segs, seg, start, length)
    out_off = np.zeros(len(seg), np.int64)
    if len(seg) > 1:
        np.cumsum(length[:-1], out=out_off[1:])
    out = np.empty(int(length.sum()), np.uint8)
    if len(seg):
        _gather_segments_kernel(
            getattr(segs, "list", segs),
            seg.astype(np.int64),
            start.astype(np.int64),
            length.astype(np.int64),
            out,
            out_off,
        )
    return out


@njit(cache=True, nogil=True)
def _lut_place_kernel(segs, seg, start, length, sample_pos, lut, out):  # pragma: no cover - compiled
    # G.711 (one octet per sample): out[pos + j] = table[octet j], straight from the store.
    for i in range(seg.shape[0]):
        src = segs[seg[i]]
        a = start[i]
        d = sample_pos[i]
        for j in range(length[i]):
            out[d + j] = lut[src[a + j]]


def lut_place(
    segs: Any,
    seg: npt.NDArray[np.int32],
    start: npt.NDArray[np.int64],
    length: npt.NDArray[np.int64],
    sample_pos: npt.NDArray[np.int64],
    lut: npt.NDArray[np.int16],
    out: npt.NDArray[np.int16],
) -> None:
    """Decode one-octet-per-sample payloads with a 256-entry table into their places in ``out``."""
    if not (len(seg) == len(start) == len(length) == len(sample_pos)):
        raise ValueError("payload columns differ in length")
    if lut.shape != (256,) or lut.dtype != np.int16:
        raise ValueError("lookup table must be int16[256]")
    if len(seg) == 0:
        return
    if int(sample_pos.min()) < 0 or int((sample_pos + length).max()) > len(out):
        raise ValueError("placement runs outside the output")
    _check_segments(segs, seg, start, length)
    _lut_place_kernel(
        getattr(segs, "list", segs),
        seg.astype(np.int64),
        start.astype(np.int64),
        length.astype(np.int64),
        sample_pos.astype(np.int64),
        lut,
        out,
    )


def classify(
    buf: npt.NDArray[np.uint8],
    off: npt.NDArray[np.int64],
    length: npt.NDArray[np.int64],
    src: npt.NDArray[np.uint8],
    dst: npt.NDArray[np.uint8],
    sport: npt.NDArray[np.uint16],
    dport: npt.NDArray[np.uint16],
) -> dict[str, npt.NDArray[Any]]:
    """Header fields and kind of each datagram ``buf[off[i]:off[i]+length[i]]``."""
    n = len(off)
    if not (len(length) == len(src) == len(dst) == len(sport) == len(dport) == n):
        raise ValueError("batch columns differ in length")
    if n and (int(off.min()) < 0 or int((off + length).max()) > len(buf)):
        raise ValueError("datagram offsets run outside the batch buffer")
    if src.ndim != 2 or src.shape[1] != 16 or dst.shape != src.shape:
        raise ValueError("addresses must be uint8[n, 16]")
    out: dict[str, npt.NDArray[Any]] = {
        "kind": np.zeros(n, np.uint8),
        "b1": np.zeros(n, np.uint8),
        "seq": np.zeros(n, np.uint16),
        "ts": np.zeros(n, np.uint32),
        "ssrc": np.zeros(n, np.uint32),
        "hdr": np.zeros(n, np.int64),
        "pad": np.zeros(n, np.int64),
        "hash": np.zeros(n, np.uint64),
    }
    _classify_kernel(
        buf,
        off.astype(np.int64),
        length.astype(np.int64),
        np.ascontiguousarray(src),
        np.ascontiguousarray(dst),
        sport.astype(np.uint16),
        dport.astype(np.uint16),
        out["kind"],
        out["b1"],
        out["seq"],
        out["ts"],
        out["ssrc"],
        out["hdr"],
        out["pad"],
        out["hash"],
    )
    return out


def place(
    pcm: npt.NDArray[np.int16],
    n_samples: npt.NDArray[np.int64],
    sample_pos: npt.NDArray[np.int64],
    out: npt.NDArray[np.int16],
) -> None:
    """Scatter consecutive per-packet sample runs of ``pcm`` to their places in ``out``."""
    if len(n_samples) != len(sample_pos):
        raise ValueError("sample counts and positions differ in length")
    if int(n_samples.sum()) > len(pcm):
        raise ValueError("more samples asked for than decoded")
    if len(n_samples) and (int(sample_pos.min()) < 0 or int((sample_pos + n_samples).max()) > len(out)):
        raise ValueError("placement runs outside the output")
    _place_kernel(pcm, n_samples.astype(np.int64), sample_pos.astype(np.int64), out)


def gather(
    buf: npt.NDArray[np.uint8],
    off: npt.NDArray[np.int64],
    length: npt.NDArray[np.int64],
    out: npt.NDArray[np.uint8],
    out_off: npt.NDArray[np.int64],
) -> None:
    """Copy datagrams into ``out`` at ``out_off`` (validated here, copied by the kernel)."""
    if len(off) == 0:
        return
    if int((off + length).max()) > len(buf) or int((out_off + length).max()) > len(out):
        raise ValueError("gather runs outside its buffers")
    _gather_kernel(buf, off.astype(np.int64), length.astype(np.int64), out, out_off.astype(np.int64))
