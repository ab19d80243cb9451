"""The one error base of ``ccedge.hardware.capture``."""

from __future__ import annotations

from ccedge.hardware import HardwareError


class CaptureError(HardwareError):
    """A capture source cannot be read: bad file header, unknown format, socket failure.

    Problems inside single packets never raise; they are counted in ``CaptureStats.rejected``.
    """


__all__ = ["CaptureError"]
