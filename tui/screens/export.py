"""The audit export wizard: where to, why, a progress bar, and the verification at the end."""

from __future__ import annotations

import os
import time
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static

from ccedge.tui.client import ConsoleError


def default_path() -> str:
    return os.path.join(os.getcwd(), time.strftime("ccedge-audit-%Y%m%dT%H%M%SZ.jsonl", time.gmtime()))


class ExportDialog(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        self.path = path or default_path()
        self.result_ok: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("[b]Export the audit trail[/b] (signed, verified at the end)")
            yield Label("Write to:")
            yield Input(self.path, id="export-path")
            yield Label("Reason (goes to the audit trail):")
            yield Input("compliance review", id="export-reason")
            yield ProgressBar(total=None, id="export-progress", show_eta=False)
            yield Static("enter: start · escape: close", id="export-status")

    def on_mount(self) -> None:
        self.query_one("#export-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        reason = self.query_one("#export-reason", Input).value.strip() or "console export"
        self.run_export(path, reason)

    @work(exclusive=True, group="export")
    async def run_export(self, path: str, reason: str) -> None:
        client = getattr(self.app, "client", None)
        status = self.query_one("#export-status", Static)
        bar = self.query_one(ProgressBar)
        if client is None:
            return
        status.update("exporting…")
        try:
            async for p in client.export_audit(path, 0.0, 0.0, reason):
                bar.update(total=max(p.total, 1), progress=p.done)
                if p.finished:
                    self.result_ok = bool(p.verified)
                    style = "bold green" if p.verified else "bold red"
                    word = "verified ✓" if p.verified else "NOT verified ✗"
                    # the verdict first: a long path wraps and must never push it out of sight
                    status.update(Text(f"{word} — {p.done} records, {p.message}\n→ {p.path}", style=style))
        except ConsoleError as e:
            self.result_ok = False
            status.update(Text(f"Export refused by the appliance: {e}", style="bold red"))

    def action_close(self) -> None:
        self.dismiss(bool(self.result_ok))
