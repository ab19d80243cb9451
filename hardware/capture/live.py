"""Live capture from a network interface: AF_PACKET socket, kernel BPF filter, promiscuous mode.

Frames are received straight into a batch buffer (``recvmsg_into``), stamped by the kernel
(``SO_TIMESTAMPNS``), and decoded by the same kernel as capture files. Kernel drop counters come from
``PACKET_STATISTICS`` (packet(7)).
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import select
import socket
import struct
import threading
import time
from collections.abc import Iterator

import numpy as np

from ccedge.hardware.capture import linktypes as k
from ccedge.hardware.capture._ring import ring_collect
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
PACKET_RX_RING = 5
PACKET_VERSION = 10
TPACKET_V3 = 2
# ARPHRD_* (linux/if_arp.h) → pcap link type of what AF_PACKET/SOCK_RAW hands us
_HATYPE_LINKTYPE = {1: k.LT_EN10MB, 772: k.LT_EN10MB, 65534: k.LT_RAW, 776: k.LT_RAW, 778: k.LT_RAW}

DEFAULT_BPF = "udp or tcp or proto gre"  # GRE: ERSPAN / GRE SPAN sessions deliver the calls inside it
MAX_FRAME = 65536 + 64  # GRO can hand us up to 64 KiB


class LiveCapture:
    """Iterable of :class:`PacketBatch` from ``iface`` ("any": every interface) until :meth:`stop`.

    ``bpf=None`` captures everything. A batch is yielded when ``batch_packets`` frames arrived or the
    socket was idle for ``timeout_s`` (empty batches only with ``yield_empty=True``).

    ``ring=None``/``True`` receives through a TPACKET_V3 memory-mapped ring of ``ring_mb`` MiB (no system
    call per frame; the kernel hands over whole blocks, retired after ``timeout_s`` at the latest); ``None``
    falls back to one ``recvmsg_into`` per frame where the ring cannot be set up, ``False`` always does.
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
        ring: bool | None = None,
        ring_mb: int = 64,
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
        self._mm: mmap.mmap | None = None
        self._ring: np.ndarray | None = None
        self._block = 0
        self._block_size = 1 << 20
        self._block_nr = max(2, ring_mb)
        self._want_ring = ring
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
        # the ring comes last, as libpcap sets it up: it starts empty with block 0 current, and nothing
        # from before bind() (other interfaces) is in it
        if self._want_ring is not False:
            try:
                self._setup_ring()
            except OSError as e:
                if self._want_ring:
                    raise CaptureError(f"cannot set up a TPACKET_V3 ring: {e.strerror}") from e
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

    def _setup_ring(self) -> None:
        s = self._sock
        s.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V3)
        frame_size = 2048  # nominal for V3 (frames are packed); must divide the block size
        # struct tpacket_req3: block_size, block_nr, frame_size, frame_nr, retire_blk_tov (ms),
        # sizeof_priv, feature_req_word
        req = struct.pack(
            "IIIIIII",
            self._block_size,
            self._block_nr,
            frame_size,
            self._block_size * self._block_nr // frame_size,
            max(1, int(self.timeout_s * 1000)),
            0,
            0,
        )
        s.setsockopt(SOL_PACKET, PACKET_RX_RING, req)
        self._mm = mmap.mmap(
            s.fileno(), self._block_size * self._block_nr, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE
        )
        self._ring = np.frombuffer(self._mm, np.uint8)
        # load the compiled ring walker now (an idle one-block ring), not while the first blocks fill
        z = np.zeros(64, np.int64)
        ring_collect(np.zeros(64, np.uint8), 64, 1, 0, np.zeros(64, np.uint8), 0, 1, z, z, np.zeros(64), z)
        self._poll = select.poll()
        self._poll.register(s.fileno(), select.POLLIN | select.POLLERR)

    @property
    def ring(self) -> bool:
        """Whether frames arrive through the TPACKET_V3 ring."""
        return self._ring is not None

    def read_kernel_stats(self) -> None:
        """Add PACKET_STATISTICS (reset by the kernel on every read) to ``stats``."""
        try:
            raw = self._sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 12 if self.ring else 8)
        except OSError:
            return
        packets, drops = struct.unpack("II", raw[:8])
        self.stats.kernel_packets += packets
        self.stats.kernel_drops += drops

    def stop(self) -> None:
        """Ends iteration within ``timeout_s`` (safe from another thread)."""
        self._stop.set()

    def close(self) -> None:
        self._stop.set()
        self._close_socket()

    def _close_socket(self) -> None:
        self._ring = None
        if self._mm is not None:
            with contextlib.suppress(BufferError):  # a batch still views it: the GC unmaps later
                self._mm.close()
            self._mm = None
        self._sock.close()

    def __enter__(self) -> LiveCapture:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[PacketBatch]:
        try:
            while True:
                stopping = self._stop.is_set()
                # after stop(): drain until the socket stays quiet for a while (a ring block still being
                # filled is handed over only when its retire timer fires)
                batch = self._one_batch(wait_s=max(2 * self.timeout_s, 0.2) if stopping else self.timeout_s)
                self.read_kernel_stats()
                if len(batch) or self.yield_empty:
                    self.stats.batches += 1
                    yield batch
                if stopping and len(batch) == 0:
                    break
        finally:
            self.read_kernel_stats()
            self._slow.reasm.flush()
            self._close_socket()

    def _one_batch(self, wait_s: float) -> PacketBatch:
        if self._ring is not None:
            return self._one_batch_ring(wait_s)
        return self._one_batch_recv(wait_s)

    def _oldest_ready_block(self) -> int:
        """Index of the user-owned block with the lowest sequence number (tpacket_hdr_v1.seq_num), or -1."""
        assert self._ring is not None
        blocks = self._ring.reshape(self._block_nr, self._block_size)
        ready = np.flatnonzero(blocks[:, 8] & 1)
        if ready.size == 0:
            return -1
        seq = blocks[ready, 24:32].copy().view("<u8")[:, 0]
        return int(ready[int(np.argmin(seq))])

    def _one_batch_ring(self, wait_s: float) -> PacketBatch:
        ring = self._ring
        assert ring is not None
        bs = self._block_size
        n_max = self.batch_packets
        cap = n_max + bs // 64  # one more block always fits once fewer than n_max frames are held
        out = np.empty(max(8 << 20, 2 * bs), np.uint8)
        offs = np.empty(cap, np.int64)
        lens = np.empty(cap, np.int64)
        tss = np.empty(cap, np.float64)
        hat = np.empty(cap, np.int64)
        n = 0
        pos = 0
        resynced = False
        while n < n_max and pos + bs <= out.shape[0]:
            k_, pos, self._block = ring_collect(
                ring, bs, self._block_nr, self._block, out, pos, cap - n, offs[n:], lens[n:], tss[n:], hat[n:]
            )
            n += int(k_)
            pos = int(pos)
            if k_ == 0:
                if n == 0 and wait_s <= 0 and not resynced:
                    # readable but our block is not ready: follow the kernel to its oldest ready block
                    resynced = True
                    nb = self._oldest_ready_block()
                    if nb >= 0 and nb != self._block:
                        self._block = nb
                        continue
                if n or wait_s <= 0 or not self._poll.poll(int(wait_s * 1000)):
                    break
                wait_s = 0  # one wait per batch
        lts = np.full(n, -1, np.int32)
        h = hat[:n]
        lts[(h == 1) | (h == 772)] = k.LT_EN10MB
        lts[(h == 65534) | (h == 776) | (h == 778)] = k.LT_RAW
        return assemble_batch(_fit(out, pos), lts, offs[:n], lens[:n], tss[:n], self.stats, self._slow)

    def _one_batch_recv(self, wait_s: float) -> PacketBatch:
        n_max = self.batch_packets
        buf = np.empty(max(n_max * 256, MAX_FRAME * 4), np.uint8)
        mv = memoryview(buf)  # type: ignore[arg-type]
        offs = np.empty(n_max, np.int64)
        lens = np.empty(n_max, np.int64)
        tss = np.empty(n_max, np.float64)
        lts = np.empty(n_max, np.int32)
        n = 0
        pos = 0
        s = self._sock
        s.settimeout(wait_s)  # the first frame may wait wait_s; the rest only drain the queue
        anc = socket.CMSG_SPACE(16)
        while n < n_max and pos + MAX_FRAME <= buf.shape[0]:
            try:
                nbytes, ancdata, _mflags, addr = s.recvmsg_into([mv[pos : pos + MAX_FRAME]], anc)
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
            if n == 1:
                s.setblocking(False)
        return assemble_batch(_fit(buf, pos), lts[:n], offs[:n], lens[:n], tss[:n], self.stats, self._slow)


def _fit(buf: np.ndarray, used: int) -> np.ndarray:
    """The batch's own buffer, no larger than needed: consumers may keep batches (and so their buffers)
    alive for a whole call, so a mostly empty 8 MiB receive buffer is copied down to its used part."""
    if used < buf.shape[0] // 2:
        return buf[:used].copy()
    return buf


__all__ = ["DEFAULT_BPF", "LiveCapture"]
