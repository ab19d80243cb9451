"""G.722 (ITU-T G.722, 64 kbit/s SB-ADPCM) decoding behind a validating wrapper.

The arithmetic is the PyPI ``G722`` package (a C extension derived from the ITU/spandsp
reference code); this module only checks inputs and returns int16 numpy arrays. G.722 is
stateful: decode a stream's payloads in order with one :class:`G722Decoder`. Audio is
16 kHz even though the RTP clock is 8000 Hz (RFC 3551 §4.5.2, an historical error kept
for compatibility), so one 20 ms packet carries 160 octets and yields 320 samples.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ccedge.dsp import DspError

SAMPLE_RATE = 16000
BIT_RATE = 64000


def _codes(codes: npt.ArrayLike | bytes) -> bytes:
    if isinstance(codes, bytes | bytearray | memoryview):
        return bytes(codes)
    a = np.asarray(codes)
    if a.dtype != np.uint8:
        raise DspError(f"G.722 decode needs uint8 codes or bytes, got {a.dtype}")
    return a.tobytes()


class G722Decoder:
    """One decoder state; feed a stream's payloads in order."""

    def __init__(self) -> None:
        import G722  # the C extension; imported lazily so dsp imports stay light

        self._codec = G722.G722(SAMPLE_RATE, BIT_RATE)

    def decode(self, codes: npt.ArrayLike | bytes) -> npt.NDArray[np.int16]:
        data = _codes(codes)
        if not data:
            return np.zeros(0, dtype=np.int16)
        out = np.frombuffer(self._codec.decode(data), dtype=np.int16)
        if len(out) != 2 * len(data):  # 64 kbit/s mode: two samples per octet
            raise DspError("G.722 decoder returned an unexpected number of samples")
        return out.copy()


def g722_decode(codes: npt.ArrayLike | bytes) -> npt.NDArray[np.int16]:
    """Decode one contiguous G.722 stream (fresh state) to 16 kHz int16."""
    return G722Decoder().decode(codes)


def g722_encode(pcm: npt.ArrayLike) -> bytes:
    """Encode 16 kHz int16 PCM (used to build test streams)."""
    import G722

    a = np.asarray(pcm)
    if a.dtype != np.int16:
        raise DspError(f"G.722 encode needs int16 samples, got {a.dtype}")
    if len(a) % 2:
        raise DspError("G.722 encode needs an even number of samples")
    return bytes(G722.G722(SAMPLE_RATE, BIT_RATE).encode(a))


__all__ = ["BIT_RATE", "SAMPLE_RATE", "G722Decoder", "g722_decode", "g722_encode"]
