"""SVG snapshots of every screen at 80x24 (the smallest terminal we promise) and 160x48.

Fed by the scripted API with a fixed clock, so the pictures only change when the screens do.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ccedge.tui.app import ConsoleApp
from ccedge.tui.client import CertificateRefused, ConnectionLost, NoApplianceFound

from .scripted import T0, ScriptedClient, text_with

pytestmark = pytest.mark.timeout(120)
SIZES = [(80, 24), (160, 48)]


def app_for(role: str = "supervisor", fail: Exception | None = None) -> ConsoleApp:
    return ConsoleApp(lambda: ScriptedClient(role, fail_connect=fail), clock=lambda: T0,  # type: ignore[arg-type]
                      retry_s=3600)


def waits(*keys: str, needles: tuple[str, ...]) -> Callable[[Any], Any]:
    async def run_before(pilot: Any) -> None:
        await text_with(pilot, pilot.app, "pay-1@10.0.0.5" if not keys or keys[0] != "3" else "HOLD")
        for k in keys:
            await pilot.press(k)
        await text_with(pilot, pilot.app, *needles)
        await pilot.pause(0.6)  # one redraw tick, so the picture is settled
    return run_before


SCREENS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "floor": ("supervisor", (), ("Alerts",)),
    "call": ("supervisor", ("enter",), ("[PAN]", "QM finance")),
    "quality": ("supervisor", ("2",), ("payment-script",)),
    "recordings": ("compliance", (), ("2 recordings",)),
    "health": ("supervisor", ("4",), ("transcription lag",)),
    "help": ("supervisor", ("question_mark",), ("ccedge console",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, screen: str, size: tuple[int, int]) -> None:
    role, keys, needles = SCREENS[screen]
    if screen == "recordings":
        async def before(pilot: Any) -> None:
            await text_with(pilot, pilot.app, "HOLD", "2 recordings")
            await pilot.pause(0.6)
        run_before = before
    else:
        run_before = waits(*keys, needles=needles)
    assert snap_compare(app_for(role), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("state", "error", "title"), [
    ("none", NoApplianceFound("no ccedge appliance answered on the LAN within 3 s"), "No appliance found"),
    ("refused", CertificateRefused("the appliance refused this certificate: certificate revoked"),
     "Certificate refused"),
    ("lost", ConnectionLost("cannot reach 127.0.0.1:7443"), "Connection lost"),
])
def test_link(snap_compare: Any, state: str, error: Exception, title: str, size: tuple[int, int]) -> None:
    async def before(pilot: Any) -> None:
        await text_with(pilot, pilot.app, title)
        await pilot.pause(0.3)
    assert snap_compare(app_for(fail=error), terminal_size=size, run_before=before)
