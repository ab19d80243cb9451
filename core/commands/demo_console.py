"""``ccedge demo`` with the console: a whole throwaway appliance on loopback, and the console on it.

Everything runs as the operator would run it, in subprocesses of the ``ccedge`` command, so this
module (in core) imports neither the console nor the API: ``ccedge init`` provisions a
temporary data directory (owner-only, a random vault passphrase that lives only in the
children's environment), ``ccedge enroll`` issues a supervisor identity, ``ccedge run`` replays
the bundled calls at their recorded pace with the API and discovery on 127.0.0.1, and
``ccedge console`` finds it by zeroconf (pinning the enrolled fingerprint) on this terminal.
Quitting the console stops the appliance (SIGTERM, then SIGKILL after a grace period) and
removes the directory. No network, root or sound card is needed.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ccedge.core.errors import CoreError

CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]
STOP_GRACE_S = 20.0


class DemoError(CoreError):
    """A step of the demo appliance failed (the message names the step)."""


def console_available() -> bool:
    """Whether the ``console`` verb is installed (the tui package and its dependencies)."""
    from importlib.metadata import entry_points

    return any(ep.name == "console" for ep in entry_points(group="ccedge.commands"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _step(args: Sequence[str], env: dict[str, str], what: str) -> None:
    r = subprocess.run([*CCEDGE, *args], env=env, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["no message"])[-1]
        raise DemoError(f"{what} failed: {last}")


def wanted(no_console: bool, plain_output: bool) -> bool:
    """The console replaces the printed view only on a terminal (not in CI or a pipe), when it is
    installed, and when no option asks for the printed view or its files."""
    return (not no_console and not plain_output and sys.stdin.isatty() and sys.stdout.isatty()
            and console_available())


def run_with_console(captures: Sequence[Path], workers: int = 0, fast: bool = False,
                     transcribe: bool = True) -> int:
    """Provision, run, show the console; clean everything up when it quits. Returns its exit code."""
    from ccedge.core.speech.build import default_model_path

    model = default_model_path()  # the model built at set-up, in the user's data directory
    with tempfile.TemporaryDirectory(prefix="ccedge-demo-") as tmp:  # mkdtemp: mode 0700
        root = Path(tmp)
        data, bundle, port = root / "appliance", root / "supervisor.json", _free_port()
        env = {**os.environ, "CCEDGE_VAULT_PASSPHRASE": secrets.token_urlsafe(24),
               "CCEDGE_DATA_DIR": str(data)}
        print(f"ccedge demo: a throwaway appliance in {root}", file=sys.stderr, flush=True)
        _step(["init", "--data-dir", str(data)], env, "ccedge init")
        _step(["enroll", "--data-dir", str(data), "--role", "supervisor", "--name", "demo-supervisor",
               "--out", str(bundle), "--address", "127.0.0.1", "--port", str(port)], env, "ccedge enroll")
        config = root / "appliance.toml"
        config.write_text(
            "[api]\nenabled = true\nhost = \"127.0.0.1\"\n"
            f"port = {port}\nsite = \"demo\"\nadvertise_interfaces = [\"127.0.0.1\"]\n"
            f"\n[speech]\nworkers = {max(0, workers)}\nmodel = {str(model)!r}\n"
            if transcribe and model.exists() else "\n[speech]\nenabled = false\n")
        replay = [a for c in captures for a in ("--replay", str(c))] + (["--fast"] if fast else [])
        previous = {s: signal.signal(s, _raise_hangup) for s in (signal.SIGHUP, signal.SIGTERM)}
        with open(root / "appliance.log", "wb") as log:
            appliance = subprocess.Popen([*CCEDGE, "run", "--config", str(config), "--data-dir", str(data),
                                          *replay], env=env, stdout=log, stderr=log,
                                         start_new_session=True)  # Ctrl-C in the console is the console's
            try:
                print("ccedge demo: appliance starting; the console finds it by zeroconf on loopback",
                      file=sys.stderr, flush=True)
                console = subprocess.run([*CCEDGE, "console", "--identity", str(bundle),
                                          "--interface", "127.0.0.1", "--discover-seconds", "5"],
                                         env=env, check=False)
                code = console.returncode
            except _Hangup:
                code = 129
            finally:
                for s, handler in previous.items():
                    signal.signal(s, handler)
                _stop(appliance)
        if code != 0:
            tail = (root / "appliance.log").read_text(errors="replace").strip().splitlines()[-3:]
            for line in tail:
                print(f"ccedge demo: appliance: {line[:200]}", file=sys.stderr)
    return code


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """A throwaway appliance need not drain: SIGTERM, a second one (``ccedge run`` then exits at
    once), and SIGKILL if it still has not gone."""
    for sig, wait_s in ((signal.SIGTERM, 3.0), (signal.SIGTERM, STOP_GRACE_S)):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        deadline = time.monotonic() + wait_s
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


class _Hangup(Exception):
    """The terminal went away (SIGHUP) or we were told to stop (SIGTERM): clean up and leave."""


def _raise_hangup(signum: int, frame: object) -> None:
    raise _Hangup(signal.Signals(signum).name)
