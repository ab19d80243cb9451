from ccedge.core.errors import CoreError


class SimulateError(CoreError):
    """A synthetic call could not be built (missing tool, impossible script)."""
