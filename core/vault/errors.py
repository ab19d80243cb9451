"""The vault's one exception base and the few kinds a caller acts on differently."""

from __future__ import annotations

from ccedge.core.errors import CoreError


class VaultError(CoreError):
    """Base of every vault error; messages name the file, chunk or entry, never content."""


class IntegrityError(VaultError):
    """Stored or exported data failed authentication; ``what`` names the part that broke."""

    def __init__(self, what: str, message: str) -> None:
        super().__init__(f"{what}: {message}")
        self.what = what


class KeyUnavailableError(VaultError):
    """A key could not be unsealed (wrong passphrase, destroyed key, shredded recording)."""


class AccessDenied(VaultError):
    """The actor's role may not do this (the denial itself is audited)."""


class StorageUnavailable(VaultError):
    """The disk is full or failing: new recordings are refused until space returns."""


__all__ = ["AccessDenied", "IntegrityError", "KeyUnavailableError", "StorageUnavailable", "VaultError"]
