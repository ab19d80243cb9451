"""Pilot tests of every screen and role on a scripted API (deterministic, fast).

The same screens are driven against a real mTLS server in ``test_console_live.py``.
"""

from __future__ import annotations

import re

import pytest

from ccedge.tui.app import ConsoleApp
from ccedge.tui.client import CertificateRefused, ConnectionLost, NoApplianceFound
from ccedge.tui.screens import (
    CallScreen,
    FloorScreen,
    HealthScreen,
    HelpScreen,
    LinkScreen,
    QualityScreen,
    RecordingsScreen,
)
from ccedge.tui.screens.export import ExportDialog
from ccedge.tui.widgets import CallsTable

from .scripted import T0, ScriptedClient, screen_text, text_with, until

pytestmark = pytest.mark.timeout(60)
_LONG_DIGITS = re.compile(r"(?:\d[ -]?){7,}")


def make(role: str = "supervisor", **kw: object) -> ConsoleApp:
    return ConsoleApp(lambda: ScriptedClient(role, **kw), clock=lambda: T0)  # type: ignore[arg-type]


async def test_supervisor_floor_lists_calls_alerts_and_health() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "pay-1@10.0.0.5" in screen_text(app))
        assert isinstance(app.screen, FloorScreen)
        text = screen_text(app)
        assert "pay-1@10.0.0.5" in text and "…4821" in text and "01:35" in text
        assert "identity-before-phi" in text and "VIOLATED" in text
        assert "calls 2" in text and "pkt/s" in text
        # the supervisor is not offered the compliance screen
        assert "Recordings" not in text.splitlines()[-1]
        assert app.check_action("goto", ("recordings",)) is False
        await pilot.press("3")
        assert isinstance(app.screen, FloorScreen)


async def test_floor_sorts_and_filters() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "clinic-7" in screen_text(app))
        table = app.screen.query_one(CallsTable)
        assert table.selected_call() == "pay-1@10.0.0.5"  # longest first
        await pilot.press("S")  # shortest first
        await pilot.pause(0.1)
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == "clinic-7@10.0.0.9"  # type: ignore[arg-type]
        await pilot.press("slash", *"bob", "enter")
        await pilot.pause(0.1)
        assert table.row_count == 1 and "filter “bob”" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert table.row_count == 2


async def test_call_screen_shows_redacted_transcript_side_by_side() -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "pay-1@10.0.0.5" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: "[PAN]" in screen_text(app))
        assert isinstance(app.screen, CallScreen)
        text = screen_text(app)
        assert "[PAN]" in text and "[CVV]" in text
        assert "key press (rfc2833, masked)" in text
        assert "payment-script" in text  # the prompt on the timeline
        assert "QM finance v1: 82/100" in text
        assert "overtalk" in text
        assert not _LONG_DIGITS.search(text)
        # agent on the left, customer on the right, in time order
        agent_line = next(line for line in text.splitlines() if "Thank you for" in line)
        cust_line = next(line for line in text.splitlines() if "I'd like to pay" in line)
        assert agent_line.index("Thank") < cust_line.index("I'd")
        await pilot.press("escape")
        assert isinstance(app.screen, FloorScreen)


async def test_quality_criteria_and_disputes() -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.connects == 1)
        await pilot.press("2")
        await until(pilot, lambda: "payment-script" in screen_text(app))
        assert isinstance(app.screen, QualityScreen)
        text = screen_text(app)
        assert "payment-script" in text and "not met" in text and "00:07.0–00:09.5" in text
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        await pilot.press("d")
        await until(pilot, lambda: app.screen is not screen)
        await pilot.press(*"script was read", "enter")
        await until(pilot, lambda: bool(screen.disputes))
        assert [d.criterion for d in screen.disputes] == ["recording-notice"]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await text_with(pilot, app, "script was read")
        await pilot.press("a")
        await until(pilot, lambda: screen.disputes[0].state == "accepted")
        await pilot.press("right_square_bracket")
        await text_with(pilot, app, "recording-notice", "+29%")
        # drill-down: enter on a criterion opens its call with the evidence utterance marked
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await text_with(pilot, app, "Criteria of pay-1")
        app.screen.query_one("#criteria").focus()
        await pilot.press("down", "enter")
        text = await text_with(pilot, app, "▶00:07.0", "Sure, can I have the")
        assert "▶00:01.0" not in text


async def test_compliance_recordings_hold_quarantine_and_export(tmp_path: object) -> None:
    app = make("compliance")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "HOLD" in screen_text(app))
        assert isinstance(app.screen, RecordingsScreen)  # compliance starts here
        text = screen_text(app)
        assert "clinic-7@10.0." in text and "HOLD" in text and "PAN×1" in text
        await pilot.press("h")
        await until(pilot, lambda: app.screen.rows[0].legal_hold)  # type: ignore[attr-defined]
        await pilot.press("u")
        await until(pilot, lambda: "masked-lag" in screen_text(app))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await until(pilot, lambda: getattr(app.screen, "result_ok", None) is not None)
        assert app.screen.result_ok is True  # type: ignore[attr-defined]
        await until(pilot, lambda: "verified ✓" in screen_text(app))


async def test_refusal_by_the_appliance_is_shown() -> None:
    app = make("compliance", deny={"recordings", "export"})
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Refused" in screen_text(app))
        assert "Refused by the appliance" in screen_text(app)
        await pilot.press("e")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert "Export refused by the appliance" in screen_text(app)


async def test_health_plots_and_help() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.connects == 1)
        await pilot.press("4")
        await until(pilot, lambda: "transcription lag" in screen_text(app))
        assert isinstance(app.screen, HealthScreen)
        text = screen_text(app)
        assert "capture packets/s" in text and "transcription lag" in text and "CPU" in text
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)
        assert "ccedge console" in screen_text(app) and "Floor" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HealthScreen)


@pytest.mark.parametrize(("error", "title"), [
    (NoApplianceFound("looked for fingerprint ab12…"), "No appliance found"),
    (CertificateRefused("the appliance refused this certificate"), "Certificate refused"),
    (ConnectionLost("cannot reach 127.0.0.1:7443"), "Connection lost — retrying"),
])
async def test_link_screens(error: Exception, title: str) -> None:
    app = ConsoleApp(lambda: ScriptedClient(fail_connect=error), clock=lambda: T0, retry_s=0.2)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await text_with(pilot, app, title, str(error)[:20])
        assert isinstance(app.screen, LinkScreen)
        assert app.check_action("goto", ("floor",)) is False


async def test_reconnects_by_itself_after_failures() -> None:
    attempts = []

    def factory() -> ScriptedClient:
        attempts.append(1)
        if len(attempts) < 3:
            return ScriptedClient(fail_connect=ConnectionLost("appliance restarting"))
        return ScriptedClient()

    app = ConsoleApp(factory, clock=lambda: T0, retry_s=0.1)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, LinkScreen)
        await text_with(pilot, app, "pay-1@10.0.0.5")
        assert isinstance(app.screen, FloorScreen)
        assert app.connects == 1 and len(attempts) == 3
