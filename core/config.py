"""Where the appliance keeps its state, and the settings every stage reads.

The data directory holds the transcription model, the vault and the index. It is
``$CCEDGE_DATA_DIR`` when set, else ``/var/lib/ccedge`` on a provisioned box (when it
exists), else ``~/.local/share/ccedge`` for a developer or a test run.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(create: bool = True) -> Path:
    env = os.environ.get("CCEDGE_DATA_DIR")
    if env:
        path = Path(env)
    elif Path("/var/lib/ccedge").is_dir():
        path = Path("/var/lib/ccedge")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
        path = base / "ccedge"
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
