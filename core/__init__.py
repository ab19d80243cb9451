"""The appliance's domain: tap, speech, redaction, vault, guidance, QM, pipeline, configuration.

``ccedge.core`` imports ``ccedge.dsp`` and ``ccedge.hardware`` and never textual or grpc.
"""

from ccedge.core.errors import CoreError

__all__ = ["CoreError"]
