"""Where the console connects: the enrolled identity (``ccedge enroll``'s bundle) and an address.

The bundle is read by ``ccedge.rpc.client.Bundle`` (the API's own reader, which never imports
core); this adds only the address the console actually dials, which discovery or ``--host``
may change while the pinned fingerprint and certificates stay those of the enrolment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ccedge.rpc.client import Bundle, BundleError
from ccedge.tui.client import ConsoleError


@dataclass(frozen=True, slots=True)
class Endpoint:
    bundle: Bundle
    host: str
    port: int

    @property
    def fingerprint(self) -> str:
        return self.bundle.fingerprint.replace(":", "").strip().lower()

    def at(self, host: str, port: int | None = None) -> Endpoint:
        return replace(self, host=host, port=port or self.port)


def load_endpoint(path: str | Path) -> Endpoint:
    """The bundle at ``path``, dialled at the address it was enrolled with; one-line errors."""
    try:
        bundle = Bundle.load(Path(path))
    except BundleError as e:
        raise ConsoleError(str(e)) from e
    return Endpoint(bundle, bundle.address, bundle.port)
