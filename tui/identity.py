"""The enrolled identity a console connects with (the bundle ``ccedge enroll`` writes).

The bundle holds this user's private key and certificate, the appliance CA, the appliance's
address and the SHA-256 fingerprint of its server certificate, which the console pins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ccedge.tui.client import ConsoleError


@dataclass(frozen=True, slots=True)
class Endpoint:
    host: str
    port: int
    ca_pem: bytes
    cert_pem: bytes
    key_pem: bytes
    fingerprint: str = ""  # hex SHA-256 of the server certificate (DER); "" pins nothing
    server_name: str = ""  # name to check the server certificate against, when not ``host``
    name: str = ""
    role: str = ""

    def at(self, host: str, port: int) -> Endpoint:
        from dataclasses import replace

        return replace(self, host=host, port=port)


def load_bundle(path: str | Path) -> Endpoint:
    """Read an identity bundle; a one-line error names what is missing, never a key."""
    p = Path(path)
    try:
        data = json.loads(p.read_text())
    except OSError as e:
        raise ConsoleError(f"cannot read identity bundle {p}: {e.strerror}") from e
    except ValueError as e:
        raise ConsoleError(f"identity bundle {p} is not valid JSON") from e
    missing = [k for k in ("ca_pem", "cert_pem", "key_pem") if not data.get(k)]
    if missing:
        raise ConsoleError(f"identity bundle {p} lacks {', '.join(missing)}")
    return Endpoint(
        host=str(data.get("address") or data.get("host") or "127.0.0.1"), port=int(data.get("port") or 7443),
        ca_pem=data["ca_pem"].encode(), cert_pem=data["cert_pem"].encode(),
        key_pem=data["key_pem"].encode(),
        fingerprint=str(data.get("fingerprint", "")).lower().replace(":", ""),
        server_name=str(data.get("server_name", "")), name=str(data.get("name", "")),
        role=str(data.get("role", "")))
