"""Provisioning of the appliance: its CA and certificates, enrolment, the service unit, doctor.

May import ``core``, ``dsp`` and ``hardware``; never ``ccedge.rpc`` or ``ccedge.tui``.
"""

from ccedge.core.errors import CoreError


class FirmwareError(CoreError):
    """Provisioning failed; the message says what to do (one line, nothing sensitive)."""


__all__ = ["FirmwareError"]
