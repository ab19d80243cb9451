"""Writing an audit export to disk: owner-only, into a temporary file renamed into place when whole.

The console never leaves a half-written export behind: chunks go to ``.<name>.partial`` (0600),
the SHA-256 of what was written must equal the appliance's, and only then is it fsynced and
renamed to the name the user asked for.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path


class AuditExportWriter:
    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.tmp = self.out.with_name(f".{self.out.name}.partial")
        self._fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self._sha = hashlib.sha256()
        self.done = False

    def write(self, chunk: bytes) -> None:
        self._sha.update(chunk)
        view = memoryview(chunk)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]

    def finish(self, expected_sha256: str) -> bool:
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = -1
        if self._sha.hexdigest() != expected_sha256.lower():
            return False
        os.replace(self.tmp, self.out)
        self.done = True
        return True

    def abort(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if not self.done:
            with contextlib.suppress(FileNotFoundError):
                self.tmp.unlink()
