"""Replay a capture onto a veth pair inside a network namespace (live-capture tests and demos).

Needs root, iproute2 and tcpreplay. The capture is converted to Ethernet first (SLL, raw IP, loopback
frames get an Ethernet header) so tcpreplay can send it; :class:`VethPair` keeps one end in the root
namespace (capture there) and moves the peer into a namespace (tcpreplay sends there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import dpkt

from ccedge.hardware.capture import linktypes as k
from ccedge.hardware.capture.batch import CaptureStats, PacketBatch
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.rawfile import open_raw
from ccedge.testing import capture_synth as synth


def _run(*cmd: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise CaptureError(f"{' '.join(cmd[:4])} failed: {proc.stderr.strip()[-300:]}")
    return proc


def to_ethernet_pcap(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> Path:
    """Rewrite a pcap/pcapng (gzip'd or not) of any supported link type as an Ethernet classic pcap."""
    f = open_raw(Path(src))
    try:
        head = f.read(4)
        data = head + f.read(1 << 34)
    finally:
        f.close()
    import io

    bio = io.BytesIO(data)
    reader: dpkt.pcapng.Reader | dpkt.pcap.Reader = (
        dpkt.pcapng.Reader(bio) if head == b"\x0a\x0d\x0d\x0a" else dpkt.pcap.Reader(bio)
    )
    lt = reader.datalink() & 0xFFFF
    out = []
    for ts, frame in reader:
        frame = bytes(frame)
        if lt == k.LT_EN10MB:
            out.append((float(ts), frame))
            continue
        if lt == k.LT_LINUX_SLL:
            et, payload = int.from_bytes(frame[14:16], "big"), frame[16:]
        elif lt == k.LT_LINUX_SLL2:
            et, payload = int.from_bytes(frame[0:2], "big"), frame[20:]
        elif lt in (k.LT_NULL, k.LT_LOOP):
            payload = frame[4:]
            et = synth.ethertype_of(payload)
        elif lt in (k.LT_RAW, k.LT_IPV4, k.LT_IPV6, k.LT_RAW_BSD, k.LT_RAW_OPENBSD):
            et, payload = synth.ethertype_of(frame), frame
        else:
            raise CaptureError(f"cannot convert link type {lt} to Ethernet")
        out.append((float(ts), synth.link(payload, "ether", ethertype=et)))
    return synth.write_pcap(dst, out, "ether")


class VethPair:
    """``ip link add <host> type veth peer name <peer> netns <ns>``; both ends up; removed on exit."""

    def __init__(self, prefix: str = "cc") -> None:
        for tool in ("ip", "tcpreplay"):
            if shutil.which(tool) is None:
                raise CaptureError(f"{tool} is not installed")
        tag = uuid.uuid4().hex[:6]
        self.ns = f"{prefix}ns{tag}"
        self.host = f"{prefix}h{tag}"  # capture end, root namespace
        self.peer = f"{prefix}p{tag}"  # sending end, inside the namespace

    def __enter__(self) -> VethPair:
        _run("ip", "netns", "add", self.ns)
        try:
            _run("ip", "link", "add", self.host, "type", "veth", "peer", "name", self.peer, "netns", self.ns)
            # no IPv6 autoconfiguration chatter on the capture end
            for dev, pre in ((self.host, ()), (self.peer, ("ip", "netns", "exec", self.ns))):
                subprocess.run(
                    [*pre, "sysctl", "-qw", f"net.ipv6.conf.{dev}.disable_ipv6=1"],
                    capture_output=True,
                    check=False,
                )
            _run("ip", "link", "set", self.host, "mtu", "9000", "up")
            _run("ip", "netns", "exec", self.ns, "ip", "link", "set", self.peer, "mtu", "9000", "up")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["ip", "link", "del", self.host], capture_output=True, check=False)
        subprocess.run(["ip", "netns", "del", self.ns], capture_output=True, check=False)

    def replay(
        self,
        capture: str | os.PathLike[str],
        workdir: str | os.PathLike[str],
        pps: int | None = 2000,
        timeout: float = 120.0,
    ) -> Path:
        """Send every frame of ``capture`` (converted to Ethernet) out of the namespace end; returns the
        Ethernet pcap sent. ``pps=None`` sends at the capture's own pace (``tcpreplay`` default)."""
        eth = to_ethernet_pcap(capture, Path(workdir) / f"{Path(capture).name}.eth.pcap")
        rate = ["--pps", str(pps)] if pps else []
        _run(
            "ip",
            "netns",
            "exec",
            self.ns,
            "tcpreplay",
            "-q",
            "-i",
            self.peer,
            *rate,
            str(eth),
            timeout=timeout,
        )
        return eth


def replay_into_namespace(
    capture: str | os.PathLike[str],
    workdir: str | os.PathLike[str],
    bpf: str | None = None,
    pps: int | None = 5000,
    batch_packets: int = 1024,
    ring: bool | None = None,
) -> tuple[list[PacketBatch], CaptureStats, Path]:
    """Replay ``capture`` over a fresh veth pair while a :class:`LiveCapture` listens on the other end.

    ``ring``: as :class:`LiveCapture` (None: TPACKET_V3 ring where possible).
    Returns ``(batches, stats, sent_pcap)``: the batches captured live, the live CaptureStats and the
    Ethernet pcap that was sent (read it with ``open_capture`` to compare).
    """
    from ccedge.hardware.capture.live import DEFAULT_BPF, LiveCapture

    batches: list[PacketBatch] = []
    with VethPair() as veth:
        live = LiveCapture(
            veth.host,
            bpf=DEFAULT_BPF if bpf is None else bpf,
            batch_packets=batch_packets,
            timeout_s=0.05,
            ring=ring,
        )
        done = threading.Event()

        def consume() -> None:
            for b in live:
                batches.append(b)
            done.set()

        t = threading.Thread(target=consume, daemon=True)
        t.start()
        try:
            sent = veth.replay(capture, workdir, pps=pps)
            time.sleep(0.3)  # let the last frames reach the socket
        finally:
            live.stop()
            done.wait(5.0)
    return batches, live.stats, sent


__all__ = ["VethPair", "replay_into_namespace", "to_ethernet_pcap"]
