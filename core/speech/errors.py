"""The error base of ``ccedge.core.speech``."""

from __future__ import annotations

from ccedge.core.errors import CoreError


class SpeechError(CoreError):
    """Model build, model file or transcription failure (never carries transcript text)."""
