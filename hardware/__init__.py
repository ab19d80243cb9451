"""The box's edges: NIC capture, capture files, sound devices, host profile, key sealing."""


class HardwareError(Exception):
    """Base of the errors raised by ``ccedge.hardware``."""


__all__ = ["HardwareError"]
