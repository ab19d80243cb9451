"""The console against a real API server: real mTLS certificates from the appliance's own
provisioning, real sockets on 127.0.0.1, real events published on the runtime's bus.

Roles: the supervisor watches the floor, opens a call, reads the quality screen and is refused
the recordings and the export; the compliance officer exports the audit trail and it verifies;
the administrator sees the health figures only. Refusals: revoked, expired and foreign
certificates and a pinned fingerprint that does not match; a server that goes away and comes
back is reconnected to without a key press.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from ccedge.core.bus import EventBus
from ccedge.core.events import GuidancePrompt
from ccedge.rpc.discovery import Advertiser
from ccedge.rpc.server import ApiServer, ApiSettings
from ccedge.tui.app import ConsoleApp
from ccedge.tui.client import PermissionDenied
from ccedge.tui.command import connector
from ccedge.tui.grpc_client import GrpcClient
from ccedge.tui.identity import load_endpoint
from ccedge.tui.screens import CallScreen, FloorScreen, HealthScreen, LinkScreen, RecordingsScreen
from ccedge.tui.screens.export import ExportDialog

from .conftest import Appliance
from .scripted import demo_events, text_with, until

pytestmark = [pytest.mark.timeout(120), pytest.mark.slow]
DIGIT_RUN = re.compile(r"(?:\d[ \t\-]?){7,}")


@contextlib.asynccontextmanager
async def serving(data_dir: Path, port: int = 0) -> AsyncIterator[tuple[ApiServer, EventBus]]:
    bus = EventBus()
    server = ApiServer(bus, data_dir, ApiSettings(host="127.0.0.1", port=port, advertise=False), grace_s=0.2)
    await server.start()
    try:
        for e in demo_events(time.time()):
            await bus.publish(e)
        yield server, bus
    finally:
        await server.stop()


def console(appliance: Appliance, who: str, port: int, **kw: Any) -> ConsoleApp:
    ep = load_endpoint(appliance.bundles[who]).at("127.0.0.1", port)
    return ConsoleApp(lambda: GrpcClient(ep), retry_s=0.3, **kw)


def no_secrets(text: str) -> None:
    assert not DIGIT_RUN.search(text), "a long digit run reached the screen"


async def test_supervisor_floor_call_quality_and_refusals(appliance: Appliance) -> None:
    async with serving(appliance.data_dir) as (server, bus):
        app = console(appliance, "supervisor", server.port)
        async with app.run_test(size=(100, 30)) as pilot:
            text = await text_with(pilot, app, "pay-1@10.0.0.5", "clinic-7@10.0.", "…4821")
            assert isinstance(app.screen, FloorScreen)
            assert "supervisor-pat · supervisor" in app.sub_title
            # an alert that fires while the supervisor watches
            await bus.publish(GuidancePrompt(
                call_id="clinic-7@10.0.0.9", t=30.0, rule="complaint-acknowledged", severity="critical",
                message="Acknowledge the complaint.", state="violated"))
            text = await text_with(pilot, app, "complaint-acknowledged", "VIOLATED")
            no_secrets(text)
            # open the payment call: redacted transcript, masked DTMF, prompt on the timeline
            table = app.screen.query_one("#calls")
            table.move_cursor(row=next(i for i in range(table.row_count)  # type: ignore[attr-defined]
                                       if "pay-1" in str(table.get_row_at(i)[0])))  # type: ignore[attr-defined]
            await pilot.press("enter")
            text = await text_with(pilot, app, "[PAN]", "[CVV]", "key press (rfc2833, masked)",
                                   "payment-script")
            assert isinstance(app.screen, CallScreen)
            no_secrets(text)
            await pilot.press("escape")
            await pilot.press("2")
            text = await text_with(pilot, app, "recording-notice", "payment-script")
            no_secrets(text)
            # the compliance screens are not offered to a supervisor ...
            assert app.check_action("goto", ("recordings",)) is False
            # ... and the appliance refuses them anyway (a console that tried is told so)
            app.push_screen(RecordingsScreen())
            await text_with(pilot, app, "Refused by the appliance")
            assert app.client is not None
            with pytest.raises(PermissionDenied):
                async for _ in app.client.export_audit(str(Path(os.devnull)), 0, 0, "test"):
                    pass


async def test_compliance_exports_the_audit_trail_and_it_verifies(appliance: Appliance,
                                                                   tmp_path: Path) -> None:
    async with serving(appliance.data_dir) as (server, _bus):
        app = console(appliance, "compliance", server.port)
        out = tmp_path / "audit.jsonl"
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, RecordingsScreen))
            await pilot.press("1")
            await text_with(pilot, app, "pay-1@10.0.0.5")
            await pilot.press("3")
            await until(pilot, lambda: isinstance(app.screen, RecordingsScreen))
            app.push_screen(ExportDialog(str(out)))
            await pilot.pause(0.2)
            await pilot.press("enter")
            text = await text_with(pilot, app, "verified ✓", wait_s=30)
            assert isinstance(app.screen, ExportDialog) and app.screen.result_ok is True
            assert "records" in text
    assert out.exists() and out.stat().st_mode & 0o777 == 0o600
    assert b"compliance-pat" in out.read_bytes()  # the trail names who read what
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".partial")]


async def test_admin_sees_health_only(appliance: Appliance) -> None:
    async with serving(appliance.data_dir) as (server, _bus):
        app = console(appliance, "admin", server.port)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, HealthScreen))
            text = await text_with(pilot, app, "capture packets/s", "CPU", "disk ", "cert ")
            assert re.search(r"cert \d+d", text), "the server certificate's days left are shown"
            assert app.check_action("goto", ("floor",)) is False


@pytest.mark.parametrize("who", ["revoked", "expired", "foreign", "pinned-other"])
async def test_certificate_refused(appliance: Appliance, who: str) -> None:
    async with serving(appliance.data_dir) as (server, _bus):
        app = console(appliance, who, server.port)
        async with app.run_test(size=(80, 24)) as pilot:
            await text_with(pilot, app, "Certificate refused", wait_s=20)
            assert isinstance(app.screen, LinkScreen) and app.connects == 0


async def test_connection_lost_then_reconnects_by_itself(appliance: Appliance) -> None:
    with socket.socket() as s:  # a free port to come back on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with serving(appliance.data_dir, port=port) as (server, _bus):
        app = console(appliance, "supervisor", port)
        async with app.run_test(size=(80, 24)) as pilot:
            await text_with(pilot, app, "pay-1@10.0.0.5")
            await server.stop()
            await text_with(pilot, app, "Connection lost — retrying", wait_s=30)
            async with serving(appliance.data_dir, port=port):
                await text_with(pilot, app, "pay-1@10.0.0.5", wait_s=30)
                assert isinstance(app.screen, FloorScreen) and app.connects == 2


async def test_discovery_finds_the_pinned_appliance_or_says_none(appliance: Appliance) -> None:
    ep = load_endpoint(appliance.bundles["supervisor"])
    app = ConsoleApp(connector(ep, None, 1.0, ["127.0.0.1"]), retry_s=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await text_with(pilot, app, "No appliance found", wait_s=20)
    async with serving(appliance.data_dir) as (server, _bus):
        advert = Advertiser(server.port, server.fingerprint, "test-site", "0", ["127.0.0.1"], ["127.0.0.1"])
        await advert.start()
        try:
            app = ConsoleApp(connector(ep, None, 3.0, ["127.0.0.1"]), retry_s=0.5)
            async with app.run_test(size=(80, 24)) as pilot:
                await text_with(pilot, app, "pay-1@10.0.0.5", wait_s=30)
        finally:
            await advert.stop()
