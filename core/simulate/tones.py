"""DTMF tone synthesis (ITU-T Q.23 frequency pairs) for in-band fixtures."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

# ITU-T Q.23: row (low group) and column (high group) frequencies in Hz.
_LOW = (697.0, 770.0, 852.0, 941.0)
_HIGH = (1209.0, 1336.0, 1477.0, 1633.0)
_KEYS = ("123A", "456B", "789C", "*0#D")
DTMF_FREQS: dict[str, tuple[float, float]] = {
    key: (_LOW[r], _HIGH[c]) for r, row in enumerate(_KEYS) for c, key in enumerate(row)
}


def dtmf_tone(
    digit: str, rate: int = 8000, duration: float = 0.1, level_dbfs: float = -10.0
) -> npt.NDArray[np.int16]:
    """One DTMF digit as two equal-level sines, ``level_dbfs`` per tone."""
    if digit not in DTMF_FREQS:
        raise ValueError(f"not a DTMF digit: {digit!r}")
    lo, hi = DTMF_FREQS[digit]
    t = np.arange(round(duration * rate)) / rate
    amp = 32767.0 * 10 ** (level_dbfs / 20.0)
    x = amp * (np.sin(2 * np.pi * lo * t) + np.sin(2 * np.pi * hi * t))
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)
