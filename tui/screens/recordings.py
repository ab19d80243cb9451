"""Recordings & audit (compliance): search, legal hold, quarantine review, audit export, playback."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label, Static

from ccedge.tui.client import ConsoleError, PermissionDenied, Recording, RecordingQuery
from ccedge.tui.playback import Player
from ccedge.tui.screens.base import ConsoleScreen
from ccedge.tui.screens.export import ExportDialog
from ccedge.tui.widgets.format import clock_time, duration


class RecordingsScreen(ConsoleScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search"),
        Binding("h", "hold", "Legal hold"),
        Binding("u", "quarantine", "Quarantine"),
        Binding("e", "export", "Export audit"),
        Binding("p", "play", "Play"),
        Binding("r", "reload", "Reload"),
    ]

    AUTO_FOCUS = "#recordings"  # keys drive the table; "/" goes to the search box

    def __init__(self) -> None:
        super().__init__()
        self.query_ = RecordingQuery()
        self.rows: list[Recording] = []
        self.player = Player()

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Label("Search ", classes="pane-title")
            yield Input(placeholder="call id or agent (enter)", id="search")
        yield DataTable(id="recordings", cursor_type="row", zebra_stripes=True)
        yield Label("Quarantine", classes="pane-title")
        yield DataTable(id="quarantine", cursor_type="row")
        yield Static(id="rec-status")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#recordings", DataTable).add_columns(
            "Call", "Started", "Dur", "Agent", "Customer", "Hold", "Quar.", "Masked")
        self.query_one("#quarantine", DataTable).add_columns("Call", "Leg", "Span", "Reason")
        self.query_one("#recordings", DataTable).focus()
        self.action_reload()

    @work(exclusive=True, group="recordings-load")
    async def action_reload(self) -> None:
        if self.client is None:
            return
        status = self.query_one("#rec-status", Static)
        try:
            self.rows = await self.client.recordings(self.query_)
        except PermissionDenied as e:
            status.update(Text(f"Refused by the appliance: {e}", style="bold red"))
            return
        except ConsoleError as e:
            status.update(Text(f"The appliance could not answer: {e}", style="bold yellow"))
            return
        self._fill()
        status.update(Text(f"{len(self.rows)} recordings · p plays the redacted audio where a sound "
                           "card exists", style="dim"))

    def _fill(self) -> None:
        table = self.query_one("#recordings", DataTable)
        table.clear()
        for r in self.rows:
            masked = ", ".join(f"{k}×{n}" for k, n in r.masked) or "—"
            table.add_row(r.call_id[:14], clock_time(r.started), duration(r.duration_s), r.agent,
                          r.customer, Text("HOLD", style="bold yellow") if r.legal_hold else "",
                          Text("yes", style="red") if r.quarantined else "", masked, key=r.recording_id)

    def _selected(self) -> Recording | None:
        table = self.query_one("#recordings", DataTable)
        if not table.row_count or not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        # one box, two fields: a call id looks like one; anything else is an agent label
        if (text and any(ch.isdigit() for ch in text) and "@" in text) or len(text) > 16:
            self.query_ = RecordingQuery(call_id=text)
        else:
            self.query_ = RecordingQuery(agent=text)
        self.query_one("#recordings", DataTable).focus()
        self.action_reload()

    @work(group="recordings-write")
    async def action_hold(self) -> None:
        rec = self._selected()
        if rec is None or self.client is None:
            return
        try:
            new = await self.client.set_legal_hold(rec.recording_id, not rec.legal_hold,
                                                   "set from the console")
        except ConsoleError as e:
            self.refused(e)
            return
        self.rows = [new if r.recording_id == new.recording_id else r for r in self.rows]
        self._fill()
        self.notify(f"Legal hold {'set' if new.legal_hold else 'lifted'} on {new.call_id[:14]}.")

    @work(exclusive=True, group="recordings-quarantine")
    async def action_quarantine(self) -> None:
        if self.client is None:
            return
        try:
            items = await self.client.quarantine()
        except ConsoleError as e:
            self.refused(e)
            return
        table = self.query_one("#quarantine", DataTable)
        table.clear()
        for q in items:
            table.add_row(q.call_id[:14], q.leg, f"{q.start_s:.1f}–{q.end_s:.1f}s", q.reason)
        if not items:
            self.notify("Quarantine is empty.")

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog())

    @work(exclusive=True, group="recordings-play")
    async def action_play(self) -> None:
        rec = self._selected()
        if rec is None or self.client is None:
            return
        if not await asyncio.to_thread(self.player.probe):
            self.notify("No sound card here: playback skipped.", severity="warning")
            return
        try:
            rate, wav = await self.client.fetch_audio(rec.recording_id, "played in the console")
        except ConsoleError as e:
            self.refused(e)
            return
        self.notify(f"Playing {rec.call_id[:14]} ({len(wav) // 1024} KiB, {rate} Hz, redacted).")
        await self.player.play(wav)
