"""Payload types and audio decoding for RTP streams.

Static payload types come from RFC 3551 §6 Table 4; dynamic ones (96–127) from the SDP
rtpmap that the SIP side hands to :meth:`RtpDemux.set_payload_map`. Only G.711 and G.722
are decoded; any other audio format is kept raw and reported, never guessed at.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ccedge.dsp.g711 import ALAW_TO_PCM, ULAW_TO_PCM
from ccedge.dsp.g722 import G722Decoder

# RFC 3551 §6 Table 4 (audio): PT -> (encoding, RTP clock rate).
STATIC: dict[int, tuple[str, int]] = {
    0: ("PCMU", 8000),
    3: ("GSM", 8000),
    4: ("G723", 8000),
    5: ("DVI4", 8000),
    6: ("DVI4", 16000),
    7: ("LPC", 8000),
    8: ("PCMA", 8000),
    9: ("G722", 8000),
    10: ("L16", 44100),
    11: ("L16", 44100),
    12: ("QCELP", 8000),
    13: ("CN", 8000),
    14: ("MPA", 90000),
    15: ("G728", 8000),
    16: ("DVI4", 11025),
    17: ("DVI4", 22050),
    18: ("G729", 8000),
}
COMFORT_NOISE_PT = 13  # RFC 3389 §4
DECODABLE = frozenset({"PCMU", "PCMA", "G722"})
TELEPHONE_EVENT = "TELEPHONE-EVENT"

# Audio sample rate per decoded encoding. G.722's RTP clock is 8000 but its audio is
# 16 kHz (RFC 3551 §4.5.2), so 1 RTP tick is 2 samples.
AUDIO_RATE = {"PCMU": 8000, "PCMA": 8000, "G722": 16000}
SAMPLES_PER_TICK = {"PCMU": 1, "PCMA": 1, "G722": 2}


# Decoding tables for the formats of one octet per sample (G.711 Tables 1-2).
LOOKUP_TABLES = {"PCMU": ULAW_TO_PCM, "PCMA": ALAW_TO_PCM}


def lookup(pt: int, payload_map: dict[int, tuple[str, int]] | None = None) -> tuple[str, int] | None:
    """(ENCODING upper case, clock rate) for a payload type, or None when unknown."""
    if payload_map and pt in payload_map:
        enc, rate = payload_map[pt]
        return enc.upper(), rate
    return STATIC.get(pt)


def decode(encoding: str, payload: npt.NDArray[np.uint8]) -> npt.NDArray[np.int16]:
    """Decode concatenated payload octets of one stream, in order, in one call."""
    if encoding == "PCMU":
        return ULAW_TO_PCM[payload]  # 256-entry lookup table, G.711 Table 2
    if encoding == "PCMA":
        return ALAW_TO_PCM[payload]
    if encoding == "G722":
        return G722Decoder().decode(payload)
    raise ValueError(f"no decoder for encoding {encoding!r}")


def silence_code(encoding: str) -> int:
    """The payload octet that decodes to (near) zero: used to fill gaps before decoding."""
    return {"PCMU": 0xFF, "PCMA": 0xD5}.get(encoding, 0)


__all__ = [
    "AUDIO_RATE",
    "COMFORT_NOISE_PT",
    "DECODABLE",
    "LOOKUP_TABLES",
    "SAMPLES_PER_TICK",
    "STATIC",
    "TELEPHONE_EVENT",
    "decode",
    "lookup",
    "silence_code",
]
