"""systemd notifications (sd_notify(3)): READY=1 once capturing, WATCHDOG=1 with each Health,
STOPPING=1 when draining. A datagram to ``$NOTIFY_SOCKET``; nothing when it is unset."""

from __future__ import annotations

import os
import socket


def notify(state: str) -> bool:
    """Send ``state`` ("READY=1", …); False when not run under systemd or the send failed."""
    path = os.environ.get("NOTIFY_SOCKET", "")
    if not path:
        return False
    if path.startswith("@"):  # abstract namespace socket
        path = "\0" + path[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.connect(path)
            s.sendall(state.encode())
        return True
    except OSError:
        return False


__all__ = ["notify"]
