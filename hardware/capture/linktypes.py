"""Link-layer header types of capture files (https://www.tcpdump.org/linktypes.html)."""

from __future__ import annotations

LT_NULL = 0  # BSD loopback, host byte order family
LT_EN10MB = 1  # Ethernet
LT_RAW_BSD = 12  # raw IP (some BSDs)
LT_RAW_OPENBSD = 14  # raw IP (OpenBSD)
LT_RAW = 101  # raw IP
LT_LOOP = 108  # OpenBSD loopback, network byte order family
LT_LINUX_SLL = 113  # Linux "cooked" capture v1
LT_IPV4 = 228
LT_IPV6 = 229
LT_LINUX_SLL2 = 276  # Linux "cooked" capture v2

__all__ = [
    "LT_EN10MB",
    "LT_IPV4",
    "LT_IPV6",
    "LT_LINUX_SLL",
    "LT_LINUX_SLL2",
    "LT_LOOP",
    "LT_NULL",
    "LT_RAW",
    "LT_RAW_BSD",
    "LT_RAW_OPENBSD",
]
