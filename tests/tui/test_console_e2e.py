"""End to end: ``ccedge init`` / ``ccedge enroll`` / ``ccedge run`` on a generated capture, in
subprocesses as an operator would run them, and the console connected over mTLS by discovery on
loopback, as a supervisor and as a compliance officer.

The supervisor sees the call appear, its transcript arrive redacted, and is refused the export;
the compliance officer exports the audit trail and it verifies. The run has no [guidance] table,
so the default policy ``ccedge init`` recorded (finance) runs: prompts fire on the floor and the
call's QM score lands.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from ccedge.core.simulate import SyntheticCall, Turn, write_capture
from ccedge.tui.app import ConsoleApp
from ccedge.tui.command import connector
from ccedge.tui.identity import load_endpoint
from ccedge.tui.screens import CallScreen, FloorScreen, RecordingsScreen
from ccedge.tui.screens.export import ExportDialog

from .scripted import screen_text, text_with, until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
CCEDGE = [sys.executable, "-m", "ccedge.core.cli"]
DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")
CALL = SyntheticCall(
    call_id="e2e-payment@ccedge.test", caller="customer-9", callee="agent-4", wpm=125, word_gap=4,
    turns=(
        Turn("callee", "Thank you for calling. This call is recorded for quality and training."),
        Turn("caller", "I would like to pay my bill."),
        Turn("callee", "Can I take the card number please?"),
        Turn("caller", "It is four one one one, one one one one, one one one one, one one one one."),
        Turn("callee", "Thank you, the payment is complete. Goodbye."),
    ))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> object:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng): no speech for the capture")
    root = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "CCEDGE_VAULT_PASSPHRASE": "e2e-test-passphrase"}
    data, port = root / "appliance", free_port()
    subprocess.run([*CCEDGE, "init", "--data-dir", str(data)], env=env, check=True, capture_output=True)
    for role in ("supervisor", "compliance"):
        subprocess.run([*CCEDGE, "enroll", "--data-dir", str(data), "--role", role, "--name", f"{role}-e2e",
                        "--out", str(root / f"{role}.json"), "--address", "127.0.0.1", "--port", str(port)],
                       env=env, check=True, capture_output=True)
    capture = root / "call.pcap"
    write_capture(capture, [replace(CALL)])
    (root / "run.toml").write_text(
        f'[api]\nenabled = true\nhost = "127.0.0.1"\nport = {port}\nsite = "e2e"\n'
        'advertise_interfaces = ["127.0.0.1"]\n')
    events = root / "events.jsonl"
    proc = subprocess.Popen([*CCEDGE, "run", "--config", str(root / "run.toml"), "--data-dir", str(data),
                             "--replay", str(capture), "--events", str(events)],
                            env=env, stdout=subprocess.DEVNULL, stderr=open(root / "run.err", "wb"))
    try:
        yield root, events
    finally:  # a second SIGTERM makes `ccedge run` exit without draining the speech queue
        for wait_s in (3, 15):
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(wait_s)
                break
            except subprocess.TimeoutExpired:
                continue
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def said(events: Path, needle: str) -> bool:
    """Whether the appliance published an utterance holding ``needle`` (it may still be in speech)."""
    if not events.exists():
        return False
    return any(needle in json.loads(line).get("text", "") for line in events.read_text().splitlines()
               if line and '"utterance"' in line)


def emitted(events: Path, kind: str) -> bool:
    if not events.exists():
        return False
    return any(json.loads(line).get("type") == kind for line in events.read_text().splitlines() if line)


async def test_supervisor_then_compliance_on_a_live_run(running: tuple[Path, Path], tmp_path: Path) -> None:
    root, events = running
    sup = load_endpoint(root / "supervisor.json")
    app = ConsoleApp(connector(sup, None, 3.0, ["127.0.0.1"]), retry_s=1.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await text_with(pilot, app, "e2e-payment@cc", "agent-4", wait_s=90)
        assert isinstance(app.screen, FloorScreen)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        text = await text_with(pilot, app, "recorded for quality", wait_s=150)
        # the caller's card number arrives masked, and no digit run ever reaches the screen
        if said(events, "[PAN]"):
            text = await text_with(pilot, app, "[PAN]", wait_s=60)
        assert not DIGIT_RUN.search(text) and "4111" not in text
        await pilot.press("escape")
        # the default policy's prompts fire (finance: the recording notice is due at the start)
        await until(pilot, lambda: bool(app.state.alerts), wait_s=60)
        assert any(p.rule == "recording-notice" for p in app.state.alerts)
        await text_with(pilot, app, "Alerts", "recording-notice", wait_s=30)
        # and the call's QM score lands once it ends (finance scorecard), shown in the QM column
        await until(pilot, lambda: "e2e-payment@ccedge.test" in app.state.scores, wait_s=150)
        card = app.state.scores["e2e-payment@ccedge.test"]
        assert card.scorecard == "finance" and card.criteria
        # the customer's live sentiment reached the floor's row (a number, never words)
        row = app.state.calls.get("e2e-payment@ccedge.test")
        assert row is not None and row.sentiment is not None and -1.0 <= row.sentiment <= 1.0
        assert emitted(events, "guidance") and emitted(events, "score")
        # the supervisor may not export: the appliance refuses (and audits the refusal)
        app.push_screen(ExportDialog(str(tmp_path / "sup-export.jsonl")))
        await pilot.pause(0.2)
        await pilot.press("enter")
        await text_with(pilot, app, "Export refused by the appliance", wait_s=30)
        assert not (tmp_path / "sup-export.jsonl").exists()

    comp = load_endpoint(root / "compliance.json")
    app = ConsoleApp(connector(comp, None, 3.0, ["127.0.0.1"]), retry_s=1.0)
    out = tmp_path / "audit.jsonl"
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.connects == 1, wait_s=60)
        # the call has ended by now (its score landed): the floor lists live calls only, so the
        # compliance officer finds it among the stored recordings
        # the stored recording, from the vault over the API (redacted audio; search, hold)
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, RecordingsScreen))
        end = time.monotonic() + 90
        while "e2e-payment@cc" not in screen_text(app) and time.monotonic() < end:
            await pilot.press("r")  # the recording is listed once the call is closed and stored
            await pilot.pause(2.0)
        text = await text_with(pilot, app, "e2e-payment@cc", "recordings")
        assert "could not answer" not in text and "Refused" not in text
        app.push_screen(ExportDialog(str(out)))
        await pilot.pause(0.2)
        await pilot.press("enter")
        await text_with(pilot, app, "verified ✓", wait_s=60)
        assert not DIGIT_RUN.search(screen_text(app))
    trail = out.read_text()
    assert "supervisor-e2e" in trail and "denied" in trail.lower()  # the refused export is on record
