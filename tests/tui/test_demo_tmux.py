"""``ccedge demo`` in a real terminal: tmux runs it, the test reads the screen and presses keys.

The demo provisions a throwaway appliance, replays the bundled calls with the API and discovery
on loopback, and opens the console; quitting the console stops everything and removes the
temporary appliance directory.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def keys(session: str, *names: str) -> None:
    """One key at a time: Escape followed at once by a key would read as Alt+key."""
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(0.6)


def wait_for(session: str, pattern: str, seconds: float) -> str:
    end = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < end:
        screen = tmux("capture-pane", "-p", "-t", session, "-S", "-200")
        if re.search(pattern, screen):
            return screen
        time.sleep(0.5)
    raise AssertionError(f"the terminal never showed {pattern!r}; it shows:\n{screen}")


def test_demo_shows_the_console_in_a_real_terminal(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    session = f"ccedge-demo-{uuid.uuid4().hex[:8]}"
    ccedge = Path(sys.executable).with_name("ccedge")
    command = f"cd {tmp_path} && {ccedge} demo; echo DEMO-EXIT=$?; sleep 60"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    try:
        # the floor: the bundled calls appear with masked customers
        screen = wait_for(session, r"demo-bank-paym", 180)
        assert "Calls" in screen and "Alerts" in screen
        assert re.search(r"…\S+", screen), "customers are shown masked"
        keys(session, "Enter")
        screen = wait_for(session, r"Call demo-\S+", 30)
        assert "agent" in screen and "customer" in screen
        keys(session, "Escape")
        keys(session, "4")
        wait_for(session, r"capture packets/s", 30)
        keys(session, "?")
        wait_for(session, r"Recordings & audit|ccedge console", 30)
        keys(session, "Escape")
        keys(session, "q")
        screen = wait_for(session, r"DEMO-EXIT=\d+", 60)
        assert "DEMO-EXIT=0" in screen
        where = re.search(r"a throwaway appliance in (\S+)", screen)
        assert where is not None
        assert not Path(where.group(1)).exists(), "the temporary appliance was not removed"
        assert not re.search(r"(?:\d[ -]?){13,}", screen), "a card-number-like digit run was drawn"
    finally:
        tmux("kill-session", "-t", session)
