"""Reject reasons: small integer codes shared by the Numba kernel and the Python paths.

A packet that does not become a row of a :class:`PacketBatch` is counted under exactly one of these
names in ``CaptureStats.rejected``.
"""

from __future__ import annotations

OK = 0
DEFER = 1  # kernel cannot handle it (IP fragment, unusual header): the Python path decides
TRUNCATED_LINK = 2
UNSUPPORTED_LINKTYPE = 3
NOT_IP = 4
TRUNCATED_IP = 5
BAD_IP_VERSION = 6
BAD_IP_HEADER_LENGTH = 7
BAD_IP_TOTAL_LENGTH = 8
TRUNCATED_IPV6_EXT = 9
NON_UDP_TCP = 10
TRUNCATED_UDP = 11
TRUNCATED_TCP = 12
BAD_TCP_OFFSET = 13
TRUNCATED_GRE = 14
UNSUPPORTED_GRE = 15
GRE_UNKNOWN_PROTO = 16
TRUNCATED_ERSPAN = 17
ERSPAN_FRAME_TYPE = 18
TOO_DEEP = 19
FRAGMENT_HELD = 20  # absorbed into a reassembly buffer; not a reject (see CaptureStats.fragments_merged)
FRAGMENT_TIMEOUT = 21
FRAGMENT_OVERFLOW = 22
FRAGMENT_OVERLAP = 23
FRAGMENT_DUPLICATE = 24
FRAGMENT_INCOMPLETE = 25
FRAGMENT_BAD = 26
IPSEC = 27
NESTED_FRAGMENT = 28

NAMES: dict[int, str] = {
    TRUNCATED_LINK: "truncated-link-header",
    UNSUPPORTED_LINKTYPE: "unsupported-linktype",
    NOT_IP: "not-ip",
    TRUNCATED_IP: "truncated-ip-header",
    BAD_IP_VERSION: "bad-ip-version",
    BAD_IP_HEADER_LENGTH: "bad-ip-header-length",
    BAD_IP_TOTAL_LENGTH: "bad-ip-total-length",
    TRUNCATED_IPV6_EXT: "truncated-ipv6-extension-header",
    NON_UDP_TCP: "non-udp-tcp",
    TRUNCATED_UDP: "truncated-udp-header",
    TRUNCATED_TCP: "truncated-tcp-header",
    BAD_TCP_OFFSET: "bad-tcp-data-offset",
    TRUNCATED_GRE: "truncated-gre-header",
    UNSUPPORTED_GRE: "unsupported-gre-version-or-routing",
    GRE_UNKNOWN_PROTO: "gre-unknown-protocol",
    TRUNCATED_ERSPAN: "truncated-erspan-header",
    ERSPAN_FRAME_TYPE: "erspan-non-ethernet-frame",
    TOO_DEEP: "encapsulation-too-deep",
    FRAGMENT_TIMEOUT: "ip-fragment-timeout",
    FRAGMENT_OVERFLOW: "ip-fragment-memory-limit",
    FRAGMENT_OVERLAP: "ip-fragment-overlap",
    FRAGMENT_DUPLICATE: "ip-fragment-duplicate",
    FRAGMENT_INCOMPLETE: "ip-fragment-incomplete",
    FRAGMENT_BAD: "ip-fragment-bad-length",
    IPSEC: "ipsec-esp",
    NESTED_FRAGMENT: "ipv6-nested-fragment",
}

# outcomes the reassembler counts itself
COUNTED = frozenset(
    {
        FRAGMENT_HELD,
        FRAGMENT_TIMEOUT,
        FRAGMENT_OVERFLOW,
        FRAGMENT_OVERLAP,
        FRAGMENT_DUPLICATE,
        FRAGMENT_INCOMPLETE,
        FRAGMENT_BAD,
    }
)

# File-level reasons (not per-packet codes)
TRUNCATED_RECORD = "truncated-record"
CORRUPT_RECORD = "corrupt-record-header"
PCAPNG_BAD_BLOCK = "pcapng-bad-block"
PCAPNG_UNKNOWN_INTERFACE = "pcapng-unknown-interface"

# Damage to the file itself, the keys of ``CaptureStats.damage`` (stable: Health and receipts carry them).
# The truncated/corrupt/bad-block keys above double as damage keys.
GZIP_CRC = "gzip-crc-mismatch"  # a member's CRC-32 trailer disagrees with its data (data kept)
GZIP_LENGTH = "gzip-length-mismatch"  # a member's ISIZE trailer disagrees with its data (data kept)
GZIP_TRUNCATED = "gzip-truncated"  # the compressed stream ends inside a member
GZIP_CORRUPT = "gzip-corrupt"  # DEFLATE data that cannot be inflated; what came before is kept
GZIP_TRAILING_GARBAGE = "gzip-trailing-garbage"  # non-gzip bytes after the last member (ignored)
PCAPNG_RESYNC = "pcapng-resync"  # bytes skipped to reach the next valid block after a bad one
READ_ERROR = "read-error"  # the operating system failed a read; the data ends there
DAMAGE = frozenset({
    TRUNCATED_RECORD, CORRUPT_RECORD, PCAPNG_BAD_BLOCK, GZIP_CRC, GZIP_LENGTH, GZIP_TRUNCATED, GZIP_CORRUPT,
    GZIP_TRAILING_GARBAGE, PCAPNG_RESYNC, READ_ERROR,
})

__all__ = ["DEFER", "NAMES", "OK"]
