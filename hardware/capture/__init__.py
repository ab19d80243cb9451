"""Packet capture: pcap/pcapng files and live AF_PACKET sockets → struct-of-arrays UDP/TCP batches.

from ccedge.hardware.capture import open_capture
reader = open_capture("call.pcap")
for batch in reader:          # PacketBatch: ts, src, dst, proto, sport, dport, off, length, ...
    ...
reader.stats                  # CaptureStats: packets, rejected {reason: count}, ...
"""

from ccedge.hardware.capture.batch import CaptureStats, PacketBatch, addr16, addr_text
from ccedge.hardware.capture.errors import CaptureError
from ccedge.hardware.capture.files import CaptureReader, open_capture
from ccedge.hardware.capture.live import DEFAULT_BPF, LiveCapture
from ccedge.hardware.capture.rawfile import sniff_format

__all__ = [
    "DEFAULT_BPF",
    "CaptureError",
    "CaptureReader",
    "CaptureStats",
    "LiveCapture",
    "PacketBatch",
    "addr16",
    "addr_text",
    "open_capture",
    "sniff_format",
]
