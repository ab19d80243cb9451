"""Live capture from a network interface: AF_PACKET socket, kernel BPF filter, promiscuous mode.

Frames are received straight into a batch buffer (``recvmsg_into``), stamped by the kernel
(``SO_TIMESTAMPNS``), and decoded by the same kernel as capture files. Kernel drop counters come from
``PACKET_STATISTICS`` (packet(7)).
"""

from __future__ import annotations

import ctypes
import socket
import struct
import threading
import time
from collections.abc import Iterator

import numpy as np

from ccedge.hardware.capture import _kernel as k
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.bpf import compile_filter, pack
from ccedge.hardware.capture.decode import SlowDecoder
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.fastpath import assemble_batch
from ccedge.hardware.capture.reassembly import Reassembler

# linux/if_ether.h, linux/if_packet.h, asm-generic/socket.h
ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP = 1
PACKET_MR_PROMISC = 1
PACKET_STATISTICS = 6
SO_ATTACH_FILTER = 26
SO_TIMESTAMPNS = 35
SO_RCVBUFFORCE = 33
# ARPHRD_* (linux/if_arp.h) → pcap link type of what AF_PACKET/SOCK_RAW hands us
_HATYPE_LINKTYPE = {1: k.LT_EN10MB, 772: k.LT_EN10MB, 65534: k.LT_RAW, 776: k.LT_RAW, 778: k.LT_RAW}

DEFAULT_BPF = "udp or tcp or proto gre"  # GRE: ERSPAN / GRE SPAN sessions deliver the calls inside it
MAX_FRAME = 65536 + 64  # GRO can hand us up to 64 KiB


class LiveCapture:
    """Iterable of :class:`PacketBatch` from ``iface`` ("any": every interface) until :meth:`stop`.

    ``bpf=None`` captures everything. A batch is yielded when ``batch_packets`` frames arrived or the
    socket was idle for ``timeout_s`` (empty batches only with ``yield_empty=True``).
    """

    def __init__(
        self,
        iface: str,
        bpf: str | None = DEFAULT_BPF,
        promisc: bool = True,
        batch_packets: int = 4096,
        timeout_s: float = 0.1,
        rcvbuf: int = 32 << 20,
        yield_empty: bool = False,
    ) -> None:
        if batch_packets < 1 or timeout_s <= 0:
            raise ValueError("batch_packets and timeout_s must be positive")
        self.iface = iface
        self.bpf = bpf
        self.batch_packets = batch_packets
        self.timeout_s = timeout_s
        self.yield_empty = yield_empty
        self.stats = CaptureStats()
        self._slow = SlowDecoder(Reassembler(self.stats))
        self._stop = threading.Event()
        try:
            self._sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        except PermissionError as e:
            raise CaptureError(f"live capture on {iface} needs root or CAP_NET_RAW") from e
        except OSError as e:
            raise CaptureError(f"cannot open an AF_PACKET socket: {e.strerror}") from e
        try:
            self._setup(iface, bpf, promisc, rcvbuf)
        except BaseException:
            self._sock.close()
            raise

    def _setup(self, iface: str, bpf: str | None, promisc: bool, rcvbuf: int) -> None:
        s = self._sock
        if bpf:
            prog = pack(compile_filter(bpf))
            buf = ctypes.create_string_buffer(prog)
            # struct sock_fprog { unsigned short len; struct sock_filter *filter; } (the kernel copies it)
            fprog = struct.pack("HL", len(prog) // 8, ctypes.addressof(buf))
            s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
        try:
            s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        if iface != "any":
            try:
                ifindex = socket.if_nametoindex(iface)
                s.bind((iface, ETH_P_ALL))
            except OSError as e:
                raise CaptureError(f"no such interface {iface!r}") from e
            if promisc:
                # struct packet_mreq { int ifindex; unsigned short type, alen; unsigned char address[8]; }
                mreq = struct.pack("iHH8s", ifindex, PACKET_MR_PROMISC, 0, b"")
                s.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
        # frames queued before the filter was attached are not filtered: drop them
        s.setblocking(False)
        try:
            while True:
                s.recv(MAX_FRAME)
        except (BlockingIOError, InterruptedError):
            pass
        self.read_kernel_stats()
        self.stats.kernel_packets = self.stats.kernel_drops = 0
        s.settimeout(self.timeout_s)
        # load the compiled kernels now, not while the first frames queue up
        assemble_batch(
            np.zeros(1, np.uint8),
            np.zeros(0, np.int32),
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
            np.zeros(0),
            CaptureStats(),
            self._slow,
        )

    def read_kernel_stats(self) -> None:
        """Add PACKET_STATISTICS (reset by the kernel on every read) to ``stats``."""
        try:
            raw = self._sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
        except OSError:
            return
        packets, drops = struct.unpack("II", raw)
        self.stats.kernel_packets += packets
        self.stats.kernel_drops += drops

    def stop(self) -> None:
        """Ends iteration within ``timeout_s`` (safe from another thread)."""
        self._stop.set()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()

    def __enter__(self) -> LiveCapture:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[PacketBatch]:
        try:
            while True:
                stopping = self._stop.is_set()
                # after stop(): drain what the kernel already queued, without waiting for more
                batch = self._one_batch(wait=not stopping)
                self.read_kernel_stats()
                if len(batch) or self.yield_empty:
                    self.stats.batches += 1
                    yield batch
                if stopping and len(batch) == 0:
                    break
        finally:
            self.read_kernel_stats()
            self._slow.reasm.flush()
            self._sock.close()

    def _one_batch(self, wait: bool = True) -> PacketBatch:
        n_max = self.batch_packets
        buf = np.empty(max(n_max * 256, MAX_FRAME * 4), np.uint8)
        mv = memoryview(buf)  # type: ignore[arg-type]
        offs = np.empty(n_max, np.int64)
        lens = np.empty(n_max, np.int64)
        tss = np.empty(n_max, np.float64)
        lts = np.empty(n_max, np.int32)
        n = 0
        pos = 0
        flags = 0 if wait else socket.MSG_DONTWAIT
        s = self._sock
        anc = socket.CMSG_SPACE(16)
        while n < n_max and pos + MAX_FRAME <= buf.shape[0]:
            try:
                nbytes, ancdata, _mflags, addr = s.recvmsg_into([mv[pos : pos + MAX_FRAME]], anc, flags)
            except (TimeoutError, BlockingIOError, InterruptedError):
                break
            except OSError:
                if self._stop.is_set():
                    break
                raise
            ts = 0.0
            for level, typ, data in ancdata:
                if level == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS and len(data) >= 16:
                    sec, nsec = struct.unpack("qq", data[:16])
                    ts = sec + nsec / 1e9
            offs[n] = pos
            lens[n] = nbytes
            tss[n] = ts or time.time()
            lts[n] = _HATYPE_LINKTYPE.get(addr[3], -1)
            n += 1
            pos += nbytes
            flags = socket.MSG_DONTWAIT  # the first frame may wait for timeout_s, the rest drain the queue
        return assemble_batch(buf, lts[:n], offs[:n], lens[:n], tss[:n], self.stats, self._slow)


__all__ = ["DEFAULT_BPF", "LiveCapture"]
