"""The exception base of ``ccedge.core.redact``."""

from __future__ import annotations

from ccedge.core.errors import CoreError


class RedactError(CoreError):
    """Redaction could not run as configured.

    Messages name the setting or input field at fault and never quote call content.
    """
